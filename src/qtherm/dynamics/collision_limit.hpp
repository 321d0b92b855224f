#pragma once
// The continuous limit of a collision model (docs/physics.md, collision_ness): with
// g = g0/√δt and δt → 0, n collisions with t = nδt fixed follow ρ̇_S = L(ρ_S),
//   L(ρ) = −i[H_S, ρ] + g0² ( tr_A[V (ρ ⊗ ρ_A) V] − ½{ tr_A[V² (1 ⊗ ρ_A)], ρ } ),
// a GKSL generator (γ_jk = g0² ⟨R_k R_j⟩ for V = Σ_k S_k ⊗ R_k). It exists only when the first-order
// term vanishes, i.e. tr_A[V (1 ⊗ ρ_A)] ∝ 1 (e.g. ⟨R_k⟩ = 0); otherwise it would diverge as δt^(−1/2).
// The steady currents of the limit (per unit time, signs as in thermo/collision_energetics.hpp):
//   heat into the ancillas  Q̇ = g0² tr[(V H_A V − ½{V², H_A}) ρ_S ⊗ ρ_A]
//   switching work         Ẇ = g0² tr[(V H V − ½{V², H}) ρ_S ⊗ ρ_A], H = H_S + H_A
#include <Eigen/Dense>

#include "qtherm/dynamics/collision_map.hpp"

namespace qtherm::dynamics {

class CollisionLimit {
 public:
  // V is the coupling with g factored out (the CollisionModel's V). Throws std::invalid_argument when
  // the limit does not exist (the first-order term does not vanish).
  CollisionLimit(const Eigen::MatrixXcd& H_S, const Eigen::MatrixXcd& H_A, const Eigen::MatrixXcd& V, double g0,
                 double beta);
  // The d_S² × d_S² generator on column-stacked vec(ρ_S).
  const Eigen::MatrixXcd& generator() const { return L_; }
  // ρ_S(t) = e^{Lt} ρ_S(0).
  Eigen::MatrixXcd evolve(const Eigen::MatrixXcd& rho0, double t) const;
  // The stationary state: the kernel vector of the generator (smallest singular value), unit trace.
  // `kernel_dimension` (if given) receives the number of singular values below 1e-10·‖L‖.
  Eigen::MatrixXcd steady_state(long* kernel_dimension = nullptr) const;
  double heat_current(const Eigen::MatrixXcd& rho_s) const;  // Q̇, into the ancillas
  double work_current(const Eigen::MatrixXcd& rho_s) const;  // Ẇ, supplied by switching

 private:
  long d_s_, d_a_;
  Eigen::MatrixXcd L_, rho_a_, heat_op_, work_op_;  // heat_op_, work_op_ on S ⊗ A
};

}  // namespace qtherm::dynamics
