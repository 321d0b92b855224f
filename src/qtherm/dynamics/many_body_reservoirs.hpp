#pragma once
// Many-body route for two fermionic reservoirs (seed 003 with optional interactions): Fock space
// split into total particle-number sectors (space::BitBasis, reservoir 1's modes first in the
// Jordan–Wigner order), H = c†Mc + U_1 Σ n_i n_{i+1} (within reservoir 1, consecutive modes)
// + U_2 Σ n_k n_{k+1} (within reservoir 2) [recon: nearest-neighbour density–density in each
// reservoir's mode order]. Initial state: the product of the two reservoirs' grand-canonical Gibbs
// states at (β_X, μ_X), a mixture over total-number sectors, optionally restricted to one sector
// (then renormalized). Each sector is evolved with SLEPc MFN; expectations are summed over sectors.
#include <mpi.h>

#include <cstdint>
#include <vector>

#include "qtherm/dynamics/single_particle.hpp"
#include "qtherm/operators/fermion_operator.hpp"

namespace qtherm::dynamics {

struct ManyBodyReservoirs {
  TwoReservoirs one_body;
  double U1 = 0, U2 = 0;
  int modes() const { return static_cast<int>(one_body.n1() + one_body.n2()); }
  enum class Part { total, reservoir1, reservoir2, interaction, number1 };
  operators::FermionOperator op(Part part) const;
  // β1(H1 − μ1 N1) + β2(H2 − μ2 N2): the exponent of the initial state.
  operators::FermionOperator thermal_exponent(double beta1, double mu1, double beta2, double mu2) const;
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

struct ManyBodySeries {
  std::vector<double> E1, E2, EI, N1, N;  // at the output times
  long evolved_states = 0;                // vectors evolved (all sectors)
  long largest_sector = 0;
};

// Collective on comm: expectations of H1, H2, H_I, N1 and N along the exact evolution of the
// thermal start, at `times` (ascending, from 0). tol: MFN tolerance.
ManyBodySeries evolve_thermal(MPI_Comm comm, const ManyBodyReservoirs& r, const ThermalStart& start,
                              const std::vector<double>& times, Storage storage, double tol = 1e-13);

// Deterministic standard complex Gaussian number for (seed, stream, index): the same on any rank.
std::complex<double> gaussian_draw(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

}  // namespace qtherm::dynamics
