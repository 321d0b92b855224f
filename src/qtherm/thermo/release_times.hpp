#pragma once
// Release times τ_p: the first time at which the energy released, Q(t) = ∫₀ᵗ J dt, reaches p% of
// the total Q(∞): Q(τ_p) = p% Q(∞). Fed (t, Q, J) point by point (every accepted
// step, or the output grid); between two points Q is the cubic Hermite polynomial through Q and
// Q̇ = J. Memory does not grow with the number of points.
#include <vector>

namespace qtherm::thermo {

class ReleaseTimes {
 public:
  ReleaseTimes(std::vector<double> percents, double q_infinity);
  void observe(double t, double Q, double J);
  const std::vector<double>& percents() const { return percents_; }
  // NaN where p% was not reached (or Q(∞) is 0 or not finite).
  const std::vector<double>& times() const { return times_; }
  // The tracker's state as numbers (for checkpoints), and back.
  std::vector<double> save() const;
  void restore(const std::vector<double>& state);

 private:
  std::vector<double> percents_, times_;
  double q_inf_;
  bool has_previous_ = false;
  double t0_ = 0, q0_ = 0, j0_ = 0;
};

}  // namespace qtherm::thermo
