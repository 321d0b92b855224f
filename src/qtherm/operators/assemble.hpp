#pragma once
// Distributed assembly: every rank computes only the rows it owns, counts exact nonzeros per row
// (diagonal and off-diagonal blocks) for preallocation, then inserts; no off-process entries.
#include <petscmat.h>
#include <petscvec.h>

#include <functional>

#include "qtherm/operators/operator_sum.hpp"
#include "qtherm/operators/superoperator.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::operators {

using RowFunction = std::function<void(PetscInt row, Row& out)>;

// Collective on comm: the rows [lo, hi) this rank owns under PETSc's even split of n rows
// (PETSC_DECIDE), the layout of assemble() and of vectors made with PETSC_DECIDE.
struct RowRange {
  PetscInt lo = 0, hi = 0;
};
RowRange owned_rows(MPI_Comm comm, PetscInt n, PetscInt nlocal = PETSC_DECIDE);

// Collective on comm: an n×n MPIAIJ (AIJ on one rank) matrix with `nlocal` rows here (PETSC_DECIDE:
// PETSc's split). Duplicate columns are summed; exact zeros dropped except on the diagonal.
parallel::Matrix assemble(MPI_Comm comm, PetscInt n, const RowFunction& row, PetscInt nlocal = PETSC_DECIDE);
// On the Liouville layout (LiouvilleSpace::local_size), as the column shell.
parallel::Matrix assemble(MPI_Comm comm, const SuperOperator& L);
parallel::Matrix assemble(MPI_Comm comm, const OperatorSum& H);

// Not collective: w with tr(O ρ) = wᵀ vec(ρ) (unconjugated, VecTDot) on the layout of `like`.
parallel::Vector functional(const OperatorSum& O, Vec like);
// Collective: Re tr(Oρ) from the functional vector.
double expectation(Vec functional, Vec rho);

}  // namespace qtherm::operators
