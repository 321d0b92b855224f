#include "qtherm/dynamics/collision_map.hpp"

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/space/partial_trace.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/dynamics/state.hpp"

namespace qtherm::dynamics {
namespace {

using Dense = Eigen::MatrixXcd;
using cplx = std::complex<double>;

void require_hermitian(const Dense& m, long dim, const std::string& what) {
  if (m.rows() != dim || m.cols() != dim)
    throw std::invalid_argument("CollisionModel: " + what + " must be " + std::to_string(dim) + "x" +
                                std::to_string(dim) + ", got " + std::to_string(m.rows()) + "x" +
                                std::to_string(m.cols()));
  if ((m - m.adjoint()).norm() > 1e-12 * std::max(1.0, m.norm()))
    throw std::invalid_argument("CollisionModel: " + what + " is not Hermitian");
}

Dense hermitian_part(const Dense& m) { return 0.5 * (m + m.adjoint()); }

// Reduced states of ρ on S ⊗ A: keep {0} (S) or {1} (A).
Dense reduced(const Dense& rho, long d_s, long d_a, int keep) {
  return space::partial_trace(rho, space::TensorSpace({PetscInt(d_s), PetscInt(d_a)}), {keep});
}

}  // namespace

CollisionModel::CollisionModel(const Dense& H_S, const Dense& H_A, const Dense& V, double g, double dt, double beta)
    : d_s_(H_S.rows()), d_a_(H_A.rows()), dt_(dt), beta_(beta) {
  if (d_s_ < 1 || d_a_ < 1) throw std::invalid_argument("CollisionModel: empty H_S or H_A");
  require_hermitian(H_S, d_s_, "H_S");
  require_hermitian(H_A, d_a_, "H_A");
  require_hermitian(V, d_s_ * d_a_, "V");
  if (!(dt > 0) || !std::isfinite(dt)) throw std::invalid_argument("CollisionModel: dt must be positive and finite");
  if (!std::isfinite(g)) throw std::invalid_argument("CollisionModel: g must be finite");
  if (std::isnan(beta) || beta < 0) throw std::invalid_argument("CollisionModel: beta must be >= 0");
  H_s_ = hermitian_part(H_S);
  H_a_ = hermitian_part(H_A);
  HI_ = hermitian_part(g * V);
  const Dense Hs_full = Eigen::kroneckerProduct(H_s_, Dense::Identity(d_a_, d_a_)).eval();
  const Dense Ha_full = Eigen::kroneckerProduct(Dense::Identity(d_s_, d_s_), H_a_).eval();
  const Dense H_joint = Hs_full + Ha_full + HI_;
  Eigen::SelfAdjointEigenSolver<Dense> es(H_joint);
  Eigen::VectorXcd phases(es.eigenvalues().size());
  for (Eigen::Index k = 0; k < phases.size(); ++k) phases(k) = std::exp(cplx(0, -dt_ * es.eigenvalues()(k)));
  U_ = es.eigenvectors() * phases.asDiagonal() * es.eigenvectors().adjoint();
  rho_a_ = dynamics::gibbs(H_a_, beta_);
}

Dense CollisionModel::apply(const Dense& rho_s) const {
  const Dense joint = Eigen::kroneckerProduct(rho_s, rho_a_).eval();
  return reduced(U_ * joint * U_.adjoint(), d_s_, d_a_, 0);
}

CollisionStep CollisionModel::step(const Dense& rho_s) const {
  if (rho_s.rows() != d_s_ || rho_s.cols() != d_s_)
    throw std::invalid_argument("CollisionModel::step: rho_S must be " + std::to_string(d_s_) + "x" +
                                std::to_string(d_s_));
  const Dense before = Eigen::kroneckerProduct(rho_s, rho_a_).eval();
  CollisionStep s;
  s.joint_after = U_ * before * U_.adjoint();
  s.rho_after = reduced(s.joint_after, d_s_, d_a_, 0);
  return s;
}

Dense CollisionModel::superoperator() const {
  const long n = d_s_ * d_s_;
  Dense M(n, n);
  for (long j = 0; j < d_s_; ++j)
    for (long i = 0; i < d_s_; ++i) {
      Dense e = Dense::Zero(d_s_, d_s_);
      e(i, j) = 1;
      const Dense out = apply(e);
      M.col(i + j * d_s_) = Eigen::Map<const Eigen::VectorXcd>(out.data(), n);
    }
  return M;
}

CollisionSeries CollisionModel::run(const Dense& rho0, long n) const {
  if (n < 0) throw std::invalid_argument("CollisionModel::run: negative number of collisions");
  CollisionSeries r;
  r.t.reserve(n + 1), r.rho.reserve(n + 1);
  r.t.push_back(0), r.rho.push_back(rho0);
  for (long k = 0; k < n; ++k) {
    r.t.push_back((k + 1) * dt_);
    // Rounding drift of trace and Hermiticity (~1e-16 per collision) would otherwise accumulate
    // over thousands of collisions.
    Dense next = hermitian_part(apply(r.rho.back()));
    next /= next.trace().real();
    r.rho.push_back(std::move(next));
  }
  return r;
}

CollisionFixedPoint CollisionModel::fixed_point(const Dense& hint, double tol) const {
  if (hint.rows() != d_s_ || hint.cols() != d_s_)
    throw std::invalid_argument("CollisionModel::fixed_point: hint must be " + std::to_string(d_s_) + "x" +
                                std::to_string(d_s_));
  const long n = d_s_ * d_s_;
  const Dense A = superoperator() - Dense::Identity(n, n);
  Eigen::JacobiSVD<Dense> svd(A, Eigen::ComputeFullU | Eigen::ComputeFullV);
  const Eigen::VectorXd& sv = svd.singularValues();  // descending
  const double scale = std::max(1.0, sv(0));
  long k0 = n;
  while (k0 > 0 && sv(k0 - 1) <= tol * scale) --k0;
  const long m = n - k0;
  if (m == 0)
    throw std::runtime_error("CollisionModel::fixed_point: no eigenvalue 1 within tolerance (smallest singular value " +
                             std::to_string(sv(n - 1)) + ")");
  // Right kernel K of A (ker(M − 1)), left kernel L (ker(M† − 1)); the spectral projector onto the
  // (semisimple, for a channel) eigenvalue-1 subspace is K (L†K)^{-1} L†.
  const Dense K = svd.matrixV().rightCols(m);
  const Dense L = svd.matrixU().rightCols(m);
  const Eigen::VectorXcd h = Eigen::Map<const Eigen::VectorXcd>(hint.data(), n);
  const Eigen::VectorXcd x = K * (L.adjoint() * K).fullPivLu().solve(L.adjoint() * h);
  Dense rho = Eigen::Map<const Dense>(x.data(), d_s_, d_s_);
  rho = hermitian_part(rho);
  rho /= rho.trace().real();
  CollisionFixedPoint fp;
  fp.rho = rho;
  fp.multiplicity = m;
  fp.step = step(rho);
  fp.residual = (fp.step.rho_after - rho).norm();
  return fp;
}

}  // namespace qtherm::dynamics
