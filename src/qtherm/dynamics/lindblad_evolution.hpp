#pragma once
// Time evolution ρ̇ = Lρ with PETSc TS: by default adaptive Runge–Kutta (Dormand–Prince 5(4)),
// then TSSetFromOptions so that any -ts_* option applies.
//
// Time integrals of linear functionals J_k = w_kᵀρ (heat currents) are accumulated per accepted
// step with the two-point quintic Hermite rule, using the exact derivatives J' = (Lᵀw)ᵀρ and
// J'' = (LᵀLᵀw)ᵀρ of the autonomous linear equation: O(h⁷) per step for any time-stepping scheme,
// without dense output (PETSc 3.18's forward cost integral is wrong with adaptive RK steps).
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
  std::string rk_type = "5dp";  // default TSRK scheme (e.g. "3bs" keeps fewer stage vectors); -ts_rk_type overrides
};

// Where an interrupted evolution stands (for checkpoints): enough to continue bit for bit.
struct EvolutionState {
  double t = 0;
  double step = 0;  // the step the stepper would take next, before clipping to an output time
  long steps = 0;
  long samples = 0;               // output times sampled so far (the next one is times[samples])
  std::vector<double> integrals;  // ∫ J_k dt so far (real parts)
};

class LindbladEvolution {
 public:
  // Collective on comm. L is the assembled Liouvillian (the evolution keeps a reference);
  // `integrands` are the functionals w_k whose time integrals are accumulated (layout of ρ).
  LindbladEvolution(MPI_Comm comm, Mat L, EvolutionSettings settings, const std::vector<Vec>& integrands = {});
  ~LindbladEvolution();

  // At each output time: t, ρ(t) and ∫₀ᵗ J_k dt.
  using Sampler = std::function<void(double t, Vec rho, const std::vector<double>& integrals)>;
  // After each accepted step: t, ρ, the integrals and the current values J_k(t). Returns true to
  // stop the evolution there (for a checkpoint on a signal); collective decisions only.
  using StepObserver = std::function<bool(double t, Vec rho, const std::vector<double>& integrals,
                                          const std::vector<double>& values)>;

  // Collective: evolves rho in place through the output times that lie after the start time
  // (times.front(), or resume->t), calling `sample` at each (and at times.front() when starting
  // fresh). Returns false if `on_step` stopped it early; state() then says where.
  bool evolve(Vec rho, const std::vector<double>& times, const Sampler& sample, const StepObserver& on_step = {},
              const EvolutionState* resume = nullptr);
  const EvolutionState& state() const { return state_; }
  // Called after a checkpoint of state(): the next step starts afresh (no first-same-as-last stage
  // carried over), exactly as a run resumed from that checkpoint does, so both stay bitwise equal.
  void restart_next_step() { restart_ = true; }
  std::string stepper_description() const;

 private:
  void advance(Vec rho, double target);  // accepted steps up to exactly `target`
  void on_step(double t, double h, Vec u);
  void evaluate(Vec u, std::vector<PetscScalar>& f) const;  // J, J', J'' of every integrand

  MPI_Comm comm_;
  parallel::Matrix L_;
  parallel::TimeStepper ts_;
  EvolutionSettings settings_;
  std::vector<parallel::Vector> w_;  // w_k, Lᵀw_k, LᵀLᵀw_k for each k (3 per integrand)
  std::vector<PetscScalar> f_prev_, f_now_;
  std::vector<PetscScalar> integrals_;
  EvolutionState state_;
  bool stop_ = false;
  bool restart_ = false;
  const StepObserver* observer_ = nullptr;
  std::unique_ptr<Progress> progress_;
};

// Uniform output grid: `samples` points from 0 to t_final inclusive.
std::vector<double> uniform_times(double t_final, long samples);

}  // namespace qtherm::dynamics
