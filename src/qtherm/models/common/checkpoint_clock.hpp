#pragma once
// When a time-dependent run writes a checkpoint and whether it stops: at multiples of
// RunContext::every_time of simulated time (the same on every rank), and, polled every
// `poll_every` calls and agreed across the run's ranks, every every_seconds of wall time or on
// SIGTERM/SIGUSR1 (then write and stop). Inert when the context has no checkpoint path.
#include <mpi.h>

#include <functional>

#include "qtherm/io/hdf5_reader.hpp"
#include "qtherm/models/model.hpp"

namespace qtherm::models {

class CheckpointClock {
 public:
  struct Decision {
    bool write = false, stop = false;
  };
  // Collective use: every rank of comm calls tick() in the same sequence.
  CheckpointClock(MPI_Comm comm, const RunContext& context, double t_start, int poll_every = 16);
  Decision tick(double t);
  // After a checkpoint of time t was written (also when resuming from one).
  void written(double t);
  // tick(t), then `save` and written(t) when a checkpoint is due; true when the run must stop here.
  bool checkpoint(double t, const std::function<void()>& save);

 private:
  MPI_Comm comm_;
  const RunContext& ctx_;
  double next_time_ = 0, last_wall_ = 0;
  int poll_every_, since_poll_ = 0;
};

// The checkpoint at context.checkpoint_path, refused (InputError) unless it was written for the
// same physics (its physics_hash attribute). Not collective.
io::InputFile open_checkpoint(const RunContext& context);

}  // namespace qtherm::models
