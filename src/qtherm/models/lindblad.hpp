#pragma once
// The generic model: parties with local dimensions, a Hamiltonian, jump operators, a GKSL rate
// matrix and cascaded couplings, all written in the configuration, for systems no built-in model covers.
#include "qtherm/models/model.hpp"

namespace qtherm::models {

class Lindblad final : public Model {
 public:
  std::string name() const override { return "lindblad"; }
  std::string summary() const override;
  void declare(io::Schema& schema) const override;
  std::vector<io::Quantity> observables() const override;
  std::vector<io::Quantity> scalars() const override;
  void validate(const io::Config& config) const override;
  io::RunRecord run(MPI_Comm comm, const io::Config& config, RunContext& context) const override;
};

}  // namespace qtherm::models
