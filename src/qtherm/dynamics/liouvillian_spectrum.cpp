#include "qtherm/dynamics/liouvillian_spectrum.hpp"

#include <slepceps.h>

#include <algorithm>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"

namespace qtherm::dynamics {

double diagonal_scale(Mat A) {
  parallel::Vector diag;
  QTHERM_PETSC(MatCreateVecs(A, diag.out(), nullptr));
  QTHERM_PETSC(MatGetDiagonal(A, diag));
  PetscReal m = 0;
  QTHERM_PETSC(VecNorm(diag, NORM_INFINITY, &m));
  return m > 0 ? m : 1.0;
}

KSP use_lu_shift_invert(EPS eps) {
  ST st = nullptr;
  QTHERM_PETSC(EPSGetST(eps, &st));
  QTHERM_PETSC(STSetType(st, STSINVERT));
  KSP ksp = nullptr;
  QTHERM_PETSC(STGetKSP(st, &ksp));
  QTHERM_PETSC(KSPSetType(ksp, KSPPREONLY));
  PC pc = nullptr;
  QTHERM_PETSC(KSPGetPC(ksp, &pc));
  QTHERM_PETSC(PCSetType(pc, PCLU));
  QTHERM_PETSC(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS));
  return ksp;
}

RightmostEigenvalues rightmost_eigenvalues(Mat A, int count, bool shift_invert, double sigma, const std::string& prefix,
                                           Vec initial) {
  parallel::EigenSolver eps;
  QTHERM_PETSC(EPSCreate(parallel::comm_of(A), eps.out()));
  QTHERM_PETSC(EPSSetOperators(eps, A, nullptr));
  QTHERM_PETSC(EPSSetProblemType(eps, EPS_NHEP));
  QTHERM_PETSC(EPSSetType(eps, EPSKRYLOVSCHUR));
  QTHERM_PETSC(EPSSetOptionsPrefix(eps, prefix.c_str()));
  QTHERM_PETSC(EPSSetDimensions(eps, count, PETSC_DEFAULT, PETSC_DEFAULT));
  QTHERM_PETSC(EPSSetTolerances(eps, 1e-12, 1000));
  if (shift_invert) {
    QTHERM_PETSC(EPSSetTarget(eps, sigma));
    QTHERM_PETSC(EPSSetWhichEigenpairs(eps, EPS_TARGET_REAL));
    use_lu_shift_invert(eps);
  } else {
    QTHERM_PETSC(EPSSetWhichEigenpairs(eps, EPS_LARGEST_REAL));
  }
  if (initial) {
    Vec v = initial;
    QTHERM_PETSC(EPSSetInitialSpace(eps, 1, &v));
  }
  QTHERM_PETSC(EPSSetFromOptions(eps));
  QTHERM_PETSC(EPSSolve(eps));
  PetscInt nconv = 0, its = 0;
  QTHERM_PETSC(EPSGetConverged(eps, &nconv));
  QTHERM_PETSC(EPSGetIterationNumber(eps, &its));
  if (nconv < count)
    throw Error("eigenvalues of L: only " + std::to_string(nconv) + " of " + std::to_string(count) + " converged (-" +
                prefix + "eps_ncv, -" + prefix + "eps_max_it)");
  RightmostEigenvalues out;
  out.iterations = int(its);
  std::vector<std::pair<PetscScalar, PetscInt>> v;
  for (PetscInt k = 0; k < nconv; ++k) {
    PetscScalar x;
    QTHERM_PETSC(EPSGetEigenvalue(eps, k, &x, nullptr));
    v.push_back({x, k});
  }
  // Real part first, then the positive imaginary part of a conjugate pair: the same order at any rank count.
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    const double ra = PetscRealPart(a.first), rb = PetscRealPart(b.first);
    if (std::abs(ra - rb) > 1e-10 * std::max(1.0, std::abs(ra))) return ra > rb;
    return PetscImaginaryPart(a.first) > PetscImaginaryPart(b.first);
  });
  for (const auto& [x, k] : v) out.values.push_back(x);
  QTHERM_PETSC(MatCreateVecs(A, out.first.out(), nullptr));
  QTHERM_PETSC(EPSGetEigenpair(eps, v.front().second, nullptr, nullptr, out.first, nullptr));
  return out;
}

}  // namespace qtherm::dynamics
