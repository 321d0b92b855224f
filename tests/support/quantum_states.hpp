#pragma once
// Reference quantum states for the tests of the information measures (tests/unit/info/test_info_*,
// test_trace_distance): random unitaries and pure states, Kronecker products, Bell, Werner,
// Bloch-vector qubit and two-qubit X states. Random ones are reproducible from their seed.
// Builds on dense_reference.hpp (Dense, random_ginibre, random_density_matrix).
#include <cmath>
#include <complex>

#include "dense_reference.hpp"

// a ⊗ b, a the more significant factor.
inline Dense kron(const Dense& a, const Dense& b) { return Eigen::kroneckerProduct(a, b).eval(); }

// The unitary factor Q of the QR decomposition of a random_ginibre matrix.
inline Dense random_unitary(long d, unsigned seed) {
  std::mt19937 gen(seed);
  const Dense g = random_ginibre(d, gen);
  return Eigen::HouseholderQR<Dense>(g).householderQ() * Dense::Identity(d, d);
}

// A normalised vector of independent standard complex Gaussian entries.
inline Eigen::VectorXcd random_state_vector(long d, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> n;
  Eigen::VectorXcd v(d);
  for (long i = 0; i < d; ++i) v(i) = {n(gen), n(gen)};
  return v.normalized();
}

// |ψ><ψ| for ψ = random_state_vector(d, seed).
inline Dense random_pure(long d, unsigned seed) {
  const Eigen::VectorXcd v = random_state_vector(d, seed);
  return v * v.adjoint();
}

// |v><v| / <v|v>.
inline Dense pure(const Eigen::VectorXcd& v) { return v.normalized() * v.normalized().adjoint(); }

// |Φ+><Φ+|, |Φ+> = (|00> + |11>)/√2, with exact entries ½.
inline Dense bell_phi_plus() {
  Dense r = Dense::Zero(4, 4);
  r(0, 0) = r(0, 3) = r(3, 0) = r(3, 3) = 0.5;
  return r;
}

// Werner state p|ψ−><ψ−| + (1 − p) 1/4, |ψ−> = (|01> − |10>)/√2.
inline Dense werner(double p) {
  const Eigen::Vector4cd psi(0, 1 / std::sqrt(2.0), -1 / std::sqrt(2.0), 0);
  return p * psi * psi.adjoint() + (1 - p) * Dense::Identity(4, 4) / 4.0;
}

// The qubit ½(1 + x σx + y σy + z σz) (index 0 is the σz = +1 state).
inline Dense qubit(double x, double y, double z) {
  const std::complex<double> i(0, 1);
  return 0.5 * (Dense(2, 2) << 1 + z, x - i * y, x + i * y, 1 - z).finished();
}

// Two-qubit X state: populations p on the diagonal, coherences ρ₀₃ = r14 and ρ₁₂ = r23 and their
// conjugates (seed 002's ρ14 and ρ23). Positive iff |r14|² ≤ p₀p₃ and |r23|² ≤ p₁p₂.
inline Dense x_state(const Eigen::Vector4d& p, std::complex<double> r14, std::complex<double> r23) {
  Dense r = Dense::Zero(4, 4);
  for (int k = 0; k < 4; ++k) r(k, k) = p(k);
  r(0, 3) = r14, r(3, 0) = std::conj(r14);
  r(1, 2) = r23, r(2, 1) = std::conj(r23);
  return r;
}

// A random positive X state: populations uniform in [0.05, 1] normalised, coherences of random
// phase and a random fraction of the largest modulus positivity allows.
inline Dense random_x_state(unsigned seed) {
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
