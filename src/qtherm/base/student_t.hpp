#pragma once
#include <vector>

// Student's t quantiles for confidence intervals from few samples: an estimate ± q·(standard error)
// with q = student_t_quantile(level, n − 1) covers the true value with probability `level` when the
// estimate is normal and its error is estimated from n samples (the normal quantile, 1 for level
// 0.6827, assumes the error is known exactly). Boost.Math's students_t underneath.
namespace qtherm {

// The t >= 0 with P(|T| <= t) = level for T ~ Student t with dof >= 1 degrees of freedom, 0 < level < 1.
double student_t_quantile(double level, long dof);

// The probability of the normal ±1σ interval, erf(1/√2) = 0.682689…: the level of a "±1 error".
double one_sigma_level();

// The jackknife standard error of an estimate from its n ≥ 2 leave-one-out estimates x_s:
// sqrt((n − 1)/n Σ_s (x_s − x̄)²). Its interval at `level` is ± student_t_quantile(level, n − 1) times it.
double jackknife_error(const std::vector<double>& leave_one_out);

}  // namespace qtherm
