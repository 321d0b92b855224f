#pragma once
// Time evolution ρ̇ = Lρ, by one of two integrators ([time] integrator):
//  - taylor (default): the truncated Taylor series of e^{hL} (taylor_stepper.hpp), three vectors,
//    steps that end on the output times, time integrals summed from the same series;
//  - rk: PETSc TS, by default adaptive Runge–Kutta (Dormand–Prince 5(4)), then TSSetFromOptions so
//    that any -ts_* option applies.
//
// On the rk route:
// Time integrals of expectation values J_k = tr(O_k ρ) (heat currents) are accumulated per accepted
// step with the two-point quintic Hermite rule, using the exact derivatives J' = tr(L*(O_k) ρ) and
// J'' = tr(L*(L*(O_k)) ρ) of the autonomous linear equation: O(h⁷) per step for any time-stepping
// scheme, without dense output (PETSc 3.18's forward cost integral is wrong with adaptive RK steps).
//
// A time-dependent generator L(t) = L + Σ_n a_n(t) L_n (TimeDependence; rk route only) is applied as
// fixed operators with coefficients evaluated at each stage time, never reassembled: as one fused
// column shell of all parts (one pass over ρ per stage) when TimeDependence::fused is given, else as
// one product per part summed. Its time integrals are of I(t) = Σ_m c_m(t) tr(O_m ρ), by the same
// quintic Hermite rule with the exact derivatives of the non-autonomous equation (a_0 = 1,
// g_m = tr(O_m ρ)):
//   g_m'  = Σ_n a_n tr(L_n*(O_m) ρ),
//   g_m'' = Σ_n a_n' tr(L_n*(O_m) ρ) + Σ_{n,p} a_n a_p tr(L_p*(L_n*(O_m)) ρ),
//   I' = Σ_m c_m' g_m + c_m g_m',   I'' = Σ_m c_m'' g_m + 2 c_m' g_m' + c_m g_m'',
// so each term carries 1 + (N+1) + (N+1)² fixed observables for N time-dependent parts.
#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "qtherm/base/progress.hpp"
#include "qtherm/dynamics/taylor_stepper.hpp"
#include "qtherm/operators/expectations.hpp"
#include "qtherm/operators/liouvillian_parts.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

struct EvolutionSettings {
  double atol = 1e-10;
  double rtol = 1e-8;
  double initial_step = 1e-3;
  // rk: the longest step (0: as the error control allows). Bounds the quadrature of the time
  // integrals where rho hardly moves but a drive does (the integrands are not error-controlled).
  double max_step = 0;
  double progress_interval = 10.0;  // seconds of wall time between progress lines; <= 0: none
  std::string label = "evolution";
  std::string rk_type = "5dp";  // default TSRK scheme (e.g. "3bs" keeps fewer stage vectors); -ts_rk_type overrides
  std::string integrator = "taylor";  // taylor | rk
};

// A real coefficient of time: its value (per stage), and value, first and second derivative (per step,
// for the quadrature of the time integrals).
struct Coefficient {
  std::function<double(double)> value;
  std::function<std::array<double, 3>(double t, int side)> with_derivatives;  // side as TimeExpression::derivative
};

// The time dependence of the generator and of the integrands: L(t) = L + Σ_n a_n(t) L_n, and time
// integrals of Σ_m c_m(t) tr(O_m ρ).
struct TimeDependence {
  struct Part {
    Mat L;  // fixed, a shell or assembled (referenced, not owned); nullptr when `fused` is given
    const operators::LiouvillianParts* grouped;  // its grouped form, for the duals
    Coefficient a;
  };
  std::vector<Part> parts;
  struct Term {
    Coefficient c;
    operators::Sparse O;
  };
  std::vector<std::vector<Term>> integrands;
  // L + Σ_n a_n L_n as one column shell of the parts in this order (operators::make_column_liouvillian
  // of [L, L_1, ...]), its coefficients set at each stage; nullptr: a product per part.
  Mat fused = nullptr;
};

// Where an interrupted evolution stands (for checkpoints): enough to continue bit for bit.
struct EvolutionState {
  double t = 0;
  double step = 0;  // the step the stepper would take next, before clipping to an output time
  long steps = 0;
  long samples = 0;               // output times sampled so far (the next one is times[samples])
  std::vector<double> integrals;  // ∫ J_k dt so far (real parts)
};

// Where an evolution's time went (this process, wall seconds).
struct EvolutionCost {
  long applications = 0;        // products L·x
  double apply_seconds = 0;     // inside them
  double step_seconds = 0;      // inside TSStep (applications included)
  double integral_seconds = 0;  // the heat integrals' expectation values after each step
};

