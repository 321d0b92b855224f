#include "qtherm/parallel/handle.hpp"

namespace qtherm::parallel {

Vector make_vector(MPI_Comm comm, PetscInt n, PetscInt local) {
  Vector v;
  QTHERM_PETSC(VecCreate(comm, v.out()));
  QTHERM_PETSC(VecSetSizes(v, local, n));
  QTHERM_PETSC(VecSetFromOptions(v));
  QTHERM_PETSC(VecSet(v, 0.0));
  return v;
}

Vector duplicate(Vec like) {
  Vector v;
  QTHERM_PETSC(VecDuplicate(like, v.out()));
  QTHERM_PETSC(VecSet(v, 0.0));
  return v;
}

MPI_Comm comm_of(PetscObject obj) {
  MPI_Comm c = MPI_COMM_NULL;
  QTHERM_PETSC(PetscObjectGetComm(obj, &c));
  return c;
}

}  // namespace qtherm::parallel
