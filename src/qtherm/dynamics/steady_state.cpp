#include "qtherm/dynamics/steady_state.hpp"

#include <petscksp.h>
#include <slepceps.h>

#include <algorithm>
#include <string>
#include <vector>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/dynamics/liouvillian_spectrum.hpp"
#include "qtherm/parallel/vec_array.hpp"
#include "qtherm/parallel/vector_ops.hpp"

namespace qtherm::dynamics {
namespace {

double residual(Mat L, Vec x) {
  auto r = parallel::duplicate(x);
  QTHERM_PETSC(MatMult(L, x, r));
  PetscReal nrm = 0;
  QTHERM_PETSC(VecNorm(r, NORM_2, &nrm));
  return nrm;
}

void normalize_trace(Vec x, PetscInt d) {
  const PetscScalar t = liouville_trace(x, d);
  if (std::abs(t) == 0) throw Error("steady state: the kernel vector has zero trace");
  QTHERM_PETSC(VecScale(x, 1.0 / t));
}

// The kernel of L and the nearest nonzero eigenvalue, by shift-and-invert at σ > 0 around an LU of L − σ.
parallel::Vector direct(Mat L, Mat A, PetscInt d, SteadyStateInfo& info) {
  const MPI_Comm comm = parallel::comm_of(A);
  const double scale = diagonal_scale(A);
  // Small against the rates of L, so 0 is separated from the rest by the inversion; any σ > 0 keeps
  // L − σ nonsingular.
  const double sigma = 1e-3 * scale, kernel_tol = 1e-8 * scale;
  parallel::EigenSolver eps;
  QTHERM_PETSC(EPSCreate(comm, eps.out()));
  QTHERM_PETSC(EPSSetOperators(eps, A, nullptr));
  QTHERM_PETSC(EPSSetProblemType(eps, EPS_NHEP));
  QTHERM_PETSC(EPSSetType(eps, EPSKRYLOVSCHUR));
  QTHERM_PETSC(EPSSetOptionsPrefix(eps, "steady_"));
  QTHERM_PETSC(EPSSetTarget(eps, sigma));
  QTHERM_PETSC(EPSSetWhichEigenpairs(eps, EPS_TARGET_MAGNITUDE));
  QTHERM_PETSC(EPSSetDimensions(eps, 3, PETSC_DEFAULT, PETSC_DEFAULT));
  QTHERM_PETSC(EPSSetTolerances(eps, 1e-12, 500));
  KSP ksp = use_lu_shift_invert(eps);
  QTHERM_PETSC(EPSSetFromOptions(eps));
  QTHERM_PETSC(EPSSolve(eps));
  PetscInt nconv = 0, its = 0;
  QTHERM_PETSC(EPSGetConverged(eps, &nconv));
  QTHERM_PETSC(EPSGetIterationNumber(eps, &its));
  info.iterations = int(its);
  if (nconv < 1) throw Error("steady state: no eigenvalue of L near 0 converged (shift-and-invert)");
  std::vector<PetscScalar> values(nconv);
  for (PetscInt k = 0; k < nconv; ++k) QTHERM_PETSC(EPSGetEigenvalue(eps, k, &values[k], nullptr));
  int kernel = 0;
  double next = std::nan("");
  for (auto v : values) {
    if (std::abs(v) <= kernel_tol)
      ++kernel;
    else if (std::isnan(next) || std::abs(v) < next)
      next = std::abs(v);
  }
  info.kernel_dimension = kernel;
  info.kernel_complete = kernel < nconv;
  info.next_eigenvalue = next;
  KSPType kt;
  QTHERM_PETSC(KSPGetType(ksp, &kt));
  PC pc = nullptr;
  QTHERM_PETSC(KSPGetPC(ksp, &pc));
  PCType pt;
  QTHERM_PETSC(PCGetType(pc, &pt));
  info.solver =
      std::string("direct: shift-and-invert Krylov-Schur at sigma = ") + format_number(sigma, 3) + ", " + kt + "/" + pt;
  if (kernel != 1) {
    const std::string n = kernel == 0 ? "no eigenvalue within " + format_number(kernel_tol, 3) + " of 0"
                                      : (info.kernel_complete ? "" : "at least ") + std::to_string(kernel) +
                                            " eigenvalues 0 (independent steady states)";
    throw NotUnique("the stationary state is not unique: L has " + n, info);
  }
  parallel::Vector x;
  QTHERM_PETSC(MatCreateVecs(A, x.out(), nullptr));
  PetscInt k0 = 0;
  for (PetscInt k = 0; k < nconv; ++k)
    if (std::abs(values[k]) <= kernel_tol) k0 = k;
  QTHERM_PETSC(EPSGetEigenpair(eps, k0, nullptr, nullptr, x, nullptr));
  normalize_trace(x, d);
  // Inverse iteration with the same factors: each step shrinks the rest of the spectrum by σ/|λ − σ|.
  auto y = parallel::duplicate(x);
  double best = residual(L, x);
  for (int step = 0; step < 2; ++step) {
    QTHERM_PETSC(KSPSolve(ksp, x, y));
    normalize_trace(y, d);
    const double r = residual(L, y);
    if (!(r < best)) break;
    best = r;
    QTHERM_PETSC(VecCopy(y, x));
  }
  info.residual_norm = best;
  return x;
}

// ρ ↦ L ρ + u tr ρ, u = vec(1)/d: nonsingular exactly when L has one stationary state.
struct Bordered {
  Mat L;
  PetscInt d;
};

void add_border(Vec x_in, Vec y, PetscInt d, PetscScalar t) {
  // y += (t/d) on the diagonal entries (i, i): vec index i + d·i.
  PetscInt lo = 0, hi = 0;
  QTHERM_PETSC(VecGetOwnershipRange(y, &lo, &hi));
  (void)x_in;
  const parallel::ReadWriteArray a(y);
  for (PetscInt i = 0; i < d; ++i) {
    const PetscInt k = i + d * i;
    if (k >= lo && k < hi) a[k - lo] += t / PetscReal(d);
  }
}

PetscErrorCode bordered_mult(Mat A, Vec x, Vec y) {
  PetscFunctionBeginUser;
  Bordered* b = nullptr;
  PetscCall(MatShellGetContext(A, &b));
  PetscCall(MatMult(b->L, x, y));
  try {
    add_border(x, y, b->d, liouville_trace(x, b->d));
  } catch (...) {
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_LIB, "bordered Liouvillian product failed");
  }
  PetscFunctionReturn(0);
}

PetscErrorCode bordered_diagonal(Mat A, Vec v) {
  PetscFunctionBeginUser;
  Bordered* b = nullptr;
  PetscCall(MatShellGetContext(A, &b));
  PetscCall(MatGetDiagonal(b->L, v));
  try {
    add_border(v, v, b->d, 1.0);
  } catch (...) {
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_LIB, "bordered Liouvillian diagonal failed");
  }
  PetscFunctionReturn(0);
}

