#include "qtherm/operators/banded_liouvillian.hpp"

#include <algorithm>
#include <complex>
#include <map>
#include <memory>
#include <stdexcept>

#include "qtherm/base/check.hpp"
#include "qtherm/operators/banded_groups.hpp"

namespace qtherm::operators {

Monomial::Monomial(space::TensorSpace s) : space_(std::move(s)) {
  for (int p = 0; p < space_.parties(); ++p)
    factors_.push_back(LocalMonomial{0, std::vector<PetscScalar>(space_.local_dim(p), 1.0)});
}

Monomial Monomial::local(const space::TensorSpace& s, const std::string& name, int party) {
  const PetscInt n = s.local_dim(party);
  const Dense M = local_operator(name, n);
  Monomial out(s);
  bool found = false;
  LocalMonomial f{0, std::vector<PetscScalar>(n, 0.0)};
  for (PetscInt r = 0; r < n; ++r)
    for (PetscInt c = 0; c < n; ++c) {
      if (M(r, c) == 0.0) continue;
      if (found && c - r != f.offset)
        throw std::invalid_argument("operator " + name + " has more than one nonzero diagonal");
      found = true;
      f.offset = c - r;
      f.values[r] = M(r, c);
    }
  out.factors_[party] = f;
  return out;
}

Monomial Monomial::operator*(const Monomial& o) const {
  Monomial out(space_);
  for (int p = 0; p < space_.parties(); ++p) {
    const auto &a = factors_[p], &b = o.factors_[p];
    const PetscInt n = space_.local_dim(p);
    LocalMonomial f{a.offset + b.offset, std::vector<PetscScalar>(n, 0.0)};
    for (PetscInt m = 0; m < n; ++m) {
      const PetscInt k = m + a.offset;  // (AB)[m, m+oa+ob] = A[m, k] B[k, k+ob]
      if (k >= 0 && k < n) f.values[m] = a.values[m] * b.values[k];
    }
    out.factors_[p] = f;
  }
  return out;
}

Monomial Monomial::transpose() const {
  Monomial out(space_);
  for (int p = 0; p < space_.parties(); ++p) {
    const auto& a = factors_[p];
    const PetscInt n = space_.local_dim(p);
    LocalMonomial f{-a.offset, std::vector<PetscScalar>(n, 0.0)};
    for (PetscInt r = 0; r < n; ++r) {  // Aᵀ[r, r − o] = A[r − o, r]
      const PetscInt m = r - a.offset;
      if (m >= 0 && m < n) f.values[r] = a.values[m];
    }
    out.factors_[p] = f;
  }
  return out;
}

Dense Monomial::dense() const {
  const PetscInt d = space_.dim();
  Dense M = Dense::Zero(d, d);
  for (PetscInt i = 0; i < d; ++i) {
    PetscScalar v = 1.0;
    PetscInt j = 0;
    for (int p = 0; p < space_.parties() && v != 0.0; ++p) {
      const PetscInt m = space_.digit(i, p), c = m + factors_[p].offset;
      if (c < 0 || c >= space_.local_dim(p))
        v = 0.0;
      else {
        v *= factors_[p].values[m];
        j += c * space_.stride(p);
      }
    }
    if (v != 0.0) M(i, j) = v;
  }
  return M;
}

Monomial Monomial::adjoint() const {
  Monomial t = transpose();
  for (auto& f : t.factors_)
    for (auto& v : f.values) v = std::conj(v);
  return t;
}

BandedSuperOperator& BandedSuperOperator::add(PetscScalar c, const Monomial& A, const Monomial& B) {
  terms_.push_back({c, A, B});
  return *this;
}

BandedSuperOperator& BandedSuperOperator::add_hamiltonian(const Monomial& H, double scale) {
  const Monomial I(space_);
  add(PetscScalar(0, -scale), H, I);
  add(PetscScalar(0, scale), I, H);
  return *this;
}

BandedSuperOperator& BandedSuperOperator::add_dissipator(const Monomial& c, double rate) {
  const Monomial I(space_), cd = c.adjoint(), cdc = cd * c;
  add(rate, c, cd);
  add(-0.5 * rate, cdc, I);
  add(-0.5 * rate, I, cdc);
  return *this;
}

BandedSuperOperator& BandedSuperOperator::add_cascade(const Monomial& x1, const Monomial& x2, double kappa) {
  const Monomial I(space_), x1d = x1.adjoint(), x2d = x2.adjoint();
  add(kappa, x1, x2d);       // x1 ρ x2†
  add(-kappa, x1 * x2d, I);  // − x1 x2† ρ
  add(kappa, x2, x1d);       // x2 ρ x1†
  add(-kappa, I, x2 * x1d);  // − ρ x2 x1†
  return *this;
}

Dense BandedSuperOperator::apply(const Dense& rho) const {
  Dense out = Dense::Zero(rho.rows(), rho.cols());
  for (const auto& t : terms_) out += t.c * t.A.dense() * rho * t.B.dense();
  return out;
}

namespace detail {

std::vector<PetscScalar> left_values(const Monomial& M) {
  const auto& s = M.space();
  std::vector<PetscScalar> v(s.dim());
  for (PetscInt i = 0; i < s.dim(); ++i) {
    PetscScalar x = 1.0;
    for (int p = 0; p < s.parties() && x != 0.0; ++p) {
      const auto& f = M.factor(p);
      const PetscInt m = s.digit(i, p);
      x = (m + f.offset < 0 || m + f.offset >= s.local_dim(p)) ? 0.0 : x * f.values[m];
    }
    v[i] = x;
  }
  return v;
}

std::vector<PetscScalar> right_values(const Monomial& M) {
  const auto& s = M.space();
  std::vector<PetscScalar> v(s.dim());
  for (PetscInt j = 0; j < s.dim(); ++j) {
    PetscScalar x = 1.0;
    for (int p = 0; p < s.parties() && x != 0.0; ++p) {
      const auto& f = M.factor(p);
      const PetscInt l = s.digit(j, p) - f.offset;
      x = (l < 0 || l >= s.local_dim(p)) ? 0.0 : x * f.values[l];
    }
    v[j] = x;
  }
  return v;
}

PetscInt linear_shift(const Monomial& M) {
  PetscInt s = 0;
  for (int p = 0; p < M.space().parties(); ++p) s += M.factor(p).offset * M.space().stride(p);
  return s;
}

std::vector<Group> build_groups(const BandedSuperOperator& L) {
  std::map<std::pair<PetscInt, PetscInt>, Group> by_shift;
  for (const auto& t : L.terms()) {
    Group& g = by_shift[{linear_shift(t.A), -linear_shift(t.B)}];
    g.dA = linear_shift(t.A);
    g.dB = -linear_shift(t.B);
    auto a = left_values(t.A);
    auto b = right_values(t.B);
    for (auto& x : b) x *= t.c;
    // Merge with a part that shares either factor (sums of left-only or right-only terms).
    bool merged = false;
    for (size_t k = 0; k < g.aval.size() && !merged; ++k) {
      if (g.aval[k] == a) {
        for (size_t j = 0; j < b.size(); ++j) g.bval[k][j] += b[j];
        merged = true;
      } else if (g.bval[k] == b) {
        for (size_t i = 0; i < a.size(); ++i) g.aval[k][i] += a[i];
        merged = true;
      }
    }
    if (!merged) {
      g.aval.push_back(std::move(a));
      g.bval.push_back(std::move(b));
    }
  }
  std::vector<Group> out;
  for (auto& [key, g] : by_shift) {
    g.real = true;
    for (const auto* v : {&g.aval, &g.bval})
      for (const auto& x : *v)
        for (const auto& e : x) g.real = g.real && e.imag() == 0.0;
    if (g.real) {
      // aval doubled (one per real and imaginary part) so the kernel is a plain loop over doubles.
      for (const auto& x : g.aval) {
        std::vector<double> r(2 * x.size());
        for (size_t i = 0; i < x.size(); ++i) r[2 * i] = r[2 * i + 1] = x[i].real();
        g.ra.push_back(std::move(r));
      }
      for (const auto& x : g.bval) {
        std::vector<double> r(x.size());
        for (size_t i = 0; i < x.size(); ++i) r[i] = x[i].real();
        g.rb.push_back(std::move(r));
      }
    }
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace detail

}  // namespace qtherm::operators
