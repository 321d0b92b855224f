#pragma once
// Entropic quantities of dense density matrices: von Neumann entropy, relative entropy, mutual
// information, conditional entropy and the multipartite correlation information.
// Logarithms are natural (nats) unless `base` is given (base 2: bits). Every function validates
// its input with check_state and throws std::invalid_argument starting with its name.
#include <Eigen/Dense>
#include <limits>
#include <vector>

#include "qtherm/info/state_checks.hpp"

namespace qtherm::info {

// S(ρ) = −tr ρ log ρ; eigenvalues ≤ 0 (rounding) contribute nothing.
double von_neumann_entropy(const Eigen::MatrixXcd& rho, double base = nat);
// −Σ p log p of a probability vector (entries ≤ 0 contribute nothing); no validation.
double shannon_entropy(const Eigen::VectorXd& p, double base = nat);
// tr ρ².
double purity(const Eigen::MatrixXcd& rho);

// Eigenvalues of σ at or below this (absolute; states have unit trace) count as its kernel.
inline constexpr double support_tolerance = 1e-12;
// D(ρ‖σ) = tr ρ (log ρ − log σ). +infinity when supp ρ ⊄ supp σ, i.e. when ρ puts weight
// ⟨k|ρ|k⟩ > support_tolerance on an eigenvector |k> of σ whose eigenvalue is ≤ support_tolerance;
// smaller weights there are dropped (their contribution is below ~1e-10).
double relative_entropy(const Eigen::MatrixXcd& rho, const Eigen::MatrixXcd& sigma, double base = nat);

// For ρ on parties of dimensions `dims` and disjoint groups of parties (others traced out):
// I(A:B) = S(A) + S(B) − S(AB).
double mutual_information(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
                          const std::vector<int>& b, double base = nat);
// S(A|B) = S(AB) − S(B) (negative for entangled states).
double conditional_entropy(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
                           const std::vector<int>& b, double base = nat);
// I_N = Σ_i S(G_i) − S(G_1 ∪ … ∪ G_N) over N ≥ 2 disjoint groups (total correlation; = I(A:B)
// for N = 2).
double correlation_information(const Eigen::MatrixXcd& rho, const std::vector<long>& dims,
                               const std::vector<std::vector<int>>& groups, double base = nat);

}  // namespace qtherm::info
