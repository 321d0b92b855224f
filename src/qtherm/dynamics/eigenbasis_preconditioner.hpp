#pragma once
// An approximate inverse of a Liouvillian for Krylov solves (the steady state's GMRES). In the
// eigenbasis {|a>} of the Hamiltonian H, L is replaced by its diagonal there,
//   W_ab = <a|<b| L |a>|b> = Σ_t c_t <a|A_t|a> <b|B_t|b>   over L's terms c_t A_t ρ B_t,
// that is −i(E_a − E_b) plus the decay of |a><b| (−(Γ_a + Γ_b)/2 for jumps), so that
//   P⁻¹(X) = V ((V† X V) ⊘ W) V†.
// The Hamiltonian part, which makes L stiff and defeats a diagonal (Jacobi) preconditioner in the
// computational basis, is inverted exactly; what is left is the dissipator's off-diagonal part in
// that basis. Dense: V is d × d on every rank, one application costs 4 d³ complex multiply-adds
// (BLAS gemm) split over the ranks, and two all-gathers of d² entries.
#include <petscmat.h>

#include <Eigen/Dense>
#include <vector>

#include "qtherm/operators/superoperator.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

class EigenbasisPreconditioner {
 public:
  // Collective on comm: diagonalises H (dense, on every rank) and forms W from L's terms.
  EigenbasisPreconditioner(MPI_Comm comm, const operators::OperatorSum& H, const operators::SuperOperator& L);
  // Collective: y = P⁻¹ x, x and y column-stacked Liouville vectors (any row distribution).
  void apply(Vec x, Vec y) const;
  // The dense memory it holds per rank, in bytes (V, W, the gathered input and two work matrices).
  static double bytes(double d) { return 5.0 * 16.0 * d * d; }

 private:
  MPI_Comm comm_;
  PetscInt d_;
  Eigen::MatrixXcd V_, W_;  // eigenvectors (columns) of H; the diagonal of L in that basis
  mutable parallel::Scatter all_;
  mutable parallel::Vector full_;
};

}  // namespace qtherm::dynamics
