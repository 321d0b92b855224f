#pragma once
// Krylov tools for large Hermitian sector operators (assembled or matrix-free): the action of the
// exponential with SLEPc MFN and the lowest eigenpairs with SLEPc EPS. Defaults are set in code,
// then the options database may change them (prefixes "mfn_" / "eps_" as SLEPc names them, with
// the option prefix given here).
#include <petscmat.h>

#include <string>
#include <vector>

#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

class KrylovExponential {
 public:
  // Collective on A's communicator. tol: MFN relative tolerance; ncv: Krylov basis size.
  KrylovExponential(Mat A, double tol = 1e-13, int ncv = 30, const std::string& prefix = "");
  // Collective: x = exp(alpha A) b (x and b distinct, with A's layout). Throws Error when MFN
  // does not converge.
  void apply(PetscScalar alpha, Vec b, Vec x) const;

 private:
  parallel::MatrixFunction mfn_;
  FN fn_ = nullptr;  // owned by mfn_
};

struct LowSpectrum {
  std::vector<double> values;             // ascending
  std::vector<parallel::Vector> vectors;  // normalized eigenvectors, same order
  std::vector<double> residuals;          // ||A v − λ v||
  int iterations = 0;
};
// Collective on A's communicator: the nev lowest eigenpairs of the Hermitian A (Krylov–Schur,
// EPS_SMALLEST_REAL). Throws Error if fewer than nev converge.
LowSpectrum lowest_eigenpairs(Mat A, int nev, double tol = 1e-10, const std::string& prefix = "");

}  // namespace qtherm::dynamics
