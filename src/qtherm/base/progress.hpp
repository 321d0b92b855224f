#pragma once
// Progress lines for long runs: simulated time reached, steps taken, wall time and an estimate
// of the time left, printed by rank 0 at most every `interval` seconds of wall time.
#include <mpi.h>

#include <chrono>
#include <cmath>
#include <string>

namespace qtherm {

class Progress {
 public:
  // `label` names the run in each line; interval <= 0 turns the lines off. `units`: what is counted
  // when it is not simulated time (e.g. "basis states": "106 of 256 basis states" instead of "t = ").
  // The estimate of the time left uses the rate since the first update() of this process, so that a
  // run resumed from a checkpoint does not count the work done before as if just done.
  Progress(MPI_Comm comm, std::string label, double t_start, double t_end, double interval_seconds,
           std::string units = "");
  // Not collective: reads the wall clock on rank 0 only.
  void update(double t, long steps);
  // The last line, always printed (if enabled).
  void finish(double t, long steps);
  double elapsed_seconds() const;

 private:
  std::string line(double t, long steps) const;
  MPI_Comm comm_;
  std::string label_, units_;
  double t0_, t1_, interval_;
  double t_first_ = NAN, wall_first_ = 0;  // the first update() seen: where this process's rate starts
  std::chrono::steady_clock::time_point start_, last_;
};

// "12.3 s", "4 min 05 s", "1 h 02 min".
std::string format_duration(double seconds);

}  // namespace qtherm