class LindbladEvolution {
 public:
  // Collective on comm. L is the Liouvillian, assembled or a shell (the evolution keeps a reference);
  // the time integrals of tr(O_k ρ) are accumulated for the `integrands` O_k. `parts` is L's grouped
  // form, needed when there are integrands on the rk route (for the derivatives L*(O_k), L*(L*(O_k))).
  LindbladEvolution(MPI_Comm comm, Mat L, EvolutionSettings settings, std::vector<operators::Sparse> integrands = {},
                    const operators::LiouvillianParts* parts = nullptr);
  // Collective on comm: the time-dependent generator L(t) = L + Σ_n a_n(t) L_n with the integrals of
  // `driven` (rk route only; `parts` is L's grouped form). The Mats of `driven` must outlive this.
  LindbladEvolution(MPI_Comm comm, Mat L, EvolutionSettings settings, TimeDependence driven,
                    const operators::LiouvillianParts* parts);
  ~LindbladEvolution();

  // At each output time: t, ρ(t) and ∫₀ᵗ J_k dt.
  using Sampler = std::function<void(double t, Vec rho, const std::vector<double>& integrals)>;
  // After each accepted step: t, ρ, the integrals and the current values J_k(t). Returns true to
  // stop the evolution there (for a checkpoint on a signal); collective decisions only.
  using StepObserver =
      std::function<bool(double t, Vec rho, const std::vector<double>& integrals, const std::vector<double>& values)>;

  // Collective: evolves rho in place through the output times that lie after the start time
  // (times.front(), or resume->t), calling `sample` at each (and at times.front() when starting
  // fresh). Returns false if `on_step` stopped it early; state() then says where.
  bool evolve(Vec rho, const std::vector<double>& times, const Sampler& sample, const StepObserver& on_step = {},
              const EvolutionState* resume = nullptr);
  const EvolutionState& state() const { return state_; }
  const EvolutionCost& cost() const { return cost_; }
  // On the taylor route, inside a StepObserver call: the step just taken started at `t`, and at
  // t + θ·(its length) the integrals and values are exact from its series (for release times, which
  // need the heat between points far apart). Returns false on the rk route.
  bool interior(double theta, double& t, std::vector<double>& integrals, std::vector<double>& values) const;
  // The integrator's stage carried from one step to the next (rk with a first-same-as-last
  // tableau, after a step): a checkpoint stores it so that a resumed run takes bitwise the steps the
  // uninterrupted one takes. nullptr when there is none. Writing a checkpoint touches nothing here,
  // so checkpoints (by any schedule) never change the trajectory.
  Vec carried_stage() const;
  // A vector to restore the carried stage into before evolve(resume): the first step then uses it
  // instead of evaluating L·ρ afresh.
  Vec carried_stage_for_resume();
  std::string stepper_description() const;
  // Collective: f = L(t) u (not counted among the evolution's applications).
  void apply(double t, Vec u, Vec f);

 private:
  void advance(Vec rho, double target);  // accepted steps up to exactly `target`
  void advance_taylor(Vec rho, double from, double target);
  void on_step(double t, double h, Vec u);  // rk: the Hermite rule for the integrals, then accepted()
  void accepted(double t, Vec u, const std::vector<double>& values);
  void setup_rk(bool constant_jacobian);
  // J, J', J'' of every integrand at t from the traces `raw` of the fixed observables there, the
  // coefficients' derivatives taken from `side` (> 0: the right, < 0: the left).
  void combine(double t, int side, const std::vector<PetscScalar>& raw, std::vector<PetscScalar>& f) const;

  MPI_Comm comm_;
  parallel::Matrix L_;
  parallel::TimeStepper ts_;
  EvolutionSettings settings_;
  size_t K_ = 0;               // number of time integrals
  operators::Expectations w_;  // rk: O_k, L*(O_k), L*(L*(O_k)) for each k; taylor: O_k
  std::unique_ptr<TaylorStepper> taylor_;
  std::vector<PetscScalar> raw_prev_, raw_now_;  // traces of w_'s observables at the step's start, end
  std::vector<PetscScalar> f_prev_, f_now_;
  std::vector<PetscScalar> integrals_;
  static PetscErrorCode rhs(TS ts, PetscReal t, Vec u, Vec f, void* self);
  EvolutionState state_;
  EvolutionCost cost_;
  double step_start_ = 0, step_length_ = 0;
  std::vector<double> step_start_integrals_;
  bool stop_ = false;
  bool restart_ = false;
  bool fsal_ = false;         // rk tableau with a first-same-as-last stage
  Vec last_rhs_ = nullptr;    // the stage vector the last L·u went into (PETSc's own)
  parallel::Vector carried_;  // restored carried stage, used by the first rhs call after resume
  bool inject_ = false;
  const StepObserver* observer_ = nullptr;
  std::unique_ptr<Progress> progress_;
  // A time-dependent generator: the fused shell or its parts (shared), their coefficients, a work
  // vector for L_n·u (parts only).
  parallel::Matrix fused_;
  std::vector<double> stage_coefficients_;
  std::vector<parallel::Matrix> parts_;
  std::vector<Coefficient> part_coefficients_;
  std::vector<std::vector<Coefficient>> term_coefficients_;  // per integrand, per term
  parallel::Vector work_;
};

// "taylor" or "rk" for [time] integrator = auto | taylor | rk: auto is rk when the PETSc options
// database holds any -ts_ option (the user is tuning TS), else taylor.
std::string resolve_integrator(const std::string& choice);

}  // namespace qtherm::dynamics
