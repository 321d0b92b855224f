#pragma once
// The heat distribution of an environment-aided process (docs/physics.md): the system S (dimension
// d_S, the most significant tensor factor) and the environment E start in ρ_S ⊗ ρ_E with
// ρ_E = e^{−βH_E}/Z, evolve with U, and P(Q) = Σ_{l,m,n} |⟨r_n|A_l|r_m⟩|² p_m δ(Q − E_n + E_m) with
// Kraus operators A_(j,k) = √λ_j ⟨k|U|s_j⟩. Dense; for small environments. Not collective.
#include <Eigen/Dense>
#include <utility>
#include <vector>

namespace qtherm::thermo {

struct HeatDistribution {
  std::vector<std::pair<double, double>> points;  // (Q, P), Q ascending, equal Q (within tol) merged
  double mean = 0;                                // Σ Q P (= ⟨Q⟩)
  double exp_average = 0;                         // ⟨e^{−βQ}⟩ = Σ e^{−βQ} P
};

// U: (d_S·d_E)², rho_S: d_S², H_E: d_E². Probabilities below `drop` are left out of `points`
// (not of mean and exp_average); energies closer than `tol` (relative to the spectral width) merged.
HeatDistribution heat_distribution(const Eigen::MatrixXcd& U, const Eigen::MatrixXcd& rho_S,
                                   const Eigen::MatrixXcd& H_E, double beta, double drop = 1e-14, double tol = 1e-9);

}  // namespace qtherm::thermo
