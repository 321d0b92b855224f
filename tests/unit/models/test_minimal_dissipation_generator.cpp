// Minimal-dissipation K_1(t) two independent ways on a small fermionic system (docs/physics.md, seed
// 003): (a) the quadratic formula K = Σ (h_eff)_mn a_m† a_n, h_eff = (i/2)[ĠG⁻¹ − h.c.] from the
// single-particle propagator; (b) numerically from the many-body dynamical map of reservoir 1,
// Φ_t(X) = tr_2[U (X ⊗ ρ_2) U†], its generator L_t = Φ̇_t Φ_t⁻¹ and
// K = (1/(2i d)) Σ_ij [E_ij† L(E_ij) − L(E_ij†) E_ij]. Both traceless; they must agree to 1e-8.
#define BOOST_TEST_MODULE minimal_dissipation_generator
#include <boost/test/unit_test.hpp>

#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/base/eigen_exp.hpp"
#include "qtherm/models/reservoirs/many_body_reservoirs.hpp"
#include "qtherm/operators/fermion_operator.hpp"
#include "qtherm/thermo/energy_assignment.hpp"

using namespace qtherm;
using Eigen::MatrixXcd;
using cplx = std::complex<double>;

namespace {

// tr over the last d2 dimensions of a (d1 d2)×(d1 d2) matrix (reservoir 2 = the low bits).
MatrixXcd trace_second(const MatrixXcd& R, long d1, long d2) {
  MatrixXcd out = MatrixXcd::Zero(d1, d1);
  for (long a = 0; a < d1; ++a)
    for (long b = 0; b < d1; ++b)
      for (long k = 0; k < d2; ++k) out(a, b) += R(a * d2 + k, b * d2 + k);
  return out;
}

MatrixXcd unvec(const Eigen::VectorXcd& v, long d) { return Eigen::Map<const MatrixXcd>(v.data(), d, d); }
Eigen::VectorXcd vec(const MatrixXcd& m) { return Eigen::Map<const Eigen::VectorXcd>(m.data(), m.size()); }

}  // namespace

BOOST_AUTO_TEST_CASE(quadratic_formula_equals_generator_of_the_many_body_map) {
  const long n1 = 2, n2 = 2, d1 = 1 << n1, d2 = 1 << n2;
  models::ManyBodyReservoirs r;
  r.one_body.h1 = MatrixXcd(2, 2);
  r.one_body.h1 << 1.0, cplx(0.15, 0.05), cplx(0.15, -0.05), 0.8;
  r.one_body.h2 = MatrixXcd(2, 2);
  r.one_body.h2 << 0.6, 0.1, 0.1, 0.9;
  r.one_body.g = MatrixXcd(2, 2);
  r.one_body.g << 0.12, cplx(0.03, 0.02), -0.05, 0.09;
  const double beta2 = 1.3, mu2 = 0.4;
  using Part = models::ManyBodyReservoirs::Part;
  const MatrixXcd H = operators::dense_fermion(space::BitBasis::full(n1 + n2), r.op(Part::total));
  const auto res2 = r.op(Part::reservoir2);
  operators::NumberConservingOperator h2only{res2.hopping.bottomRightCorner(n2, n2),
                                             res2.density.bottomRightCorner(n2, n2)};
  operators::NumberConservingOperator n2only{MatrixXcd::Identity(n2, n2), Eigen::MatrixXd::Zero(n2, n2)};
  const MatrixXcd K2 = operators::dense_fermion(space::BitBasis::full(n2), h2only) -
                       mu2 * operators::dense_fermion(space::BitBasis::full(n2), n2only);
  MatrixXcd rho2 = (-beta2 * K2).exp();
  rho2 /= rho2.trace();

  const MatrixXcd M = r.one_body.one_body();
  const dynamics::SingleParticlePropagator P(M);
  double worst = 0;
  for (double t : {0.4, 1.7, 3.1}) {
    const MatrixXcd U = (cplx(0, -t) * H).exp();
    MatrixXcd Phi(d1 * d1, d1 * d1), Phid(d1 * d1, d1 * d1);
    for (long col = 0; col < d1 * d1; ++col) {
      MatrixXcd E = MatrixXcd::Zero(d1, d1);
      E(col % d1, col / d1) = 1;  // column stacking
      const MatrixXcd R = U * Eigen::kroneckerProduct(E, rho2).eval() * U.adjoint();
      Phi.col(col) = vec(trace_second(R, d1, d2));
      Phid.col(col) = vec(trace_second(cplx(0, -1) * (H * R - R * H), d1, d2));
    }
    const MatrixXcd L = Phid * Phi.inverse();
    auto apply = [&](const MatrixXcd& X) { return unvec(L * vec(X), d1); };
    MatrixXcd K = MatrixXcd::Zero(d1, d1);
    for (long i = 0; i < d1; ++i)
      for (long j = 0; j < d1; ++j) {
        MatrixXcd E = MatrixXcd::Zero(d1, d1);
        E(i, j) = 1;
        K += E.adjoint() * apply(E) - apply(E.adjoint()) * E;
      }
    K /= cplx(0, 2.0 * d1);
    const auto heff = thermo::minimal_dissipation_h(P, 0, n1, t);
    MatrixXcd Kq = operators::dense_fermion(space::BitBasis::full(n1), {heff.h, Eigen::MatrixXd::Zero(n1, n1)});
    Kq -= (Kq.trace() / double(d1)) * MatrixXcd::Identity(d1, d1);
    worst = std::max(worst, (K - Kq).norm());
    BOOST_TEST_MESSAGE("t = " << t << ": ||K_map - K_quadratic|| = " << (K - Kq).norm() << ", ||K|| = " << K.norm());
  }
  BOOST_TEST(worst < 1e-8);
}
