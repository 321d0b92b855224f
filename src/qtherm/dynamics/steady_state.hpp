#pragma once
// The stationary state ρ_ss (L ρ_ss = 0, tr ρ_ss = 1) and whether it is unique.
#include <cmath>
#include <functional>
#include <memory>
#include <string>

#include "qtherm/dynamics/eigenbasis_preconditioner.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

struct SteadyStateSettings {
  std::string method = "auto";        // direct | iterative | auto (direct up to direct_max_unknowns)
  double direct_max_unknowns = 5000;  // 7 qubits (16 384): 721 s, 2.7 GB in MUMPS
  double tolerance = 1e-12;           // iterative: relative residual of the bordered system
  int max_iterations = 20000;         // iterative: GMRES iterations
  // iterative: jacobi | eigenbasis (EigenbasisPreconditioner) | auto (eigenbasis up to
  // eigenbasis_max_dim Hilbert dimensions when the caller can build it, else jacobi)
  std::string preconditioner = "auto";
  double eigenbasis_max_dim = 2048;
};

struct SteadyStateInfo {
  int iterations = 0;
  double residual_norm = 0;  // ‖L ρ_ss‖₂
  std::string solver;        // e.g. "direct: shift-and-invert Krylov-Schur, MUMPS LU of L - sigma"
  // Eigenvalues of L at |λ| ≤ kernel_tolerance (−1: not determined). When every eigenvalue found was
  // in the kernel, kernel_dimension is a lower bound and kernel_complete is false.
  int kernel_dimension = -1;
  bool kernel_complete = true;
  double next_eigenvalue = std::nan("");  // |λ| of the nonzero eigenvalue nearest 0 that was found
};

// Thrown when L has more than one stationary state: `info` says how many were found.
class NotUnique : public std::runtime_error {
 public:
  NotUnique(const std::string& what, SteadyStateInfo info) : std::runtime_error(what), info(std::move(info)) {}
  SteadyStateInfo info;
};

// Collective on L's communicator. L applies the Liouvillian (assembled or shell) on the column layout of
// a Hilbert space of dimension d; `entries` returns it assembled (called only by the direct route).
//   direct:    the eigenvalues of L nearest 0 by SLEPc Krylov–Schur with shift-and-invert at a small
//              σ > 0 (L − σ is never singular: every eigenvalue of a Lindblad generator has Re λ ≤ 0),
//              MUMPS LU of L − σ; ρ_ss is the eigenvector of λ = 0, polished by inverse iteration.
//              Options prefixed steady_ (-steady_eps_*, -steady_st_*, -steady_st_pc_*).
//   iterative: matrix-free GMRES on the bordered operator ρ ↦ L ρ + u tr ρ with u ∝ vec(1) and right-hand
//              side u (nonsingular exactly when the kernel is one-dimensional), preconditioned on the
//              right by Jacobi or by `eigenbasis()` (settings.preconditioner); options -steady_ksp_*,
//              -steady_pc_*. Uniqueness: the residual of the bordered system.
// Throws NotUnique for a degenerate kernel (direct route), Error when a solver fails.
// Returns the caller-owned preconditioner (made on the first call, so that it can serve later solves).
using MakePreconditioner = std::function<const EigenbasisPreconditioner*()>;
parallel::Vector steady_state(Mat L, const std::function<parallel::Matrix()>& entries, PetscInt d,
                              const SteadyStateSettings& settings, SteadyStateInfo* info = nullptr,
                              const MakePreconditioner& eigenbasis = {});
// The preconditioner `auto` resolves to for a Hilbert dimension d (eigenbasis only when it can be made).
std::string resolve_steady_preconditioner(const SteadyStateSettings& settings, double d, bool can_make);

// The method `auto` resolves to for n Liouville unknowns.
std::string resolve_steady_method(const SteadyStateSettings& settings, double unknowns);

// Collective: x with L x = b and tr x = 0, for b with tr b = 0 and a one-dimensional kernel (GMRES on the
// bordered operator, options -<prefix>ksp_*, -<prefix>pc_*; preconditioned by `eigenbasis` when given,
// else Jacobi); throws unless it converged.
void solve_traceless(Mat L, PetscInt d, Vec b, Vec x, const std::string& prefix,
                     const EigenbasisPreconditioner* eigenbasis = nullptr);

// tr ρ of a column-layout Liouville vector of a Hilbert space of dimension d (collective).
PetscScalar liouville_trace(Vec x, PetscInt d);

}  // namespace qtherm::dynamics
