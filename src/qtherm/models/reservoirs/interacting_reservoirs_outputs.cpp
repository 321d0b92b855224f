// The interacting-reservoirs model's outputs, declared once (interacting_reservoirs_outputs.hpp).
#include "qtherm/models/reservoirs/interacting_reservoirs_outputs.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "qtherm/base/student_t.hpp"
#include "qtherm/io/output_list.hpp"
#include "qtherm/models/reservoirs/interacting_reservoirs.hpp"
#include "qtherm/thermo/energy_assignment.hpp"

namespace qtherm::models {
namespace {

using io::Quantity;

const char* kInto = "> 0: energy flows into reservoir X";

Quantity q(std::string n, std::string unit, std::string sign, std::string meaning) {
  return Quantity{std::move(n), std::move(unit), std::move(sign), std::move(meaning)};
}

struct Energies {
  std::vector<double> E1, E2, E_I, E_total, N1, N2;
};
const io::OutputList<Energies, std::vector<double>> kEnergies = {
    {q("E1", "energy", "", "energy of reservoir 1, <H1> = tr(h1 C11), normal ordered"), &Energies::E1},
    {q("E2", "energy", "", "energy of reservoir 2, <H2>"), &Energies::E2},
    {q("E_I", "energy", "", "interaction energy <H_I> = 2 Re tr(g C21)"), &Energies::E_I},
    {q("E_total", "energy", "", "E1 + E2 + E_I (conserved)"), &Energies::E_total},
    {q("N1", "1", "", "particles in reservoir 1"), &Energies::N1},
    {q("N2", "1", "", "particles in reservoir 2"), &Energies::N2},
};

// The energetics of reservoir X in the three schemes.
struct ReservoirSeries {
  std::vector<double> Q_weak, U_bare, Q_bare, W_bare, U_int, Q_int, W_int;
};
io::OutputList<ReservoirSeries, std::vector<double>> reservoir_outputs(int X) {
  using R = ReservoirSeries;
  const std::string x = std::to_string(X), other = X == 1 ? "2" : "1";
  return io::OutputList<R, std::vector<double>>{
      {q("Q_weak_" + x, "energy", kInto, "weak-coupling heat E" + x + "(t) - E" + x + "(0) [recon]"), &R::Q_weak},
      {q("U_bare_" + x, "energy", "", "bare internal energy E" + x), &R::U_bare},
      {q("Q_bare_" + x, "energy", kInto, "bare heat -(E" + other + "(t) - E" + other + "(0))"), &R::Q_bare},
      {q("W_bare_" + x, "energy", kInto, "bare work -(E_I(t) - E_I(0))"), &R::W_bare},
      {q("U_int_" + x, "energy", "", "interaction-scheme internal energy E" + x + " + E_I"), &R::U_int},
      {q("Q_int_" + x, "energy", kInto, "interaction-scheme heat -(E" + other + "(t) - E" + other + "(0))"), &R::Q_int},
      {q("W_int_" + x, "energy", kInto, "interaction-scheme work (0)"), &R::W_int},
  };
}
// The minimal-dissipation scheme (single-particle route only).
struct MinimalDissipationSeries {
  std::vector<double> U_md, Q_md, W_md, Qdot_md, Wdot_md;
};
io::OutputList<MinimalDissipationSeries, std::vector<double>> md_outputs(int X) {
  using R = MinimalDissipationSeries;
  const std::string x = std::to_string(X);
  return io::OutputList<R, std::vector<double>>{
      {q("U_md_" + x, "energy", "",
         "minimal-dissipation internal energy tr(h_eff C" + x + x +
             ") (normal-ordered K; single_particle route, NaN on many_body)"),
       &R::U_md},
      {q("Q_md_" + x, "energy", kInto, "minimal-dissipation heat, integral of tr(h_eff dC/dt) (NaN on many_body)"),
       &R::Q_md},
      {q("W_md_" + x, "energy", kInto, "minimal-dissipation work, integral of tr(dh_eff/dt C) (NaN on many_body)"),
       &R::W_md},
      {q("Qdot_md_" + x, "energy/time", kInto, "minimal-dissipation heat current (NaN on many_body)"), &R::Qdot_md},
      {q("Wdot_md_" + x, "energy/time", kInto, "minimal-dissipation power (NaN on many_body)"), &R::Wdot_md},
  };
}

const io::OutputList<ReservoirSummary> kSummary = {
    {q("nu1", "energy", "", "leading (bright-mode) frequency of reservoir 1, omega1 + (n1 - 1) g when uniform"),
     &ReservoirSummary::nu1},
    {q("nu2", "energy", "", "leading frequency of reservoir 2"), &ReservoirSummary::nu2},
    {q("Delta", "energy", "", "effective detuning nu1 - nu2"), &ReservoirSummary::Delta},
    {q("Gamma", "energy", "", "effective coupling 2 sigma_max(g) = 2 sqrt(n1 n2) gamma when uniform"),
     &ReservoirSummary::Gamma},
    {q("regime", "1", "",
       "1: dispersive (|Delta| >= regime_ratio Gamma), -1: ultrastrong (|Delta| <= Gamma/regime_ratio), 0: in between"),
     &ReservoirSummary::regime},
    {q("energy_drift", "energy", "", "max_t |E_total(t) - E_total(0)|"), &ReservoirSummary::energy_drift},
    {q("first_law_residual_bare", "energy", "", "max over t and X of |dU - Q - W|, bare scheme"),
     &ReservoirSummary::residual_bare},
    {q("first_law_residual_int", "energy", "", "the same, interaction scheme"), &ReservoirSummary::residual_int},
    {q("first_law_residual_md", "energy", "", "the same, minimal dissipation (quadrature error; NaN on many_body)"),
     &ReservoirSummary::residual_md},
    {q("interaction_energy_ratio", "1", "", "max_t |E_I(t) - E_I(0)| / max_t |E1(t) - E1(0)|"),
     &ReservoirSummary::interaction_energy_ratio},
    {q("min_rcond_md", "1", "",
       "smallest reciprocal condition number of G_X(t) seen (0: generator singular; NaN on many_body)"),
     &ReservoirSummary::min_rcond_md},
    {q("ground_energy", "energy", "",
       "many_body with eigenvalues > 0: lowest eigenvalue of H in the sector (else NaN)"),
     &ReservoirSummary::ground_energy},
    {q("largest_sector", "1", "", "many_body: dimension of the largest particle-number sector evolved (else 0)"),
     &ReservoirSummary::largest_sector},
    {q("evolved_states", "1", "", "many_body: number of state vectors evolved by Krylov (MFN) (else 0)"),
     &ReservoirSummary::evolved_states},
    {q("dense_sectors", "1", "",
       "many_body: particle-number sectors evolved densely (evolution = dense or auto; the others by Krylov; else 0)"),
     &ReservoirSummary::dense_sectors},
    {q("truncated_weight", "1", "",
       "many_body: Gibbs weight of the untruncated start outside the kept states, 1 - Z_kept/Z (0: fermions or a "
       "bosonic sector particles <= cutoff; bosons grand canonical, exact start, u1 = u2 = 0: closed-form Z; "
       "otherwise and on single_particle NaN)"),
     &ReservoirSummary::truncated_weight},
};

// The outputs the typicality route estimates with a statistical error: the energies and the bare
// and interaction-scheme energetics (what energetics() returns, in its order).
std::vector<Quantity> estimated_outputs() {
  std::vector<Quantity> o = kEnergies.quantities();
  for (int X = 1; X <= 2; ++X)
    for (auto& x : reservoir_outputs(X).quantities()) o.push_back(x);
  return o;
}

Quantity error_quantity(const Quantity& of) {
  return {
      of.name + "_error", of.unit, ">= 0",
      "statistical error of " + of.name +
          " on the many_body typicality start: half-width of a 68.3 % interval, the jackknife error over the "
          "samples times the Student-t quantile with samples - 1 degrees of freedom (docs/interacting_reservoirs.md);"
          " 0 on the exact routes, NaN with one sample"};
}

// The energies and both reservoirs' bare and interaction-scheme energetics (estimated_outputs()
// order) from the energy and number series, with the largest first-law residual of each scheme.
struct Energetics {
  std::vector<io::Series> series;
  double residual_bare = 0, residual_int = 0;
};
Energetics energetics(const ReservoirEnergies& v) {
  Energetics e;
  std::vector<double> Et;
  for (size_t k = 0; k < v.E1.size(); ++k) Et.push_back(v.E1[k] + v.E2[k] + v.EI[k]);
  kEnergies.write(e.series, Energies{v.E1, v.E2, v.EI, Et, v.N1, v.N2});
  for (int X = 0; X < 2; ++X) {
    const auto& EX = X == 0 ? v.E1 : v.E2;
    const auto& Eo = X == 0 ? v.E2 : v.E1;
    std::vector<double> weak;
    for (double v : EX) weak.push_back(v - EX[0]);
    const auto bare = thermo::bare_scheme(EX, Eo, v.EI), inter = thermo::interaction_scheme(EX, Eo, v.EI);
    e.residual_bare = std::max(e.residual_bare, bare.residual());
    e.residual_int = std::max(e.residual_int, inter.residual());
    reservoir_outputs(X + 1).write(e.series, ReservoirSeries{weak, bare.U, bare.Q, bare.W, inter.U, inter.Q, inter.W});
  }
  return e;
}

}  // namespace

ReservoirEnergies reservoir_energies(const ManyBodyValues& v) {
  ReservoirEnergies e{v.E1, v.E2, v.EI, v.N1, {}};
  for (size_t k = 0; k < v.N.size(); ++k) e.N2.push_back(v.N[k] - v.N1[k]);
  return e;
}

FirstLawResiduals write_reservoir_series(std::vector<io::Series>& out, const ReservoirEnergies& mean,
                                         const MinimalDissipationColumns& md,
                                         const std::vector<ReservoirEnergies>& jackknife, bool typicality) {
  const Energetics m = energetics(mean);
  out.insert(out.end(), m.series.begin(), m.series.end());
  for (int X = 0; X < 2; ++X) {
    const auto& c = md[X];
    md_outputs(X + 1).write(out, MinimalDissipationSeries{c[0], c[1], c[2], c[3], c[4]});
  }
  // As on the spin-chain typicality route: the plain ±1 jackknife error undercovers at few samples.
  const size_t S = jackknife.size(), T = mean.E1.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::vector<double>> err(m.series.size(), std::vector<double>(T, typicality ? nan : 0.0));
  if (S >= 2) {
    std::vector<Energetics> loo;
    for (const auto& j : jackknife) loo.push_back(energetics(j));
    const double t = student_t_quantile(one_sigma_level(), long(S) - 1);
    std::vector<double> x(S);
    for (size_t i = 0; i < err.size(); ++i)
      for (size_t k = 0; k < T; ++k) {
        for (size_t s = 0; s < S; ++s) x[s] = loo[s].series[i].values[k];
        err[i][k] = t * jackknife_error(x);
      }
  }
  for (size_t i = 0; i < err.size(); ++i) out.push_back({error_quantity(m.series[i].what), err[i]});
  return {m.residual_bare, m.residual_int};
}

void write_reservoir_summary(std::vector<io::Scalar>& out, const ReservoirSummary& s) { kSummary.write(out, s); }

std::vector<Quantity> reservoir_scalars() { return kSummary.quantities(); }

std::vector<Quantity> reservoir_observables() {
  std::vector<Quantity> o = estimated_outputs();
  for (int X = 1; X <= 2; ++X)
    for (auto& x : md_outputs(X).quantities()) o.push_back(x);
  for (const auto& x : estimated_outputs()) o.push_back(error_quantity(x));
  return o;
}

}  // namespace qtherm::models
