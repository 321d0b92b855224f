#include "qtherm/dynamics/lindblad_evolution.hpp"

#include <algorithm>
#include <cmath>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/operators/column_liouvillian.hpp"

namespace qtherm::dynamics {

std::string resolve_integrator(const std::string& choice) {
  if (choice != "auto") return choice;
  PetscBool initialized = PETSC_FALSE;
  QTHERM_PETSC(PetscInitialized(&initialized));
  if (!initialized) return "taylor";  // validation before PETSc starts: no options can have been given
  char* all = nullptr;
  QTHERM_PETSC(PetscOptionsGetAll(nullptr, &all));
  const bool ts = (" " + std::string(all ? all : "")).find(" -ts_") != std::string::npos;
  QTHERM_PETSC(PetscFree(all));
  return ts ? "rk" : "taylor";
}

LindbladEvolution::LindbladEvolution(MPI_Comm comm, Mat L, EvolutionSettings settings,
                                     std::vector<operators::Sparse> integrands,
                                     const operators::LiouvillianParts* parts)
    : comm_(comm), L_(L, parallel::Ownership::share), settings_(std::move(settings)), K_(integrands.size()) {
  if (settings_.integrator == "taylor") {
    w_ = operators::Expectations(std::move(integrands));
    parallel::Vector like;
    QTHERM_PETSC(MatCreateVecs(L_, like.out(), nullptr));
    taylor_ = std::make_unique<TaylorStepper>(L_, settings_.atol, settings_.rtol, w_, like);
    return;
  }
  if (settings_.integrator != "rk") throw Error("unknown integrator '" + settings_.integrator + "'");
  if (!integrands.empty() && !parts) throw Error("time integrals on the rk route need the grouped Liouvillian");
  std::vector<operators::Sparse> with_derivatives;
  for (auto& O : integrands) {
    operators::Sparse d1 = parts->dual(O), d2 = parts->dual(d1);  // J' = tr(L*(O)ρ), J'' likewise
    with_derivatives.insert(with_derivatives.end(), {std::move(O), std::move(d1), std::move(d2)});
  }
  w_ = operators::Expectations(std::move(with_derivatives));
  setup_rk(true);
}

LindbladEvolution::LindbladEvolution(MPI_Comm comm, Mat L, EvolutionSettings settings, TimeDependence driven,
                                     const operators::LiouvillianParts* parts)
    : comm_(comm), L_(L, parallel::Ownership::share), settings_(std::move(settings)), K_(driven.integrands.size()) {
  if (settings_.integrator != "rk")
    throw Error("a time-dependent generator needs the rk integrator (the taylor series assumes a constant L)");
  if (!parts) throw Error("time integrals on the rk route need the grouped Liouvillian");
  std::vector<const operators::LiouvillianParts*> grouped{parts};
  fused_ = parallel::Matrix(driven.fused, parallel::Ownership::share);
  for (auto& p : driven.parts) {
    if (!fused_ && !p.L) throw Error("a time-dependent part without its operator");
    if (!fused_) parts_.emplace_back(p.L, parallel::Ownership::share);
    part_coefficients_.push_back(std::move(p.a));
    grouped.push_back(p.grouped);
  }
  // Per term: O, then L_n*(O) for n = 0..N, then L_p*(L_n*(O)) for n, p = 0..N (n outer).
  std::vector<operators::Sparse> ops;
  for (auto& integrand : driven.integrands) {
    term_coefficients_.emplace_back();
    for (auto& term : integrand) {
      term_coefficients_.back().push_back(std::move(term.c));
      std::vector<operators::Sparse> first;
      for (const auto* g : grouped) first.push_back(g->dual(term.O));
      ops.push_back(std::move(term.O));
      for (const auto& d : first) ops.push_back(d);
      for (const auto& d : first)
        for (const auto* g : grouped) ops.push_back(g->dual(d));
    }
  }
  w_ = operators::Expectations(std::move(ops));
  if (!fused_) QTHERM_PETSC(MatCreateVecs(L_, work_.out(), nullptr));
  setup_rk(false);
}

void LindbladEvolution::setup_rk(bool constant_jacobian) {
  QTHERM_PETSC(TSCreate(comm_, ts_.out()));
  QTHERM_PETSC(TSSetProblemType(ts_, TS_LINEAR));
  QTHERM_PETSC(TSSetRHSFunction(ts_, nullptr, rhs, this));  // L·u, counted and timed
  // L(t) of a time-dependent generator is never formed: only explicit schemes apply (-ts_type rk, ...).
  if (constant_jacobian) QTHERM_PETSC(TSSetRHSJacobian(ts_, L_, L_, TSComputeRHSJacobianConstant, nullptr));
  QTHERM_PETSC(TSSetType(ts_, TSRK));
  QTHERM_PETSC(TSRKSetType(ts_, settings_.rk_type.c_str()));
  QTHERM_PETSC(TSSetTolerances(ts_, settings_.atol, nullptr, settings_.rtol, nullptr));
  QTHERM_PETSC(TSSetTimeStep(ts_, settings_.initial_step));
  if (settings_.max_step > 0) {  // before TSSetFromOptions: -ts_adapt_dt_max still overrides
    TSAdapt adapt = nullptr;
    QTHERM_PETSC(TSGetAdapt(ts_, &adapt));
    QTHERM_PETSC(TSAdaptSetStepLimits(adapt, PETSC_DEFAULT, settings_.max_step));
  }
  // Steps are driven one by one (advance()): the loop lands on output times itself, so PETSc's
  // end-of-interval step heuristics (which shrink a fixed step for good) never apply.
  QTHERM_PETSC(TSSetMaxTime(ts_, 0.5 * PETSC_MAX_REAL));  // TSStep refuses an unset (maximal) one
  QTHERM_PETSC(TSSetExactFinalTime(ts_, TS_EXACTFINALTIME_STEPOVER));
  QTHERM_PETSC(TSSetFromOptions(ts_));  // -ts_type, -ts_rk_type, -ts_adapt_*, -ts_dt override the defaults
  PetscBool is_rk = PETSC_FALSE, fsal = PETSC_FALSE;
  QTHERM_PETSC(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(ts_.get()), TSRK, &is_rk));
  if (is_rk) QTHERM_PETSC(TSRKGetTableau(ts_, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, &fsal));
  fsal_ = fsal == PETSC_TRUE;
}

