#pragma once
// Reference quantum states for the tests of the information measures (tests/unit/info/test_info_*,
// test_trace_distance): random unitaries and pure states, Kronecker products, Bell, Werner,
// Bloch-vector qubit and two-qubit X states. Random ones are reproducible from their seed.
// Builds on dense_reference.hpp (Dense, random_ginibre, random_density_matrix).
#include <cmath>
#include <complex>

#include "dense_reference.hpp"

// a ⊗ b, a the more significant factor.
Dense kron(const Dense& a, const Dense& b);

// The unitary factor Q of the QR decomposition of a random_ginibre matrix.
Dense random_unitary(long d, unsigned seed);

// The real counterpart: Q of the QR decomposition of a d×d matrix of standard normal entries.
Eigen::MatrixXd random_orthogonal(long d, unsigned seed);

// A normalised vector of independent standard complex Gaussian entries.
Eigen::VectorXcd random_state_vector(long d, unsigned seed);

// |ψ><ψ| for ψ = random_state_vector(d, seed).
Dense random_pure(long d, unsigned seed);

// |v><v| / <v|v>.
Dense pure(const Eigen::VectorXcd& v);

// |Φ+><Φ+|, |Φ+> = (|00> + |11>)/√2, with exact entries ½.
Dense bell_phi_plus();

// Werner state p|ψ−><ψ−| + (1 − p) 1/4, |ψ−> = (|01> − |10>)/√2.
Dense werner(double p);

// The qubit ½(1 + x σx + y σy + z σz) (index 0 is the σz = +1 state).
Dense qubit(double x, double y, double z);

// Two-qubit X state: populations p on the diagonal, coherences ρ₀₃ = r14 and ρ₁₂ = r23 and their
// conjugates (seed 002's ρ14 and ρ23). Positive iff |r14|² ≤ p₀p₃ and |r23|² ≤ p₁p₂.
Dense x_state(const Eigen::Vector4d& p, std::complex<double> r14, std::complex<double> r23);

// A random positive X state: populations uniform in [0.05, 1] normalised, coherences of random
// phase and a random fraction of the largest modulus positivity allows.
Dense random_x_state(unsigned seed);
