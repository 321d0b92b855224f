// Seed 003: two reservoirs of n1 and n2 fermionic or bosonic modes, H = Σ h¹_ij a_i†a_j +
// Σ h²_kl b_k†b_l + Σ g_ik (a_i†b_k + h.c.) (+ optional density–density U_X inside each reservoir
// on the many-body route), started in Gibbs states at different temperatures. Energies of the two
// reservoirs and the interaction, and the bare / interaction / minimal-dissipation assignments of
// the interaction energy with the first law of each. Routes: single_particle (exact for quadratic H:
// correlation matrix, dense Eigen) and many_body (number sectors, each evolved densely or by SLEPc
// MFN, EPS for the low spectrum; fermions, or bosons in the Fock space truncated at `cutoff` per mode).
#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/models/reservoirs/interacting_reservoirs.hpp"

#include "qtherm/models/builtin.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "qtherm/base/log.hpp"
#include "qtherm/base/progress.hpp"
#include "qtherm/dynamics/krylov.hpp"
#include "qtherm/models/reservoirs/many_body_reservoirs.hpp"
#include "qtherm/dynamics/single_particle.hpp"
#include "qtherm/models/common/checkpoint.hpp"
#include "qtherm/models/reservoirs/interacting_reservoirs_outputs.hpp"
#include "qtherm/thermo/energy_assignment.hpp"

