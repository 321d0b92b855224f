// Seed 002 (Lorenzo et al., PRA 91, 022121), oscillator half: two modes in cascade with a bosonic
// reservoir, Eqs. (3)–(5); heat fluxes Eqs. (20)–(22); Gaussian route App. B (Eq. B2, exact);
// Fock route: the truncated master equation, matrix-free (operators/banded_liouvillian) or
// assembled; initial states Eq. (31) (checked with Eqs. D2–D5), two-mode squeezed thermal, Fock
// and coherent products. Every observable is computed from the moments ⟨a⟩, ⟨aa⟩, ⟨a†a⟩, which both
// routes provide, so the routes are compared quantity by quantity.
// This file: the model's keys, outputs, validation and run; the routes are in
// cascaded_oscillators_gaussian.cpp and cascaded_oscillators_fock.cpp.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/base/parse.hpp"
#include "qtherm/dynamics/lindblad_evolution.hpp"
#include "qtherm/models/builtin.hpp"
#include "qtherm/models/cascaded/cascaded_oscillators.hpp"
#include "qtherm/models/common/memory_terms.hpp"

namespace qtherm::models {
namespace cascaded {

using io::Quantity;
using oscillators::cplx;

namespace {
const char* kFlux = "energy/time";
const char* kInto = "> 0: energy flows from the system into the reservoir";
}  // namespace

Quantity q(std::string n, std::string unit, std::string sign, std::string meaning) {
  return Quantity{std::move(n), std::move(unit), std::move(sign), std::move(meaning)};
}

const std::vector<Quantity>& base_observables() {
  static const std::vector<Quantity> v = {
      q("U1", "energy", "", "energy of mode 1, omega <a1^dag a1>"),
      q("U2", "energy", "", "energy of mode 2, omega <a2^dag a2>"),
      q("U", "energy", "", "U1 + U2"),
      q("J1", kFlux, kInto,
        "-tr(H L1 rho) = omega gamma (<n1> - N), Eq. (20); Fock route: of the truncated generator, "
        "+ omega gamma N cutoff P1(top level) (docs/physics.md, section cascaded_oscillators)"),
      q("J2", kFlux, kInto, "-tr(H L2 rho) = omega gamma (<n2> - N), Eq. (21); Fock route: as J1"),
      q("J12", kFlux, kInto,
        "2 omega gamma Re<a1^dag a2> (= omega gamma (C13 + C24) at zero mean), Eq. (22): -tr(H D12 rho)"),
      q("J2_local", kFlux, kInto, "heat flux out of mode 2, -dU2/dt = J2 + J12, Eq. (17)"),
      q("J_total", kFlux, kInto, "J1 + J2 + J12 = -dU/dt, Eq. (12)"),
      q("Q_J1", "energy", "> 0: energy released into the reservoir", "time integral of J1"),
      q("Q_J2", "energy", "> 0: energy released into the reservoir", "time integral of J2"),
      q("Q_J12", "energy", "> 0: energy released into the reservoir", "time integral of J12"),
      q("Q_total", "energy", "> 0: energy released into the reservoir", "time integral of J_total"),
      q("C11", "1", "", "covariance <X1 X1> - <X1>^2 (vacuum 1/2; quadratures in the frame of H, as App. B)"),
      q("C13", "1", "", "covariance 1/2<{X1, X2}> - <X1><X2> (frame of H, as App. B)"),
      q("C24", "1", "", "covariance 1/2<{Y1, Y2}> - <Y1><Y2> (frame of H, as App. B)"),
      q("log_negativity", "nat", "",
        "Gaussian logarithmic negativity of the covariance matrix, Eq. (F12), natural log "
        "(for non-Gaussian Fock-route states: of the Gaussian state with the same moments; NaN if unphysical)"),
      q("gaussian_discord", "nat", "",
        "Gaussian discord D(2|1), mode 1 measured, Eq. (F8) (same remark; NaN if unphysical)"),
      q("energy_balance_error", "energy", "",
        "U(t) - U(0) + Q_total(t): 0 when the first law closes (H is time independent, no work); monitor"),
  };
  return v;
}

const std::vector<Quantity>& fock_only_observables() {
  static const std::vector<Quantity> v = {
      q("truncation", "1", "",
        "largest population of a highest retained level: n - 1 of either mode, or n1 + n2 = max_excitations; warned "
        "above [model] truncation_tolerance"),
      q("trace_error", "1", "", "|tr rho - 1|; monitor"),
  };
  return v;
}

std::string release_name(double percent) {
  char name[32];
  std::snprintf(name, sizeof name, "tau_%g", percent);
  std::string s = name;
  for (auto& ch : s) ch = ch == '.' ? 'p' : ch;
  return s;
}

double occupation(const Params& p) {
  if (p.N) return *p.N;
  return 1 / std::expm1(p.beta * p.omega);
}

std::vector<cplx> alphas(const Params& p) {
  std::vector<cplx> a;
  for (const auto& s : split(p.alpha, ',')) a.push_back(parse_complex(trim(s)));
  return a;
}

// Initial states with ρ[i, j] = 0 unless N(i) = N(j) (total excitation numbers): kept so by the
// generator, so the sector storage holds them. Eq. (31) with c13 ≠ c24 and two-mode squeezing have
// ⟨a1 a2⟩ ≠ 0 (blocks N − N' = ±2, ±4, …); coherent states have all differences.
bool phase_invariant(const Params& p) {
  const std::string& kind = p.initial;
  if (kind == "correlated") return p.c13 == p.c24;
  if (kind == "squeezed_thermal") return p.squeezing == 0;
  return kind != "coherent";
}

void Params::bind(io::Binder& b) {
  b.section("model");
  b.key("omega", omega).unit("energy").positive().meaning("mode frequency; H = omega (a1^dag a1 + a2^dag a2), Eq. (3)");
  b.key("gamma", gamma).unit("1/time").positive().meaning("relaxation rate of each mode alone");
  b.key("N", N).unit("1").non_negative().meaning("reservoir occupation N = 1/(e^{beta omega} - 1); overrides beta");
  b.key("beta", beta).unit("1/energy").positive().meaning("reservoir inverse temperature (used when N is not given)");
  b.key("cascade", cascade).meaning("true: L1 + L2 + D12 (Eq. 2); false: independent reservoirs");
  b.key("initial", initial)
      .choices({"thermal", "correlated", "squeezed_thermal", "fock", "coherent"})
      .meaning(
          "thermal: both modes thermal at N_s; correlated: Eq. (31) with c13, c24; squeezed_thermal: two-mode "
          "squeezed thermal (squeezing r); fock: |k1> (x) |k2>; coherent: |alpha1> (x) |alpha2>. Fock route: "
          "correlated with c13 != c24 and squeezed_thermal (r != 0) have <a1 a2> != 0 and need the full space "
          "(shell or assembled)");
  b.key("N_s", N_s)
      .unit("1")
      .non_negative()
      .meaning("initial thermal occupation of each mode (thermal, correlated, squeezed_thermal)");
  b.key("c13", c13).unit("1").meaning("C13(0) = <X1 X2> of Eq. (31) (vacuum 1/2 convention)");
  b.key("c24", c24)
      .unit("1")
      .meaning(
          "C24(0) = <Y1 Y2> of Eq. (31); c24 != c13 needs the full space on the Fock route (not liouvillian = sector)");
  b.key("squeezing", squeezing)
      .unit("1")
      .meaning(
          "two-mode squeezing r of S(r) = exp(r(a1^dag a2^dag - a1 a2)) (initial = squeezed_thermal; r != 0 needs "
          "the full space on the Fock route, not liouvillian = sector)");
  b.key("fock", fock).unit("1").non_negative().meaning("Fock levels k1, k2 (initial = fock)");
  b.key("alpha", alpha).unit("1").meaning("coherent amplitudes alpha1, alpha2, e.g. '1+0.5i, 0' (initial = coherent)");
  b.key("route", route)
      .choices({"gaussian", "fock", "both"})
      .meaning(
          "gaussian: exact covariance-matrix evolution (App. B); fock: truncated master equation; both: Fock "
          "values, plus <name>_gaussian and <name>_diff = Fock - Gaussian");
  b.key("cutoff", cutoff).unit("1").min(2).meaning("Fock levels kept per mode (0 .. cutoff-1)");
  b.key("liouvillian", liouvillian)
      .choices({"auto", "sector", "shell", "assembled"})
      .meaning(
          "sector: matrix-free on the entries with equal ket and bra excitation number only (O(n^3); thermal, "
          "correlated with c13 = c24 and Fock initial states, which the generator keeps there); shell: "
          "matrix-free on all n^4 entries (coherent, squeezed_thermal, correlated with c13 != c24); assembled: "
          "sparse MPIAIJ matrix (n^4 rows, ~13 entries each); auto: sector where it holds, else shell");
  b.key("frame", frame)
      .choices({"rotating", "lab"})
      .meaning(
          "Fock route: rotating = simulate in the frame of H (exact here: the generator is phase covariant), "
          "lab = with the Hamiltonian part; both report the covariances in the frame of H, as App. B and the "
          "Gaussian route");
  b.key("integrator", integrator)
      .choices({"auto", "5dp", "3bs", "4", "5f", "5bs"})
      .meaning(
          "TSRK scheme: auto = 5dp, or 3bs above 1e7 Liouville unknowns (fewer stored stages); -ts_rk_type "
          "overrides");
  b.key("max_excitations", max_excitations)
      .unit("1")
      .min(-1)
      .meaning(
          "total-excitation cutoff: keep only Fock states with n1 + n2 <= max_excitations (-1: none; sector "
          "storage only). Exact at N = 0 for states inside it (the dynamics never raises n1 + n2); at N > 0 "
          "pumping leaks out of it (trace_error, truncation)");
  b.key("truncation_tolerance", truncation_tolerance)
      .unit("1")
      .positive()
      .meaning(
          "largest allowed initial weight beyond the cutoff (else an input error) and the truncation warning level");
  b.section("bench");
  b.key("bandwidth", bench_bandwidth)
      .meaning(
          "Fock route: also time one Liouvillian application against a triad on the same vectors (scalars "
          "liouvillian_bandwidth, triad_bandwidth, bandwidth_ratio; two extra vectors before the evolution)");
  time.bind(b);
  stepper.bind(b);
  b.section("steady");
  b.key("release_percent", release_percent)
      .unit("%")
      .min(0, true)
      .max(100)
      .meaning("p for the release times tau_p: Q(tau_p) = p% of Q(infinity)");
}

}  // namespace cascaded

namespace {

using Eigen::MatrixXd;
using io::Quantity;
using namespace cascaded;

std::string summary() {
  return "two oscillators in cascade with a bosonic reservoir: heat fluxes J1, J2, J12, release times, "
         "log-negativity, Gaussian discord; exact Gaussian and matrix-free Fock routes (seed 002)";
}

void declare(io::Schema& s) { io::declare<Params>(s); }

std::vector<Quantity> observables() {
  std::vector<Quantity> v = base_observables();
  for (const auto& x : fock_only_observables()) v.push_back(x);
  for (const auto& x : base_observables()) {
    v.push_back(q(x.name + "_gaussian", x.unit, x.sign, "route = both: Gaussian-route " + x.name));
    v.push_back(q(x.name + "_diff", x.unit, "", "route = both: Fock minus Gaussian " + x.name));
  }
  return v;
}

}  // namespace

// Written by run() beside the routes' own scalars.
static Quantity occupation_quantity() { return q("N", "1", "", "reservoir occupation used"); }

namespace {

std::vector<Quantity> scalars() {
  return {q("Q_infinity", "energy", "> 0: energy released into the reservoir", "U(0) - U(infinity)"),
          q("tau_<p>", "time", "", "release time: Q_total(tau_p) = p% of Q_infinity ('.' in p written as 'p')"),
          q("steady_gibbs_distance", "1", "",
            "Gaussian route: max |S(infinity) - (N + 1/2) 1|, 0 for the product Gibbs state (Eq. 10)"),
          occupation_quantity(),
          q("steps", "1", "", "accepted time steps (Fock route)"),
          q("initial_truncation_loss", "1", "", "Fock route: initial weight beyond the cutoff"),
          q("truncation_max", "1", "", "Fock route: largest truncation observable over the samples"),
          q("liouvillian_bandwidth", "GB/s", "",
            "[bench] bandwidth = true: 32 bytes per unknown / time of one application"),
          q("triad_bandwidth", "GB/s", "", "[bench] bandwidth = true: 48 bytes per unknown / time of w = 0.5 x + y"),
          q("bandwidth_ratio", "1", "", "[bench] bandwidth = true: liouvillian_bandwidth / triad_bandwidth"),
          q("liouvillian_apply_seconds", "s", "", "[bench] bandwidth = true: best time of one application")};
}

void validate(const io::Config& c) {
  const auto p = io::read<Params>(c);
  const std::string kind = p.initial, route = p.route;
  const bool fock = route != "gaussian", gauss = route != "fock";
  if (kind == "coherent") {
    try {
      if (alphas(p).size() != 2) throw std::invalid_argument("needs two amplitudes alpha1, alpha2");
    } catch (const std::invalid_argument& e) {
      throw c.error("model", "alpha", e.what());
    }
  }
  if (kind == "fock") {
    const auto& k = p.fock;
    if (k.size() != 2 || k[0] != std::floor(k[0]) || k[1] != std::floor(k[1]))
      throw c.error("model", "fock", "needs two non-negative integers k1, k2");
    if (gauss && (k[0] != 0 || k[1] != 0))
      throw c.error("model", "fock", "Fock states other than the vacuum are not Gaussian: use route = fock");
  }
  if (kind == "coherent" && fock && p.liouvillian == "sector")
    throw c.error("model", "liouvillian",
                  "coherent states have coherences between excitation numbers: use shell or assembled");
  if (kind == "correlated") {
    const double ns = p.N_s, c13 = p.c13, c24 = p.c24;
    // Eqs. (D2)–(D4): σ + (i/2)Ω ≥ 0; for c13 = c24 this is |c13| ≤ N_s (Eq. D5).
    MatrixXd C = (ns + 0.5) * MatrixXd::Identity(4, 4);
    C(0, 2) = C(2, 0) = c13;
    C(1, 3) = C(3, 1) = c24;
    // D2 directly: the smallest eigenvalue of the Hermitian C + (i/2)Ω.
    Eigen::MatrixXcd H = C.cast<cplx>();
    H(0, 1) += cplx(0, 0.5), H(1, 0) -= cplx(0, 0.5), H(2, 3) += cplx(0, 0.5), H(3, 2) -= cplx(0, 0.5);
    const double lmin = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(H).eigenvalues().minCoeff();
    if (std::abs(c13) >= ns + 0.5 || std::abs(c24) >= ns + 0.5 || lmin < -1e-12)
      throw c.error(
          "model", "c13",
          "the covariance matrix of Eq. (31) with c13 = " + format_number(c13) + ", c24 = " + format_number(c24) +
              ", N_s = " + format_number(ns) + " is unphysical (Eq. D2: C + i Omega/2 has the eigenvalue " +
              format_number(lmin) +
              " < 0, i.e. a symplectic eigenvalue below 1/2, Eq. D4; for c13 = c24 the bound is |c13| <= N_s, Eq. D5)");
  }
  if (fock && !phase_invariant(p) && p.liouvillian == "sector")
    throw c.error("model", "liouvillian",
                  "initial = " + kind + (kind == "correlated" ? " with c13 != c24" : " with squeezing != 0") +
                      " has <a1 a2> != 0 (coherences between excitation numbers differing by 2), "
                      "outside the sector storage: use shell, assembled or auto");
  if (fock) {
    const long n = p.cutoff;
    // Stored entries must be indexable by PetscInt (32-bit unless PETSc was built with 64-bit indices).
    const double entries =
        liouvillian_kind(p) == "sector" ? 2.0 * double(n) * n * n / 3 + double(n) * n : double(n) * n * n * n;
    if (entries >= double(PETSC_MAX_INT))
      throw c.error("model", "cutoff",
                    "cutoff " + std::to_string(n) + " needs " + format_number(entries) +
                        " Liouville unknowns, more than this PETSc's PetscInt can index (" +
                        std::to_string(PETSC_MAX_INT) + "); use a PETSc built with 64-bit indices");
    const double tol = p.truncation_tolerance;
    if (p.max_excitations >= 0 && liouvillian_kind(p) != "sector")
      throw c.error("model", "max_excitations",
                    "needs liouvillian = sector (or auto with a phase-invariant initial state)");
    if (kind == "fock") {
      const auto& k = p.fock;
      if (p.max_excitations >= 0 && k[0] + k[1] > double(p.max_excitations))
        throw c.error("model", "max_excitations", "the Fock state has more excitations than max_excitations");
      if (std::max(k[0], k[1]) >= double(n))
        throw c.error(
            "model", "cutoff",
            "cutoff " + std::to_string(n) + " cannot hold the Fock level " + format_number(std::max(k[0], k[1])));
    } else {
      if (!phase_invariant(p) && kind != "coherent") {
        const auto v = two_mode_covariance(p);
        const double cost = oscillators::FockState::gaussian_cost(v.a, v.c13, v.c24, n);
        if (cost > oscillators::FockState::gaussian_cost_limit)
          throw c.error("model", "cutoff",
                        "building the initial state on cutoff " + std::to_string(n) + " levels takes about " +
                            format_number(cost) + " operations (limit " +
                            format_number(oscillators::FockState::gaussian_cost_limit) +
                            "): lower the cutoff, the squeezing or the correlations");
      }
      const auto st = fock_initial(p, n);
      const long M = p.max_excitations;
      const double lost = 1 - (1 - st.lost()) * (M >= 0 ? st.weight_within(M) : 1.0);
      if (lost > tol)
        throw c.error("model", "cutoff",
                      "cutoff " + std::to_string(n) + " is too small for the initial state: weight " +
                          format_number(lost) + " lies beyond it (> truncation_tolerance " + format_number(tol) + ")");
    }
  }
}

MemoryEstimate memory_estimate(const io::Config& c, int ranks) {
  const auto p = io::read<Params>(c);
  const double samples = double(p.time.samples);
  MemoryEstimate e = {output_term("time", "samples", samples, 2 * double(observables().size()))};
  if (p.route == "gaussian") return e;  // 4x4 covariance matrices
  const bool sector = liouvillian_kind(p) == "sector", assembled = p.liouvillian == "assembled";
  const std::string integrator = p.integrator;
  const double r = std::max(1, ranks);
  const auto unknowns = [sector](double n) { return sector ? 2 * n * n * n / 3 + n * n : n * n * n * n; };
  // The rk stages and work vectors: ~16 vectors for 5dp (260 B per unknown), ~11 for 3bs (180 B);
  // auto takes 3bs above 1e7 unknowns.
  e.push_back({std::string("Liouville vectors") + (sector ? " (sector storage)" : " (all n^4 entries)"), "model",
               "cutoff", double(p.cutoff), "", [=](double n) {
                 const double u = unknowns(n);
                 const bool small = integrator == "3bs" || (integrator == "auto" && u > 1e7);
                 return (small ? 180.0 : 260.0) * u / r;
               }});
  if (assembled)
    e.push_back({"assembled Liouvillian (~13 entries per row)", "model", "cutoff", double(p.cutoff), "",
                 [=](double n) { return 13 * 24 * unknowns(n) / r; }});
  return e;
}

io::RunRecord run(MPI_Comm comm, const io::Config& c, RunContext& context) {
  const auto p = io::read<Params>(c);
  const std::vector<double> times = p.time.times();
  const std::string route = p.route;
  io::RunRecord rec;
  rec.t = times;
  const auto& base = base_observables();
  Routes main;
  if (route == "gaussian") {
    Checkpoint ck(comm, context, 1);
    main = run_gaussian(p, times, &ck);
  } else {
    main = run_fock(comm, p, times, context);
  }
  if (context.interrupted) return rec;  // the checkpoint holds everything
  for (size_t k = 0; k < base.size(); ++k) rec.observables.push_back({base[k], main.values[k]});
  if (route != "gaussian")
    for (size_t k = 0; k < fock_only_observables().size(); ++k)
      rec.observables.push_back({fock_only_observables()[k], main.values[base.size() + k]});
  for (auto& [what, v] : main.scalars) rec.scalars.push_back({what, v});
  if (route == "both") {
    Routes gs = run_gaussian(p, times);
    for (size_t k = 0; k < base.size(); ++k) {
      std::vector<double> diff(times.size());
      for (size_t i = 0; i < times.size(); ++i) diff[i] = main.values[k][i] - gs.values[k][i];
      rec.observables.push_back(
          {q(base[k].name + "_gaussian", base[k].unit, base[k].sign, "Gaussian-route " + base[k].name), gs.values[k]});
      rec.observables.push_back(
          {q(base[k].name + "_diff", base[k].unit, "", "Fock minus Gaussian " + base[k].name), diff});
    }
    for (auto& [what, v] : gs.scalars)
      if (what.name == "steady_gibbs_distance") rec.scalars.push_back({what, v});
  }
  rec.scalars.push_back({occupation_quantity(), occupation(p)});
  return rec;
}

}  // namespace

std::unique_ptr<Model> make_cascaded_oscillators() {
  return make_model({"cascaded_oscillators", summary, declare, observables, scalars, validate, memory_estimate, run});
}

}  // namespace qtherm::models
