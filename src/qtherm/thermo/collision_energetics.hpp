#pragma once
// Energetics of collision models (docs/physics.md) from what their dynamics hand over. Heat into the
// ancilla is positive; W > 0 is energy supplied by the agent that switches the coupling on and off.
//
// Memoryless model (dynamics::CollisionModel), exact from the joint state before, ρ_SA = ρ_S ⊗ ρ_A^th,
// and after, ρ_SA' = U ρ_SA U†:
//   heat into the ancilla       Q   = tr[(ρ_SA' − ρ_SA) H_A]
//   system energy change        ΔE  = tr[(ρ_S' − ρ_S) H_S]
//   switching work on S+A       W   = −tr[(ρ_SA' − ρ_SA) g V] = tr[(ρ_SA' − ρ_SA)(H_S + H_A)]
// The coupling is switched on (cost +tr[gV ρ_SA]) before and off (cost −tr[gV ρ_SA']) after the
// collision. U conserves H_S + H_A + gV, hence ΔE = W − Q exactly (residual ~1e-15). One printed form
// of this work has the opposite sign (docs/physics.md, slips of the printed seeds). Entropy production
//   Σ = ΔS_S + β Q = I(S:A)' + D(ρ_A' ‖ ρ_A^th) ≥ 0,
// both forms computed independently, so that callers can check them against each other;
// D(ρ_A'‖ρ_A^th) takes ln ρ_A^th = −β(H_A − e_min) − ln Z' analytically (the numerical eigenvalues of
// a Gibbs state lose relative precision when tiny).
//
// Protocol step (dynamics::CollisionEngine), a stage with generator G (conserved by its U):
// Q = Δ⟨H_R⟩, W = Δ⟨H_S + H_R − G⟩ (for G = H_S + H_R + gV the switching work −Δ⟨gV⟩), ΔE_S = Δ⟨H_S⟩;
// the first law ΔE_S = W − Q holds up to Δ⟨G⟩, the rounding of the propagation.
#include <Eigen/Dense>

#include <vector>

#include "qtherm/dynamics/collision_engine.hpp"
#include "qtherm/dynamics/collision_map.hpp"

namespace qtherm::thermo {

struct CollisionEnergetics {
  double heat = 0;                      // Q, into the ancilla
  double work = 0;                      // W, done on S+A by switching (> 0: supplied)
  double energy_change = 0;             // ΔE_S
  double first_law_residual = 0;        // ΔE_S − (W − Q)
  double entropy_change = 0;            // ΔS_S (nat)
  double entropy_production = 0;        // Σ = ΔS_S + β Q (nat)
  double mutual_information = 0;        // I(S:A) of ρ_SA' (nat)
  double ancilla_relative_entropy = 0;  // D(ρ_A' ‖ ρ_A^th) (nat)
  double entropy_production_info() const { return mutual_information + ancilla_relative_entropy; }
};
// The collision of `model` that took rho_s to step (step.joint_after must be kept).
CollisionEnergetics collision_energetics(const dynamics::CollisionModel& model, const Eigen::MatrixXcd& rho_s,
                                         const dynamics::CollisionStep& step);

struct ProtocolEnergetics {
  double heat = 0;                 // Q = Δ⟨H_R⟩ over the step: into the ancilla
  double work = 0;                 // W = Σ_stages Δ⟨H_S + H_R − G⟩
  double energy_change = 0;        // ΔE_S = Δ⟨H_S⟩
  double first_law_residual = 0;   // ΔE_S − (W − Q) = Σ_stages Δ⟨G⟩
  std::vector<double> party_heat;  // Q of the collisions with each of the system's `parties`
};
ProtocolEnergetics protocol_energetics(const dynamics::ProtocolStep& step, int parties);

}  // namespace qtherm::thermo
