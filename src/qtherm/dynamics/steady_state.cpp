#include "qtherm/dynamics/steady_state.hpp"

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/operators/assemble.hpp"

namespace qtherm::dynamics {

parallel::Vector steady_state(MPI_Comm comm, const operators::SuperOperator& L, SteadyStateInfo* info) {
  const PetscInt d = L.space().dim();
  const PetscInt n = d * d;
  auto A = operators::assemble(comm, n, [&](PetscInt r, operators::Row& out) {
    if (r == 0) {
      for (PetscInt i = 0; i < d; ++i) out.emplace_back(i + d * i, 1.0);  // tr ρ
    } else {
      L.append_row(r, out);
    }
  });
  auto rhs = parallel::make_vector(comm, n);
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
  if (size_of(comm) > 1) QTHERM_PETSC(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS));
  QTHERM_PETSC(KSPSetFromOptions(ksp));
  QTHERM_PETSC(KSPSolve(ksp, rhs, x));
  KSPConvergedReason reason;
  QTHERM_PETSC(KSPGetConvergedReason(ksp, &reason));
  if (reason < 0) throw Error("steady-state solve did not converge (KSPConvergedReason " + std::to_string(int(reason)) + ")");

  if (info) {
    PetscInt its = 0;
    QTHERM_PETSC(KSPGetIterationNumber(ksp, &its));
    info->iterations = int(its);
    auto Lfull = operators::assemble(comm, L);
    auto r = parallel::duplicate(x);
    QTHERM_PETSC(MatMult(Lfull, x, r));
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
