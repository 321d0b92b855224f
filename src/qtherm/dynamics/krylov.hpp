#pragma once
// Krylov tools for large Hermitian operators (assembled or matrix-free): the action of the
// exponential with SLEPc MFN (s = −i t: unitary evolution; s = −τ: imaginary time) and the lowest
// eigenpairs with SLEPc EPS. Defaults are set in code, then the options database may change them
// (prefixes "mfn_" / "eps_" as SLEPc names them, with the option prefix given here).
#include <petscmat.h>

#include <Eigen/Dense>

#include <string>
#include <vector>

#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

class KrylovExponential {
 public:
  // On one rank an operator of dimension <= -<prefix>mfn_dense_max (default kDenseMax; 0: never) is
  // diagonalized densely once instead: then every exp(alpha A) b is two dense products, exact to
  // rounding, where each MFN solve would cost more than the whole diagonalization (restarted Krylov
  // bases at tolerances near 1e-12).
  static constexpr PetscInt kDenseMax = 256;

  // Collective on A's communicator. tol: MFN relative tolerance; ncv: Krylov basis size (<= 0:
  // SLEPc's default). The MFN is set up (and takes its options) on the dense path too.
  KrylovExponential(Mat A, double tol = 1e-13, int ncv = 30, const std::string& prefix = "");
  // Collective: x = exp(alpha A) b (x and b distinct, with A's layout). Throws Error when MFN
  // does not converge.
  void apply(PetscScalar alpha, Vec b, Vec x) const;
  // Collective: x ← exp(alpha A) x, through a work vector kept between calls.
  void apply_in_place(PetscScalar alpha, Vec x);
  bool dense() const { return dense_; }

 private:
  parallel::MatrixFunction mfn_;
  FN fn_ = nullptr;  // owned by mfn_
  parallel::Vector work_;
  bool dense_ = false;
  Eigen::MatrixXcd vectors_;  // dense path: A = V diag(values) V†
  Eigen::VectorXd values_;
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
// Collective on H's communicator: only the lowest eigenvalue (no eigenvector kept), e.g. the
// ground-state energy that shifts imaginary-time evolution so that e^{−τ(H − E0)} never overflows.
// Option prefix "extreme_" (-extreme_eps_tol, ...). Throws Error if EPS does not converge.
double lowest_eigenvalue(Mat H, double tol = 1e-10);

}  // namespace qtherm::dynamics
