#pragma once
// The interacting-reservoirs model (seed 003), declared for its two source files:
// interacting_reservoirs.cpp (keys, outputs, run) and interacting_reservoirs_memory.cpp (the size
// estimate). Internal to models/.
#include <string>
#include <vector>

#include "qtherm/dynamics/many_body_reservoirs.hpp"
#include "qtherm/models/model.hpp"

namespace qtherm::models {

class InteractingReservoirs final : public Model {
 public:
  std::string name() const override { return "interacting_reservoirs"; }
  std::string summary() const override {
    return "two finite reservoirs of fermionic/bosonic modes exchanging energy: bare, interaction and "
           "minimal-dissipation energy assignments, single-particle or many-body exact dynamics (seed 003)";
  }
  void declare(io::Schema& schema) const override;
  std::vector<io::Quantity> observables() const override;
  std::vector<io::Quantity> scalars() const override;
  void validate(const io::Config& config) const override;
  MemoryEstimate memory_estimate(const io::Config& config, int ranks) const override;
  io::RunRecord run(MPI_Comm comm, const io::Config& config, RunContext& context) const override;

 private:
  // Dense sector spectra of the previous point of a sweep, reused while H is unchanged (a sweep
  // over beta, mu or t_final diagonalizes each sector once).
  mutable dynamics::DenseSectorCache spectra_;
};

}  // namespace qtherm::models
