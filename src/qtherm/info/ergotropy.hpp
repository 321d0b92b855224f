#pragma once
// Ergotropy and passive states (Allahverdyan, Balian, Nieuwenhuizen, EPL 67, 565 (2004)):
// the work extractable from ρ by a cyclic unitary, 𝓔 = tr(ρH) − Σ_j r_j ε_j with the
// eigenvalues of ρ descending (r_1 ≥ r_2 ≥ …) paired with the energies ascending (ε_1 ≤ ε_2 ≤ …).
#include <Eigen/Dense>

namespace qtherm::info {

// π = Σ_j r_j |ε_j><ε_j|: ρ's spectrum placed on H's eigenvectors, largest weight lowest energy.
// Which eigenvector of a degenerate energy gets which weight is arbitrary (the energy is not).
Eigen::MatrixXcd passive_state(const Eigen::MatrixXcd& rho, const Eigen::MatrixXcd& hamiltonian);
// 𝓔 = tr(ρH) − tr(πH) ≥ 0 (rounding below zero clipped); zero iff ρ is passive.
double ergotropy(const Eigen::MatrixXcd& rho, const Eigen::MatrixXcd& hamiltonian);

}  // namespace qtherm::info
