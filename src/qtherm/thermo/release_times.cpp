#include "qtherm/thermo/release_times.hpp"

#include <cmath>

namespace qtherm::thermo {
namespace {
double hermite(double s, double h, double q0, double q1, double j0, double j1) {
  const double s2 = s * s, s3 = s2 * s;
  return (2 * s3 - 3 * s2 + 1) * q0 + (s3 - 2 * s2 + s) * h * j0 + (-2 * s3 + 3 * s2) * q1 + (s3 - s2) * h * j1;
}
}  // namespace

std::vector<double> release_times(const HeatHistory& hist, const std::vector<double>& percents, double q_inf) {
  std::vector<double> out(percents.size(), std::nan(""));
  if (q_inf == 0 || !std::isfinite(q_inf) || hist.t.empty()) return out;
  for (size_t k = 0; k < percents.size(); ++k) {
    // The released fraction Q/Q(∞) handles Q(∞) < 0 (heat absorbed) alike.
    const double target = percents[k] / 100.0;
    if (hist.Q[0] / q_inf >= target) {
      out[k] = hist.t[0];
      continue;
    }
    for (size_t s = 1; s < hist.t.size(); ++s) {
      if (hist.Q[s] / q_inf < target) continue;
      const double h = hist.t[s] - hist.t[s - 1];
      double a = 0, b = 1;  // bisection on the step's interpolant
      for (int it = 0; it < 60; ++it) {
        const double m = 0.5 * (a + b);
        if (hermite(m, h, hist.Q[s - 1], hist.Q[s], hist.J[s - 1], hist.J[s]) / q_inf < target) a = m;
        else b = m;
      }
      out[k] = hist.t[s - 1] + 0.5 * (a + b) * h;
      break;
    }
  }
  return out;
}

}  // namespace qtherm::thermo
