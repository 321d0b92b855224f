#include "qtherm/parallel/vector_ops.hpp"

#include "qtherm/base/check.hpp"

namespace qtherm::parallel {

void apply(Mat A, Vec x, Vec y) { QTHERM_PETSC(MatMult(A, x, y)); }

PetscReal norm(Vec x) {
  PetscReal n = 0;
  QTHERM_PETSC(VecNorm(x, NORM_2, &n));
  return n;
}

PetscScalar inner(Vec x, Vec y) {
  PetscScalar d = 0;
  QTHERM_PETSC(VecDot(y, x, &d));  // VecDot(y, x) = x† y
  return d;
}

PetscReal real_expectation(Mat O, Vec x, Vec work) {
  apply(O, x, work);
  return PetscRealPart(inner(x, work));
}

void copy(Vec from, Vec to) { QTHERM_PETSC(VecCopy(from, to)); }

void add_scaled(Vec y, PetscScalar a, Vec x) { QTHERM_PETSC(VecAXPY(y, a, x)); }

void assign_sum(Vec w, PetscScalar a, Vec x, Vec y) { QTHERM_PETSC(VecWAXPY(w, a, x, y)); }

PetscInt global_size(Vec x) {
  PetscInt n = 0;
  QTHERM_PETSC(VecGetSize(x, &n));
  return n;
}

Range ownership(Vec x) {
  Range r;
  QTHERM_PETSC(VecGetOwnershipRange(x, &r.lo, &r.hi));
  return r;
}

Vector input_vector(Mat A) {
  Vector v;
  QTHERM_PETSC(MatCreateVecs(A, v.out(), nullptr));
  return v;
}

void make_vectors(Mat A, Vector& input, Vector& output) { QTHERM_PETSC(MatCreateVecs(A, input.out(), output.out())); }

bool is_shell(Mat A) {
  PetscBool shell = PETSC_FALSE;
  QTHERM_PETSC(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(A), MATSHELL, &shell));
  return shell == PETSC_TRUE;
}

}  // namespace qtherm::parallel