// GMRES on the bordered operator: A x = b. Returns the iterations; throws unless it converged.
PetscErrorCode eigenbasis_apply(PC pc, Vec x, Vec y) {
  PetscFunctionBeginUser;
  const EigenbasisPreconditioner* p = nullptr;
  PetscCall(PCShellGetContext(pc, &p));
  try {
    p->apply(x, y);
  } catch (...) {
    SETERRQ(PETSC_COMM_SELF, PETSC_ERR_LIB, "eigenbasis preconditioner failed");
  }
  PetscFunctionReturn(0);
}

int bordered_solve(Mat L, PetscInt d, Vec b, Vec x, const std::string& prefix, double tol, int max_it,
                   std::string& solver, const EigenbasisPreconditioner* eigenbasis = nullptr) {
  const MPI_Comm comm = parallel::comm_of(L);
  PetscInt m = 0, n = 0, M = 0, N = 0;
  QTHERM_PETSC(MatGetLocalSize(L, &m, &n));
  QTHERM_PETSC(MatGetSize(L, &M, &N));
  Bordered ctx{L, d};
  parallel::Matrix A;
  QTHERM_PETSC(MatCreateShell(comm, m, n, M, N, &ctx, A.out()));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_MULT, reinterpret_cast<void (*)(void)>(bordered_mult)));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_GET_DIAGONAL, reinterpret_cast<void (*)(void)>(bordered_diagonal)));
  parallel::LinearSolver ksp;
  QTHERM_PETSC(KSPCreate(comm, ksp.out()));
  QTHERM_PETSC(KSPSetOptionsPrefix(ksp, prefix.c_str()));
  QTHERM_PETSC(KSPSetOperators(ksp, A, A));
  QTHERM_PETSC(KSPSetType(ksp, KSPGMRES));
  QTHERM_PETSC(KSPGMRESSetRestart(ksp, 200));
  // Right preconditioning: GMRES then minimises the true residual, so a poor preconditioner (e.g. an
  // ILU of the singular L) cannot "converge" on a small preconditioned residual.
  QTHERM_PETSC(KSPSetPCSide(ksp, PC_RIGHT));
  QTHERM_PETSC(KSPSetTolerances(ksp, tol, 0.0, PETSC_DEFAULT, max_it));
  PC pc = nullptr;
  QTHERM_PETSC(KSPGetPC(ksp, &pc));
  if (eigenbasis) {
    QTHERM_PETSC(PCSetType(pc, PCSHELL));
    QTHERM_PETSC(PCShellSetContext(pc, const_cast<EigenbasisPreconditioner*>(eigenbasis)));
    QTHERM_PETSC(PCShellSetApply(pc, eigenbasis_apply));
    QTHERM_PETSC(PCShellSetName(pc, "eigenbasis of H"));
  } else {
    QTHERM_PETSC(PCSetType(pc, PCJACOBI));
  }
  QTHERM_PETSC(KSPSetFromOptions(ksp));
  QTHERM_PETSC(KSPSolve(ksp, b, x));
  KSPConvergedReason reason;
  QTHERM_PETSC(KSPGetConvergedReason(ksp, &reason));
  PetscInt its = 0;
  QTHERM_PETSC(KSPGetIterationNumber(ksp, &its));
  KSPType kt;
  PCType pt;
  QTHERM_PETSC(KSPGetType(ksp, &kt));
  QTHERM_PETSC(PCGetType(pc, &pt));
  solver = std::string("matrix-free ") + kt + "/" + (eigenbasis && std::string(pt) == PCSHELL ? "eigenbasis" : pt) +
           " on L rho + tr(rho) 1/d";
  if (reason < 0)
    throw Error(solver + " did not converge (KSPConvergedReason " + std::to_string(int(reason)) + ", " +
                std::to_string(its) + " iterations; -" + prefix + "ksp_* options tune it)");
  return int(its);
}

