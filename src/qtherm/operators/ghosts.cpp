#include "qtherm/operators/ghosts.hpp"

#include "qtherm/base/check.hpp"

namespace qtherm::operators::detail {

void Ghosts::create(Mat A, const std::vector<PetscInt>& idx) {
  parallel::Vector like;
  QTHERM_PETSC(MatCreateVecs(A, like.out(), nullptr));
  QTHERM_PETSC(VecCreateSeq(PETSC_COMM_SELF, PetscInt(idx.size()), ghost.out()));
  parallel::IndexSet from;
  QTHERM_PETSC(ISCreateGeneral(PETSC_COMM_SELF, PetscInt(idx.size()), idx.data(), PETSC_COPY_VALUES, from.out()));
  QTHERM_PETSC(VecScatterCreate(like, from, ghost, nullptr, scatter.out()));
}

PetscErrorCode Ghosts::gather(Vec x, const PetscScalar** values) {
  PetscFunctionBeginUser;
  PetscCall(start(x));
  PetscCall(finish(x, values));
  PetscFunctionReturn(0);
}

PetscErrorCode Ghosts::start(Vec x) {
  PetscFunctionBeginUser;
  if (scatter) PetscCall(VecScatterBegin(scatter, x, ghost, INSERT_VALUES, SCATTER_FORWARD));
  PetscFunctionReturn(0);
}

PetscErrorCode Ghosts::finish(Vec x, const PetscScalar** values) {
  PetscFunctionBeginUser;
  *values = nullptr;
  if (scatter) {
    PetscCall(VecScatterEnd(scatter, x, ghost, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecGetArrayRead(ghost, values));
  }
  PetscFunctionReturn(0);
}

PetscErrorCode Ghosts::release(const PetscScalar** values) {
  PetscFunctionBeginUser;
  if (scatter) PetscCall(VecRestoreArrayRead(ghost, values));
  PetscFunctionReturn(0);
}

}  // namespace qtherm::operators::detail
