#include "qtherm/dynamics/steady_state.hpp"

#include <petscmat.h>

#include <string>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/operators/assemble.hpp"

namespace qtherm::dynamics {

parallel::Vector steady_state(Mat L, PetscInt d, SteadyStateInfo* info) {
  const MPI_Comm comm = parallel::comm_of(L);
  const PetscInt n = d * d;
  // L's own rows (the same row split), row 0 replaced by tr ρ = 1.
  PetscInt nlocal = 0;
  QTHERM_PETSC(MatGetLocalSize(L, &nlocal, nullptr));
  auto A = operators::assemble(comm, n, [&](PetscInt r, operators::Row& out) {
    if (r == 0) {
      for (PetscInt i = 0; i < d; ++i) out.emplace_back(i + d * i, 1.0);  // tr ρ
      return;
    }
    PetscInt ncols = 0;
    const PetscInt* cols = nullptr;
    const PetscScalar* vals = nullptr;
    QTHERM_PETSC(MatGetRow(L, r, &ncols, &cols, &vals));
    for (PetscInt k = 0; k < ncols; ++k) out.emplace_back(cols[k], vals[k]);
    QTHERM_PETSC(MatRestoreRow(L, r, &ncols, &cols, &vals));
  }, nlocal);
  auto rhs = parallel::make_vector(comm, n, nlocal);
  auto x = parallel::duplicate(rhs);
  PetscInt lo = 0, hi = 0;
  QTHERM_PETSC(VecGetOwnershipRange(rhs, &lo, &hi));
  if (lo == 0 && hi > 0) QTHERM_PETSC(VecSetValue(rhs, 0, 1.0, INSERT_VALUES));
  QTHERM_PETSC(VecAssemblyBegin(rhs));
  QTHERM_PETSC(VecAssemblyEnd(rhs));

  parallel::LinearSolver ksp;
  QTHERM_PETSC(KSPCreate(comm, ksp.out()));
  QTHERM_PETSC(KSPSetOptionsPrefix(ksp, "steady_"));
  QTHERM_PETSC(KSPSetOperators(ksp, A, A));
  QTHERM_PETSC(KSPSetType(ksp, KSPPREONLY));
  PC pc = nullptr;
  QTHERM_PETSC(KSPGetPC(ksp, &pc));
  QTHERM_PETSC(PCSetType(pc, PCLU));
  // MUMPS on any rank count, with null-pivot detection: a degenerate kernel (e.g. an undamped party) must be
  // reported, not answered with an arbitrary element of it, and 1 rank must behave like N.
  QTHERM_PETSC(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS));
  QTHERM_PETSC(PCFactorSetUpMatSolverType(pc));
  {
    Mat factor = nullptr;
    QTHERM_PETSC(PCFactorGetMatrix(pc, &factor));
    QTHERM_PETSC(MatMumpsSetIcntl(factor, 24, 1));
  }
  QTHERM_PETSC(KSPSetFromOptions(ksp));
  QTHERM_PETSC(KSPSetUp(ksp));
  Mat F = nullptr;
  MatSolverType solver_type = nullptr;
  PetscBool is_lu = PETSC_FALSE;
  QTHERM_PETSC(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(pc), PCLU, &is_lu));
  if (is_lu) QTHERM_PETSC(PCFactorGetMatSolverType(pc, &solver_type));
  const bool mumps = is_lu && solver_type && std::string(solver_type) == MATSOLVERMUMPS;
  QTHERM_PETSC(KSPSolve(ksp, rhs, x));
  KSPConvergedReason reason;
  QTHERM_PETSC(KSPGetConvergedReason(ksp, &reason));
  if (reason < 0) throw Error("steady-state solve failed (KSPConvergedReason " + std::to_string(int(reason)) + ")");
  if (mumps) {
    QTHERM_PETSC(PCFactorGetMatrix(pc, &F));
    PetscInt null_pivots = 0;
    QTHERM_PETSC(MatMumpsGetInfog(F, 28, &null_pivots));
    if (null_pivots > 0)
      throw Error("the stationary state is not unique: L has " + std::to_string(null_pivots + 1) +
                  " independent steady states (MUMPS null pivots)");
  }

  if (info) {
    PetscInt its = 0;
    QTHERM_PETSC(KSPGetIterationNumber(ksp, &its));
    info->iterations = int(its);
    auto r = parallel::duplicate(x);
    QTHERM_PETSC(MatMult(L, x, r));
    PetscReal nrm = 0;
    QTHERM_PETSC(VecNorm(r, NORM_2, &nrm));
    info->residual_norm = nrm;
    KSPType kt;
    PCType pt;
    QTHERM_PETSC(KSPGetType(ksp, &kt));
    QTHERM_PETSC(PCGetType(pc, &pt));
    info->solver = std::string(kt) + "/" + pt;
  }
  return x;
}

}  // namespace qtherm::dynamics
