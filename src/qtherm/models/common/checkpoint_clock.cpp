#include "qtherm/models/common/checkpoint_clock.hpp"

#include <algorithm>
#include <cmath>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/interrupt.hpp"
#include "qtherm/base/log.hpp"

namespace qtherm::models {

CheckpointClock::CheckpointClock(MPI_Comm comm, const RunContext& context, double t_start, int poll_every)
    : comm_(comm), ctx_(context), poll_every_(poll_every) {
  written(t_start);
}

void CheckpointClock::written(double t) {
  next_time_ = ctx_.every_time > 0 ? (std::floor(t / ctx_.every_time) + 1) * ctx_.every_time : 0;
  last_wall_ = MPI_Wtime();
}

CheckpointClock::Decision CheckpointClock::tick(double t) {
  Decision d;
  if (ctx_.checkpoint_path.empty()) return d;
  if (ctx_.every_time > 0 && t >= next_time_) d.write = true;  // the same decision on every rank
  // Signals and wall time differ between ranks: poll now and then, and agree.
  if (++since_poll_ >= poll_every_) {
    since_poll_ = 0;
    int local = interrupt_requested() ? 2 : 0;
    if (ctx_.every_seconds > 0 && rank_of(comm_) == 0 && MPI_Wtime() - last_wall_ >= ctx_.every_seconds)
      local = std::max(local, 1);
    int agreed = 0;
    QTHERM_MPI(MPI_Allreduce(&local, &agreed, 1, MPI_INT, MPI_MAX, comm_));
    d.write = d.write || agreed > 0;
    d.stop = agreed == 2;
  }
  return d;
}

bool CheckpointClock::checkpoint(double t, const std::function<void()>& save) {
  const Decision d = tick(t);
  if (d.write) {
    save();
    written(t);
  }
  return d.stop;
}

io::InputFile open_checkpoint(const RunContext& context) {
  io::InputFile f(context.checkpoint_path);
  if (f.string_attribute("/", "physics_hash") != context.physics_hash)
    throw InputError(context.checkpoint_path, "", "", "checkpoint belongs to another configuration");
  return f;
}

}  // namespace qtherm::models
