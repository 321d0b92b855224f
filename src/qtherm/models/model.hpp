#pragma once
// A physical model: the keys it reads, what it computes, and how. The registry maps a name to a
// model; `models/` is the only layer that knows physics names.
#include <mpi.h>

#include <memory>
#include <string>
#include <vector>

#include "qtherm/base/memory_estimate.hpp"
#include "qtherm/io/config.hpp"
#include "qtherm/io/run_record.hpp"
#include "qtherm/io/schema.hpp"

namespace qtherm::models {

// How a run is embedded in a study: its point, and where and when it checkpoints.
struct RunContext {
  long point = 0;
  std::string label = "run";    // names the run in progress lines
  std::string checkpoint_path;  // "" = no checkpoints (nor stops on signals)
  bool resume = false;          // continue from the checkpoint at checkpoint_path
  double every_time = 0;        // simulated time between checkpoints (0: off)
  double every_seconds = 0;     // wall-clock seconds between checkpoints (0: off)
  std::string physics_hash;     // written into checkpoints, checked on resume
  bool interrupted = false;     // out: stopped on SIGTERM/SIGUSR1 after writing a checkpoint
};

class Model {
 public:
  virtual ~Model() = default;
  virtual std::string name() const = 0;
  virtual std::string summary() const = 0;  // one line for `qtherm models`
  // Adds this model's keys (section "model", and any section of its own) to `schema`.
  virtual void declare(io::Schema& schema) const = 0;
  // Every observable and scalar the model can write, with unit and sign convention.
  virtual std::vector<io::Quantity> observables() const = 0;
  virtual std::vector<io::Quantity> scalars() const = 0;
  // Physics checks beyond types and ranges (positivity, Hermiticity, consistency);
  // throws InputError naming the key. Not collective.
  virtual void validate(const io::Config& config) const = 0;
  // The memory one point needs on each rank of a group of `ranks`, beyond what the process holds
  // before the run (state vectors, integrator stages, operators, Krylov bases, dense blocks, output
  // buffers), for the route the configuration selects. From sizes only: allocates nothing, so
  // `qtherm check` and `run` call it before anything is built. Not collective.
  virtual MemoryEstimate memory_estimate(const io::Config& config, int ranks) const = 0;
  // Collective on comm: runs one point and returns its results on every rank. Time-dependent
  // models checkpoint as `context` says and set context.interrupted when a signal stopped them
  // (the record is then incomplete and must not be written).
  virtual io::RunRecord run(MPI_Comm comm, const io::Config& config, RunContext& context) const = 0;
};

// The functions a model is made of, defined in its own file (an anonymous namespace), each with the
// contract of the Model member of the same name. make_model wraps them as the Model the registry
// lists, so no model repeats the interface.
struct ModelFunctions {
  std::string name;
  std::string (*summary)();
  void (*declare)(io::Schema& schema);
  std::vector<io::Quantity> (*observables)();
  std::vector<io::Quantity> (*scalars)();
  void (*validate)(const io::Config& config);
  MemoryEstimate (*memory_estimate)(const io::Config& config, int ranks);
  io::RunRecord (*run)(MPI_Comm comm, const io::Config& config, RunContext& context);
};
std::unique_ptr<Model> make_model(ModelFunctions functions);

// All built-in models, in the order `qtherm models` lists them.
const std::vector<std::unique_ptr<Model>>& registry();
// nullptr if unknown.
const Model* find_model(const std::string& name);
std::vector<std::string> model_names();

}  // namespace qtherm::models
