#pragma once
// Internal to the operators layer: ghost entries of the matrix-free shells.
#include <petscmat.h>

#include <vector>

#include "qtherm/parallel/handle.hpp"

namespace qtherm::operators::detail {

// The input entries a rank reads but does not own (e.g. the columns of ρ a right product reaches),
// copied into a sequential vector before each product. Empty (no scatter) on one rank.
struct Ghosts {
  parallel::Scatter scatter;
  parallel::Vector ghost;
  // Collective on A's communicator: scatter the global entries `idx` of A's vectors (every rank takes
  // part, also with no entries).
  void create(Mat A, const std::vector<PetscInt>& idx);
  // Collective: copy x's ghost entries and expose them (nullptr without ghosts); release() after use.
  // PETSc error codes, not exceptions: these run inside MatMult callbacks.
  PetscErrorCode gather(Vec x, const PetscScalar** values);
  // The same in two halves, so that work on owned entries overlaps the transfer.
  PetscErrorCode start(Vec x);
  PetscErrorCode finish(Vec x, const PetscScalar** values);
  PetscErrorCode release(const PetscScalar** values);
};

}  // namespace qtherm::operators::detail
