#pragma once
// Landauer monitors: βQ̇ ≥ dS̃/dt with S̃ = −S for the whole system, its local
// version for one party X (βQ̇_X ≥ dS̃_X/dt with Q̇_X = −dE_X/dt, the energy X gives away), and
// the split of −Ṡ into local, conditional and correlation terms (for two and for N parties; docs/physics.md,
// collision_cascade). Rates come either exactly from ρ and ρ̇ = L(ρ) (continuous dynamics) or as finite differences over
// one collision step (discrete dynamics); both through StateRates.
#include <Eigen/Dense>
#include <vector>

#include "qtherm/space/tensor_space.hpp"

namespace qtherm::thermo {

class StateRates {
 public:
  // ρ(t) and ρ̇(t) exactly.
  static StateRates exact(const space::TensorSpace& space, Eigen::MatrixXcd rho, Eigen::MatrixXcd rho_dot);
  // ρ(t) and ρ(t + dt): rates are (f(ρ(t+dt)) − f(ρ(t)))/dt.
  static StateRates step(const space::TensorSpace& space, Eigen::MatrixXcd rho, Eigen::MatrixXcd next, double dt);

  double entropy(const std::vector<int>& keep) const;  // S(ρ_keep) at t (nat)
  double entropy_rate(
      const std::vector<int>& keep) const;  // dS(ρ_keep)/dt (+inf where a zero eigenvalue starts to fill)
  double expectation(const Eigen::MatrixXcd& O, const std::vector<int>& keep) const;  // Re tr(O ρ_keep) at t
  const Eigen::MatrixXcd& state() const { return rho_; }
  // d tr(O ρ_keep)/dt for O on the kept parties.
  double expectation_rate(const Eigen::MatrixXcd& O, const std::vector<int>& keep) const;

 private:
  StateRates(const space::TensorSpace& s, Eigen::MatrixXcd a, Eigen::MatrixXcd b, double dt)
      : space_(s), rho_(std::move(a)), other_(std::move(b)), dt_(dt) {}
  Eigen::MatrixXcd reduce(const Eigen::MatrixXcd& m, const std::vector<int>& keep) const;
  space::TensorSpace space_;
  Eigen::MatrixXcd rho_, other_;  // other_ = ρ̇ (dt_ = 0) or ρ(t + dt)
  double dt_ = 0;
};

// −Ṡ = N dS̃_1/dt + [(N−1) Ṡ_{1|rest} − Σ_{k≥2} Ṡ_{k|rest}] + İ_N  (N = 2 included), with
// S_{k|rest} = S − S(all but k) and I_N = Σ_k S_k − S. An identity for N = 2; for N ≥ 3 the printed form
// leaves `remainder` = −Ṡ − (local + conditional + correlation), reported, not hidden.
struct LandauerSplit {
  double total = 0;  // −Ṡ = dS̃/dt of the whole system
  double local = 0;  // N dS̃_1/dt
  double conditional = 0;
  double correlation = 0;  // dI_N/dt
  double remainder = 0;
};
LandauerSplit landauer_split(const StateRates& rates, int parties);

// Intervals [start, end] of the sample times where margin < −tolerance (a violated bound).
std::vector<std::pair<double, double>> violation_intervals(const std::vector<double>& t,
                                                           const std::vector<double>& margin, double tolerance);

}  // namespace qtherm::thermo
