#include "qtherm/base/progress.hpp"

#include <cmath>
#include <cstdio>

#include "qtherm/base/log.hpp"

namespace qtherm {

std::string format_duration(double s) {
  char buf[64];
  if (!std::isfinite(s)) return "?";
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%.1f s", s);
  else if (s < 3600)
    std::snprintf(buf, sizeof buf, "%d min %02d s", int(s / 60), int(std::fmod(s, 60)));
  else
    std::snprintf(buf, sizeof buf, "%d h %02d min", int(s / 3600), int(std::fmod(s, 3600) / 60));
  return buf;
}

Progress::Progress(MPI_Comm comm, std::string label, double t_start, double t_end, double interval, std::string units)
    : comm_(comm),
      label_(std::move(label)),
      units_(std::move(units)),
      t0_(t_start),
      t1_(t_end),
      interval_(interval),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

double Progress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

std::string Progress::line(double t, long steps) const {
  const double wall = elapsed_seconds();
  const double done = (t1_ > t0_) ? (t - t0_) / (t1_ - t0_) : 1.0;
  // Linear extrapolation at this process's rate since its first update (a resumed run starts
  // part-way): adaptive steppers slow down and speed up, so this is an estimate, labelled as such.
  const double since = std::isfinite(t_first_) ? t_first_ : t0_,
               wall_since = std::isfinite(t_first_) ? wall_first_ : 0.0;
  const double left = t > since && wall > wall_since ? (wall - wall_since) * (t1_ - t) / (t - since) : NAN;
  char buf[320];
  if (units_.empty())
    std::snprintf(buf, sizeof buf, "%s: t = %.6g of %.6g (%.0f%%), %ld steps, %s elapsed, ~%s left", label_.c_str(), t,
                  t1_, 100.0 * done, steps, format_duration(wall).c_str(), format_duration(left).c_str());
  else
    std::snprintf(buf, sizeof buf, "%s: %.6g of %.6g %s (%.0f%%), %s elapsed, ~%s left", label_.c_str(), t, t1_,
                  units_.c_str(), 100.0 * done, format_duration(wall).c_str(), format_duration(left).c_str());
  return buf;
}

void Progress::update(double t, long steps) {
  if (interval_ <= 0 || rank_of(comm_) != 0) return;
  if (!std::isfinite(t_first_)) {
    t_first_ = t, wall_first_ = elapsed_seconds();
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (std::chrono::duration<double>(now - last_).count() < interval_) return;
  last_ = now;
  print0(comm_, line(t, steps));
}

void Progress::finish(double t, long steps) {
  if (interval_ <= 0) return;
  print0(comm_, line(t, steps));
}

}  // namespace qtherm
