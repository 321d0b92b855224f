#pragma once
// Many-body route for two fermionic or bosonic reservoirs (seed 003 with optional interactions):
// Fock space split into total particle-number sectors (fermions: space::BitBasis, reservoir 1's
// modes first in the Jordan–Wigner order; bosons: space::BosonBasis truncated at `cutoff` bosons
// per mode, reservoir 1's modes first), H = c†Mc + U_1 Σ n_i n_{i+1} (within reservoir 1, consecutive modes)
// + U_2 Σ n_k n_{k+1} (within reservoir 2) [recon: nearest-neighbour density–density in each
// reservoir's mode order]. Initial state: the product of the two reservoirs' grand-canonical Gibbs
// states at (β_X, μ_X), a mixture over total-number sectors, optionally restricted to one sector
// (then renormalized). Each sector is evolved either densely (one eigendecomposition of the sector
// Hamiltonian and the start as the mixed state it is: dynamics/mixed_state_evolution.hpp; sectors
// spread over the ranks) or by SLEPc MFN on all ranks (one evolution per start vector); expectations
// are summed over sectors.
// Bosons: U_X Σ n_i n_{i+1} is the same nearest-neighbour density–density term (no on-site
// U n(n−1)/2), and everything (H, the Gibbs start) is projected onto the truncated space.
#include <mpi.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "qtherm/dynamics/single_particle.hpp"
#include "qtherm/operators/fermion_operator.hpp"
#include "qtherm/parallel/handle.hpp"
#include "qtherm/space/bit_basis.hpp"
#include "qtherm/space/boson_sector.hpp"

namespace qtherm::dynamics {
class DenseSpectrum;
}

namespace qtherm::models {

struct ManyBodyReservoirs {
  dynamics::TwoReservoirs one_body;
  double U1 = 0, U2 = 0;
  int cutoff = 0;  // 0: fermions; ≥ 1: bosons with at most `cutoff` per mode
  int modes() const { return static_cast<int>(one_body.n1() + one_body.n2()); }
  int max_particles() const { return cutoff > 0 ? modes() * cutoff : modes(); }
  enum class Part { total, reservoir1, reservoir2, interaction, number1 };
  operators::NumberConservingOperator op(Part part) const;
  // β1(H1 − μ1 N1) + β2(H2 − μ2 N2): the exponent of the initial state.
  operators::NumberConservingOperator thermal_exponent(double beta1, double mu1, double beta2, double mu2) const;
};

struct ThermalStart {
  double beta1 = 1, beta2 = 1, mu1 = 0, mu2 = 0;
  int particles = -1;  // −1: grand canonical (all sectors); else only this total number
  // exact: every product of reservoir eigenstates with weight above 1e-16 of the largest (small
  // systems: 2^modes evolutions); typicality: `samples` random vectors per sector,
  // |ψ> = e^{−(β1(H1−μ1N1)+β2(H2−μ2N2))/2}|r>, drawn from `seed` independently of the rank count.
  bool typicality = false;
  int samples = 1;
  std::uint64_t seed = 1;
};

enum class Storage { assembled, matrix_free };

// How each particle-number sector is evolved. dense: the sector Hamiltonian diagonalized on one
// rank (Eigen), the exact start evolved as a mixed state, each sector on one rank of comm (the
// largest first to the least loaded); krylov: every start vector by SLEPc MFN, on all ranks of comm
// or, for sectors up to group_limit states, spread over groups of ranks;
// automatic: dense for an exact start in sectors of at most dense_limit states, krylov otherwise
// (typicality starts are few vectors: Krylov is cheaper there).
enum class SectorRoute { automatic, dense, krylov };

// Spectra of dense sectors kept from one evolve_thermal call to the next, for sweeps in which only
// the start or the output times change (temperatures, chemical potentials, t_final): the O(D³)
// eigendecomposition and the observables in its eigenbasis are reused while the Hamiltonian, the
// observables and the sector are the same. Holds the spectra of the latest Hamiltonian only
// (memory: about 5 D² scalars per dense sector). Not shared between processes.
class DenseSectorCache {
 public:
  // The spectrum of sector k for `key` (the Hamiltonian and observables, flattened), made by
  // `make` unless kept; a new key drops every kept spectrum.
  template <class Make>
  std::shared_ptr<const dynamics::DenseSpectrum> get(const std::vector<double>& key, int k, Make&& make) {
    if (key != key_) key_ = key, spectra_.clear();
    auto& kept = spectra_[k];
    if (kept)
      ++reused_;
    else
      kept = make();
    return kept;
  }
  long reused() const { return reused_; }  // spectra taken from the cache so far

