#include "qtherm/dynamics/single_particle.hpp"

#include <cmath>
#include <complex>
#include <stdexcept>
#include <string>

#include "qtherm/base/eigen_solvers.hpp"

namespace qtherm::dynamics {

using Eigen::MatrixXcd;
using cplx = std::complex<double>;

MatrixXcd TwoReservoirs::one_body() const {
  const long a = n1(), b = n2();
  MatrixXcd M(a + b, a + b);
  M.topLeftCorner(a, a) = h1;
  M.topRightCorner(a, b) = g;
  M.bottomLeftCorner(b, a) = g.adjoint();
  M.bottomRightCorner(b, b) = h2;
  return M;
}

MatrixXcd thermal_correlation(const MatrixXcd& h, double beta, double mu, Statistics s) {
  const MatrixXcd hermitian = 0.5 * (h + h.adjoint());
  Eigen::SelfAdjointEigenSolver<MatrixXcd> es(hermitian);
  Eigen::VectorXd f(h.rows());
  for (long k = 0; k < h.rows(); ++k) {
    const double x = beta * (es.eigenvalues()(k) - mu);
    if (s == Statistics::fermions) {
      // 1/(e^x + 1) without overflow for large |x|.
      f(k) = x > 0 ? std::exp(-x) / (1 + std::exp(-x)) : 1 / (std::exp(x) + 1);
    } else {
      if (!(x > 0))
        throw std::invalid_argument("Bose occupation diverges: beta (eps - mu) = " + std::to_string(x) +
                                    " <= 0 for the one-body eigenvalue eps = " + std::to_string(es.eigenvalues()(k)));
      f(k) = 1 / std::expm1(x);
    }
  }
  return es.eigenvectors() * f.asDiagonal() * es.eigenvectors().adjoint();
}

SingleParticlePropagator::SingleParticlePropagator(const MatrixXcd& M) {
  const MatrixXcd hermitian = 0.5 * (M + M.adjoint());
  Eigen::SelfAdjointEigenSolver<MatrixXcd> es(hermitian);
  V_ = es.eigenvectors();
  e_ = es.eigenvalues();
}

MatrixXcd SingleParticlePropagator::operator()(double t, int order) const {
  Eigen::VectorXcd d(e_.size());
  for (long k = 0; k < e_.size(); ++k) {
    const cplx phase = std::exp(cplx(0, -e_(k) * t));
    d(k) = order == 0 ? phase : order == 1 ? cplx(0, -e_(k)) * phase : -e_(k) * e_(k) * phase;
  }
  return V_ * d.asDiagonal() * V_.adjoint();
}

MatrixXcd SingleParticlePropagator::block(double t, int order, long first, long n) const {
  Eigen::VectorXcd d(e_.size());
  for (long k = 0; k < e_.size(); ++k) {
    const cplx phase = std::exp(cplx(0, -e_(k) * t));
    d(k) = order == 0 ? phase : order == 1 ? cplx(0, -e_(k)) * phase : -e_(k) * e_(k) * phase;
  }
  const auto VX = V_.middleRows(first, n);
  return VX * d.asDiagonal() * VX.adjoint();
}

QuadraticTrace::QuadraticTrace(const SingleParticlePropagator& U, const MatrixXcd& O, const MatrixXcd& C0)
    : e_(U.eigenvalues()) {
  const MatrixXcd& V = U.eigenvectors();
  const MatrixXcd Ot = V.adjoint() * O * V, W = V.adjoint() * C0 * V;
  A_ = Ot.transpose().cwiseProduct(W);
}

double QuadraticTrace::operator()(double t) const {
  Eigen::VectorXcd d(e_.size());
  for (long k = 0; k < e_.size(); ++k) d(k) = std::exp(cplx(0, -e_(k) * t));
  return (d.transpose() * A_ * d.conjugate())(0, 0).real();
}

MatrixXcd SingleParticlePropagator::correlation(const MatrixXcd& C0, double t) const {
  const MatrixXcd U = (*this)(t);
  return U * C0 * U.adjoint();
}

ReservoirEnergies energies(const TwoReservoirs& r, const MatrixXcd& C) {
  const long a = r.n1(), b = r.n2();
  ReservoirEnergies e;
  e.E1 = (r.h1 * C.topLeftCorner(a, a)).trace().real();
  e.E2 = (r.h2 * C.bottomRightCorner(b, b)).trace().real();
  e.EI = 2 * (r.g * C.bottomLeftCorner(b, a)).trace().real();
  return e;
}

}  // namespace qtherm::dynamics
