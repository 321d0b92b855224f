#include "qtherm/dynamics/lindblad_evolution.hpp"

#include <algorithm>
#include <cmath>

#include "qtherm/base/check.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"

namespace qtherm::dynamics {

std::vector<double> uniform_times(double t_final, long samples) {
  if (samples < 2) throw Error("an output grid needs at least 2 samples");
  std::vector<double> t(samples);
  for (long k = 0; k < samples; ++k) t[k] = t_final * double(k) / double(samples - 1);
  return t;
}

LindbladEvolution::LindbladEvolution(MPI_Comm comm, Mat L, EvolutionSettings settings, const std::vector<Vec>& integrands)
    : comm_(comm), L_(L, parallel::Ownership::share), settings_(std::move(settings)) {
  for (Vec w : integrands) {
    parallel::Vector d0 = parallel::duplicate(w), d1 = parallel::duplicate(w), d2 = parallel::duplicate(w);
    QTHERM_PETSC(VecCopy(w, d0));
    QTHERM_PETSC(MatMultTranspose(L_, d0, d1));  // J' = wᵀLρ = (Lᵀw)ᵀρ, plain transpose
    QTHERM_PETSC(MatMultTranspose(L_, d1, d2));
    w_.push_back(std::move(d0));
    w_.push_back(std::move(d1));
    w_.push_back(std::move(d2));
  }
  QTHERM_PETSC(TSCreate(comm_, ts_.out()));
  QTHERM_PETSC(TSSetProblemType(ts_, TS_LINEAR));
  QTHERM_PETSC(TSSetRHSFunction(ts_, nullptr, TSComputeRHSFunctionLinear, nullptr));
  QTHERM_PETSC(TSSetRHSJacobian(ts_, L_, L_, TSComputeRHSJacobianConstant, nullptr));
  QTHERM_PETSC(TSSetType(ts_, TSRK));
  QTHERM_PETSC(TSRKSetType(ts_, settings_.rk_type.c_str()));
  QTHERM_PETSC(TSSetTolerances(ts_, settings_.atol, nullptr, settings_.rtol, nullptr));
  QTHERM_PETSC(TSSetTimeStep(ts_, settings_.initial_step));
  // Steps are driven one by one (advance()): the loop lands on output times itself, so PETSc's
  // end-of-interval step heuristics (which shrink a fixed step for good) never apply.
  QTHERM_PETSC(TSSetMaxTime(ts_, 0.5 * PETSC_MAX_REAL));  // TSStep refuses an unset (maximal) one
  QTHERM_PETSC(TSSetExactFinalTime(ts_, TS_EXACTFINALTIME_STEPOVER));
  QTHERM_PETSC(TSSetFromOptions(ts_));  // -ts_type, -ts_rk_type, -ts_adapt_*, -ts_dt override the defaults
}

LindbladEvolution::~LindbladEvolution() = default;

std::string LindbladEvolution::stepper_description() const {
  TSType type = nullptr;
  QTHERM_PETSC(TSGetType(ts_, &type));
  std::string s = type ? type : "?";
  PetscBool is_rk = PETSC_FALSE;
  QTHERM_PETSC(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(ts_.get()), TSRK, &is_rk));
  if (is_rk) {
    TSRKType rk = nullptr;
    QTHERM_PETSC(TSRKGetType(ts_, &rk));
    s += std::string(" ") + rk;
  }
  return s;
}

void LindbladEvolution::evaluate(Vec u, std::vector<PetscScalar>& f) const {
  f.assign(w_.size(), 0.0);
  if (w_.empty()) return;
  std::vector<Vec> ws;
  for (const auto& w : w_) ws.push_back(w);
  QTHERM_PETSC(VecMTDot(u, static_cast<PetscInt>(ws.size()), ws.data(), f.data()));  // one reduction
}

