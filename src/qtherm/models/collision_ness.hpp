#pragma once
// Seed 004 Sec. III C: a qubit system S (H_S = (omega_s/2) σz) colliding with a stream of fresh
// thermal qubit ancillas (H_A = (omega_a/2) σz, inverse temperature beta) through
// g V = (g0/√dt) Σ_lm J_lm σ_l ⊗ σ_m (Eq. 24). Exact finite-δt collision map (thermo/
// collision_map.hpp): per-collision heat, switching work, entropy production (Eqs. 13–14, 20–21),
// and the fixed point of the map (NESS): β_eff (Eq. 28), steady currents, coherence, ergotropy.
#include "qtherm/models/model.hpp"

namespace qtherm::models {

class CollisionNess final : public Model {
 public:
  std::string name() const override { return "collision_ness"; }
  std::string summary() const override;
  void declare(io::Schema& schema) const override;
  std::vector<io::Quantity> observables() const override;
  std::vector<io::Quantity> scalars() const override;
  void validate(const io::Config& config) const override;
  io::RunRecord run(MPI_Comm comm, const io::Config& config, RunContext& context) const override;
};

}  // namespace qtherm::models
