#pragma once
// Release times τ_p: the first time at which the energy released, Q(t) = ∫₀ᵗ J dt, reaches p% of
// the total Q(∞) (seed 002 Sec. V: Q(τ_p) = p% Q(∞)). Fed with (t, Q, J) after every accepted
// step; within a step Q is interpolated by the cubic Hermite polynomial through Q and Q̇ = J.
#include <vector>

namespace qtherm::thermo {

class ReleaseTimes {
 public:
  ReleaseTimes(std::vector<double> percents, double q_infinity);
  void observe(double t, double Q, double J);
  const std::vector<double>& percents() const { return percents_; }
  // NaN where p% was not reached by the end of the run (or Q(∞) = 0).
  const std::vector<double>& times() const { return times_; }

 private:
  std::vector<double> percents_, times_;
  double q_inf_;
  bool has_previous_ = false;
  double t0_ = 0, q0_ = 0, j0_ = 0;
};

}  // namespace qtherm::thermo
