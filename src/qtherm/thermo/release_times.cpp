#include "qtherm/thermo/release_times.hpp"

#include <cmath>
#include <stdexcept>

namespace qtherm::thermo {
namespace {
double hermite(double s, double h, double q0, double q1, double j0, double j1) {
  const double s2 = s * s, s3 = s2 * s;
  return (2 * s3 - 3 * s2 + 1) * q0 + (s3 - 2 * s2 + s) * h * j0 + (-2 * s3 + 3 * s2) * q1 + (s3 - s2) * h * j1;
}
}  // namespace

ReleaseTimes::ReleaseTimes(std::vector<double> percents, double q_infinity)
    : percents_(std::move(percents)), times_(percents_.size(), std::nan("")), q_inf_(q_infinity) {}

void ReleaseTimes::observe(double t, double Q, double J) {
  const bool usable = q_inf_ != 0 && std::isfinite(q_inf_);
  for (size_t k = 0; usable && k < percents_.size(); ++k) {
    if (!std::isnan(times_[k])) continue;
    // The released fraction Q/Q(∞) handles Q(∞) < 0 (heat absorbed) alike.
    const double target = percents_[k] / 100.0;
    if (Q / q_inf_ < target) continue;
    if (!has_previous_ || q0_ / q_inf_ >= target || t <= t0_) {
      times_[k] = has_previous_ ? t0_ : t;
      continue;
    }
    const double h = t - t0_;
    double a = 0, b = 1;  // bisection on the interval's interpolant
    for (int it = 0; it < 60; ++it) {
      const double m = 0.5 * (a + b);
      if (hermite(m, h, q0_, Q, j0_, J) / q_inf_ < target)
        a = m;
      else
        b = m;
    }
    times_[k] = t0_ + 0.5 * (a + b) * h;
  }
  t0_ = t, q0_ = Q, j0_ = J, has_previous_ = true;
}

std::vector<double> ReleaseTimes::save() const {
  std::vector<double> s = {has_previous_ ? 1.0 : 0.0, t0_, q0_, j0_};
  s.insert(s.end(), times_.begin(), times_.end());
  return s;
}

void ReleaseTimes::restore(const std::vector<double>& s) {
  if (s.size() != 4 + times_.size()) throw std::invalid_argument("release-time state has the wrong size");
  has_previous_ = s[0] != 0;
  t0_ = s[1], q0_ = s[2], j0_ = s[3];
  times_.assign(s.begin() + 4, s.end());
}

}  // namespace qtherm::thermo
