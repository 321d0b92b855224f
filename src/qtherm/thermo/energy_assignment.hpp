#pragma once
// How the interaction energy between two reservoirs is assigned. For reservoir X the
// three schemes of docs/physics.md (tags [recon]): bare, interaction (Esposito–Lindenberg–Van den Broeck)
// and minimal dissipation (the effective Hamiltonian K_X(t) of the exact time-local generator of X's
// reduced dynamics). Heat and work are counted INTO reservoir X; each scheme satisfies
// ΔU = Q + W, by construction for bare/interaction and up to quadrature error for minimal
// dissipation (whose Q and W are integrals of rates).
#include <Eigen/Dense>

#include <array>
#include <vector>

#include "qtherm/dynamics/single_particle.hpp"

namespace qtherm::thermo {

// Minimal dissipation for quadratic number-conserving dynamics [derived in docs/physics.md]: with G(t) the
// X block of e^{−iMt}, K_X = Σ (h_eff)_mn a_m† a_n + c-number, h_eff = (i/2)[ĠG⁻¹ − (ĠG⁻¹)†].
// hdot is its exact time derivative. rcond estimates the reciprocal condition number of G: where
// G is singular the generator does not exist and h, hdot are NaN (reported, not thrown).
struct EffectiveHamiltonian {
  Eigen::MatrixXcd h, hdot;
  double rcond = 1;
};
// U is the propagator of the whole one-body matrix M. Cost O(n² N).
EffectiveHamiltonian minimal_dissipation_h(const dynamics::SingleParticlePropagator& U, long first, long n, double t);

// One reservoir's first-law bookkeeping in one scheme, sampled at the output times.
// Q and W are accumulated from the first sample (Q[0] = W[0] = 0).
struct FirstLawSeries {
  std::vector<double> U, Q, W;
  // max_t |U(t) − U(0) − Q(t) − W(t)|
  double residual() const;
};

// Bare: U_X = E_X, Q_X = −ΔE_other, W_X = −ΔE_I.  Interaction: U_X = E_X + E_I, Q_X = −ΔE_other,
// W_X = 0.  (Energy conservation E1 + E2 + E_I = const makes both close exactly.)
FirstLawSeries bare_scheme(const std::vector<double>& E_X, const std::vector<double>& E_other,
                           const std::vector<double>& E_I);
FirstLawSeries interaction_scheme(const std::vector<double>& E_X, const std::vector<double>& E_other,
                                  const std::vector<double>& E_I);

// Minimal dissipation for reservoir X = the block [first, first+n) of a quadratic system:
// U = tr(h_eff C_XX), Q̇ = tr(h_eff Ċ_XX), Ẇ = tr(ḣ_eff C_XX) (normal-ordered: the c-number of K
// is dropped, as docs/physics.md chooses). Q and W are integrated between consecutive output times by
// 5-point Gauss–Legendre on `substeps` equal pieces. Also returns the rates at the output times.
struct MinimalDissipation {
  FirstLawSeries law;
  std::vector<double> heat_rate, work_rate, rcond;
};
MinimalDissipation minimal_dissipation_scheme(const dynamics::SingleParticlePropagator& U, const Eigen::MatrixXcd& C0,
                                              long first, long n, const std::vector<double>& times, int substeps);
// The same, one output time after another (a caller may checkpoint between times): at(times, k, Q, W)
// adds the integrals over [times[k-1], times[k]] to Q and W (k > 0) and returns {U, Q, W, Qdot, Wdot,
// rcond} at times[k]. `U` must outlive this object.
class MinimalDissipationSteps {
 public:
  MinimalDissipationSteps(const dynamics::SingleParticlePropagator& U, const Eigen::MatrixXcd& C0, long first, long n,
                          int substeps);
  std::array<double, 6> at(const std::vector<double>& times, size_t k, double& Q, double& W) const;

 private:
  const dynamics::SingleParticlePropagator& U_;
  Eigen::MatrixXcd Wc_;
  long first_, n_;
  int substeps_;
};

}  // namespace qtherm::thermo
