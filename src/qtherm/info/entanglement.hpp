#pragma once
// Entanglement measures of dense density matrices: Wootters concurrence of two qubits, and the
// negativity and logarithmic negativity of any bipartition (from the partial transpose).
// Validation as in state_checks.hpp; errors start with the measure's name.
#include <Eigen/Dense>
#include <vector>

#include "qtherm/info/entropy.hpp"

namespace qtherm::info {

// C(ρ) = max(0, λ1 − λ2 − λ3 − λ4), λ the decreasing square roots of the eigenvalues of
// ρ (σy⊗σy) ρ* (σy⊗σy) (Wootters, PRL 80, 2245 (1998)). ρ is 4×4 (two qubits, any basis order:
// σy⊗σy is invariant up to sign under the basis reversal used by qtherm, |0> = |e>).
double concurrence(const Eigen::MatrixXcd& rho);

// ‖ρ^{T_A}‖₁ for ρ on parties of dimensions `dims`, transposing the parties in `a`. The state of
// the parties in a ∪ b is used (others traced out); `b` must be non-empty and disjoint from `a`.
double partial_transpose_trace_norm(const Eigen::MatrixXcd& rho, const std::vector<long>& dims,
                                    const std::vector<int>& a, const std::vector<int>& b);
// N = (‖ρ^{T_A}‖₁ − 1)/2 (Vidal–Werner), the sum of |negative eigenvalues| of ρ^{T_A}.
double negativity(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
                  const std::vector<int>& b);
// E_N = log ‖ρ^{T_A}‖₁, natural log by default (QuTiP's density-matrix version uses log2:
// pass base = 2 to compare). Two-qubit Bell state: ln 2.
double log_negativity(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
                      const std::vector<int>& b, double base = nat);

}  // namespace qtherm::info