 private:
  std::vector<double> key_;
  std::map<int, std::shared_ptr<const dynamics::DenseSpectrum>> spectra_;
  long reused_ = 0;
};

struct EvolutionOptions {
  Storage storage = Storage::assembled;  // krylov sectors
  double tol = 1e-13;                    // MFN tolerance of each propagation step
  SectorRoute route = SectorRoute::automatic;
  long dense_limit = 4000;            // automatic: largest sector evolved densely (memory ~ 8 D² scalars)
  DenseSectorCache* cache = nullptr;  // dense sectors: spectra reused between calls when given
  // Krylov sectors of at most this many states with several start vectors: the vectors spread over
  // groups of ranks (the sector whole on each group); larger sectors: every vector on all ranks.
  long group_limit = 200000;
  // Checkpoints: called (collectively) after the dense sectors and after each Krylov sector with
  // the whole state so far, the same on every rank; returns true to stop there (the series is then
  // incomplete: ManyBodySeries::stopped). `resume` holds such a state to continue from.
  std::function<bool(const std::vector<double>& state)> after_part;
  std::vector<double> resume;
  // Called on every rank as sectors finish: states of the finished sectors, states of all (dense
  // sectors count once every rank is past them).
  std::function<void(double done, double total)> progress;
  // Whether a sector of `size` states is evolved densely under these options and this start.
  bool dense(long size, bool typicality) const {
    return route == SectorRoute::dense || (route == SectorRoute::automatic && !typicality && size <= dense_limit);
  }
};

// One particle-number sector of `modes` fermionic (cutoff 0) or truncated bosonic modes. States are
// packed words with mode 0 most significant and field_bits() bits per mode in both cases, so the
// low n2 fields of a two-reservoir state are reservoir 2's state.
class FockSector {
 public:
  // Throws std::invalid_argument for a sector that does not exist (or bosons that do not fit 64 bits).
  FockSector(int modes, int cutoff, int particles);
  long size() const;
  int field_bits() const { return bosons_ ? bosons_->bits() : 1; }
  std::uint64_t state(std::int64_t index) const;
  std::int64_t index(std::uint64_t state) const;       // −1 when not in the sector
  int particles(std::uint64_t word, int modes) const;  // total occupation of a packed word of `modes` fields
  // Collective on comm: the operator, assembled or matrix-free (sharing `gather`, made if empty).
  parallel::Matrix make(MPI_Comm comm, const operators::NumberConservingOperator& op, Storage storage,
                        std::shared_ptr<operators::ShellGather>& gather) const;
  Eigen::MatrixXcd dense(const operators::NumberConservingOperator& op) const;
  operators::SparseSectorMatrix sparse(const operators::NumberConservingOperator& op) const;

 private:
  std::optional<space::BitBasis> fermions_;
  std::optional<space::BosonBasis> bosons_;
};

struct ManyBodyValues {
  std::vector<double> E1, E2, EI, N1, N;   // at the output times
  std::vector<std::vector<double>> extra;  // the requested extra observables (Hermitian parts), per time
};

struct ManyBodySeries : ManyBodyValues {
  // Typicality start with S ≥ 2 samples: the S leave-one-out estimates (the ratio of the sums over
  // the other samples), from which the caller takes jackknife errors of anything derived; else empty.
  std::vector<ManyBodyValues> jackknife;
  long evolved_states = 0;  // vectors evolved by Krylov (MFN), all sectors
  long largest_sector = 0;
  long dense_sectors = 0, krylov_sectors = 0;  // sectors evolved by each route
  long reused_spectra = 0;                     // dense sectors whose spectrum came from options.cache
  // Gibbs weight of the untruncated start outside the kept states, 1 − Z_kept/Z: 0 for fermions
  // and for a bosonic sector `particles` ≤ cutoff (nothing cut); bosons, grand canonical, exact
  // start, U1 = U2 = 0: from the closed-form Z = Π_k (1 − e^{−β(ε_k − μ)})^{-1}; else NaN (unknown).
  double truncated_weight = 0;
  bool stopped = false;  // options.after_part asked to stop: nothing else is filled
};

// Collective on comm: expectations of H1, H2, H_I, N1 and N (and of the `extra` operators, real
// part) along the exact evolution of the thermal start, at `times` (ascending, from 0). Throws
// std::invalid_argument for a typicality start with route dense (dense evolves the exact mixture).
ManyBodySeries evolve_thermal(MPI_Comm comm, const ManyBodyReservoirs& r, const ThermalStart& start,
                              const std::vector<double>& times, const EvolutionOptions& options,
                              const std::vector<operators::NumberConservingOperator>& extra = {});

// Deterministic standard complex Gaussian number for (seed, stream, index): the same on any rank.
std::complex<double> gaussian_draw(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

}  // namespace qtherm::models
