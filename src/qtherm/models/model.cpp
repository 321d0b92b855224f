#include "qtherm/models/model.hpp"

#include <utility>

namespace qtherm::models {

namespace {

class FunctionModel final : public Model {
 public:
  explicit FunctionModel(ModelFunctions f) : f_(std::move(f)) {}
  std::string name() const override { return f_.name; }
  std::string summary() const override { return f_.summary(); }
  void declare(io::Schema& schema) const override { f_.declare(schema); }
  std::vector<io::Quantity> observables() const override { return f_.observables(); }
  std::vector<io::Quantity> scalars() const override { return f_.scalars(); }
  void validate(const io::Config& config) const override { f_.validate(config); }
  MemoryEstimate memory_estimate(const io::Config& config, int ranks) const override {
    return f_.memory_estimate(config, ranks);
  }
  io::RunRecord run(MPI_Comm comm, const io::Config& config, RunContext& context) const override {
    return f_.run(comm, config, context);
  }

 private:
  ModelFunctions f_;
};

}  // namespace

std::unique_ptr<Model> make_model(ModelFunctions functions) {
  return std::make_unique<FunctionModel>(std::move(functions));
}

}  // namespace qtherm::models