void LindbladEvolution::advance(Vec rho, double target) {
  while (state_.t < target && !stop_) {
    // Clip to land on the output time; a remainder below 1e-8 of the step (rounding) joins this step.
    double dt = state_.step;
    const bool clipped = state_.t + dt * (1 + 1e-8) >= target;
    if (clipped) dt = target - state_.t;
    QTHERM_PETSC(TSSetTimeStep(ts_, dt));
    if (restart_) QTHERM_PETSC(TSRestartStep(ts_));
    restart_ = false;
    QTHERM_PETSC(TSStep(ts_));
    TSConvergedReason reason;
    QTHERM_PETSC(TSGetConvergedReason(ts_, &reason));
    if (reason < 0)
      throw Error("time integration failed at t = " + format_number(state_.t) + " (TSConvergedReason " +
                  std::to_string(int(reason)) + "); try tighter tolerances or -ts_adapt_dt_min");
    PetscReal t = 0, proposal = 0;
    QTHERM_PETSC(TSGetTime(ts_, &t));
    QTHERM_PETSC(TSGetTimeStep(ts_, &proposal));
    const double h = t - state_.t;
    if (clipped && std::abs(t - target) <= 1e-12 * std::max(1.0, std::abs(target))) t = target;  // exact grid
    // After a full step the stepper's proposal is its choice; after a clipped one only a request
    // for a smaller step counts (else a fixed step would shrink to the clipped one).
    if (!clipped || proposal < h) state_.step = proposal;
    on_step(t, h, rho);
    QTHERM_PETSC(TSMonitor(ts_, state_.steps, t, rho));  // user monitors (-ts_monitor) still run
  }
}

void LindbladEvolution::on_step(double t, double h, Vec u) {
  evaluate(u, f_now_);
  for (size_t k = 0; k < integrals_.size(); ++k) {
    const PetscScalar *a = &f_prev_[3 * k], *b = &f_now_[3 * k];
    integrals_[k] += h / 2 * (a[0] + b[0]) + h * h / 10 * (a[1] - b[1]) + h * h * h / 120 * (a[2] + b[2]);
  }
  f_prev_.swap(f_now_);
  state_.t = t;
  ++state_.steps;
  for (size_t k = 0; k < integrals_.size(); ++k) state_.integrals[k] = PetscRealPart(integrals_[k]);
  if (observer_ && *observer_) {
    std::vector<double> values(integrals_.size());
    for (size_t k = 0; k < values.size(); ++k) values[k] = PetscRealPart(f_prev_[3 * k]);
    if ((*observer_)(t, u, state_.integrals, values)) stop_ = true;
  }
  if (progress_) progress_->update(t, state_.steps);
}

bool LindbladEvolution::evolve(Vec rho, const std::vector<double>& times, const Sampler& sample,
                               const StepObserver& on_step, const EvolutionState* resume) {
  if (times.empty()) return true;
  const size_t K = w_.size() / 3;
  if (resume) {
    state_ = *resume;
    if (state_.integrals.size() != K)
      throw Error("checkpoint holds " + std::to_string(state_.integrals.size()) + " time integrals, the run needs " +
                  std::to_string(K));
  } else {
    PetscReal dt = settings_.initial_step;
    QTHERM_PETSC(TSGetTimeStep(ts_, &dt));  // the default, or -ts_dt
    state_ = EvolutionState{times.front(), dt, 0, 0, std::vector<double>(K, 0.0)};
  }
  integrals_.assign(state_.integrals.begin(), state_.integrals.end());
  evaluate(rho, f_prev_);
  stop_ = false;
  observer_ = &on_step;
  progress_ = std::make_unique<Progress>(comm_, settings_.label, times.front(), times.back(), settings_.progress_interval);
  QTHERM_PETSC(TSSetSolution(ts_, rho));
  QTHERM_PETSC(TSSetTime(ts_, state_.t));
  QTHERM_PETSC(TSSetStepNumber(ts_, state_.steps));
  QTHERM_PETSC(TSSetUp(ts_));
  // A checkpoint taken in the step that lands on an output time precedes that sample, so a
  // resumed run starts by sampling it.
  for (size_t k = static_cast<size_t>(state_.samples); k < times.size(); ++k) {
    if (times[k] > state_.t) advance(rho, times[k]);
    if (stop_) break;
    sample(times[k], rho, state_.integrals);
    state_.samples = static_cast<long>(k) + 1;
  }
  observer_ = nullptr;
  if (stop_) return false;
  progress_->finish(times.back(), state_.steps);
  return true;
}

}  // namespace qtherm::dynamics
