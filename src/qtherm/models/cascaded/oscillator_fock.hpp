#pragma once
// Two truncated bosonic modes in the Fock basis (levels 0..n−1 per mode, mode 0 most significant):
// initial states filled column by column into a distributed vec(ρ) of any layout (never a dense
// d×d matrix), and the low moments ⟨a_p⟩, ⟨a_p a_q⟩, ⟨a_p† a_q⟩ read from O(d) entries of ρ.
// Used by models/cascaded_oscillators.cpp.
#include <petscvec.h>

#include <Eigen/Dense>
#include <complex>
#include <functional>
#include <utility>
#include <vector>

#include "qtherm/space/tensor_space.hpp"

namespace qtherm::models::oscillators {

using cplx = std::complex<double>;

// Where ρ[i, j] lives in the distributed vector: the full column stacking (i + d·j) or a
// compressed layout (space::ChargeSectorLayout); index() is −1 for entries not stored (zero).
struct Indexing {
  std::function<PetscInt(PetscInt i, PetscInt j)> index;
  std::function<std::pair<PetscInt, PetscInt>(PetscInt r)> entry;  // stored index → (i, j)
};
Indexing full_indexing(PetscInt d);

// A local (single-mode) truncated state, renormalized; `lost` is the weight beyond the cutoff.
struct LocalState {
  Eigen::MatrixXcd rho;
  double lost = 0;
};
LocalState thermal_mode(double occupation, long n);
LocalState fock_mode(long k, long n);  // throws std::invalid_argument if k ≥ n
LocalState coherent_mode(cplx alpha, long n);

// A zero-mean single-mode Gaussian state with ⟨X²⟩ = vx, ⟨Y²⟩ = vp, ⟨{X, Y}⟩ = 0 (vacuum ½; real in
// the Fock basis): S(s) ρ_th(ν) S(s)† with ν = √(vx·vp) − ½ and S(s) = exp(s(b†² − b²)/2),
// s = ¼ ln(vx/vp). Levels 0..m−1 of the exact state (not renormalized): the squeezer is applied
// exactly, by the eigen-decomposition of its truncated generator on `working` levels (its two parity
// chains are tridiagonal), and then cut. Throws std::invalid_argument if vx·vp < ¼.
Eigen::MatrixXd squeezed_thermal_mode(double vx, double vp, long m, long working);
// The working number of levels for squeezed_thermal_mode beyond the m kept ones: the exact photon-
// number distribution decays as μ^k with μ = max over v ∈ {vx, vp} of (v − ½)/(v + ½) (the pole of its
// generating function 1/√det((1 − z)σ + (1 + z)/2)); the margin takes the amplitudes (√μ per level)
// down to 1e-17 before the truncation boundary.
long squeezing_working_levels(double vx, double vp, long m);

// A two-mode state in the Fock basis as a column generator.
class FockState {
 public:
  // Product ρ0 ⊗ ρ1.
  FockState(LocalState mode0, LocalState mode1);
  // Seed 002 Eq. (31) with C13 = C24 = c: the 50:50 beam-splitter image of thermal normal modes
  // b± = (a1 ± a2)/√2 with occupations N_S ± c (|c| ≤ N_S), built exactly in each total-number
  // sector and then cut to n levels per mode and renormalized.
  static FockState correlated(double n_s, double c, long n);
  // Any zero-mean two-mode Gaussian state with local covariances a·1 and cross covariances
  // C = diag(c13, c24) (Eq. 31 with a = N_S + ½; the two-mode squeezed thermal state with
  // a = (N_S + ½) cosh 2r, c13 = −c24 = (N_S + ½) sinh 2r): in b± = (a1 ± a2)/√2 it is the product of
  // single-mode squeezed thermal states with σ± = diag(a ± c13, a ± c24), mapped back by the 50:50
  // beam splitter, which is block diagonal in the total number (exact in each block (N, N')).
  // ⟨a1 a2⟩ ≠ 0 unless c13 = c24: ρ has blocks with N − N' = ±2, ±4, … The diagonal (for `lost` and
  // weight_within) is built here in O(n⁴); the columns in fill(), O(n³) each. Throws
  // std::invalid_argument for an unphysical σ or one whose construction exceeds gaussian_cost_limit.
  static FockState gaussian(double a, double c13, double c24, long n);
  // Floating-point operations gaussian(a, c13, c24, n) plus one full fill() would take (estimate).
  static double gaussian_cost(double a, double c13, double c24, long n);
  static constexpr double gaussian_cost_limit = 2e11;
  double lost() const { return lost_; }  // weight removed by the truncation (before renormalizing)
  // Weight of the (per-mode truncated, renormalized) state on n1 + n2 ≤ max_excitations.
  double weight_within(long max_excitations) const;
  // Not collective: fills the locally owned part of the vector (any ownership split), times `scale`.
  void fill(Vec rho, const Indexing& where, double scale = 1.0) const;

 private:
  FockState() = default;
  enum class Kind { product, sectors, gaussian };
  // Column j of the unnormalized Gaussian state (Kind::gaussian), all d = n² rows.
  void gaussian_column(long j, Eigen::VectorXd& col) const;
  long n_ = 0;
  Kind kind_ = Kind::product;
  Eigen::MatrixXcd r0_, r1_;
  std::vector<Eigen::MatrixXd> sectors_;  // ρ restricted to total number N: index p = level of mode 0
  // Kind::gaussian: ρ± on 2n − 1 levels, the beam splitter V[N] (column k = |k⟩₊|N−k⟩₋ in the basis
  // |p, N−p⟩, p = 0..N) and the kept diagonal per total number N (index p).
  Eigen::MatrixXd rho_plus_, rho_minus_;
  std::vector<Eigen::MatrixXd> splitter_;
  std::vector<Eigen::VectorXd> diagonal_;
  double kept_ = 1;
  double lost_ = 0;
};

struct Moments {
  cplx a[2];       // ⟨a_p⟩
  cplx aa[2][2];   // ⟨a_p a_q⟩
  cplx ada[2][2];  // ⟨a_p† a_q⟩
  double trace = 0;
  double top[2] = {0, 0};  // population of level n−1 of each mode
  double top_total = 0;    // population with n1 + n2 = max_excitations (0 without that cutoff)
  // Σ (k_p + 1) ρ[k, k] over k1 + k2 = max_excitations with k_p < n − 1: where the sector storage
  // drops what a_p† would raise (0 without that cutoff); the truncated fluxes need it.
  double edge[2] = {0, 0};
  cplx ada_edge = 0;  // the part of ⟨a_1† a_2⟩ from kets with n1 + n2 = max_excitations (0 without it)
};
// Collective: the moments of ρ (stored as `where` says) on the space of two modes.
Moments fock_moments(MPI_Comm comm, Vec rho, const space::TensorSpace& space, const Indexing& where,
                     long max_excitations = -1);

// Quadratures χ = (X1, Y1, X2, Y2), X = (a + a†)/√2, Y = i(a† − a)/√2 (seed 002 Sec. IV A):
// S_mn = ½⟨{χ_m, χ_n}⟩ (raw) and ⟨χ⟩.
void quadrature_moments(const Moments& m, Eigen::MatrixXd& S, Eigen::VectorXd& mean);

}  // namespace qtherm::models::oscillators
