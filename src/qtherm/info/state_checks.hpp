#pragma once
// Validation of dense density matrices handed to the information measures, and the small
// shared helpers (spectra, reordering parties into a bipartition) that every measure needs.
// Errors are std::invalid_argument whose message starts with the measure's name, so a user
// sees which output observable rejected the state.
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace qtherm::info {

inline constexpr double nat = 2.718281828459045235360287;  // base e, the default of every log here

// Tolerances of check_state: ‖ρ − ρ†‖_F ≤ 1e-10 ‖ρ‖_F and |tr ρ − 1| ≤ 1e-10. Positivity is not
// required (integrators leave eigenvalues of -1e-15; min_eigenvalue reports them); the spectral
// functions treat eigenvalues ≤ 0 as zero.
inline constexpr double hermitian_tolerance = 1e-10;
inline constexpr double trace_tolerance = 1e-10;

// Square, Hermitian and unit trace; throws "<measure>: ..." otherwise.
void check_state(const Eigen::MatrixXcd& rho, const std::string& measure);
// As above, and the dimension equals the product of `dims` (the parties the state lives on).
void check_state(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::string& measure);
// Product of local dimensions.
long product(const std::vector<long>& dims);

// 1/ln(base), exactly 1 for base e (nats carry no conversion rounding); throws "<measure>: ..."
// unless the base is positive, finite and not 1.
double log_scale(double base, const std::string& measure);

// Eigenvalues (ascending) of the Hermitian part of ρ.
Eigen::VectorXd eigenvalues(const Eigen::MatrixXcd& rho);

// The state of the parties in `a` followed by those in `b` (each group in the given order), from
// ρ on parties with local dimensions `dims`; parties in neither group are traced out. Groups must
// be disjoint and in range (throws "<measure>: ..."). Sets dim_a, dim_b.
Eigen::MatrixXcd bipartite_state(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
                                 const std::vector<int>& b, long& dim_a, long& dim_b, const std::string& measure);
// ρ with its parties reordered: party order[k] of the input becomes party k of the output
// (`order` is a permutation of 0..n-1).
Eigen::MatrixXcd permute_parties(const Eigen::MatrixXcd& rho, const std::vector<long>& dims,
                                 const std::vector<int>& order);

}  // namespace qtherm::info
