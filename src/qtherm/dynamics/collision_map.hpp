#pragma once
// Memoryless collision models (docs/physics.md, collision_ness): a system S (any
// dimension, dense) meets, for a time δt each, a sequence of fresh ancillas A prepared in
// ρ_A^th = e^{−β H_A}/Z. One collision is
//   U = exp(−i δt (H_S + H_A + g V)),  ρ_SA' = U (ρ_S ⊗ ρ_A^th) U†,  ρ_S' = tr_A ρ_SA'
// (U from the eigendecomposition of the Hermitian generator: exact up to rounding). Tensor order
// S ⊗ A (Eigen's Kronecker product, ancilla index fastest). ħ = k_B = 1.
// Its energetics (heat, work, entropy production) are thermo/collision_energetics.hpp's, from the
// states a step returns.
// run() renormalizes ρ_S (trace 1, Hermitian) between collisions, against rounding drift.
#include <Eigen/Dense>
#include <vector>

namespace qtherm::dynamics {

struct CollisionStep {
  Eigen::MatrixXcd rho_after;    // ρ_S' = tr_A ρ_SA'
  Eigen::MatrixXcd joint_after;  // ρ_SA'
};

// The states of CollisionModel::run; index k = 0..n: t[k] = k δt, rho[k] = ρ_S(kδt).
struct CollisionSeries {
  std::vector<double> t;
  std::vector<Eigen::MatrixXcd> rho;
};

// Fixed point ρ* of the reduced map, and one collision from it.
struct CollisionFixedPoint {
  Eigen::MatrixXcd rho;   // unit trace, Hermitian
  long multiplicity = 0;  // dimension of the eigenvalue-1 eigenspace (> 1: ρ* depends on the hint)
  double residual = 0;    // ‖Φ(ρ*) − ρ*‖_F
  CollisionStep step;     // one collision from ρ*
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
  const Eigen::MatrixXcd& ancilla_hamiltonian() const { return H_a_; }
  const Eigen::MatrixXcd& interaction() const { return HI_; }  // g V

  // ρ_S ↦ tr_A[U (ρ_S ⊗ ρ_A^th) U†].
  Eigen::MatrixXcd apply(const Eigen::MatrixXcd& rho_s) const;
  // One collision: ρ_S' and ρ_SA'.
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
