#pragma once
// The discrete CollisionProtocol on the distributed joint state vec(ρ_S ⊗ ρ_R) (ancilla last, rows
// split over the communicator): each stage is U ρ U† applied as two sparse Liouville factors built from
// the stage's dense unitary on its parties (operators/subsystem_map.hpp), and the end of a step
// replaces the ancilla by a fresh one, ρ ↦ tr_R(ρ) ⊗ η. Energies come from functionals w with
// tr(Oρ) = wᵀρ, so nothing is gathered; the model gathers reduced states only when it samples.
// Heat and work from them: thermo/collision_energetics.hpp.
#include <petscvec.h>

#include <cmath>
#include <vector>

#include "qtherm/parallel/handle.hpp"
#include "qtherm/dynamics/collision_protocol.hpp"

namespace qtherm::dynamics {

// What one step measured, for thermo::protocol_energetics: ⟨H_S⟩ and ⟨H_R⟩ before the first stage
// and after each, and per stage its party (−1: free) and the change of ⟨G⟩ of its own generator.
struct ProtocolStep {
  std::vector<double> system_energy, ancilla_energy;  // stages + 1 entries
  std::vector<double> generator_change;               // one per stage (U conserves G: rounding only)
  std::vector<int> stage_party;                       // one per stage
  double mutual_information = std::nan("");           // I(S:R) of the joint state before the reset (when asked for)
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
