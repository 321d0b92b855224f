#pragma once
// The interacting-reservoirs model's outputs (seed 003), each declared once in
// interacting_reservoirs_outputs.cpp: the energy and number series, both reservoirs' energetics in
// the bare, interaction and minimal-dissipation schemes, their typicality errors, and the summary
// scalars. Internal to models/.
#include <vector>

#include "qtherm/io/run_record.hpp"
#include "qtherm/models/reservoirs/many_body_reservoirs.hpp"

namespace qtherm::models {

// The series every route computes, at the output times.
struct ReservoirEnergies {
  std::vector<double> E1, E2, EI, N1, N2;
};
// From the many-body sums (N2 = N − N1).
ReservoirEnergies reservoir_energies(const ManyBodyValues& v);

// The minimal-dissipation series of each reservoir: U, Q, W, Qdot, Wdot (NaN on many_body).
using MinimalDissipationColumns = std::vector<double>[2][5];

// Writes the energies, both reservoirs' energetics and the minimal-dissipation series, and the
// `<name>_error` of every estimated series: the jackknife error over the leave-one-out estimates
// widened to a 68.3 % Student-t interval (≥ 2 of them), NaN on a typicality start with one sample,
// else 0. Returns the largest first-law residuals of the bare and the interaction scheme.
struct FirstLawResiduals {
  double bare = 0, interaction = 0;
};
FirstLawResiduals write_reservoir_series(std::vector<io::Series>& out, const ReservoirEnergies& mean,
                                         const MinimalDissipationColumns& md,
                                         const std::vector<ReservoirEnergies>& jackknife, bool typicality);

struct ReservoirSummary {
  double nu1, nu2, Delta, Gamma, regime, energy_drift, residual_bare, residual_int, residual_md,
      interaction_energy_ratio, min_rcond_md, ground_energy, largest_sector, evolved_states, dense_sectors,
      truncated_weight;
};
void write_reservoir_summary(std::vector<io::Scalar>& out, const ReservoirSummary& s);
std::vector<io::Quantity> reservoir_scalars();

}  // namespace qtherm::models
