#include "qtherm/dynamics/lindblad_evolution.hpp"

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"

namespace qtherm::dynamics {

std::vector<double> uniform_times(double t_final, long samples) {
  if (samples < 2) throw Error("an output grid needs at least 2 samples");
  std::vector<double> t(samples);
  for (long k = 0; k < samples; ++k) t[k] = t_final * double(k) / double(samples - 1);
  return t;
}

LindbladEvolution::LindbladEvolution(MPI_Comm comm, Mat L, EvolutionSettings settings)
    : comm_(comm), L_(L, parallel::Ownership::share), settings_(std::move(settings)) {
  QTHERM_PETSC(TSCreate(comm_, ts_.out()));
  QTHERM_PETSC(TSSetProblemType(ts_, TS_LINEAR));
  QTHERM_PETSC(TSSetRHSFunction(ts_, nullptr, TSComputeRHSFunctionLinear, nullptr));
  QTHERM_PETSC(TSSetRHSJacobian(ts_, L_, L_, TSComputeRHSJacobianConstant, nullptr));
  QTHERM_PETSC(TSSetType(ts_, TSRK));
  QTHERM_PETSC(TSRKSetType(ts_, TSRK5DP));
  QTHERM_PETSC(TSSetTolerances(ts_, settings_.atol, nullptr, settings_.rtol, nullptr));
  QTHERM_PETSC(TSSetTimeStep(ts_, settings_.initial_step));
  QTHERM_PETSC(TSSetMaxSteps(ts_, PETSC_MAX_INT));
  QTHERM_PETSC(TSSetExactFinalTime(ts_, TS_EXACTFINALTIME_MATCHSTEP));
  QTHERM_PETSC(TSMonitorSet(ts_, &LindbladEvolution::monitor, this, nullptr));
  QTHERM_PETSC(TSSetFromOptions(ts_));  // -ts_type, -ts_rk_type, -ts_adapt_*, -ts_dt override the defaults
}

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

PetscErrorCode LindbladEvolution::monitor(TS ts, PetscInt, PetscReal t, Vec u, void* ctx) {
  try {
    static_cast<LindbladEvolution*>(ctx)->on_step(ts, t, u);
  } catch (const std::exception& e) {
    // Errors cannot cross PETSc's C frames as exceptions; report them as a PETSc error.
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_LIB, "%s", e.what());
  }
  return 0;
}

void LindbladEvolution::on_step(TS ts, PetscReal t, Vec u) {
  if (t <= t_previous_) return;  // the call at the start of each TSSolve: nothing new
  const double h = t - t_previous_;
  // Simpson on the dense output when the stepper has one; else the trapezoid rule.
  bool simpson = !trapezoid_;
  if (simpson && TSInterpolate(ts, t_previous_ + 0.5 * h, midpoint_) != 0) {
    simpson = false;
    trapezoid_ = true;
    warn0(comm_, "the time stepper has no dense output; time integrals use the trapezoid rule on its steps");
  }
  if (simpson) {
    const PetscScalar a[3] = {h / 6.0, 4.0 * h / 6.0, h / 6.0};
    Vec xs[3] = {previous_, midpoint_, u};
    QTHERM_PETSC(VecMAXPY(integral_, 3, a, xs));
  } else {
    const PetscScalar a[2] = {0.5 * h, 0.5 * h};
    Vec xs[2] = {previous_, u};
    QTHERM_PETSC(VecMAXPY(integral_, 2, a, xs));
  }
  QTHERM_PETSC(VecCopy(u, previous_));
  t_previous_ = t;
  ++steps_;
  if (observer_ && *observer_) (*observer_)(t, u, integral_);
  if (progress_) progress_->update(t, steps_);
}

void LindbladEvolution::evolve(Vec rho, const std::vector<double>& times, const Sampler& sample,
                               const StepObserver& on_step) {
  if (times.empty()) return;
  integral_ = parallel::duplicate(rho);
  previous_ = parallel::duplicate(rho);
  midpoint_ = parallel::duplicate(rho);
  QTHERM_PETSC(VecCopy(rho, previous_));
  t_previous_ = times.front();
  steps_ = 0;
  observer_ = &on_step;
  progress_ = std::make_unique<Progress>(comm_, settings_.label, times.front(), times.back(),
                                         settings_.progress_interval);
  QTHERM_PETSC(TSSetTime(ts_, times.front()));
  QTHERM_PETSC(TSSetStepNumber(ts_, 0));
  sample(times.front(), rho, integral_);
  for (size_t k = 1; k < times.size(); ++k) {
    QTHERM_PETSC(TSSetMaxTime(ts_, times[k]));
    QTHERM_PETSC(TSSolve(ts_, rho));
    TSConvergedReason reason;
    QTHERM_PETSC(TSGetConvergedReason(ts_, &reason));
    if (reason < 0)
      throw Error("time integration failed at t = " + std::to_string(t_previous_) + " (TSConvergedReason " +
                  std::to_string(int(reason)) + "); try -ts_adapt_dt_min or tighter tolerances");
    sample(times[k], rho, integral_);
  }
  progress_->finish(times.back(), steps_);
  observer_ = nullptr;
}

}  // namespace qtherm::dynamics
