#pragma once
// One-sided trace-distance discord of any two-qubit state, the first qubit (A) measured.
#include <Eigen/Dense>

namespace qtherm::info {

// D→ = ½ min_χ ‖ρ − χ‖₁ over the classical–quantum states χ = Σ_k p_k |k⟩⟨k| ⊗ ρ_k. X states take
// the closed form (trace_distance_discord_x), every other state trace_distance_discord_general.
// Basis |00>,|01>,|10>,|11> with A first. std::invalid_argument ("trace_distance_discord: ...") if ρ
// is not a 4×4 density matrix.
double trace_distance_discord(const Eigen::MatrixXcd& rho);

// The minimisation for any two-qubit state. For a qubit A the closest χ in a given measurement basis
// is the measured state Π(ρ) (docs/physics.md, section Trace-distance discord), so
// D→ = min over unit n of √(F(n)/8) with, in Bloch form (x_i = tr ρ σ_i⊗1, T_ij = tr ρ σ_i⊗σ_j,
// G = xxᵀ + TTᵀ, K = xxᵀ − TTᵀ),
//   F(n) = tr G − nᵀGn + √[(tr K − nᵀKn)² − 4 nᵀ adj(K) n].
// Minimised over the hemisphere (F(n) = F(−n)) by a grid, then Nelder–Mead with restarts from its
// best points; agrees with the X-state closed form and with brute force to ~1e-9.
double trace_distance_discord_general(const Eigen::MatrixXcd& rho);

}  // namespace qtherm::info
