#pragma once
// Quantum discord D(B|A) = I(A:B) − J(B|A) with projective measurements on a qubit A and B of
// any dimension (docs/physics.md):
//   J(B|A) = S(B) − min_{θ,φ} Σ_l p_l S(ρ_{B|l}),
// the measurement basis |1> = cos(θ/2)|e> + e^{iφ} sin(θ/2)|g>, |2> ⟂ |1>, i.e. the projectors
// (1 ± n·σ)/2 with n the Bloch vector (sinθ cosφ, sinθ sinφ, cosθ) in qtherm's basis (index
// 0 = |e>). For a qubit A, rank-one projective measurements are the usual choice; POVMs with
// more outcomes can lower the value slightly for some states (not considered).
#include <Eigen/Dense>
#include <vector>

#include "qtherm/info/entropy.hpp"

namespace qtherm::info {

struct DiscordResult {
  double discord = 0;                // D(B|A) ≥ 0 (rounding below zero clipped)
  double classical_correlation = 0;  // J(B|A)
  double mutual_information = 0;     // I(A:B)
  double theta = 0, phi = 0;         // an optimal measurement direction
};

// ρ on A ⊗ B with A the first (most significant) factor, a qubit, and B of dimension dim_b.
// The minimisation is global: Σ p_l S(ρ_{B|l}) on a 15° grid over the sphere, then Nelder–Mead
// from the best grid minima in coordinates tangent to the sphere (no pole singularity), to a
// simplex size of 1e-10 rad. Results in `base` (natural log by default).
DiscordResult discord(const Eigen::MatrixXcd& rho, long dim_b, double base = nat);
// The same for ρ on parties of dimensions `dims`: A = the parties in `a` (their product must be
// 2), B = those in `b`; other parties are traced out.
double discord(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
               const std::vector<int>& b, double base = nat);

// Σ_l p_l S(ρ_{B|l}) in nats for the measurement direction (θ, φ) on A (no validation): the
// function discord() minimises, exposed for brute-force checks.
double measured_conditional_entropy(const Eigen::MatrixXcd& rho, long dim_b, double theta, double phi);

}  // namespace qtherm::info
