#pragma once
// Checkpoints of any time-stepping or sampling loop, declared once: the loop names its state (counters,
// sums, samples so far, random-generator state, distributed vectors, anything expensive already
// computed) and calls at(t) at each step boundary; saving, restoring, the schedule (CheckpointClock:
// every_time, every_seconds, SIGTERM/SIGUSR1 -> write and stop) and the physics check are done here,
// so no model writes checkpoint files itself.
//
// Format: one HDF5 file per running point (RunContext::checkpoint_path), written to "<path>.partial"
// and renamed (a SIGKILL during a write leaves the previous checkpoint). Replicated items are float64
// datasets under /state/<name>; distributed vectors are float64 [N, 2] by global rows under
// /vectors/<name>, so a checkpoint written at k ranks restarts at any m. Root attributes: physics_hash,
// label, and the progress for `qtherm inspect` (done, total, unit).
#include <mpi.h>
#include <petscvec.h>

#include <complex>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "qtherm/io/run_record.hpp"
#include "qtherm/models/common/checkpoint_clock.hpp"
#include "qtherm/models/model.hpp"

namespace qtherm::dynamics {
class LindbladEvolution;
struct EvolutionState;
}  // namespace qtherm::dynamics

namespace qtherm::models {

class Checkpoint {
 public:
  // Collective on comm. `poll_every`: steps between agreed polls of signals and wall time.
  Checkpoint(MPI_Comm comm, RunContext& context, int poll_every = 16);
  ~Checkpoint();

  // Declaring the state (same names, same order on every rank; before restore()). The references
  // must outlive this object.
  void add(const std::string& name, double& x);
  void add(const std::string& name, long& x);
  void add(const std::string& name, size_t& x);
  void add(const std::string& name, bool& x);
  void add(const std::string& name, std::vector<double>& v);
  void add(const std::string& name, std::vector<long>& v);
  void add(const std::string& name, std::vector<std::complex<double>>& v);
  void add(const std::string& name, Eigen::MatrixXcd& m);
  // Rows of samples (one row per series): their number is fixed by the configuration, and a restart
  // whose configuration asks for other series is refused naming `what_decides` (e.g. "[output] measures").
  void add(const std::string& name, std::vector<std::vector<double>>& rows, const std::string& what_decides = "");
  // The samples of each declared observable so far (same rule).
  void add(const std::string& name, std::vector<io::Series>& series, const std::string& what_decides = "");
  // Anything else replicated, as reals.
  void add(const std::string& name, std::function<std::vector<double>()> get,
           std::function<void(const std::vector<double>&)> set);
  // A distributed vector, by global rows (any rank count on restart).
  void add(const std::string& name, Vec v);
  // A distributed vector that may be absent: get() returns nullptr when there is none to save;
  // make() returns a vector to fill on restore (only called when the checkpoint holds one).
  void add_optional(const std::string& name, std::function<Vec()> get, std::function<Vec()> make);
  // A Lindblad evolution's own state (time, step, counters, integrals, the integrator's carried
  // stage); after restore(), evolution_state() is what evolve() resumes from.
  void add(dynamics::LindbladEvolution& evolution);
  const dynamics::EvolutionState* evolution_state() const;

  // A loop over output times computed one after another (closed forms, per-time exact evolutions):
  // row(k) gives the values at times[k] and may advance state declared above (e.g. running
  // integrals). Declares the finished rows, restores them and the other items when resuming (the
  // loop then continues after the last saved time), and checkpoints after each time the schedule
  // calls for (every_time of simulated time, every_seconds of wall time, signals). Returns one row per
  // time; fewer when a signal stopped the loop (context.interrupted set; the checkpoint holds all).
  // Collective; the rows are replicated (every rank computes the same values). Use instead of restore().
  std::vector<std::vector<double>> by_output_time(const std::vector<double>& times,
                                                  const std::function<std::vector<double>(size_t k)>& row);

  // Where the loop stands, for progress attributes (`qtherm inspect`): done of total (unit).
  void progress(double done, double total, const std::string& unit);

  // Not collective in reading (each rank reads its rows), same outcome everywhere: when the context
  // asks to resume, reads every declared item (InputError if the checkpoint belongs to other physics
  // or lacks an item) and returns true; starts the clock at `t_start` or at the restored time `t`.
  bool restore(double t_start, const std::function<double()>& t_now = {});
  bool resumed() const { return resumed_; }

  // Collective, at a step boundary after which the declared state is consistent at time t: writes a
  // checkpoint when the schedule says so; true when the run must stop now (context.interrupted set).
  bool at(double t);
  // Collective, after a finished unit of a sampling loop (a typicality sample, an eigenvector of the
  // environment's state) with `done` units of the loop finished: with every_time > 0 a checkpoint
  // follows every unit; wall time and signals as in at().
  bool at_unit(double done);
  // Collective: writes a checkpoint now (e.g. once an expensive eigen-solve converged).
  void save();
  double seconds() const { return seconds_; }  // wall time spent writing
  bool enabled() const { return !ctx_.checkpoint_path.empty(); }

 private:
  struct Item;
  void add_table(const std::string& name, std::function<std::vector<std::vector<double>>()> get,
                 std::function<void(std::vector<std::vector<double>>)> set, std::function<size_t()> rows,
                 const std::string& what_decides);
  MPI_Comm comm_;
  RunContext& ctx_;
  CheckpointClock clock_;
  std::vector<std::unique_ptr<Item>> items_;
  dynamics::LindbladEvolution* evolution_ = nullptr;
  std::unique_ptr<dynamics::EvolutionState> evolution_state_;
  double done_ = 0, total_ = 0, seconds_ = 0;
  std::string unit_;
  bool resumed_ = false;
};

}  // namespace qtherm::models