parallel::Vector iterative(Mat L, PetscInt d, const SteadyStateSettings& s, SteadyStateInfo& info,
                           const MakePreconditioner& make_eigenbasis) {
  const EigenbasisPreconditioner* eigenbasis = nullptr;
  if (resolve_steady_preconditioner(s, double(d), bool(make_eigenbasis)) == "eigenbasis") {
    if (!make_eigenbasis) throw Error("steady state: iterative: no Hamiltonian for the eigenbasis preconditioner");
    eigenbasis = make_eigenbasis();
  }
  parallel::Vector rhs, x;
  QTHERM_PETSC(MatCreateVecs(L, x.out(), rhs.out()));
  QTHERM_PETSC(VecSet(rhs, 0.0));
  add_border(rhs, rhs, d, 1.0);
  std::string solver;
  try {
    info.iterations = bordered_solve(L, d, rhs, x, "steady_", s.tolerance, s.max_iterations, solver, eigenbasis);
  } catch (const Error& e) {
    throw Error(std::string("steady state: iterative: ") + e.what() + "; try [steady] method = direct");
  }
  info.solver = "iterative: " + solver;
  normalize_trace(x, d);
  info.residual_norm = residual(L, x);
  // Guard against a solve that stopped on a small preconditioned residual (-steady_ksp_pc_side left
  // with a poor preconditioner): ||L rho|| must be small on the scale of L's diagonal and rho.
  PetscReal scale = 0, norm = 0;
  {
    parallel::Vector diag = parallel::duplicate(x);
    QTHERM_PETSC(MatGetDiagonal(L, diag));
    QTHERM_PETSC(VecNorm(diag, NORM_INFINITY, &scale));
    QTHERM_PETSC(VecNorm(x, NORM_2, &norm));
  }
  if (!(info.residual_norm <= 1e-6 * scale * norm))
    throw Error("steady state: iterative: " + solver + " stopped at ||L rho|| = " + format_number(info.residual_norm) +
                " (||rho|| = " + format_number(norm) +
                "): not a steady state; try [steady] method = direct or "
                "-steady_ksp_* options");
  return x;
}

}  // namespace

PetscScalar liouville_trace(Vec x, PetscInt d) {
  PetscInt lo = 0, hi = 0;
  QTHERM_PETSC(VecGetOwnershipRange(x, &lo, &hi));
  PetscScalar t = 0;
  {
    const parallel::ReadArray a(x);
    for (PetscInt i = 0; i < d; ++i) {
      const PetscInt k = i + d * i;
      if (k >= lo && k < hi) t += a[k - lo];
    }
  }
  PetscScalar sum = 0;
  QTHERM_MPI(MPI_Allreduce(&t, &sum, 1, MPIU_SCALAR, MPIU_SUM, parallel::comm_of(x)));
  return sum;
}

void solve_traceless(Mat L, PetscInt d, Vec b, Vec x, const std::string& prefix,
                     const EigenbasisPreconditioner* eigenbasis) {
  std::string solver;
  bordered_solve(L, d, b, x, prefix, 1e-13, 20000, solver, eigenbasis);
}

std::string resolve_steady_preconditioner(const SteadyStateSettings& s, double d, bool can_make) {
  if (s.preconditioner != "auto") return s.preconditioner;
  return can_make && d <= s.eigenbasis_max_dim ? "eigenbasis" : "jacobi";
}

std::string resolve_steady_method(const SteadyStateSettings& s, double unknowns) {
  if (s.method != "auto") return s.method;
  return unknowns <= s.direct_max_unknowns ? "direct" : "iterative";
}

parallel::Vector steady_state(Mat L, const std::function<parallel::Matrix()>& entries, PetscInt d,
                              const SteadyStateSettings& settings, SteadyStateInfo* info,
                              const MakePreconditioner& eigenbasis) {
  SteadyStateInfo local;
  SteadyStateInfo& out = info ? *info : local;
  const std::string method = resolve_steady_method(settings, double(d) * double(d));
  if (method == "direct") {
    const bool shell = parallel::is_shell(L);
    const parallel::Matrix assembled = shell ? entries() : parallel::Matrix();
    return direct(L, shell ? assembled.get() : L, d, out);
  }
  if (method == "iterative") return iterative(L, d, settings, out, eigenbasis);
  throw Error("steady state: unknown method " + method);
}

}  // namespace qtherm::dynamics
