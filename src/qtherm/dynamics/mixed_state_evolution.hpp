#pragma once
// A mixed state evolved as what it is, in a space small enough to diagonalize densely on one rank:
// ρ(t) = e^{−iHt} ρ0 e^{iHt} with ρ0 = Σ_s w_s |ψ_s><ψ_s| (not normalized), from ONE
// eigendecomposition H = V E V†. In the eigenbasis ρ̃0 = V†ρ0V and Õ = V†OV, so
//   tr(O ρ(t)) = Σ_ab Õ_ba ρ̃0_ab e^{−i(E_a − E_b)t}:
// O(D³) once per observable and O(D²) per output time, instead of one Krylov exponential per ψ_s
// and time (D² × Krylov work for a thermal mixture of D states).
// Eigen's SelfAdjointEigenSolver rather than LAPACK zheevd: on Debian's reference BLAS/LAPACK (what
// PETSc links here) it measured as fast (924 states: 4.6 s both, busy machine) and needs no
// Fortran interface. When H and every observable are real the spectrum is kept in real
// arithmetic (about 4x fewer flops: e.g. real hoppings and couplings), and so is a real start.
#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include <complex>
#include <memory>
#include <vector>

#include "qtherm/operators/sector_operator.hpp"

namespace qtherm::dynamics {

// Columns ψ_s of the start (sparse: product states touch one block of the sector each).
using StateColumns = Eigen::SparseMatrix<std::complex<double>>;

struct MixedSeries {
  std::vector<double> trace;                // tr ρ(t) (= Σ_s w_s |ψ_s|², the same at every time)
  std::vector<std::vector<double>> values;  // values[o][j] = Re tr(O_o ρ(t_j))
};

// H = V E V† and the observables in its eigenbasis: the O(D³) part, kept so that several starts
// (a sweep over temperatures or chemical potentials) pay it once. Memory: (1 + observables) D²
// scalars kept, about 3 D² more while it is built or evolves a start.
class DenseSpectrum {
 public:
  // Not collective. H: Hermitian D×D (lower triangle read); observables: Hermitian D×D.
  DenseSpectrum(const Eigen::MatrixXcd& H, const std::vector<operators::SparseSectorMatrix>& observables);
  ~DenseSpectrum();
  // Not collective. states: D×r; weights: r entries; times in any order.
  MixedSeries evolve(const StateColumns& states, const Eigen::VectorXd& weights,
                     const std::vector<double>& times) const;
  // The same with dense columns (starts whose vectors fill the space, e.g. ρ_S ⊗ ρ_E).
  MixedSeries evolve(const Eigen::MatrixXcd& states, const Eigen::VectorXd& weights,
                     const std::vector<double>& times) const;
  long size() const;

 private:
  struct Real;
  struct Complex;
  std::unique_ptr<Real> real_;
  std::unique_ptr<Complex> complex_;
};

}  // namespace qtherm::dynamics