namespace qtherm::models {
namespace {

using Eigen::MatrixXcd;

dynamics::TwoReservoirs reservoirs(const ReservoirParams& m) {
  const long n1 = m.n1, n2 = m.n2;
  const double g = m.g;
  dynamics::TwoReservoirs r;
  auto uniform = [&](long n, double w) {
    return MatrixXcd(MatrixXcd::Constant(n, n, g) + (w - g) * MatrixXcd::Identity(n, n));
  };
  r.h1 = m.h1 ? *m.h1 : uniform(n1, m.omega1);
  r.h2 = m.h2 ? *m.h2 : uniform(n2, m.omega2);
  r.g = m.coupling ? *m.coupling : MatrixXcd::Constant(n1, n2, m.gamma);
  return r;
}

dynamics::Statistics statistics(const ReservoirParams& m) {
  return m.bosons() ? dynamics::Statistics::bosons : dynamics::Statistics::fermions;
}

// Leading quantities of seed 003 for any h1, h2, g: the bright modes b_X are the leading singular
// vectors of g, ν_X = <b_X|h_X|b_X>, Γ = 2 σ_max(g). Uniform all-to-all: ν_X = ω_X + (N_X − 1) g and
// Γ = 2 √(N1 N2) γ as in the seed.
struct Leading {
  double nu1, nu2, Delta, Gamma;
};
Leading leading(const dynamics::TwoReservoirs& r) {
  Eigen::JacobiSVD<MatrixXcd> svd(r.g, Eigen::ComputeFullU | Eigen::ComputeFullV);
  Eigen::VectorXcd b1 = Eigen::VectorXcd::Constant(r.n1(), 1 / std::sqrt(double(r.n1())));
  Eigen::VectorXcd b2 = Eigen::VectorXcd::Constant(r.n2(), 1 / std::sqrt(double(r.n2())));
  const double smax = svd.singularValues().size() ? svd.singularValues()(0) : 0;
  if (smax > 0) b1 = svd.matrixU().col(0), b2 = svd.matrixV().col(0);
  Leading l;
  l.nu1 = (b1.adjoint() * r.h1 * b1)(0, 0).real();
  l.nu2 = (b2.adjoint() * r.h2 * b2)(0, 0).real();
  l.Delta = l.nu1 - l.nu2;
  l.Gamma = 2 * smax;
  return l;
}

void check_hermitian(const io::Config& c, const std::string& key, const std::optional<MatrixXcd>& given, long rows,
                     long cols, bool hermitian) {
  if (!given) return;
  const MatrixXcd& m = *given;
  if (m.rows() != rows || m.cols() != cols)
    throw c.error("model", key,
                  "must be " + std::to_string(rows) + "x" + std::to_string(cols) + " (n1, n2), got " +
                      std::to_string(m.rows()) + "x" + std::to_string(m.cols()));
  if (hermitian) {
    const double dev = (m - m.adjoint()).norm(), scale = std::max(1.0, m.norm());
    if (dev > 1e-12 * scale)
      throw c.error("model", key, "one-body matrix is not Hermitian (||h - h^dagger|| = " + format_number(dev) + ")");
  }
}

}  // namespace

void ReservoirParams::bind(io::Binder& b) {
  b.section("model");
  b.key("statistics", statistics).choices({"fermions", "bosons"}).meaning("particle statistics of both reservoirs");
  b.key("route", route)
      .choices({"single_particle", "many_body"})
      .meaning(
          "single_particle: correlation-matrix dynamics, exact for quadratic H (u1 = u2 = 0); many_body: Fock space "
          "in particle-number sectors (SLEPc), any u1, u2; bosons truncated at cutoff per mode");
  b.key("n1", n1).unit("1").min(1).meaning("number of modes of reservoir 1");
  b.key("n2", n2).unit("1").min(1).meaning("number of modes of reservoir 2");
  b.key("omega1", omega1).unit("energy").meaning("mode frequency of reservoir 1 (uniform h1 = omega1 1 + g (J - 1))");
  b.key("omega2", omega2).unit("energy").meaning("mode frequency of reservoir 2 (uniform h2)");
  b.key("g", g).unit("energy").meaning("all-to-all intra-reservoir coupling of the uniform h1 and h2");
  b.key("gamma", gamma).unit("energy").meaning("uniform inter-reservoir coupling g_ik = gamma");
  b.key("h1", h1).unit("energy").meaning("n1 x n1 Hermitian one-body matrix of reservoir 1 (overrides omega1, g)");
  b.key("h2", h2).unit("energy").meaning("n2 x n2 Hermitian one-body matrix of reservoir 2 (overrides omega2, g)");
  b.key("coupling", coupling).unit("energy").meaning("n1 x n2 inter-reservoir coupling g_ik (overrides gamma)");
  b.key("beta1", beta1).unit("1/energy").non_negative().meaning("initial inverse temperature of reservoir 1");
  b.key("beta2", beta2).unit("1/energy").non_negative().meaning("initial inverse temperature of reservoir 2");
  b.key("mu1", mu1)
      .unit("energy")
      .meaning("initial chemical potential of reservoir 1 (bosons: below every eigenvalue of h1)");
  b.key("mu2", mu2).unit("energy").meaning("initial chemical potential of reservoir 2");
  b.key("u1", u1).unit("energy").meaning(
      "density-density interaction u1 sum_i n_i n_{i+1} inside reservoir 1 (consecutive modes, fermions and bosons; "
      "no on-site term; many_body route only)");
  b.key("u2", u2).unit("energy").meaning("the same inside reservoir 2 (many_body route only)");
  b.key("particles", particles)
      .unit("1")
      .meaning(
          "many_body: keep only the sector with this total particle number, 0..n1+n2 (bosons 0..(n1+n2) cutoff; "
          "renormalized); unset: grand canonical, a mixture over all sectors");
  b.key("cutoff", cutoff)
      .unit("1")
      .min(1)
      .meaning(
          "bosons on many_body (required there): maximum occupation per mode; sectors N = 0..(n1+n2) cutoff, H and "
          "the Gibbs start projected onto the truncated space (scalar truncated_weight: the Gibbs weight cut)");
  b.key("thermal", thermal)
      .choices({"exact", "typicality"})
      .meaning(
          "many_body initial state: exact (every product of reservoir eigenstates, small systems) or typicality "
          "(random vectors e^{-beta H/2}|r>)");
  b.key("typical_samples", typical_samples).unit("1").min(1).meaning("typicality: random vectors per sector");
  b.key("seed", seed)
      .unit("1")
      .non_negative()
      .meaning("typicality: seed of the random vectors (rank-count independent)");
  b.key("storage", storage)
      .choices({"auto", "assembled", "matrix_free"})
      .meaning(
          "many_body operators: assembled (MPIAIJ), matrix_free (MATSHELL) or auto (matrix_free above 2e6 states)");
  b.key("eigenvalues", eigenvalues)
      .unit("1")
      .non_negative()
      .meaning(
          "many_body: number of lowest eigenvalues of H computed (EPS) in the sector `particles` (or half the "
          "largest particle number)");
  b.key("mfn_tol", mfn_tol).unit("1").positive().meaning("many_body: MFN tolerance of each propagation step");
  b.key("evolution", evolution)
      .choices({"auto", "dense", "krylov"})
      .meaning(
          "many_body, per particle-number sector: dense (one eigendecomposition of the sector Hamiltonian, the exact "
          "start evolved as a mixed state, sectors spread over the ranks; exact start only), krylov (every start "
          "vector by SLEPc MFN on all ranks) or auto (dense for an exact start in sectors of at most dense_limit "
          "states)");
  b.key("dense_limit", dense_limit)
      .unit("1")
      .min(1)
      .meaning(
          "many_body, evolution = auto: largest sector evolved densely (memory about 8 x states^2 scalars on one "
          "rank, 16 bytes each for complex h or g, 8 for real: 1 GB at 4000 real states)");
  b.key("minimal_dissipation", minimal_dissipation)
      .meaning(
          "single_particle: compute the minimal-dissipation scheme (O(n_X^2 N) per quadrature point; false for "
          "energies only when n1 + n2 is in the thousands)");
  b.key("regime_ratio", regime_ratio)
      .unit("1")
      .min(1)
      .meaning("|Delta|/Gamma >= this: dispersive; <= 1/this: ultrastrong; in between: intermediate");
  time.bind(b);
  b.key("substeps", substeps)
      .unit("1")
      .min(1)
      .meaning("Gauss-Legendre pieces per output interval for the minimal-dissipation heat and work integrals");
}

namespace {

std::string summary() {
  return "two finite reservoirs of fermionic/bosonic modes exchanging energy: bare, interaction and "
         "minimal-dissipation energy assignments, single-particle or many-body exact dynamics (seed 003)";
}

void declare(io::Schema& s) { io::declare<ReservoirParams>(s); }

void validate(const io::Config& c) {
  const auto m = io::read<ReservoirParams>(c);
  const long n1 = m.n1, n2 = m.n2;
  check_hermitian(c, "h1", m.h1, n1, n1, true);
  check_hermitian(c, "h2", m.h2, n2, n2, true);
  check_hermitian(c, "coupling", m.coupling, n1, n2, false);
  const bool bosons = m.bosons();
  const bool many = m.many_body();
  if (many && bosons && !m.cutoff)
    throw c.error("model", "statistics", "bosons on the many_body route need a cutoff per mode (model.cutoff)");
  const long cutoff = many && bosons ? *m.cutoff : 0;
  if (cutoff > 0 && !space::BosonBasis::fits(int(n1 + n2), int(cutoff)))
    throw c.error("model", "cutoff",
                  "n1 + n2 = " + std::to_string(n1 + n2) + " modes with cutoff " + std::to_string(cutoff) +
                      " do not fit the 64-bit state word (" +
                      std::to_string(space::BosonBasis::field_bits(int(cutoff))) + " bits per mode)");
  if (!many && (m.u1 != 0 || m.u2 != 0))
    throw c.error("model", m.u1 != 0 ? "u1" : "u2", "interacting reservoirs are not quadratic: use route = many_body");
  if (many && m.evolution == "dense" && m.thermal == "typicality")
    throw c.error("model", "evolution",
                  "dense evolves the exact thermal mixture; typicality needs evolution = krylov or auto");
  if (many && !bosons && n1 + n2 > space::BitBasis::kMaxSites)
    throw c.error("model", "n2", "many_body needs n1 + n2 <= " + std::to_string(space::BitBasis::kMaxSites));
  if (m.particles) {
    const long p = *m.particles;
    const long top = cutoff > 0 ? (n1 + n2) * cutoff : n1 + n2;
    if (p < 0 || p > top)
      throw c.error("model", "particles",
                    "particle number " + std::to_string(p) + " outside the sector range [0, " + std::to_string(top) +
                        "] (" + (cutoff > 0 ? "(n1 + n2) modes x cutoff" : "n1 + n2 modes") + ")");
  }
  if (bosons) {
    for (int X = 1; X <= 2; ++X) {
      const std::string x = std::to_string(X);
      if (!((X == 1 ? m.beta1 : m.beta2) > 0)) throw c.error("model", "beta" + x, "bosons need beta > 0");
      const auto r = reservoirs(m);
      const MatrixXcd& h = X == 1 ? r.h1 : r.h2;
      const double emin = Eigen::SelfAdjointEigenSolver<MatrixXcd>(h).eigenvalues().minCoeff();
      if (!((X == 1 ? m.mu1 : m.mu2) < emin))
        throw c.error("model", "mu" + x, "bosons need mu below the lowest one-body energy " + format_number(emin));
    }
  }
}

// Dense sector spectra of the previous point of a sweep, reused while H is unchanged (a sweep over
// beta, mu or t_final diagonalizes each sector once); one per process, as the registry's model was.
DenseSectorCache& sector_spectra() {
  static DenseSectorCache spectra;
  return spectra;
}

io::RunRecord run(MPI_Comm comm, const io::Config& c, RunContext& context) {
  const auto m = io::read<ReservoirParams>(c);
  const auto r = reservoirs(m);
  const auto t = m.time.times();
  const long n1 = r.n1(), n2 = r.n2(), T = t.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ReservoirEnergies e;
  MinimalDissipationColumns md_cols;
  double md_residual = nan, min_rcond = nan, ground = nan, largest = 0, evolved = 0, truncated = nan, dense_sectors = 0;
  bool typicality = false;
  std::vector<ReservoirEnergies> jackknife;  // typicality: leave-one-out estimates

  if (!m.many_body()) {
    // Dense and small: every rank computes the same thing.
    const auto stat = statistics(m);
    const MatrixXcd M = r.one_body();
    MatrixXcd C0 = MatrixXcd::Zero(n1 + n2, n1 + n2);
    C0.topLeftCorner(n1, n1) = dynamics::thermal_correlation(r.h1, m.beta1, m.mu1, stat);
    C0.bottomRightCorner(n2, n2) = dynamics::thermal_correlation(r.h2, m.beta2, m.mu2, stat);
    const dynamics::SingleParticlePropagator U(M);
    // Energies and numbers as O(N²) phase sums in M's eigenbasis (N in the thousands).
    const long N = n1 + n2;
    MatrixXcd O1 = MatrixXcd::Zero(N, N), O2 = O1, OI = O1, P1 = O1, P2 = O1;
    O1.topLeftCorner(n1, n1) = r.h1;
    O2.bottomRightCorner(n2, n2) = r.h2;
    OI.topRightCorner(n1, n2) = r.g;
    OI.bottomLeftCorner(n2, n1) = r.g.adjoint();
    P1.topLeftCorner(n1, n1).setIdentity();
    P2.bottomRightCorner(n2, n2).setIdentity();
    const dynamics::QuadraticTrace e1(U, O1, C0), e2(U, O2, C0), ei(U, OI, C0), p1(U, P1, C0), p2(U, P2, C0);
    // One output time after another, checkpointed between times: the energies and numbers, and the
    // minimal-dissipation values with their running heat and work integrals (Q, W of each reservoir).
    const bool md = m.minimal_dissipation;
    std::vector<thermo::MinimalDissipationSteps> steps;
    if (md)
      for (int X = 0; X < 2; ++X)
        steps.emplace_back(U, C0, X == 0 ? 0 : n1, X == 0 ? n1 : n2, static_cast<int>(m.substeps));
    double Qmd[2] = {0, 0}, Wmd[2] = {0, 0};
    Checkpoint ck(comm, context, 1);
    for (int X = 0; X < 2; ++X) {
      ck.add("md_Q" + std::to_string(X + 1), Qmd[X]);
      ck.add("md_W" + std::to_string(X + 1), Wmd[X]);
    }
    const auto rows = ck.by_output_time(t, [&](size_t k) {
      const double tk = t[k];
      std::vector<double> row = {e1(tk), e2(tk), ei(tk), p1(tk), p2(tk)};
      for (int X = 0; X < int(steps.size()); ++X) {
        const auto v = steps[X].at(t, k, Qmd[X], Wmd[X]);  // U, Q, W, Qdot, Wdot, rcond
        row.insert(row.end(), v.begin(), v.end());
      }
      return row;
    });
    if (context.interrupted) return {};  // the checkpoint holds everything
    if (md) md_residual = 0, min_rcond = 1;
    for (const auto& row : rows) {
      e.E1.push_back(row[0]), e.E2.push_back(row[1]), e.EI.push_back(row[2]), e.N1.push_back(row[3]);
      e.N2.push_back(row[4]);
      for (int X = 0; X < int(steps.size()); ++X) {
        for (int j = 0; j < 5; ++j) md_cols[X][j].push_back(row[5 + 6 * X + j]);
        min_rcond = std::min(min_rcond, row[5 + 6 * X + 5]);
      }
    }
    if (md) {
      for (int X = 0; X < 2; ++X)
        md_residual =
            std::max(md_residual, thermo::FirstLawSeries{md_cols[X][0], md_cols[X][1], md_cols[X][2]}.residual());
    } else {
      for (int X = 0; X < 2; ++X)
        for (auto& col : md_cols[X]) col.assign(T, nan);
    }
  } else {
    ManyBodyReservoirs mb{r, m.u1, m.u2};
    if (m.bosons()) mb.cutoff = static_cast<int>(m.cutoff.value());
    ThermalStart st;
    st.beta1 = m.beta1, st.beta2 = m.beta2;
    st.mu1 = m.mu1, st.mu2 = m.mu2;
    st.particles = m.particles ? static_cast<int>(*m.particles) : -1;
    st.typicality = m.thermal == "typicality";
    st.samples = static_cast<int>(m.typical_samples);
    st.seed = static_cast<std::uint64_t>(m.seed);
    const int n = mb.modes();
    const int spectrum_k = st.particles >= 0 ? st.particles : mb.max_particles() / 2;
    const FockSector sector(n, mb.cutoff, spectrum_k);
    const std::string storage_key = m.storage;
    auto storage_for = [&](long size) {
      if (storage_key == "assembled") return Storage::assembled;
      if (storage_key == "matrix_free") return Storage::matrix_free;
      return size > 2000000 ? Storage::matrix_free : Storage::assembled;
    };
    long biggest = 0;
    for (int k = st.particles >= 0 ? st.particles : 0; k <= (st.particles >= 0 ? st.particles : mb.max_particles());
         ++k)
      biggest = std::max<long>(biggest, FockSector(n, mb.cutoff, k).size());
    const auto storage = storage_for(biggest);
    // Checkpoints: the EPS result once converged (a restart skips the eigen-solve), then the sums
    // after the dense sectors and after each Krylov sector.
    Checkpoint ck(comm, context, 1);
    std::vector<double> spectrum, sums;  // [ground energy] once solved; the evolution's state
    long parts = 0;
    ck.add("spectrum", spectrum);
    ck.add("sums", sums);
    ck.add("parts_done", parts);
    ck.progress(0, 0, "sectors");
    if (ck.restore(0, [] { return 0.0; }))
      print0(comm, context.label + ": resuming" +
                       (spectrum.empty() ? "" : " with the eigenvalues from the checkpoint") +
                       (sums.empty() ? "" : " after " + std::to_string(parts) + " part(s) of the evolution"));
    const long nev = m.eigenvalues;
    if (nev > 0 && !spectrum.empty()) {
      ground = spectrum.front();
    } else if (nev > 0) {
      std::shared_ptr<operators::ShellGather> gather;
      const auto H = sector.make(comm, mb.op(ManyBodyReservoirs::Part::total), storage, gather);
      const double t0 = MPI_Wtime();
      const auto spec = dynamics::lowest_eigenpairs(H, static_cast<int>(std::min<long>(nev, sector.size())));
      ground = spec.values.front();
      print0(comm, "interacting_reservoirs: " + std::to_string(spec.values.size()) +
                       " lowest eigenpairs of a sector of " + std::to_string(sector.size()) + " states in " +
                       format_number(MPI_Wtime() - t0) + " s (" + std::to_string(spec.iterations) +
                       " EPS iterations, ground energy " + format_number(ground) + ")");
      spectrum = spec.values;
      ck.save();
      if (ck.at_unit(0)) return {};  // a signal during the solve: stop now that it is saved
    }
    EvolutionOptions options;
    options.storage = storage, options.tol = m.mfn_tol;
    const std::string evolution = m.evolution;
    options.route = evolution == "dense"    ? SectorRoute::dense
                    : evolution == "krylov" ? SectorRoute::krylov
                                            : SectorRoute::automatic;
    options.dense_limit = m.dense_limit;
    options.cache = &sector_spectra();
    options.resume = sums;
    options.after_part = [&](const std::vector<double>& state) {
      sums = state;
      return ck.at_unit(double(++parts));
    };
    std::optional<Progress> progress;  // made once the sectors' total is known
    options.progress = [&](double done, double total) {
      if (!progress)
        progress.emplace(comm, "interacting_reservoirs", 0, total, m.time.progress_interval, "sector states");
      progress->update(done, 0);
    };
    const double t0 = MPI_Wtime();
    const auto s = evolve_thermal(comm, mb, st, t, options);
    if (s.stopped) return {};  // context.interrupted: the checkpoint holds everything
    print0(comm, "interacting_reservoirs: evolution (" + evolution + "): " + std::to_string(s.dense_sectors) +
                     " sector(s) dense, " + std::to_string(s.krylov_sectors) + " by Krylov with " +
                     std::to_string(s.evolved_states) + " state vector(s), largest sector " +
                     std::to_string(s.largest_sector) + " states, in " + format_number(MPI_Wtime() - t0) + " s" +
                     (s.reused_spectra
                          ? " (" + std::to_string(s.reused_spectra) + " sector spectra kept from the previous point)"
                          : ""));
    e = reservoir_energies(s);
    typicality = st.typicality;
    for (const auto& j : s.jackknife) jackknife.push_back(reservoir_energies(j));
    largest = s.largest_sector, evolved = s.evolved_states, truncated = s.truncated_weight;
    dense_sectors = s.dense_sectors;
    if (mb.cutoff > 0 && st.particles < 0)
      print0(comm, "interacting_reservoirs: bosons truncated at " + std::to_string(mb.cutoff) +
                       " per mode, Gibbs weight cut 1 - Z_kept/Z = " + format_number(truncated) +
                       (std::isnan(truncated) ? " (unknown: interacting or typicality start)" : ""));
    for (int X = 0; X < 2; ++X)
      for (auto& col : md_cols[X]) col.assign(T, nan);
  }

  io::RunRecord rec;
  rec.t = t;
  double drift = 0, dEI = 0, dE1 = 0;
  for (long k = 0; k < T; ++k) {
    drift = std::max(drift, std::abs(e.E1[k] + e.E2[k] + e.EI[k] - e.E1[0] - e.E2[0] - e.EI[0]));
    dEI = std::max(dEI, std::abs(e.EI[k] - e.EI[0]));
    dE1 = std::max(dE1, std::abs(e.E1[k] - e.E1[0]));
  }
  const auto residuals = write_reservoir_series(rec.observables, e, md_cols, jackknife, typicality);

  const Leading l = leading(r);
  const double ratio = m.regime_ratio;
  const double regime = std::abs(l.Delta) >= ratio * l.Gamma ? 1 : std::abs(l.Delta) * ratio <= l.Gamma ? -1 : 0;
  ReservoirSummary sum;
  sum.nu1 = l.nu1, sum.nu2 = l.nu2, sum.Delta = l.Delta, sum.Gamma = l.Gamma, sum.regime = regime;
  sum.energy_drift = drift, sum.residual_bare = residuals.bare, sum.residual_int = residuals.interaction,
  sum.residual_md = md_residual;
  sum.interaction_energy_ratio = dE1 > 0 ? dEI / dE1 : nan, sum.min_rcond_md = min_rcond, sum.ground_energy = ground;
  sum.largest_sector = largest, sum.evolved_states = evolved, sum.dense_sectors = dense_sectors;
  sum.truncated_weight = truncated;
  write_reservoir_summary(rec.scalars, sum);
  return rec;
}

}  // namespace

std::unique_ptr<Model> make_interacting_reservoirs() {
  return make_model({"interacting_reservoirs", summary, declare, reservoir_observables, reservoir_scalars, validate,
                     reservoir_memory_estimate, run});
}

}  // namespace qtherm::models
