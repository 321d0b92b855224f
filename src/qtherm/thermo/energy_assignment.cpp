#include "qtherm/thermo/energy_assignment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qtherm::thermo {

using Eigen::MatrixXcd;
using cplx = std::complex<double>;

EffectiveHamiltonian minimal_dissipation_h(const dynamics::SingleParticlePropagator& U, long first, long n, double t) {
  const MatrixXcd G = U.block(t, 0, first, n), Gd = U.block(t, 1, first, n), Gdd = U.block(t, 2, first, n);
  EffectiveHamiltonian out;
  Eigen::PartialPivLU<MatrixXcd> lu(G);
  out.rcond = lu.rcond();
  if (!(out.rcond > 1e3 * std::numeric_limits<double>::epsilon())) {
    out.h = out.hdot = MatrixXcd::Constant(n, n, std::nan(""));
    return out;
  }
  const MatrixXcd Ginv = lu.inverse();
  const MatrixXcd X = Gd * Ginv;            // Ġ G⁻¹
  const MatrixXcd Xd = Gdd * Ginv - X * X;  // d/dt (Ġ G⁻¹), using d(G⁻¹) = −G⁻¹ Ġ G⁻¹
  const cplx half_i(0, 0.5);
  out.h = half_i * (X - X.adjoint());
  out.hdot = half_i * (Xd - Xd.adjoint());
  return out;
}

double FirstLawSeries::residual() const {
  double r = 0;
  for (size_t k = 0; k < U.size(); ++k) r = std::max(r, std::abs(U[k] - U[0] - Q[k] - W[k]));
  return r;
}

FirstLawSeries bare_scheme(const std::vector<double>& EX, const std::vector<double>& Eo,
                           const std::vector<double>& EI) {
  FirstLawSeries s;
  for (size_t k = 0; k < EX.size(); ++k) {
    s.U.push_back(EX[k]);
    s.Q.push_back(-(Eo[k] - Eo[0]));
    s.W.push_back(-(EI[k] - EI[0]));
  }
  return s;
}

FirstLawSeries interaction_scheme(const std::vector<double>& EX, const std::vector<double>& Eo,
                                  const std::vector<double>& EI) {
  FirstLawSeries s;
  for (size_t k = 0; k < EX.size(); ++k) {
    s.U.push_back(EX[k] + EI[k]);
    s.Q.push_back(-(Eo[k] - Eo[0]));
    s.W.push_back(0);
  }
  return s;
}

namespace {

struct Rates {
  double U, Qdot, Wdot, rcond;
};

// W = V† C0 V: C(t) = V D W D* V† with D = diag(e^{−i e t}), so C_XX and Ċ_XX cost O(n N²).
Rates rates(const dynamics::SingleParticlePropagator& U, const MatrixXcd& W, long first, long n, double t) {
  const EffectiveHamiltonian h = minimal_dissipation_h(U, first, n, t);
  const Eigen::VectorXd& e = U.eigenvalues();
  const long N = e.size();
  Eigen::VectorXcd d(N), dd(N);
  for (long k = 0; k < N; ++k) d(k) = std::exp(cplx(0, -e(k) * t)), dd(k) = cplx(0, -e(k)) * d(k);
  const MatrixXcd Y = d.asDiagonal() * W * d.conjugate().asDiagonal();
  const MatrixXcd Yd =
      dd.asDiagonal() * W * d.conjugate().asDiagonal() + d.asDiagonal() * W * dd.conjugate().asDiagonal();
  const auto VX = U.eigenvectors().middleRows(first, n);
  const MatrixXcd CX = VX * Y * VX.adjoint(), CdX = VX * Yd * VX.adjoint();
  return {(h.h * CX).trace().real(), (h.h * CdX).trace().real(), (h.hdot * CX).trace().real(), h.rcond};
}

}  // namespace
namespace {

// 5-point Gauss–Legendre on [−1, 1].
constexpr double kNode[5] = {0.0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640, 0.9061798459386640};
constexpr double kWeight[5] = {0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891,
                               0.2369268850561891};

}  // namespace

MinimalDissipationSteps::MinimalDissipationSteps(const dynamics::SingleParticlePropagator& U, const MatrixXcd& C0,
                                                 long first, long n, int substeps)
    : U_(U), Wc_(U.eigenvectors().adjoint() * C0 * U.eigenvectors()), first_(first), n_(n), substeps_(substeps) {}

std::array<double, 6> MinimalDissipationSteps::at(const std::vector<double>& times, size_t k, double& Q,
                                                  double& W) const {
  if (k > 0) {
    const double a = times[k - 1], piece = (times[k] - a) / substeps_;
    for (int s = 0; s < substeps_; ++s) {
      const double mid = a + (s + 0.5) * piece, half = 0.5 * piece;
      for (int q = 0; q < 5; ++q) {
        const Rates r = rates(U_, Wc_, first_, n_, mid + half * kNode[q]);
        Q += half * kWeight[q] * r.Qdot;
        W += half * kWeight[q] * r.Wdot;
      }
    }
  }
  const Rates r = rates(U_, Wc_, first_, n_, times[k]);
  return {r.U, Q, W, r.Qdot, r.Wdot, r.rcond};
}

MinimalDissipation minimal_dissipation_scheme(const dynamics::SingleParticlePropagator& U, const MatrixXcd& C0,
                                              long first, long n, const std::vector<double>& times, int substeps) {
  MinimalDissipation md;
  const MinimalDissipationSteps steps(U, C0, first, n, substeps);
  double Q = 0, W = 0;
  for (size_t k = 0; k < times.size(); ++k) {
    const auto v = steps.at(times, k, Q, W);
    md.law.U.push_back(v[0]);
    md.law.Q.push_back(v[1]);
    md.law.W.push_back(v[2]);
    md.heat_rate.push_back(v[3]);
    md.work_rate.push_back(v[4]);
    md.rcond.push_back(v[5]);
  }
  return md;
}

}  // namespace qtherm::thermo
