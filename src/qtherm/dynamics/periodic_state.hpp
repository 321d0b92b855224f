#pragma once
// The periodic steady state (limit cycle) of a T-periodic linear evolution: the fixed point ρ = Φ(ρ) of
// its one-period propagator Φ, with ρ's trace kept. Matrix-free GMRES on (1 − Φ)δ = Φ(ρ0) − ρ0 and
// ρ = ρ0 + δ: Φ preserves the trace, so the right-hand side and the Krylov space are traceless, where
// 1 − Φ is invertible when the limit cycle is unique. Each iteration costs one period of integration;
// GMRES needs far fewer periods than repeating Φ when the slowest decay is slow on the scale of T
// (the plain iteration contracts by |μ_2|, the second eigenvalue of Φ, per period).
#include <petscvec.h>

#include <functional>
#include <string>

namespace qtherm::dynamics {

struct PeriodicSettings {
  double tolerance = 1e-10;       // GMRES relative residual on (1 − Φ)δ = Φ(ρ0) − ρ0
  long max_periods = 200;         // one-period propagations GMRES may use
  double progress_interval = 10;  // wall seconds between progress lines (0: none)
  std::string label = "periodic state";
};

struct PeriodicStateInfo {
  long periods = 0;     // one-period propagations used, the residual's included
  double residual = 0;  // ||Φ(ρ) − ρ||_2 / ||ρ||_2 of the result
  std::string solver;   // the KSP type actually used (options -periodic_ksp_* apply)
};

// Collective on rho's communicator. `one_period(in, out)`: out = Φ(in), linear. Replaces rho (the
// starting guess) by the periodic state; throws if GMRES does not converge within max_periods.
PeriodicStateInfo solve_periodic_state(const std::function<void(Vec in, Vec out)>& one_period, Vec rho,
                                       const PeriodicSettings& settings);

}  // namespace qtherm::dynamics
