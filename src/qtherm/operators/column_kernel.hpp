#pragma once
// Internal to the operators layer: the per-rank plan of the column Liouvillian and its kernels
// (column_liouvillian.hpp says what is computed).
#include <petscsys.h>

#include <vector>

#include "qtherm/operators/diagonal_runs.hpp"

namespace qtherm::operators::detail {

// One contribution to an output column: a_part · v · ρ[:, l] (term −1) or a_part · v · A_term ρ[:, l],
// with the source column ρ[:, l] starting at `offset` in the owned array or in the ghost buffer.
struct Source {
  PetscInt offset = 0;
  PetscInt term = -1;
  PetscInt part = 0;
  PetscScalar v = 0;
};

// L = Σ_n a_n L_n over parts n (a_0 = 1; one part for a fixed L): every entry below carries its part's
// coefficient, except the diagonals, which hold the sum at the current coefficients.
struct ColumnPlan {
  PetscInt d = 0, c0 = 0, c1 = 0;              // dimension; owned columns [c0, c1)
  std::vector<double> a;                       // the coefficient of each part
  std::vector<PetscScalar> kdiag;              // diagonal of the left matrix K = Σ_n a_n K_n
  std::vector<PetscScalar> rdiag;              // R[j, j] for the owned columns, likewise
  std::vector<DiagonalRuns> k;                 // per part, K_n without its diagonal
  std::vector<DiagonalRuns> sandwich;          // the left factors A of the sandwich groups
  std::vector<PetscInt> owned_ptr, ghost_ptr;  // per owned column: its entries in owned / ghost
  std::vector<Source> owned, ghost;
};

// Not collective: y (owned columns) = every term whose source columns are owned.
void apply_owned(const ColumnPlan& p, const PetscScalar* x, PetscScalar* y);
// Not collective: y += the terms whose source columns are in the ghost buffer.
void apply_ghosts(const ColumnPlan& p, const PetscScalar* ghost, PetscScalar* y);

}  // namespace qtherm::operators::detail
