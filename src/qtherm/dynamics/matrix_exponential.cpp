#include "qtherm/dynamics/matrix_exponential.hpp"

#include <string>

#include "qtherm/base/error.hpp"

namespace qtherm::dynamics {

MatrixExponential::MatrixExponential(Mat H, double tol) {
  QTHERM_PETSC(MFNCreate(parallel::comm_of(H), mfn_.out()));
  QTHERM_PETSC(MFNSetOperator(mfn_, H));
  FN f = nullptr;
  QTHERM_PETSC(MFNGetFN(mfn_, &f));
  QTHERM_PETSC(FNSetType(f, FNEXP));
  QTHERM_PETSC(MFNSetType(mfn_, MFNKRYLOV));
  QTHERM_PETSC(MFNSetTolerances(mfn_, tol, PETSC_DEFAULT));
  QTHERM_PETSC(MFNSetErrorIfNotConverged(mfn_, PETSC_TRUE));
  QTHERM_PETSC(MFNSetFromOptions(mfn_));
}

void MatrixExponential::apply(PetscScalar s, Vec x, Vec y) {
  FN f = nullptr;
  QTHERM_PETSC(MFNGetFN(mfn_, &f));
  QTHERM_PETSC(FNSetScale(f, s, 1.0));
  QTHERM_PETSC(MFNSolve(mfn_, x, y));
}

void MatrixExponential::apply_in_place(PetscScalar s, Vec x) {
  if (!work_) work_ = parallel::duplicate(x);
  apply(s, x, work_);
  QTHERM_PETSC(VecCopy(work_, x));
}

}  // namespace qtherm::dynamics
