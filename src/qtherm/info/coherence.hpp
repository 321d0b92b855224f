#pragma once
// The l1-norm of coherence C_l1(ρ) = Σ_{i≠j} |⟨i|ρ|j⟩| (Baumgratz, Cramer, Plenio, PRL 113,
// 140401 (2014)) in a chosen orthonormal basis.
#include <Eigen/Dense>

namespace qtherm::info {

// In the computational (qtherm tensor-product) basis.
double coherence_l1(const Eigen::MatrixXcd& rho);
// In the eigenbasis of the Hermitian H (e.g. the system Hamiltonian). Within a degenerate
// eigenspace of H the basis is not unique and neither is C_l1; the eigensolver's choice is used,
// so give H without exact degeneracies where the value must be reproducible.
double coherence_l1(const Eigen::MatrixXcd& rho, const Eigen::MatrixXcd& hamiltonian);
// In the orthonormal basis given by the columns of the unitary `basis`.
double coherence_l1_in_basis(const Eigen::MatrixXcd& rho, const Eigen::MatrixXcd& basis);

}  // namespace qtherm::info
