#pragma once
// Seed 001: a system spin S coupled to an XX(Z) chain of N spins at inverse temperature β.
// Sites: 0 = S (the most significant bit), 1..N = chain. Basis of S: index 0 = |1> (up), 1 = |0>.
//   H_S  = B0 σz_S,   H_SE = J0 (σx_S σx_1 + σy_S σy_1)                         (Eq. 10)
//   H_E  = J Σ_j (σx_j σx_j+1 + σy_j σy_j+1 + Δ σz_j σz_j+1) + B Σ_j σz_j     (Eq. 9; Δ = 0 is the seed)
// Three routes compute the same Snapshot per time: dense exact (Eigen, small N, with P(Q)),
// free fermions (Δ = 0, N in the thousands) and distributed (PETSc/SLEPc MFN; exact or typical ρ_E).
#include <mpi.h>

#include <Eigen/Dense>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "qtherm/models/model.hpp"
#include "qtherm/operators/pauli_sum.hpp"
#include "qtherm/thermo/heat_statistics.hpp"

namespace qtherm::models::spin_chain {

struct Params {
  int N = 1;
  double B0 = 1, B = 1, J0 = 1, J = 1, Delta = 0, beta = 1;
  Eigen::Matrix2cd rho_S = Eigen::Matrix2cd::Identity() / 2.0;  // initial system state, basis {|1>, |0>}
};

// The system state α|1> + √(1−α²)|0>.
Eigen::Matrix2cd pure_state(double alpha);

// H = H_S + H_E + H_SE and 1_S ⊗ H_E, both on N + 1 sites; H_E alone on N sites.
operators::PauliSum total_hamiltonian(const Params& p);
operators::PauliSum environment_on_joint(const Params& p);
operators::PauliSum environment_only(const Params& p);
// The matrix of O on the full bit-string space of its sites (small N only).
Eigen::MatrixXcd dense_matrix(const operators::PauliSum& O);
// tr_E of a joint state from its trace and the Bloch components of S, in the seed's basis {|1>, |0>}.
Eigen::Matrix2cd from_bloch(double trace, double sx, double sy, double sz);

// What every route returns at one time.
struct Snapshot {
  double heat = 0;         // ⟨Q⟩ = tr[H_E ρ_E(t)] − tr[H_E ρ_E] (Eq. 4), into the chain
  Eigen::Matrix2cd rho_S;  // ρ_S(t)
  Eigen::Matrix2cd M;      // M(t) = tr_E[U†(1 ⊗ ρ_E)U] (Eq. 7)
  double phi = std::nan("");  // Re e^{iE_1 t}⟨1,0…0|e^{−iHt}|1,0…0⟩, E_1 = ⟨1,0…0|H|1,0…0⟩ (NaN: not computed)
};

// Dense exact route: the whole 2^(N+1) space in Eigen. Fills heat distributions when `pq` is given.
// Not collective.
std::vector<Snapshot> dense_route(const Params& p, const std::vector<double>& times,
                                  std::vector<thermo::HeatDistribution>* pq = nullptr);

// Exact route evolved densely: ρ_S ⊗ ρ_E (and 1 ⊗ ρ_E for M) as mixed states through one
// eigendecomposition of H on the 2^(N+1) space, O(D³) once and O(D²) per time (phi left NaN, as on the
// Krylov exact route). Not collective; memory about 11 D² complex scalars at the peak.
std::vector<Snapshot> spectral_route(const Params& p, const std::vector<double>& times);

// Free-fermion route (Jordan–Wigner; requires Δ = 0): O(N³) once, then O(N²) per time. Not collective.
std::vector<Snapshot> free_fermion_route(const Params& p, const std::vector<double>& times);

// The same two routes prepared once (the spectra), then evaluated one time after another (the
// model checkpoints between times): dense fills the heat distribution at t when `pq` is given.
using DenseEvolution = std::function<Snapshot(double t, thermo::HeatDistribution* pq)>;
DenseEvolution dense_evolution(const Params& p);
using FreeFermionEvolution = std::function<Snapshot(double t)>;
FreeFermionEvolution free_fermion_evolution(const Params& p);

// Distributed route. Environment "exact": ρ_E from a dense diagonalisation of H_E (2^N small),
// summed over its eigenvectors; "typicality": `samples` random states e^{−βH_E/2}|r> (entries drawn
// from `seed`, the sample number and the global index only, so independent of the rank count).
struct DistributedOptions {
  bool typicality = false;
  long samples = 1;
  unsigned long seed = 1;
  bool shell = false;  // matrix-free operators instead of assembled MPIAIJ
  double mfn_tol = 1e-12;
  std::function<void(long units_done)> progress;  // called after each eigenvector / sample (may be empty)
  RunContext* context = nullptr;                  // checkpoints after finished eigenvectors / samples (nullptr: none)
};
struct DistributedResult {
  std::vector<Snapshot> mean;
  // Per-sample numerators, for error estimates of any derived quantity (typicality); empty for exact.
  std::vector<std::vector<Snapshot>> jackknife;  // leave-one-out estimates, one vector per sample
};
// Collective on comm. With o.context, checkpoints the finished units and resumes from them; a signal
// stop sets o.context->interrupted and returns an incomplete result.
DistributedResult distributed_route(MPI_Comm comm, const Params& p, const std::vector<double>& times,
                                    const DistributedOptions& o);

}  // namespace qtherm::models::spin_chain
