// Bodies of quantum_states.hpp, compiled once (support library): the Householder QR of
// random_unitary alone cost every information-measure test ~10 s of compile time inline.
#include "quantum_states.hpp"

Dense kron(const Dense& a, const Dense& b) { return Eigen::kroneckerProduct(a, b).eval(); }

Dense random_unitary(long d, unsigned seed) {
  std::mt19937 gen(seed);
  const Dense g = random_ginibre(d, gen);
  return Eigen::HouseholderQR<Dense>(g).householderQ() * Dense::Identity(d, d);
}

Eigen::MatrixXd random_orthogonal(long d, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> n;
  Eigen::MatrixXd g(d, d);
  for (long i = 0; i < d; ++i)
    for (long j = 0; j < d; ++j) g(i, j) = n(gen);
  return Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ() * Eigen::MatrixXd::Identity(d, d);
}

Eigen::VectorXcd random_state_vector(long d, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> n;
  Eigen::VectorXcd v(d);
  for (long i = 0; i < d; ++i) v(i) = {n(gen), n(gen)};
  return v.normalized();
}

Dense random_pure(long d, unsigned seed) {
  const Eigen::VectorXcd v = random_state_vector(d, seed);
  return v * v.adjoint();
}

Dense pure(const Eigen::VectorXcd& v) { return v.normalized() * v.normalized().adjoint(); }

Dense bell_phi_plus() {
  Dense r = Dense::Zero(4, 4);
  r(0, 0) = r(0, 3) = r(3, 0) = r(3, 3) = 0.5;
  return r;
}

Dense werner(double p) {
  const Eigen::Vector4cd psi(0, 1 / std::sqrt(2.0), -1 / std::sqrt(2.0), 0);
  return p * psi * psi.adjoint() + (1 - p) * Dense::Identity(4, 4) / 4.0;
}

Dense qubit(double x, double y, double z) {
  const std::complex<double> i(0, 1);
  return 0.5 * (Dense(2, 2) << 1 + z, x - i * y, x + i * y, 1 - z).finished();
}

Dense x_state(const Eigen::Vector4d& p, std::complex<double> r14, std::complex<double> r23) {
  Dense r = Dense::Zero(4, 4);
  for (int k = 0; k < 4; ++k) r(k, k) = p(k);
  r(0, 3) = r14, r(3, 0) = std::conj(r14);
  r(1, 2) = r23, r(2, 1) = std::conj(r23);
  return r;
}

Dense random_x_state(unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> u(0.05, 1);
  std::uniform_real_distribution<double> ph(0, 2 * M_PI);
  const std::complex<double> i(0, 1);
  Eigen::Vector4d p(u(gen), u(gen), u(gen), u(gen));
  p /= p.sum();
  const std::complex<double> r23 = u(gen) * std::sqrt(p(1) * p(2)) * std::exp(i * ph(gen));
  const std::complex<double> r14 = u(gen) * std::sqrt(p(0) * p(3)) * std::exp(i * ph(gen));
  return x_state(p, r14, r23);
}
