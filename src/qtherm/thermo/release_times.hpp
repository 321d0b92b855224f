#pragma once
// Release times τ_p: the first time at which the energy released, Q(t) = ∫₀ᵗ J dt, reaches p% of
// the total Q(∞) (seed 002 Sec. V: Q(τ_p) = p% Q(∞)). Computed from the integrator's accepted
// steps (t, Q, J); within a step Q is the cubic Hermite polynomial through Q and Q̇ = J.
#include <vector>

namespace qtherm::thermo {

struct HeatHistory {
  std::vector<double> t, Q, J;
  void add(double time, double q, double j) {
    t.push_back(time);
    Q.push_back(q);
    J.push_back(j);
  }
};

// NaN where p% is not reached within the history, or where Q(∞) is 0 or not finite.
std::vector<double> release_times(const HeatHistory& history, const std::vector<double>& percents, double q_infinity);

}  // namespace qtherm::thermo
