#include "qtherm/dynamics/collision_map.hpp"

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/info/entropy.hpp"
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

double real_trace(const Dense& a, const Dense& b) { return (a * b).trace().real(); }

// S(ρ) of a state computed here (unitary images and partial traces of valid states).
double entropy(const Dense& rho) { return info::von_neumann_entropy(hermitian_part(rho)); }

// D(ρ‖σ) = −S(ρ) − tr ρ ln σ for σ = e^{−βH}/Z, with ln σ taken analytically from the eigenvalues
// e_k of H, ln σ_k = −β(e_k − e_min) − ln Z' (the eigenvalues of a numerically formed σ lose their
// relative precision when they are tiny). β = ∞: −S(ρ) if ρ lives in the ground space, else +inf.
double relative_entropy_to_gibbs(const Dense& rho, const Dense& H, double beta) {
  Eigen::SelfAdjointEigenSolver<Dense> es(H);
  const Eigen::VectorXd& e = es.eigenvalues();
  const double e0 = e.minCoeff();
  double z = 0;
  for (Eigen::Index k = 0; k < e.size(); ++k)
    z += std::isinf(beta) ? (e(k) - e0 < 1e-12 ? 1.0 : 0.0) : std::exp(-beta * (e(k) - e0));
  double cross = std::log(z);  // −tr ρ ln σ
  for (Eigen::Index k = 0; k < e.size(); ++k) {
    const double w = (es.eigenvectors().col(k).adjoint() * rho * es.eigenvectors().col(k))(0, 0).real();
    if (std::isinf(beta)) {
      if (e(k) - e0 >= 1e-12 && w > 1e-12) return std::numeric_limits<double>::infinity();
    } else {
      cross += w * beta * (e(k) - e0);
    }
  }
  return cross - entropy(rho);
}

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
  const Dense rho_a_after = reduced(s.joint_after, d_s_, d_a_, 1);
  const Dense diff = s.joint_after - before;
  s.heat = real_trace(rho_a_after - rho_a_, H_a_);
  s.work = -real_trace(diff, HI_);
  s.energy_change = real_trace(s.rho_after - rho_s, H_s_);
  s.first_law_residual = s.energy_change - (s.work - s.heat);
  s.entropy_change = entropy(s.rho_after) - entropy(rho_s);
  // β Q with β = ∞ and Q = 0 is taken as 0 (ground-state ancillas, nothing absorbed).
  s.entropy_production = s.entropy_change + (s.heat == 0 ? 0.0 : beta_ * s.heat);
  s.mutual_information = entropy(s.rho_after) + entropy(rho_a_after) - entropy(s.joint_after);
  s.ancilla_relative_entropy = relative_entropy_to_gibbs(rho_a_after, H_a_, beta_);
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
  r.t.reserve(n + 1), r.rho.reserve(n + 1), r.steps.reserve(n);
  r.t.push_back(0), r.rho.push_back(rho0);
  r.cumulative_heat = r.cumulative_work = r.cumulative_energy_change = r.cumulative_entropy_production = {0.0};
  for (long k = 0; k < n; ++k) {
    CollisionStep s = step(r.rho.back());
    r.t.push_back((k + 1) * dt_);
    // Rounding drift of trace and Hermiticity (~1e-16 per collision) would otherwise accumulate
    // over thousands of collisions; the bookkeeping of each step uses the exact ρ_S'.
    Dense next = hermitian_part(s.rho_after);
    next /= next.trace().real();
    r.rho.push_back(std::move(next));
    r.cumulative_heat.push_back(r.cumulative_heat.back() + s.heat);
    r.cumulative_work.push_back(r.cumulative_work.back() + s.work);
    r.cumulative_energy_change.push_back(r.cumulative_energy_change.back() + s.energy_change);
    r.cumulative_entropy_production.push_back(r.cumulative_entropy_production.back() + s.entropy_production);
    s.joint_after.resize(0, 0);  // keep the series small
    r.steps.push_back(std::move(s));
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
  fp.heat_current = fp.step.heat / dt_;
  fp.work_current = fp.step.work / dt_;
  fp.entropy_production_rate = fp.step.entropy_production / dt_;
  return fp;
}

}  // namespace qtherm::dynamics
