#pragma once
// A part of the spectrum of a large Hermitian operator with SLEPc EPS (Krylov–Schur): the lowest
// eigenvalue, e.g. the ground-state energy used to shift imaginary-time evolution so that
// e^{−τ(H − E0)} never overflows. Defaults, then EPSSetFromOptions (prefix "extreme_"), so
// -extreme_eps_tol etc. work. Assembled or shell matrices (only MatMult is needed).
#include <petscmat.h>

namespace qtherm::dynamics {

// Collective on H's communicator. Throws if EPS does not converge.
double lowest_eigenvalue(Mat H, double tol = 1e-10);

}  // namespace qtherm::dynamics
