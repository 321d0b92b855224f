#include "qtherm/dynamics/gaussian_evolution.hpp"

#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/base/eigen_exp.hpp"
#include "qtherm/base/error.hpp"

namespace qtherm::dynamics {

namespace {
// vec(AS + SAᵀ) = (1 ⊗ A + A ⊗ 1) vec S with column-major vec.
Eigen::MatrixXd lyapunov_operator(const Eigen::MatrixXd& A) {
  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(A.rows(), A.rows());
  return Eigen::kroneckerProduct(I, A).eval() + Eigen::kroneckerProduct(A, I).eval();
}
}  // namespace

GaussianEvolution::GaussianEvolution(Eigen::MatrixXd A, Eigen::MatrixXd M) : A_(std::move(A)), M_(std::move(M)) {
  if (A_.rows() != A_.cols() || M_.rows() != A_.rows() || M_.cols() != A_.rows())
    throw Error("GaussianEvolution: A and M must be square of the same size");
  const long k = A_.rows(), q = k * k;
  // z = (vec S, 1, ∫vec S): S' = K S + vec M, (∫S)' = S.
  G_ = Eigen::MatrixXd::Zero(2 * q + 1, 2 * q + 1);
  G_.block(0, 0, q, q) = lyapunov_operator(A_);
  G_.block(0, q, q, 1) = Eigen::Map<const Eigen::VectorXd>(M_.data(), q);
  G_.block(q + 1, 0, q, q) = Eigen::MatrixXd::Identity(q, q);
}

GaussianMoments GaussianEvolution::at(const GaussianMoments& init, double t) const {
  return step(t)(GaussianMoments{init.S, init.mean, Eigen::MatrixXd()});
}

GaussianEvolution::Step GaussianEvolution::step(double dt) const {
  Step s;
  s.E_ = (G_ * dt).exp();
  s.E_mean_ = (A_ * dt).exp();
  return s;
}

GaussianMoments GaussianEvolution::Step::operator()(const GaussianMoments& from) const {
  const long k = E_mean_.rows(), q = k * k;
  Eigen::VectorXd z = Eigen::VectorXd::Zero(2 * q + 1);
  z.head(q) = Eigen::Map<const Eigen::VectorXd>(from.S.data(), q);
  z(q) = 1.0;
  if (from.S_integral.size() != 0) z.tail(q) = Eigen::Map<const Eigen::VectorXd>(from.S_integral.data(), q);
  const Eigen::VectorXd zt = E_ * z;
  GaussianMoments out;
  out.S = Eigen::Map<const Eigen::MatrixXd>(zt.data(), k, k);
  out.S_integral = Eigen::Map<const Eigen::MatrixXd>(zt.data() + q + 1, k, k);
  out.S = 0.5 * (out.S + out.S.transpose()).eval();
  out.S_integral = 0.5 * (out.S_integral + out.S_integral.transpose()).eval();
  out.mean = E_mean_ * from.mean;
  return out;
}

Eigen::MatrixXd GaussianEvolution::stationary() const {
  const long k = A_.rows(), q = k * k;
  const Eigen::VectorXd m = Eigen::Map<const Eigen::VectorXd>(M_.data(), q);
  const Eigen::VectorXd s = lyapunov_operator(A_).fullPivLu().solve(-m);
  Eigen::MatrixXd S = Eigen::Map<const Eigen::MatrixXd>(s.data(), k, k);
  return 0.5 * (S + S.transpose());
}

}  // namespace qtherm::dynamics
