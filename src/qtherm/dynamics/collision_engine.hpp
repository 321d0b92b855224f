#pragma once
// The discrete CollisionProtocol on the distributed joint state vec(ρ_S ⊗ ρ_R) (ancilla last, rows
// split over the communicator): each stage is U ρ U† applied as two sparse Liouville factors built from
// the stage's dense unitary on its parties (operators/subsystem_map.hpp), and the end of a step
// replaces the ancilla by a fresh one, ρ ↦ tr_R(ρ) ⊗ η. Energies come from functionals w with
// tr(Oρ) = wᵀρ, so nothing is gathered; the model gathers reduced states only when it samples.
#include <petscvec.h>

#include <cmath>
#include <vector>

#include "qtherm/parallel/handle.hpp"
#include "qtherm/dynamics/collision_protocol.hpp"

namespace qtherm::dynamics {

struct ProtocolStep {
  double heat = 0;                           // Q = Δ⟨H_R⟩ over the step: into the ancilla
  double work = 0;                           // W = Σ_stages Δ⟨H_S + H_R − G⟩: supplied by switching
  double energy_change = 0;                  // ΔE_S = Δ⟨H_S⟩
  double first_law_residual = 0;             // ΔE_S − (W − Q) = Σ_stages Δ⟨G⟩ (rounding of the propagation)
  std::vector<double> party_heat;            // Q of the collisions with each party (0 for parties that do not collide)
  double mutual_information = std::nan("");  // I(S:R) of the joint state before the reset (when asked for)
};

class CollisionEngine {
 public:
  // Collective on comm.
  CollisionEngine(MPI_Comm comm, const CollisionProtocol& protocol);
  const CollisionProtocol& protocol() const { return p_; }
  const space::TensorSpace& joint() const { return joint_; }
  // Collective: vec(ρ_S ⊗ η) from a product of local system states, or from a dense system state.
  parallel::Vector initial_product(const std::vector<Dense>& local_states) const;
  parallel::Vector initial_dense(const Dense& rho_s) const;
  // Collective: one step in place (state = ρ_S ⊗ η on entry and on exit). With `correlations`, also
  // I(S:R) of the joint state before the ancilla is discarded (gathers it: small systems).
  ProtocolStep step(Vec state, bool correlations = false);
  // Collective: the reduced state of the system parties `keep` (ascending), on every rank.
  Dense reduced(Vec state, const std::vector<int>& keep) const;
  // Collective: ⟨H_S⟩.
  double system_energy(Vec state) const;

 private:
  MPI_Comm comm_;
  CollisionProtocol p_;
  space::TensorSpace joint_;
  struct Stage {
    parallel::Matrix left, right;
    parallel::Vector w_generator;
    int party;
  };
  std::vector<Stage> stages_;
  parallel::Matrix reset_;
  parallel::Vector w_HS_, w_HR_, work_;
};

}  // namespace qtherm::dynamics
