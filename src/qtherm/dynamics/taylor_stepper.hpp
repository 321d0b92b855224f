#pragma once
// Steps of ρ̇ = Lρ for a time-independent L by the truncated Taylor series of the exponential,
//   ρ(t + h) = Σ_k h^k L^k ρ / k!,
// summed until two successive terms are below the tolerance (RMS-weighted as PETSc TS weighs its
// local error: atol + rtol·|ρ|), with h ≤ θ/λ for the growth rate λ = ‖Lv‖/‖v‖ found by a few power
// iterations, so the series converges in ~40 terms without loss to cancellation (its largest term
// is ~e^θ/√θ ≈ 70 at θ = 6). Why not Runge–Kutta: for a linear autonomous generator each term costs
// one product and one fused update (three vectors in all: ρ, the term and the next term), where an
// adaptive RK step spends ~9 vector passes per product on stage combinations and error estimates,
// keeps 2 vectors per stage, and its step is bounded by stability. The time integrals of expectation
// values come from the same series, ∫₀^h tr(Oρ(s)) ds = Σ_k h/(k+1) · tr(O·term_k): exact to the same
// tolerance at any step length, at a cost of nnz(O) per term.
#include <petscmat.h>

#include <vector>

#include "qtherm/operators/expectations.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

class TaylorStepper {
 public:
  // Collective on L's communicator: estimates λ with a few products (counted in applications()).
  TaylorStepper(Mat L, double atol, double rtol, const operators::Expectations& integrands, Vec like);
  // The longest step the series takes in one go.
  double max_step() const { return max_step_; }
  // Collective: ρ ← e^{hL}ρ (h ≤ max_step()); integrals[k] += ∫ over the step of tr(O_k ρ).
  void step(Vec rho, double h, std::vector<PetscScalar>& integrals);
  // Within the last step, at s = θh (0 ≤ θ ≤ 1): ∫₀^s tr(O_k ρ) and tr(O_k ρ(s)) from its series.
  void interior(double theta, std::vector<double>& integral, std::vector<double>& value) const;
  long applications() const { return applications_; }
  double apply_seconds() const { return apply_seconds_; }
  int last_terms() const { return last_terms_; }

 private:
  void apply(Vec x, Vec y);

  Mat L_;
  double atol_, rtol_;
  const operators::Expectations& integrands_;
  parallel::Vector term_, next_;
  double max_step_ = 0;
  long applications_ = 0;
  double apply_seconds_ = 0;
  int last_terms_ = 0;
  double last_h_ = 0;
  std::vector<std::vector<PetscScalar>> series_;  // tr(O_k · term_j) of the last step, per term j
};

}  // namespace qtherm::dynamics
