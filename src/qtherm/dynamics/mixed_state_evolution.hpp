#pragma once
// A mixed state evolved as what it is, in a space small enough to diagonalize densely on one rank:
// ρ(t) = e^{−iHt} ρ0 e^{iHt} with ρ0 = Σ_s w_s |ψ_s><ψ_s| (not normalized), from ONE
// eigendecomposition H = V E V†. In the eigenbasis ρ̃0 = V†ρ0V and Õ = V†OV, so
//   tr(O ρ(t)) = Σ_ab Õ_ba ρ̃0_ab e^{−i(E_a − E_b)t}:
// O(D³) once per observable and O(D²) per output time, instead of one Krylov exponential per ψ_s
// and time (D² × Krylov work for a thermal mixture of D states).
// Eigen's SelfAdjointEigenSolver rather than LAPACK zheevd: on Debian's reference BLAS/LAPACK (what
// PETSc links here) it measured as fast (924 states: 4.6 s both, busy machine) and needs no
// Fortran interface. When H, every ψ_s and every observable are real the whole computation runs
// in real arithmetic (about 4x fewer flops: the seed 003 model with real h and g).
// Memory: about 4 D² scalars at the peak (H, V, ρ̃0 and one work matrix).
#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include <complex>
#include <vector>

#include "qtherm/operators/sector_operator.hpp"

namespace qtherm::dynamics {

// Columns ψ_s of the start (sparse: product states touch one block of the sector each).
using StateColumns = Eigen::SparseMatrix<std::complex<double>>;

struct MixedSeries {
  std::vector<double> trace;                // tr ρ(t) (= Σ_s w_s |ψ_s|², the same at every time)
  std::vector<std::vector<double>> values;  // values[o][j] = Re tr(O_o ρ(t_j))
};

// Not collective. H: Hermitian D×D (lower triangle read); states: D×r; weights: r entries;
// observables: Hermitian D×D (any sparsity); times in any order.
MixedSeries evolve_mixed_dense(const Eigen::MatrixXcd& H, const StateColumns& states, const Eigen::VectorXd& weights,
                               const std::vector<operators::SparseSectorMatrix>& observables,
                               const std::vector<double>& times);

}  // namespace qtherm::dynamics
