#pragma once
// Progress lines for long runs: simulated time reached, steps taken, wall time and an estimate
// of the time left, printed by rank 0 at most every `interval` seconds of wall time.
#include <mpi.h>

#include <chrono>
#include <string>

namespace qtherm {

class Progress {
 public:
  // `label` names the run in each line; interval <= 0 turns the lines off.
  Progress(MPI_Comm comm, std::string label, double t_start, double t_end, double interval_seconds);
  // Not collective: reads the wall clock on rank 0 only.
  void update(double t, long steps);
  // The last line, always printed (if enabled).
  void finish(double t, long steps);
  double elapsed_seconds() const;

 private:
  std::string line(double t, long steps) const;
  MPI_Comm comm_;
  std::string label_;
  double t0_, t1_, interval_;
  std::chrono::steady_clock::time_point start_, last_;
};

// "12.3 s", "4 min 05 s", "1 h 02 min".
std::string format_duration(double seconds);

}  // namespace qtherm
