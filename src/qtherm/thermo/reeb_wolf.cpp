#include "qtherm/thermo/reeb_wolf.hpp"

#include <cmath>
#include <algorithm>
#include <limits>

namespace qtherm::thermo {
namespace {

double rw_objective(double log_r, double L) {
  const double r = std::exp(log_r);
  const double l = std::log1p(-r) - log_r + L;
  return r * (1 - r) * l * l;
}

}  // namespace

double reeb_wolf_constant(double L) {
  // The maximiser moves towards r → 0 as d grows (r ~ 1/ln² d), so search in ln r: a grid, then
  // golden section around the best grid point.
  const double lo = -700, hi = std::log(0.5);
  const int n = 4000;
  int best = 0;
  double fbest = -1;
  for (int k = 0; k <= n; ++k) {
    const double f = rw_objective(lo + (hi - lo) * k / n, L);
    if (f > fbest) fbest = f, best = k;
  }
  double a = lo + (hi - lo) * std::max(best - 1, 0) / n, b = lo + (hi - lo) * std::min(best + 1, n) / n;
  const double g = (std::sqrt(5.0) - 1) / 2;
  double c = b - g * (b - a), d = a + g * (b - a);
  double fc = rw_objective(c, L), fd = rw_objective(d, L);
  for (int it = 0; it < 200 && b - a > 1e-15; ++it) {
    if (fc > fd)
      b = d, d = c, fd = fc, c = b - g * (b - a), fc = rw_objective(c, L);
    else
      a = c, c = d, fc = fd, d = a + g * (b - a), fd = rw_objective(d, L);
  }
  return std::max({fbest, fc, fd});
}

double log_two_pow_minus_one(long n) { return n * std::log(2.0) + std::log1p(-std::exp2(-static_cast<double>(n))); }

double reeb_wolf_bound(double dS, double R) {
  if (dS < 0) return R - std::sqrt(R * R - 2 * R * dS);
  return dS + dS * dS / (2 * R);
}

}  // namespace qtherm::thermo
