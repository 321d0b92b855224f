#include "qtherm/dynamics/collision_limit.hpp"

#include <stdexcept>
#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/base/eigen_exp.hpp"
#include "qtherm/dynamics/state.hpp"
#include "qtherm/space/partial_trace.hpp"

namespace qtherm::dynamics {
namespace {
using Dense = Eigen::MatrixXcd;
Dense hermitian_part(const Dense& m) { return 0.5 * (m + m.adjoint()); }
}  // namespace

CollisionLimit::CollisionLimit(const Dense& H_S, const Dense& H_A, const Dense& V, double g0, double beta)
    : d_s_(H_S.rows()), d_a_(H_A.rows()) {
  if (V.rows() != d_s_ * d_a_ || V.cols() != d_s_ * d_a_)
    throw std::invalid_argument("CollisionLimit: V must be (d_S d_A) x (d_S d_A)");
  const Dense Hs = hermitian_part(H_S), Ha = hermitian_part(H_A), Vh = hermitian_part(V);
  rho_a_ = dynamics::gibbs(Ha, beta);
  const Dense Is = Dense::Identity(d_s_, d_s_), Ia = Dense::Identity(d_a_, d_a_);
  const space::TensorSpace sa({PetscInt(d_s_), PetscInt(d_a_)});
  auto trace_a = [&](const Dense& m) { return space::partial_trace(m, sa, {0}); };
  const Dense one_rho_a = Eigen::kroneckerProduct(Is, rho_a_).eval();
  // First order: −i g δt [tr_A(V(1⊗ρ_A)), ρ] must vanish, i.e. tr_A(V(1⊗ρ_A)) ∝ 1.
  const Dense mean = trace_a(Vh * one_rho_a);
  const Dense traceless = mean - (mean.trace() / double(d_s_)) * Is;
  if (traceless.norm() > 1e-12 * std::max(1.0, Vh.norm()))
    throw std::invalid_argument(
        "the continuous limit does not exist: tr_A[V(1 (x) rho_A)] is not a multiple of the "
        "identity (a coupling with a nonzero thermal mean, e.g. sigma_z on the ancilla)");
  const Dense V2 = trace_a(Vh * Vh * one_rho_a);
  const long n = d_s_ * d_s_;
  L_.resize(n, n);
  for (long j = 0; j < d_s_; ++j)
    for (long i = 0; i < d_s_; ++i) {
      Dense e = Dense::Zero(d_s_, d_s_);
      e(i, j) = 1;
      const Dense out =
          Dense(-std::complex<double>(0, 1) * (Hs * e - e * Hs)) +
          g0 * g0 * (trace_a(Vh * Eigen::kroneckerProduct(e, rho_a_).eval() * Vh) - 0.5 * (V2 * e + e * V2));
      L_.col(i + j * d_s_) = Eigen::Map<const Eigen::VectorXcd>(out.data(), n);
    }
  const Dense HA = Eigen::kroneckerProduct(Is, Ha).eval(), H = Eigen::kroneckerProduct(Hs, Ia).eval() + HA;
  heat_op_ = g0 * g0 * (Vh * HA * Vh - 0.5 * (Vh * Vh * HA + HA * Vh * Vh));
  work_op_ = g0 * g0 * (Vh * H * Vh - 0.5 * (Vh * Vh * H + H * Vh * Vh));
}

Dense CollisionLimit::evolve(const Dense& rho0, double t) const {
  const long n = d_s_ * d_s_;
  const Eigen::VectorXcd v = (L_ * t).exp() * Eigen::Map<const Eigen::VectorXcd>(rho0.data(), n);
  return Eigen::Map<const Dense>(v.data(), d_s_, d_s_);
}

Dense CollisionLimit::steady_state(long* kernel_dimension) const {
  Eigen::JacobiSVD<Dense> svd(L_, Eigen::ComputeFullV);
  const Eigen::VectorXd& sv = svd.singularValues();  // descending
  if (kernel_dimension) {
    *kernel_dimension = 0;
    for (Eigen::Index k = 0; k < sv.size(); ++k) *kernel_dimension += sv(k) <= 1e-10 * std::max(1.0, sv(0)) ? 1 : 0;
  }
  const Eigen::VectorXcd v = svd.matrixV().col(sv.size() - 1);
  Dense rho = Eigen::Map<const Dense>(v.data(), d_s_, d_s_);
  rho = 0.5 * (rho + rho.adjoint().eval());
  return rho / rho.trace().real();
}

double CollisionLimit::heat_current(const Dense& rho_s) const {
  return (heat_op_ * Eigen::kroneckerProduct(rho_s, rho_a_).eval()).trace().real();
}

double CollisionLimit::work_current(const Dense& rho_s) const {
  return (work_op_ * Eigen::kroneckerProduct(rho_s, rho_a_).eval()).trace().real();
}

}  // namespace qtherm::dynamics
