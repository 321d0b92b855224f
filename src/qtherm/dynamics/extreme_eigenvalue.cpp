#include "qtherm/dynamics/extreme_eigenvalue.hpp"

#include <string>

#include "qtherm/base/error.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

double lowest_eigenvalue(Mat H, double tol) {
  parallel::EigenSolver eps;
  QTHERM_PETSC(EPSCreate(parallel::comm_of(H), eps.out()));
  QTHERM_PETSC(EPSSetOperators(eps, H, nullptr));
  QTHERM_PETSC(EPSSetProblemType(eps, EPS_HEP));
  QTHERM_PETSC(EPSSetType(eps, EPSKRYLOVSCHUR));
  QTHERM_PETSC(EPSSetWhichEigenpairs(eps, EPS_SMALLEST_REAL));
  QTHERM_PETSC(EPSSetDimensions(eps, 1, PETSC_DEFAULT, PETSC_DEFAULT));
  QTHERM_PETSC(EPSSetTolerances(eps, tol, 1000));
  QTHERM_PETSC(EPSSetOptionsPrefix(eps, "extreme_"));
  QTHERM_PETSC(EPSSetFromOptions(eps));
  QTHERM_PETSC(EPSSolve(eps));
  PetscInt nconv = 0;
  QTHERM_PETSC(EPSGetConverged(eps, &nconv));
  if (nconv < 1) throw Error("lowest_eigenvalue: SLEPc EPS found no converged eigenvalue");
  PetscScalar k = 0;
  QTHERM_PETSC(EPSGetEigenvalue(eps, 0, &k, nullptr));
  return PetscRealPart(k);
}

}  // namespace qtherm::dynamics
