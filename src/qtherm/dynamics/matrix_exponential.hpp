#pragma once
// y = exp(s·H) x for a distributed (assembled or shell) H with SLEPc MFN: s = −i t is unitary
// evolution over t, s = −τ is imaginary-time evolution (thermal-state typicality). Defaults: Krylov,
// tolerance 1e-12; then MFNSetFromOptions, so -mfn_tol, -mfn_ncv, -mfn_type work.
#include <petscmat.h>

#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

class MatrixExponential {
 public:
  // Collective on H's communicator.
  explicit MatrixExponential(Mat H, double tol = 1e-12);
  // Collective: y = exp(s·H) x (x and y distinct, layout of H's columns/rows). Throws if MFN does not
  // converge.
  void apply(PetscScalar s, Vec x, Vec y);
  // Collective: x ← exp(s·H) x, via an internal work vector.
  void apply_in_place(PetscScalar s, Vec x);

 private:
  parallel::MatrixFunction mfn_;
  parallel::Vector work_;
};

}  // namespace qtherm::dynamics
