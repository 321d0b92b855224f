#include "qtherm/base/student_t.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

namespace qtherm {

double student_t_quantile(double level, long dof) {
  if (!(level > 0 && level < 1)) throw std::invalid_argument("student_t_quantile: level must be in (0, 1)");
  if (dof < 1) throw std::invalid_argument("student_t_quantile: dof must be >= 1, got " + std::to_string(dof));
  return boost::math::quantile(boost::math::students_t(static_cast<double>(dof)), 0.5 + level / 2);
}

double one_sigma_level() { return std::erf(1 / std::sqrt(2.0)); }

double jackknife_error(const std::vector<double>& x) {
  if (x.size() < 2) throw std::invalid_argument("jackknife_error: needs at least 2 leave-one-out estimates");
  const double n = static_cast<double>(x.size());
  double avg = 0, sq = 0;
  for (double v : x) avg += v / n;
  for (double v : x) sq += (v - avg) * (v - avg);
  return std::sqrt((n - 1) / n * sq);
}

}  // namespace qtherm
