#pragma once
// Time evolution ρ̇ = Lρ with PETSc TS: by default adaptive Runge–Kutta (Dormand–Prince 5(4)),
// then TSSetFromOptions so that any -ts_* option applies. Besides ρ it keeps R(t) = ∫₀ᵗ ρ dt'
// (Simpson's rule per accepted step on the stepper's dense output), so the time integral of any
// linear functional, such as a heat current, is wᵀR to the integrator's accuracy.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "qtherm/base/progress.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

struct EvolutionSettings {
  double atol = 1e-10;
  double rtol = 1e-8;
  double initial_step = 1e-3;
  double progress_interval = 10.0;  // seconds of wall time between progress lines; <= 0: none
  std::string label = "evolution";
};

class LindbladEvolution {
 public:
  // Collective on comm. L is the assembled Liouvillian; the evolution keeps a reference.
  LindbladEvolution(MPI_Comm comm, Mat L, EvolutionSettings settings);

  // At each output time: t, ρ(t), R(t) = ∫₀ᵗ ρ.
  using Sampler = std::function<void(double t, Vec rho, Vec integral)>;
  // After each accepted internal step: t and the state (for observers such as release times).
  using StepObserver = std::function<void(double t, Vec rho, Vec integral)>;

  // Collective: evolves rho in place from times.front() through every output time.
  void evolve(Vec rho, const std::vector<double>& times, const Sampler& sample, const StepObserver& on_step = {});
  long steps() const { return steps_; }
  std::string stepper_description() const;
  // True when time integrals used the trapezoid rule because the stepper has no dense output.
  bool used_trapezoid() const { return trapezoid_; }

 private:
  static PetscErrorCode monitor(TS ts, PetscInt step, PetscReal t, Vec u, void* ctx);
  void on_step(TS ts, PetscReal t, Vec u);

  MPI_Comm comm_;
  parallel::Matrix L_;
  parallel::TimeStepper ts_;
  EvolutionSettings settings_;
  parallel::Vector integral_, previous_, midpoint_;
  double t_previous_ = 0;
  long steps_ = 0;
  bool trapezoid_ = false;
  const StepObserver* observer_ = nullptr;
  std::unique_ptr<Progress> progress_;
};

// Uniform output grid: `samples` points from 0 to t_final inclusive.
std::vector<double> uniform_times(double t_final, long samples);

}  // namespace qtherm::dynamics
