#include "qtherm/dynamics/periodic_state.hpp"

#include <petscksp.h>

#include <exception>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/base/progress.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {
namespace {

struct Context {
  const std::function<void(Vec, Vec)>* one_period;
  long periods = 0;
  std::exception_ptr failure;  // the propagator's own error, rethrown after KSPSolve
};

// y = x − Φ(x).
PetscErrorCode one_minus_period(Mat A, Vec x, Vec y) {
  PetscFunctionBeginUser;
  Context* c = nullptr;
  PetscCall(MatShellGetContext(A, &c));
  try {
    (*c->one_period)(x, y);
    ++c->periods;
  } catch (...) {
    c->failure = std::current_exception();
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_LIB, "one-period propagation failed");
  }
  PetscCall(VecAYPX(y, -1.0, x));
  PetscFunctionReturn(0);
}

struct Monitor {
  MPI_Comm comm;
  const PeriodicSettings* settings;
  double start, last;
  double rhs_norm;
};

// A line at most every progress_interval seconds: periods so far and GMRES's residual.
PetscErrorCode monitor(KSP, PetscInt its, PetscReal rnorm, void* p) {
  PetscFunctionBeginUser;
  auto* m = static_cast<Monitor*>(p);
  const double now = MPI_Wtime();
  if (m->settings->progress_interval > 0 && now - m->last >= m->settings->progress_interval) {
    m->last = now;
    print0(m->comm, m->settings->label + ": GMRES iteration " + std::to_string(its) + ", relative residual " +
                        format_number(m->rhs_norm > 0 ? rnorm / m->rhs_norm : 0.0, 3) + " (tolerance " +
                        format_number(m->settings->tolerance, 3) + "), " + format_duration(now - m->start));
  }
  PetscFunctionReturn(0);
}

}  // namespace

PeriodicStateInfo solve_periodic_state(const std::function<void(Vec, Vec)>& one_period, Vec rho,
                                       const PeriodicSettings& s) {
  const MPI_Comm comm = parallel::comm_of(rho);
  PeriodicStateInfo info;
  parallel::Vector rhs = parallel::duplicate(rho), delta = parallel::duplicate(rho);
  one_period(rho, rhs);  // Φ(ρ0) − ρ0
  QTHERM_PETSC(VecAXPY(rhs, -1.0, rho));
  PetscReal rhs_norm = 0;
  QTHERM_PETSC(VecNorm(rhs, NORM_2, &rhs_norm));

  Context ctx{&one_period, 0, nullptr};
  PetscInt m = 0, M = 0;
  QTHERM_PETSC(VecGetLocalSize(rho, &m));
  QTHERM_PETSC(VecGetSize(rho, &M));
  parallel::Matrix A;
  QTHERM_PETSC(MatCreateShell(comm, m, m, M, M, &ctx, A.out()));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_MULT, reinterpret_cast<void (*)(void)>(one_minus_period)));
  parallel::LinearSolver ksp;
  QTHERM_PETSC(KSPCreate(comm, ksp.out()));
  QTHERM_PETSC(KSPSetOptionsPrefix(ksp, "periodic_"));
  QTHERM_PETSC(KSPSetOperators(ksp, A, A));
  QTHERM_PETSC(KSPSetType(ksp, KSPGMRES));
  QTHERM_PETSC(KSPGMRESSetRestart(ksp, 50));  // 50 Liouville vectors at most besides the integrator's
  QTHERM_PETSC(KSPSetTolerances(ksp, s.tolerance, 0.0, PETSC_DEFAULT, PetscInt(s.max_periods)));
  PC pc = nullptr;
  QTHERM_PETSC(KSPGetPC(ksp, &pc));
  QTHERM_PETSC(PCSetType(pc, PCNONE));  // Φ has no cheap diagonal
  Monitor mon{comm, &s, MPI_Wtime(), MPI_Wtime(), rhs_norm};
  QTHERM_PETSC(KSPMonitorSet(ksp, monitor, &mon, nullptr));
  QTHERM_PETSC(KSPSetFromOptions(ksp));
  const PetscErrorCode solved = KSPSolve(ksp, rhs, delta);
  if (ctx.failure) std::rethrow_exception(ctx.failure);
  QTHERM_PETSC(solved);
  KSPConvergedReason reason;
  QTHERM_PETSC(KSPGetConvergedReason(ksp, &reason));
  KSPType type;
  QTHERM_PETSC(KSPGetType(ksp, &type));
  info.solver = std::string("matrix-free ") + type + " on (1 - Phi_T) delta = Phi_T(rho0) - rho0";
  if (reason < 0)
    throw Error(s.label + ": " + info.solver + " did not converge within " + std::to_string(ctx.periods) +
                " periods (KSPConvergedReason " + std::to_string(int(reason)) +
                "); raise [periodic] max_periods or loosen [periodic] tolerance");
  QTHERM_PETSC(VecAXPY(rho, 1.0, delta));

  one_period(rho, rhs);  // the residual of the result, from one more period
  QTHERM_PETSC(VecAXPY(rhs, -1.0, rho));
  PetscReal r = 0, n = 0;
  QTHERM_PETSC(VecNorm(rhs, NORM_2, &r));
  QTHERM_PETSC(VecNorm(rho, NORM_2, &n));
  info.periods = ctx.periods + 2;
  info.residual = n > 0 ? r / n : r;
  return info;
}

}  // namespace qtherm::dynamics
