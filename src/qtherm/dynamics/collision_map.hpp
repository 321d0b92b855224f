#pragma once
// Memoryless collision models (docs/physics.md, collision_ness): a system S (any
// dimension, dense) meets, for a time δt each, a sequence of fresh ancillas A prepared in
// ρ_A^th = e^{−β H_A}/Z. One collision is
//   U = exp(−i δt (H_S + H_A + g V)),  ρ_SA' = U (ρ_S ⊗ ρ_A^th) U†,  ρ_S' = tr_A ρ_SA'
// (U from the eigendecomposition of the Hermitian generator: exact up to rounding). Tensor order
// S ⊗ A (Eigen's Kronecker product, ancilla index fastest). ħ = k_B = 1.
//
// Energetics of one collision, exact from the joint state before (ρ_SA = ρ_S ⊗ ρ_A^th) and after:
//   heat into the ancilla       Q   = tr[(ρ_SA' − ρ_SA) H_A]
//   system energy change        ΔE  = tr[(ρ_S' − ρ_S) H_S]
//   switching work on S+A       W   = −tr[(ρ_SA' − ρ_SA) g V] = tr[(ρ_SA' − ρ_SA)(H_S + H_A)]
// Sign of W: the coupling is switched on (cost +tr[gV ρ_SA]) before and off (cost −tr[gV ρ_SA'])
// after the collision, so W > 0 is energy supplied by the external agent that switches it. U
// conserves H_S + H_A + gV, hence the first law ΔE = W − Q holds exactly (residual ~1e-15). One
// printed form of this work has the opposite sign (docs/physics.md, slips of the printed seeds).
//
// Entropy production per collision (heat INTO the ancilla positive):
//   Σ = ΔS_S + β Q = I(S:A)' + D(ρ_A' ‖ ρ_A^th) ≥ 0.
// Both forms are computed (independently) so that callers can check them against each other.
//
// Entropies come from info/; D(ρ_A'‖ρ_A^th) takes ln ρ_A^th = −β(H_A − e_min) − ln Z' analytically
// (the numerical eigenvalues of a Gibbs state lose relative precision when tiny, which would spoil
// the agreement of the two Σ forms).
// run() renormalizes ρ_S (trace 1, Hermitian) between collisions, against rounding drift.
#include <Eigen/Dense>
#include <vector>

namespace qtherm::dynamics {

struct CollisionStep {
  Eigen::MatrixXcd rho_after;           // ρ_S' = tr_A ρ_SA'
  Eigen::MatrixXcd joint_after;         // ρ_SA'
  double heat = 0;                      // Q, into the ancilla (> 0: energy flows from S+coupling into A)
  double work = 0;                      // W, done on S+A by switching the coupling on and off (> 0: supplied)
  double energy_change = 0;             // ΔE_S = tr[(ρ_S' − ρ_S) H_S]
  double first_law_residual = 0;        // ΔE_S − (W − Q)
  double entropy_change = 0;            // ΔS_S (nat)
  double entropy_production = 0;        // Σ = ΔS_S + β Q (nat)
  double mutual_information = 0;        // I(S:A) of ρ_SA' (nat)
  double ancilla_relative_entropy = 0;  // D(ρ_A' ‖ ρ_A^th) (nat)
  double entropy_production_info() const { return mutual_information + ancilla_relative_entropy; }
};

// The per-collision series of CollisionModel::run; index k = 0..n: t[k] = k δt, rho[k] = ρ_S(kδt).
// steps[k] (k = 0..n−1) is the collision that takes rho[k] to rho[k+1]. cumulative_*[k] is the sum
// over the first k collisions (cumulative_*[0] = 0).
struct CollisionSeries {
  std::vector<double> t;
  std::vector<Eigen::MatrixXcd> rho;
  std::vector<CollisionStep> steps;
  std::vector<double> cumulative_heat, cumulative_work, cumulative_energy_change, cumulative_entropy_production;
};

// Fixed point ρ* of the reduced map and its steady thermodynamics (one collision from ρ*).
struct CollisionFixedPoint {
  Eigen::MatrixXcd rho;                // unit trace, Hermitian
  long multiplicity = 0;               // dimension of the eigenvalue-1 eigenspace (> 1: ρ* depends on the hint)
  double residual = 0;                 // ‖Φ(ρ*) − ρ*‖_F
  CollisionStep step;                  // one collision from ρ*
  double heat_current = 0;             // Q/δt into the ancillas (energy/time)
  double work_current = 0;             // W/δt done on S+A (energy/time)
  double entropy_production_rate = 0;  // Σ/δt (nat/time)
};

class CollisionModel {
 public:
  // H_S (d_S×d_S), H_A (d_A×d_A), V (d_S d_A square) Hermitian; dt > 0; beta ≥ 0 finite (or +inf).
  // Throws std::invalid_argument naming the bad argument.
  CollisionModel(const Eigen::MatrixXcd& H_S, const Eigen::MatrixXcd& H_A, const Eigen::MatrixXcd& V, double g,
                 double dt, double beta);

  long system_dim() const { return d_s_; }
  long ancilla_dim() const { return d_a_; }
  double dt() const { return dt_; }
  double beta() const { return beta_; }
  const Eigen::MatrixXcd& unitary() const { return U_; }
  const Eigen::MatrixXcd& ancilla_state() const { return rho_a_; }
  const Eigen::MatrixXcd& system_hamiltonian() const { return H_s_; }

  // ρ_S ↦ tr_A[U (ρ_S ⊗ ρ_A^th) U†].
  Eigen::MatrixXcd apply(const Eigen::MatrixXcd& rho_s) const;
  // One collision with its thermodynamics.
  CollisionStep step(const Eigen::MatrixXcd& rho_s) const;
  // The d_S² × d_S² matrix of the reduced map on column-stacked vec(ρ_S).
  Eigen::MatrixXcd superoperator() const;
  // n collisions from rho0.
  CollisionSeries run(const Eigen::MatrixXcd& rho0, long n) const;
  // The fixed point: the spectral projection of vec(hint) onto the eigenvalue-1 eigenspace of the
  // map (kernel of M − 1 and of its adjoint by SVD, relative tolerance `tol`); unique when
  // multiplicity = 1, otherwise the asymptotic state reached from `hint` (e.g. pure dephasing).
  CollisionFixedPoint fixed_point(const Eigen::MatrixXcd& hint, double tol = 1e-10) const;

 private:
  long d_s_, d_a_;
  double dt_, beta_;
  Eigen::MatrixXcd H_s_, H_a_, HI_, U_, rho_a_;
};

}  // namespace qtherm::dynamics
