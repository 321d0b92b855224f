#include "qtherm/operators/superoperator.hpp"

#include <stdexcept>

namespace qtherm::operators {

SuperOperator& SuperOperator::add(PetscScalar c, const OperatorSum& A, const OperatorSum& B) {
  terms_.push_back(Term{c, A, B.transpose(), B});
  return *this;
}

SuperOperator& SuperOperator::add(const SuperOperator& other, PetscScalar c) {
  for (const auto& t : other.terms_) terms_.push_back(Term{c * t.c, t.A, t.Bt, t.B});
  return *this;
}

void SuperOperator::append_row(PetscInt r, Row& out) const {
  const PetscInt d = space_.dim();
  const PetscInt i = r % d, j = r / d;
  Row a, b;
  for (const auto& t : terms_) {
    a.clear();
    b.clear();
    t.A.append_row(i, a);
    t.Bt.append_row(j, b);
    for (const auto& [l, bv] : b)
      for (const auto& [k, av] : a) out.emplace_back(k + d * l, t.c * av * bv);
  }
}

OperatorSum SuperOperator::dual(const OperatorSum& O) const {
  OperatorSum out(space_);
  for (const auto& t : terms_) out.add(t.B * O * t.A, t.c);
  return out;
}

Dense SuperOperator::apply(const Dense& rho) const {
  Dense out = Dense::Zero(rho.rows(), rho.cols());
  for (const auto& t : terms_) out += t.c * t.A.dense() * rho * t.B.dense();
  return out;
}

SuperOperator hamiltonian_part(const OperatorSum& H) {
  const auto I = OperatorSum::identity(H.space());
  SuperOperator L(H.space());
  const PetscScalar i(0, 1);
  L.add(-i, H, I);
  L.add(i, I, H);
  return L;
}

SuperOperator dissipator(const OperatorSum& c, double rate) {
  const auto I = OperatorSum::identity(c.space());
  const auto cd = c.adjoint();
  const auto cdc = cd * c;
  SuperOperator L(c.space());
  L.add(rate, c, cd);
  L.add(-0.5 * rate, cdc, I);
  L.add(-0.5 * rate, I, cdc);
  return L;
}

SuperOperator gksl(const std::vector<OperatorSum>& S, const Eigen::MatrixXcd& gamma) {
  if (S.empty()) throw std::invalid_argument("GKSL generator needs at least one operator");
  if (gamma.rows() != Eigen::Index(S.size()) || gamma.cols() != Eigen::Index(S.size()))
    throw std::invalid_argument("GKSL rate matrix must be " + std::to_string(S.size()) + "x" +
                                std::to_string(S.size()));
  const auto I = OperatorSum::identity(S[0].space());
  SuperOperator L(S[0].space());
  for (size_t j = 0; j < S.size(); ++j)
    for (size_t k = 0; k < S.size(); ++k) {
      const PetscScalar g = gamma(j, k);
      if (g == PetscScalar(0)) continue;
      const auto Skd = S[k].adjoint();
      const auto SkdSj = Skd * S[j];
      L.add(g, S[j], Skd);
      L.add(-0.5 * g, SkdSj, I);
      L.add(-0.5 * g, I, SkdSj);
    }
  return L;
}

SuperOperator cascade(const OperatorSum& x1, const OperatorSum& x2, double kappa) {
  const auto I = OperatorSum::identity(x1.space());
  const auto x1d = x1.adjoint(), x2d = x2.adjoint();
  SuperOperator L(x1.space());
  L.add(kappa, x1, x2d);       // x1 ρ x2†
  L.add(-kappa, x1 * x2d, I);  // −x1 x2† ρ
  L.add(kappa, x2, x1d);       // x2 ρ x1†
  L.add(-kappa, I, x2 * x1d);  // −ρ x2 x1†
  return L;
}

}  // namespace qtherm::operators