Vec LindbladEvolution::carried_stage() const { return fsal_ && state_.steps > 0 ? last_rhs_ : nullptr; }

Vec LindbladEvolution::carried_stage_for_resume() {
  if (!fsal_) throw Error("the checkpoint carries an integrator stage, but this integrator has none: start afresh");
  QTHERM_PETSC(MatCreateVecs(L_, carried_.out(), nullptr));
  inject_ = true;
  return carried_;
}

LindbladEvolution::~LindbladEvolution() = default;

PetscErrorCode LindbladEvolution::rhs(TS ts, PetscReal t, Vec u, Vec f, void* self) {
  PetscFunctionBeginUser;
  auto* e = static_cast<LindbladEvolution*>(self);
  e->last_rhs_ = f;
  if (e->inject_) {
    // The first stage of the first step after a resume (also when that step is rejected and
    // retried): the stored carried stage, which the uninterrupted run reuses there.
    PetscInt ns = 0;
    Vec* Y = nullptr;
    PetscCall(TSGetStages(ts, &ns, &Y));
    if (ns > 0 && u == Y[0]) {
      PetscCall(VecCopy(e->carried_, f));
      PetscFunctionReturn(0);
    }
  }
  const double t0 = MPI_Wtime();
  if (e->part_coefficients_.empty()) {
    PetscCall(MatMult(e->L_, u, f));
  } else {
    try {
      e->apply(t, u, f);
    } catch (const std::exception& x) {
      SETERRQ(PETSC_COMM_SELF, PETSC_ERR_LIB, "%s", x.what());
    }
  }
  e->cost_.apply_seconds += MPI_Wtime() - t0;
  ++e->cost_.applications;
  PetscFunctionReturn(0);
}

