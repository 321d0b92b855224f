#pragma once
// Internal to the many-body route (many_body_*.cpp): what every particle-number sector needs
// whichever way it is evolved (operators, reservoir spectra for the exact start, the split of a
// sector state into the two reservoirs' states), the sums over sectors, and the two sector routes.
#include <mpi.h>

#include <vector>

#include "qtherm/models/reservoirs/many_body_reservoirs.hpp"

namespace qtherm::models::detail {

// Eigenpairs of one reservoir's Hamiltonian in its own m-particle sector (dense, small).
struct ReservoirSector {
  FockSector basis;
  Eigen::VectorXd energies;
  Eigen::MatrixXcd vectors;
};

// A sector state as (particles in reservoir 1, its row in reservoir 1's sector, reservoir 2's row).
struct Split {
  int m1;
  long ra, rb;
};

// Sector-independent parts of one evolve_thermal call.
struct ThermalProblem {
  ThermalProblem(const ManyBodyReservoirs& r, const ThermalStart& st,
                 const std::vector<operators::NumberConservingOperator>& extra);
  const ManyBodyReservoirs& r;
  const ThermalStart& st;
  int n, n1, n2, cut, top1, top2;  // modes; cutoff; largest particle number of each reservoir
  operators::NumberConservingOperator H;
  std::vector<operators::NumberConservingOperator> observed;  // H1, H2, H_I, N1, then the extra operators
  std::vector<ReservoirSector> res[2];                        // exact start: by particle number
  double log_max = 0;                                         // exact start: largest log-weight of any sector
  std::vector<double> spectrum_key;  // modes, cutoff, H and `observed` flattened (DenseSectorCache)
  Split split(const FockSector& sector, std::int64_t i) const;
  // Exact start: calls f(m1, ia, ib, w) for every product |a_ia>|b_ib> of reservoir eigenstates in
  // sector k with weight w = e^{-β1(E_a − μ1 m1) − β2(E_b − μ2 m2) − log_max} ≥ 1e-16.
  template <class F>
  void products(int k, F&& f) const {
    for (int m1 = std::max(0, k - top2); m1 <= std::min(top1, k); ++m1) {
      const ReservoirSector &a = res[0][m1], &b = res[1][k - m1];
      for (long ia = 0; ia < a.energies.size(); ++ia)
        for (long ib = 0; ib < b.energies.size(); ++ib) {
          const double lw =
              -st.beta1 * (a.energies(ia) - st.mu1 * m1) - st.beta2 * (b.energies(ib) - st.mu2 * (k - m1));
          const double w = std::exp(lw - log_max);
          if (w >= 1e-16) f(m1, ia, ib, w);
        }
    }
  }
  // Amplitude of the product |a_ia>|b_ib> (reservoir 1 holding m1) on the sector state split as s.
  std::complex<double> amplitude(const Split& s, int m1, long ia, long ib, int k) const {
    return s.m1 == m1 ? res[0][m1].vectors(s.ra, ia) * res[1][k - m1].vectors(s.rb, ib) : std::complex<double>(0);
  }
};

// Weighted sums per output time over start states and sectors: tr ρ, N tr ρ and the observables
// (ThermalProblem::observed order), kept apart per slot — one for the exact start, one per random
// vector s of a typicality start (the jackknife needs each sample's sums); entry [slot · times + j].
// kept = Σ weights of the exact start; evolved = Krylov vectors.
struct Accumulator {
  Accumulator(size_t times, size_t observables, size_t slots = 1);
  size_t times, slots;
  std::vector<double> w, n;
  std::vector<std::vector<double>> o;
  double kept = 0;
  long evolved = 0, reused = 0;  // Krylov vectors; dense spectra taken from a cache
  // Adds a state's trace, particle number and observables at output time j to a slot.
  void add(size_t slot, size_t j, double trace, double particles, const std::vector<double>& values);
  void add(const Accumulator& other);
  void sum_over(MPI_Comm comm);  // collective: every rank ends with the sum over ranks
  // Everything as reals (w, n, o, kept, evolved, reused), and back (for checkpoints).
  std::vector<double> flat() const;
  void unflat(const std::vector<double>& v);
};

// Not collective: sector k densely (mixed_state_evolution), exact start only; the sector's
// spectrum from `cache` when given.
void dense_sector(const ThermalProblem& p, int k, const std::vector<double>& times, DenseSectorCache* cache,
                  Accumulator& acc);
// Collective on comm: sector k by SLEPc MFN, one evolution per start vector (over groups of ranks
// up to options.group_limit states).
void krylov_sector(MPI_Comm comm, const ThermalProblem& p, int k, const std::vector<double>& times,
                   const EvolutionOptions& options, Accumulator& acc);

}  // namespace qtherm::models::detail
