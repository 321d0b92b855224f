#pragma once
// Internal to the operators layer: a sparse d×d matrix as runs along its diagonals, for the column
// Liouvillian's kernel. A run is a stretch of consecutive rows whose entries sit at the same offset
// from the diagonal; applied to a column it is a shifted, unit-stride axpy that vectorises, where a
// row-by-row gather does not. Operators on tensor products are made of such runs: a local operator
// on a party of stride s gives runs of length s.
#include <vector>

#include "qtherm/operators/sparse.hpp"

namespace qtherm::operators::detail {

struct DiagonalRuns {
  struct Run {
    PetscInt row = 0, len = 0, offset = 0;  // rows [row, row + len) read rows + offset
    PetscInt val = 0;                       // first value in `values`; len of them, or one if constant
    bool constant = false;
  };
  std::vector<Run> runs;
  std::vector<PetscScalar> values;
};

// Not collective: m's entries as runs. Runs on one diagonal separated by at most `max_gap` rows are
// joined, the gap filled with zeros, so short runs (a party of stride 1 or 2) still vectorise.
DiagonalRuns diagonal_runs(const Sparse& m, PetscInt max_gap = 2);

}  // namespace qtherm::operators::detail
