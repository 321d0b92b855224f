#pragma once
// Trace distance and the trace-distance discord of two-qubit X states.
#include <Eigen/Dense>

namespace qtherm::info {

// ½‖a − b‖₁ for density matrices a, b of the same size (validated as in state_checks.hpp;
// std::invalid_argument starting "trace_distance:").
double trace_distance(const Eigen::MatrixXcd& a, const Eigen::MatrixXcd& b);

// True when only the diagonal and the anti-diagonal of the 4×4 ρ exceed `tol` in modulus.
bool is_x_state(const Eigen::MatrixXcd& rho, double tol = 1e-12);

// One-sided trace-distance discord D→ = ½ min ‖ρ − χ_CQ‖₁ (party A = the first qubit measured),
// by the closed form of Ciccarello, Tufarelli, Giovannetti, NJP 16, 013038 (2014) for X states
// (docs/physics.md). Basis |00>,|01>,|10>,|11> with party A first. Throws qtherm::Error if ρ is not an
// X state, std::invalid_argument ("trace_distance_discord: ...") if it is not a density matrix.
double trace_distance_discord_x(const Eigen::MatrixXcd& rho);

}  // namespace qtherm::info
