#pragma once
// A multipartite collision model (docs/physics.md, collision_cascade): system parties of
// any local dimension and a stream of fresh ancillas in ρ_R = e^{−βH_R}/Z. One step of the protocol
// (it advances time by dt) runs its stages in order on the joint state ρ_S ⊗ ρ_R, then discards the
// ancilla:
//   collision with party p: U = exp(−i dt G_p), G_p = g V_p [+ H_p ⊗ 1 + 1 ⊗ H_R if free_in_collisions],
//                           V_p = Σ_k S_k ⊗ R_k, g = g0/√dt (the same ancilla meets every party of a step,
//                           so it carries correlations from one party to the next: the cascade);
//   free evolution:         U = exp(−i τ H_S) of the whole system (intra-system coupling U_AB).
// Energetics of the stages: thermo/collision_energetics.hpp.
#include <Eigen/Dense>
#include <utility>
#include <vector>

#include "qtherm/operators/operator_sum.hpp"
#include "qtherm/space/tensor_space.hpp"

namespace qtherm::dynamics {

using Dense = Eigen::MatrixXcd;

// V_p = Σ_k S_k ⊗ R_k between system party `party` and the ancilla.
struct PartyCoupling {
  int party = 0;
  std::vector<std::pair<Dense, Dense>> terms;  // (S_k on the party, R_k on the ancilla)
  Dense dense() const;                         // on party ⊗ ancilla (party digit most significant)
};

struct CollisionStage {
  int party = -1;       // >= 0: the ancilla collides with this party; −1: free evolution under H_S
  double duration = 0;  // free evolution only: τ (a collision lasts dt)
};

struct CollisionProtocol {
  explicit CollisionProtocol(space::TensorSpace s) : system(s), H_S(std::move(s)) {}
  space::TensorSpace system;
  operators::OperatorSum H_S;  // system Hamiltonian: its energy, and the generator of free stages
  std::vector<Dense> local_H;  // H_p of each party (local energies; in G_p if free_in_collisions)
  Dense H_R;                   // ancilla Hamiltonian
  double beta = 1;             // ancilla inverse temperature (may be +inf)
  double dt = 0.01, g0 = 1;
  std::vector<PartyCoupling> couplings;  // one per party that collides
  std::vector<CollisionStage> stages;    // in the order they act
  bool free_in_collisions = false;

  // Throws std::invalid_argument naming what is wrong (shapes, Hermiticity, unknown parties).
  void validate() const;
  double g() const;
  Dense ancilla_state() const;
  space::TensorSpace joint() const;  // the system parties, then the ancilla (last)
  int ancilla() const { return system.parties(); }
  const PartyCoupling& coupling_of(int party) const;
  // A stage's generator as a dense matrix on its parties of joint() (stage_parties, ascending) and as
  // an operator sum on joint().
  std::vector<int> stage_parties(const CollisionStage& s) const;
  Dense stage_generator(const CollisionStage& s) const;
  operators::OperatorSum stage_generator_sum(const CollisionStage& s) const;
  // An operator of the system (a sum on `system`) as an operator sum on joint().
  operators::OperatorSum on_joint(const operators::OperatorSum& system_op) const;
};

// Dense exp(−i t G) of a Hermitian G.
Dense unitary_of(const Dense& G, double t);

}  // namespace qtherm::dynamics
