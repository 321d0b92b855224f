#pragma once
// The eigenvalues of a (possibly tilted) Liouvillian with the largest real parts, by SLEPc.
#include <petscmat.h>
#include <slepceps.h>

#include <string>
#include <vector>

#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

struct RightmostEigenvalues {
  std::vector<PetscScalar> values;  // sorted by real part, largest first
  parallel::Vector first;           // eigenvector of values[0]
  int iterations = 0;
};

// Collective. At least `count` eigenvalues of A with the largest real parts (throws when fewer converge).
// shift_invert: Krylov–Schur on (A − σ)⁻¹ (A assembled; MUMPS LU) ordered by |Re λ − σ| — right when
// σ lies right of the spectrum (σ > 0 for a Lindblad generator); otherwise Krylov–Schur on A itself
// (matrix-free). `initial` (may be null) seeds the search. Options prefixed `prefix` (-<prefix>eps_*,
// -<prefix>st_*) override the defaults.
RightmostEigenvalues rightmost_eigenvalues(Mat A, int count, bool shift_invert, double sigma, const std::string& prefix,
                                           Vec initial = nullptr);

// Makes `eps` a shift-and-invert solve about its target: (A − σ)⁻¹ applied by one MUMPS LU
// factorisation (A assembled), the default wherever qtherm looks for eigenvalues near a point.
// Returns the KSP that applies the inverse (owned by eps; usable after EPSSolve for inverse iteration).
KSP use_lu_shift_invert(EPS eps);

// max |A_ii| (collective): the rate scale of a Liouvillian.
double diagonal_scale(Mat A);

}  // namespace qtherm::dynamics
