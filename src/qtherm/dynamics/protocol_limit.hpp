#pragma once
// The continuous limit of a CollisionProtocol (docs/physics.md, collision_cascade): with g = g0/√dt and dt → 0 at fixed
// t = n·dt, one step U = U_m ⋯ U_1 expands, with the collision couplings A = Σ_s V_s and B = ½ Σ_s V_s² + Σ_{s<t} V_t
// V_s (s, t collision stages in order), to
//   ρ̇ = −i[H_eff, ρ] + g0² tr_R[A (ρ⊗η) A − B (ρ⊗η) − (ρ⊗η) B†],
// H_eff = Σ_collisions H_p [if free_in_collisions] + Σ_free (τ/dt) H_S. The B cross terms are the
// cascaded couplings D_AB. The heat into the ancillas per unit time is
//   Q̇ = g0² tr[(A H_R A − B† H_R − H_R B)(ρ⊗η)] = tr(X ρ),
// and the work rate follows from the first law, Ẇ = dE_S/dt + Q̇. The limit exists only when the
// first-order term vanishes, tr_R[A (1⊗η)] ∝ 1 (e.g. ⟨R_k⟩ = 0); otherwise it diverges as dt^(−1/2).
#include "qtherm/operators/superoperator.hpp"
#include "qtherm/dynamics/collision_protocol.hpp"

namespace qtherm::dynamics {

struct ProtocolLimit {
  explicit ProtocolLimit(const space::TensorSpace& s) : H_eff(s), dissipator(s), heat_operator(s) {}
  operators::OperatorSum H_eff;          // the Hamiltonian part of the generator
  operators::SuperOperator dissipator;   // the g0² part
  operators::OperatorSum heat_operator;  // X: heat into the ancillas per unit time, tr(X ρ)
  operators::SuperOperator generator() const;
};

// Throws std::invalid_argument when the limit does not exist.
ProtocolLimit continuous_limit(const CollisionProtocol& protocol);

}  // namespace qtherm::dynamics
