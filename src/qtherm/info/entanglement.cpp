#include "qtherm/info/entanglement.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "qtherm/info/state_checks.hpp"
#include "qtherm/space/partial_trace.hpp"

namespace qtherm::info {

double concurrence(const Eigen::MatrixXcd& rho) {
  if (rho.rows() != 4 || rho.cols() != 4)
    throw std::invalid_argument("concurrence: needs two qubits (4x4 state), got " + std::to_string(rho.rows()) + "x" +
                                std::to_string(rho.cols()));
  check_state(rho, "concurrence");
  const Eigen::MatrixXcd h = 0.5 * (rho + rho.adjoint());
  // σy⊗σy is real: the anti-diagonal (−1, 1, 1, −1).
  Eigen::Matrix4cd yy = Eigen::Matrix4cd::Zero();
  yy(0, 3) = yy(3, 0) = -1.0;
  yy(1, 2) = yy(2, 1) = 1.0;
  // With ρ = V V† (V = U √μ), the λ_i are the singular values of τ = Vᵀ (σy⊗σy) V (Wootters'
  // τ_ij = <v_i|ṽ_j>): no non-symmetric eigensolver and no square root of the eigenvalues of
  // ρρ̃, which would lose half the digits of the small λ.
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix4cd> es(h);
  const Eigen::Matrix4cd v = es.eigenvectors() * es.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal();
  const Eigen::Matrix4cd tau = v.transpose() * yy * v;
  Eigen::Vector4d lam = Eigen::JacobiSVD<Eigen::Matrix4cd>(tau).singularValues();
  std::sort(lam.data(), lam.data() + 4, std::greater<double>());
  return std::max(0.0, lam(0) - lam(1) - lam(2) - lam(3));
}

namespace {
double trace_norm_pt(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
                     const std::vector<int>& b, const std::string& measure) {
  long da = 0, db = 0;
  const Eigen::MatrixXcd ab = bipartite_state(rho, dims, a, b, da, db, measure);
  const Eigen::MatrixXcd pt = space::partial_transpose(ab, space::TensorSpace({PetscInt(da), PetscInt(db)}), {0});
  return eigenvalues(pt).cwiseAbs().sum();
}
}  // namespace

double partial_transpose_trace_norm(const Eigen::MatrixXcd& rho, const std::vector<long>& dims,
                                    const std::vector<int>& a, const std::vector<int>& b) {
  return trace_norm_pt(rho, dims, a, b, "partial_transpose_trace_norm");
}

double negativity(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
                  const std::vector<int>& b) {
  // ‖ρ^T‖₁ ≥ tr ρ^T = 1; clip the rounding below it.
  return std::max(0.0, 0.5 * (trace_norm_pt(rho, dims, a, b, "negativity") - 1.0));
}

double log_negativity(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
                      const std::vector<int>& b, double base) {
  const double scale = log_scale(base, "log_negativity");
  const double n = std::max(1.0, trace_norm_pt(rho, dims, a, b, "log_negativity"));
  return std::log(n) * scale;
}

}  // namespace qtherm::info