void LindbladEvolution::apply(double t, Vec u, Vec f) {
  if (fused_) {
    stage_coefficients_.resize(part_coefficients_.size());
    for (size_t n = 0; n < part_coefficients_.size(); ++n) stage_coefficients_[n] = part_coefficients_[n].value(t);
    operators::set_column_coefficients(fused_, stage_coefficients_);
    QTHERM_PETSC(MatMult(fused_, u, f));
    return;
  }
  QTHERM_PETSC(MatMult(L_, u, f));
  for (size_t n = 0; n < parts_.size(); ++n) {
    const double a = part_coefficients_[n].value(t);
    if (a == 0) continue;
    QTHERM_PETSC(MatMult(parts_[n], u, work_));
    QTHERM_PETSC(VecAXPY(f, a, work_));
  }
}

std::string LindbladEvolution::stepper_description() const {
  if (taylor_) return "taylor (steps up to " + format_number(taylor_->max_step()) + ")";
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

void LindbladEvolution::combine(double t, int side, const std::vector<PetscScalar>& raw,
                                std::vector<PetscScalar>& f) const {
  if (part_coefficients_.empty() && term_coefficients_.empty()) {
    f = raw;  // the traces are J, J', J'' themselves
    return;
  }
  const size_t N = part_coefficients_.size() + 1;  // a_0 = 1 for the constant part
  std::vector<std::array<double, 3>> a(N, {1.0, 0.0, 0.0});
  for (size_t n = 1; n < N; ++n) a[n] = part_coefficients_[n - 1].with_derivatives(t, side);
  f.assign(3 * K_, 0.0);
  size_t at = 0;
  for (size_t i = 0; i < K_; ++i) {
    PetscScalar I = 0, I1 = 0, I2 = 0;
    for (const auto& coefficient : term_coefficients_[i]) {
      const auto c = coefficient.with_derivatives(t, side);
      const PetscScalar g = raw[at];
      PetscScalar g1 = 0, g2 = 0;
      for (size_t n = 0; n < N; ++n) {
        g1 += a[n][0] * raw[at + 1 + n];
        g2 += a[n][1] * raw[at + 1 + n];
        for (size_t p = 0; p < N; ++p) g2 += a[n][0] * a[p][0] * raw[at + 1 + N + n * N + p];
      }
      I += c[0] * g;
      I1 += c[1] * g + c[0] * g1;
      I2 += c[2] * g + 2 * c[1] * g1 + c[0] * g2;
      at += 1 + N + N * N;
    }
    f[3 * i] = I, f[3 * i + 1] = I1, f[3 * i + 2] = I2;
  }
}

void LindbladEvolution::advance_taylor(Vec rho, double from, double target) {
  // Equal steps from the previous output time that land on the target: no output time costs an
  // extra product, and a run resumed at any step boundary takes bitwise the same steps.
  const double span = target - from;
  const long n = std::max(1L, long(std::ceil(span / taylor_->max_step() * (1 - 1e-12))));
  const double h = span / double(n);
  std::vector<double> values(K_);
  for (long k = std::lround((state_.t - from) / h); k < n && !stop_; ++k) {
    const double t0 = MPI_Wtime();
    const long applied = taylor_->applications();
    step_start_ = state_.t;
    step_length_ = (k + 1 == n ? target : from + double(k + 1) * h) - state_.t;
    step_start_integrals_ = state_.integrals;
    taylor_->step(rho, h, integrals_);
    cost_.step_seconds += MPI_Wtime() - t0;
    cost_.applications += taylor_->applications() - applied;
    cost_.apply_seconds = taylor_->apply_seconds();
    const double t1 = MPI_Wtime();
    if (K_ > 0) {
      w_.evaluate(rho, f_now_);
      for (size_t j = 0; j < K_; ++j) values[j] = PetscRealPart(f_now_[j]);
    }
    cost_.integral_seconds += MPI_Wtime() - t1;
    accepted(k + 1 == n ? target : from + double(k + 1) * h, rho, values);
  }
}

bool LindbladEvolution::interior(double theta, double& t, std::vector<double>& integrals,
                                 std::vector<double>& values) const {
  if (!taylor_) return false;
  taylor_->interior(theta, integrals, values);
  for (size_t k = 0; k < integrals.size(); ++k) integrals[k] += step_start_integrals_[k];
  t = step_start_ + theta * step_length_;
  return true;
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
    const double t0 = MPI_Wtime();
    QTHERM_PETSC(TSStep(ts_));
    inject_ = false;  // from here on PETSc carries the stage itself
    cost_.step_seconds += MPI_Wtime() - t0;
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
  const double t0 = MPI_Wtime();
  w_.evaluate(u, raw_now_);
  // The integrands' time derivatives from within the step: a coefficient with a corner at a step's
  // end (a piecewise drive or rate) then costs no accuracy.
  combine(state_.t, +1, raw_prev_, f_prev_);
  combine(t, -1, raw_now_, f_now_);
  raw_prev_.swap(raw_now_);
  cost_.integral_seconds += MPI_Wtime() - t0;
  for (size_t k = 0; k < integrals_.size(); ++k) {
    const PetscScalar *a = &f_prev_[3 * k], *b = &f_now_[3 * k];
    integrals_[k] += h / 2 * (a[0] + b[0]) + h * h / 10 * (a[1] - b[1]) + h * h * h / 120 * (a[2] + b[2]);
  }
  std::vector<double> values(K_);
  for (size_t k = 0; k < K_; ++k) values[k] = PetscRealPart(f_now_[3 * k]);
  accepted(t, u, values);
}

void LindbladEvolution::accepted(double t, Vec u, const std::vector<double>& values) {
  state_.t = t;
  ++state_.steps;
  for (size_t k = 0; k < K_; ++k) state_.integrals[k] = PetscRealPart(integrals_[k]);
  if (observer_ && *observer_ && (*observer_)(t, u, state_.integrals, values)) stop_ = true;
  if (progress_) progress_->update(t, state_.steps);
}

bool LindbladEvolution::evolve(Vec rho, const std::vector<double>& times, const Sampler& sample,
                               const StepObserver& on_step, const EvolutionState* resume) {
  if (times.empty()) return true;
  const size_t K = K_;
  if (resume) {
    state_ = *resume;
    if (state_.integrals.size() != K)
      throw Error("checkpoint holds " + std::to_string(state_.integrals.size()) + " time integrals, the run needs " +
                  std::to_string(K));
  } else {
    PetscReal dt = settings_.initial_step;
    if (!taylor_) QTHERM_PETSC(TSGetTimeStep(ts_, &dt));  // the default, or -ts_dt
    state_ = EvolutionState{times.front(), dt, 0, 0, std::vector<double>(K, 0.0)};
  }
  // A resumed run's first step starts afresh (TSRestartStep); with a carried stage restored its
  // first L·u is that stage, as in the uninterrupted run.
  if (resume) restart_ = true;
  if (!resume || !fsal_ || state_.steps == 0) inject_ = false;
  integrals_.assign(state_.integrals.begin(), state_.integrals.end());
  if (!taylor_) w_.evaluate(rho, raw_prev_);
  stop_ = false;
  observer_ = &on_step;
  progress_ =
      std::make_unique<Progress>(comm_, settings_.label, times.front(), times.back(), settings_.progress_interval);
  if (!taylor_) {
    QTHERM_PETSC(TSSetSolution(ts_, rho));
    QTHERM_PETSC(TSSetTime(ts_, state_.t));
    QTHERM_PETSC(TSSetStepNumber(ts_, state_.steps));
    QTHERM_PETSC(TSSetUp(ts_));
  }
  // A checkpoint taken in the step that lands on an output time precedes that sample, so a
  // resumed run starts by sampling it.
  for (size_t k = static_cast<size_t>(state_.samples); k < times.size(); ++k) {
    if (times[k] > state_.t) {
      if (taylor_)
        advance_taylor(rho, k > 0 ? times[k - 1] : times.front(), times[k]);
      else
        advance(rho, times[k]);
    }
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
