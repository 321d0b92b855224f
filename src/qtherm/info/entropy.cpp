#include "qtherm/info/entropy.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/info/state_checks.hpp"
#include "qtherm/space/partial_trace.hpp"

namespace qtherm::info {
namespace {
// S of the reduced state of `parties` (any order: entropy does not depend on it).
double group_entropy(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, std::vector<int> parties) {
  std::sort(parties.begin(), parties.end());
  std::vector<PetscInt> pd(dims.begin(), dims.end());
  const Eigen::MatrixXcd r =
      parties.size() == dims.size() ? rho : space::partial_trace(rho, space::TensorSpace(pd), parties);
  return shannon_entropy(eigenvalues(r));
}

void check_groups(const std::vector<long>& dims, const std::vector<std::vector<int>>& groups, const char* measure) {
  std::vector<int> all;
  for (const auto& g : groups) {
    if (g.empty()) throw std::invalid_argument(std::string(measure) + ": a group of parties is empty");
    all.insert(all.end(), g.begin(), g.end());
  }
  for (int k : all)
    if (k < 0 || k >= int(dims.size()))
      throw std::invalid_argument(std::string(measure) + ": no party " + std::to_string(k) + " (the state has " +
                                  std::to_string(dims.size()) + " parties)");
  std::sort(all.begin(), all.end());
  if (std::adjacent_find(all.begin(), all.end()) != all.end())
    throw std::invalid_argument(std::string(measure) + ": the groups of parties overlap or repeat a party");
}
}  // namespace

double shannon_entropy(const Eigen::VectorXd& p, double base) {
  double s = 0;
  for (Eigen::Index k = 0; k < p.size(); ++k)
    if (p(k) > 0) s -= p(k) * std::log(p(k));
  return s * log_scale(base, "entropy");
}

double von_neumann_entropy(const Eigen::MatrixXcd& rho, double base) {
  check_state(rho, "entropy");
  return shannon_entropy(eigenvalues(rho), base);
}

double purity(const Eigen::MatrixXcd& rho) {
  check_state(rho, "purity");
  // tr ρ² = Σ_ij |ρ_ij|² for Hermitian ρ: no product needed.
  return rho.squaredNorm();
}

double relative_entropy(const Eigen::MatrixXcd& rho, const Eigen::MatrixXcd& sigma, double base) {
  check_state(rho, "relative_entropy");
  check_state(sigma, "relative_entropy");
  if (rho.rows() != sigma.rows())
    throw std::invalid_argument("relative_entropy: states of different dimensions " + std::to_string(rho.rows()) +
                                " and " + std::to_string(sigma.rows()));
  const Eigen::MatrixXcd sigma_hermitian = 0.5 * (sigma + sigma.adjoint());
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> es(sigma_hermitian);
  // tr ρ log σ = Σ_k ⟨k|ρ|k⟩ log λ_k in σ's eigenbasis.
  const Eigen::VectorXd weight = (es.eigenvectors().adjoint() * rho * es.eigenvectors()).diagonal().real();
  double cross = 0;
  for (Eigen::Index k = 0; k < weight.size(); ++k) {
    const double lam = es.eigenvalues()(k);
    if (lam > support_tolerance)
      cross += weight(k) * std::log(lam);
    else if (weight(k) > support_tolerance)
      return std::numeric_limits<double>::infinity();
  }
  const double d = -shannon_entropy(eigenvalues(rho)) - cross;
  return std::max(0.0, d) * log_scale(base, "relative_entropy");  // D ≥ 0 (Klein); clip rounding
}

double mutual_information(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
                          const std::vector<int>& b, double base) {
  check_state(rho, dims, "mutual_information");
  check_groups(dims, {a, b}, "mutual_information");
  return correlation_information(rho, dims, {a, b}, base);
}

double conditional_entropy(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
                           const std::vector<int>& b, double base) {
  check_state(rho, dims, "conditional_entropy");
  check_groups(dims, {a, b}, "conditional_entropy");
  std::vector<int> ab = a;
  ab.insert(ab.end(), b.begin(), b.end());
  return (group_entropy(rho, dims, ab) - group_entropy(rho, dims, b)) * log_scale(base, "conditional_entropy");
}

double correlation_information(const Eigen::MatrixXcd& rho, const std::vector<long>& dims,
                               const std::vector<std::vector<int>>& groups, double base) {
  check_state(rho, dims, "correlation_information");
  if (groups.size() < 2) throw std::invalid_argument("correlation_information: needs at least two groups of parties");
  check_groups(dims, groups, "correlation_information");
  std::vector<int> all;
  double s = 0;
  for (const auto& g : groups) {
    s += group_entropy(rho, dims, g);
    all.insert(all.end(), g.begin(), g.end());
  }
  return (s - group_entropy(rho, dims, all)) * log_scale(base, "correlation_information");
}

}  // namespace qtherm::info
