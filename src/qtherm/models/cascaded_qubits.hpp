#pragma once
// Seed 002 (Lorenzo et al., PRA 91, 022121): two qubits coupled in cascade to a reservoir of
// thermal qubits, Eqs. (1), (2), (6)–(9); heat fluxes Eqs. (12)–(17); initial states Eqs. (39)–(41).
#include "qtherm/models/model.hpp"

namespace qtherm::models {

class CascadedQubits final : public Model {
 public:
  std::string name() const override { return "cascaded_qubits"; }
  std::string summary() const override;
  void declare(io::Schema& schema) const override;
  std::vector<io::Quantity> observables() const override;
  std::vector<io::Quantity> scalars() const override;
  void validate(const io::Config& config) const override;
  io::RunRecord run(MPI_Comm comm, const io::Config& config, RunContext& context) const override;
};

}  // namespace qtherm::models
