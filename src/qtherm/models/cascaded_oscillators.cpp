// Seed 002 (Lorenzo et al., PRA 91, 022121), oscillator half: two modes in cascade with a bosonic
// reservoir, Eqs. (3)–(5); heat fluxes Eqs. (20)–(22); Gaussian route App. B (Eq. B2, exact);
// Fock route: the truncated master equation, matrix-free (operators/banded_liouvillian) or
// assembled; initial states Eq. (31) (checked with Eqs. D2–D5), two-mode squeezed thermal, Fock
// and coherent products. Every observable is computed from the moments ⟨a⟩, ⟨aa⟩, ⟨a†a⟩, which both
// routes provide, so the routes are compared quantity by quantity.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "qtherm/base/check.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/base/parse.hpp"
#include "qtherm/dynamics/gaussian_evolution.hpp"
#include "qtherm/dynamics/lindblad_evolution.hpp"
#include "qtherm/info/gaussian.hpp"
#include "qtherm/models/builtin.hpp"
#include "qtherm/models/oscillator_fock.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/operators/banded_liouvillian.hpp"
#include "qtherm/operators/superoperator.hpp"
#include "qtherm/space/charge_sector.hpp"
#include "qtherm/thermo/release_times.hpp"

namespace qtherm::models {
namespace {

using io::Quantity;
using oscillators::cplx;
using Eigen::MatrixXd;
using Eigen::VectorXd;

class CascadedOscillators final : public Model {
 public:
  std::string name() const override { return "cascaded_oscillators"; }
  std::string summary() const override {
    return "two oscillators in cascade with a bosonic reservoir: heat fluxes J1, J2, J12, release times, "
           "log-negativity, Gaussian discord; exact Gaussian and matrix-free Fock routes (seed 002)";
  }
  void declare(io::Schema& schema) const override;
  std::vector<Quantity> observables() const override;
  std::vector<Quantity> scalars() const override;
  void validate(const io::Config& config) const override;
  io::RunRecord run(MPI_Comm comm, const io::Config& config, RunContext& context) const override;
};

const char* kFlux = "energy/time";
const char* kInto = "> 0: energy flows from the system into the reservoir";

Quantity q(std::string n, std::string unit, std::string sign, std::string meaning) {
  return Quantity{std::move(n), std::move(unit), std::move(sign), std::move(meaning)};
}

// Observables both routes write, computed by `derive` from (S, mean, ∫S).
const std::vector<Quantity>& base_observables() {
  static const std::vector<Quantity> v = {
      q("U1", "energy", "", "energy of mode 1, omega <a1^dag a1>"),
      q("U2", "energy", "", "energy of mode 2, omega <a2^dag a2>"),
      q("U", "energy", "", "U1 + U2"),
      q("J1", kFlux, kInto, "omega gamma (<n1> - N), Eq. (20): -tr(H L1 rho)"),
      q("J2", kFlux, kInto, "omega gamma (<n2> - N), Eq. (21): -tr(H L2 rho)"),
      q("J12", kFlux, kInto, "2 omega gamma Re<a1^dag a2> (= omega gamma (C13 + C24) at zero mean), Eq. (22): -tr(H D12 rho)"),
      q("J2_local", kFlux, kInto, "heat flux out of mode 2, -dU2/dt = J2 + J12, Eq. (17)"),
      q("J_total", kFlux, kInto, "J1 + J2 + J12 = -dU/dt, Eq. (12)"),
      q("Q_J1", "energy", "> 0: energy released into the reservoir", "time integral of J1"),
      q("Q_J2", "energy", "> 0: energy released into the reservoir", "time integral of J2"),
      q("Q_J12", "energy", "> 0: energy released into the reservoir", "time integral of J12"),
      q("Q_total", "energy", "> 0: energy released into the reservoir", "time integral of J_total"),
      q("C11", "1", "", "covariance <X1 X1> - <X1>^2 (vacuum 1/2; quadratures in the frame of H, as App. B)"),
      q("C13", "1", "", "covariance 1/2<{X1, X2}> - <X1><X2> (frame of H, as App. B)"),
      q("C24", "1", "", "covariance 1/2<{Y1, Y2}> - <Y1><Y2> (frame of H, as App. B)"),
      q("log_negativity", "nat", "", "Gaussian logarithmic negativity of the covariance matrix, Eq. (F12), natural log "
                                      "(for non-Gaussian Fock-route states: of the Gaussian state with the same moments; NaN if unphysical)"),
      q("gaussian_discord", "nat", "", "Gaussian discord D(2|1), mode 1 measured, Eq. (F8) (same remark; NaN if unphysical)"),
  };
  return v;
}

const std::vector<Quantity>& fock_only_observables() {
  static const std::vector<Quantity> v = {
      q("truncation", "1", "", "largest population of a highest retained level: n - 1 of either mode, or n1 + n2 = max_excitations; warned above [model] truncation_tolerance"),
      q("trace_error", "1", "", "|tr rho - 1|; monitor"),
  };
  return v;
}

double occupation(const io::Config& c) {
  if (c.has("model", "N")) return c.real("model", "N");
  return 1 / std::expm1(c.real("model", "beta") * c.real("model", "omega"));
}

// Seed 002 Eqs. (B1), (B3): drift A and diffusion M of the quadratures (X1, Y1, X2, Y2).
void drift_diffusion(double gamma, double N, bool cascade, MatrixXd& A, MatrixXd& M) {
  A = -0.5 * gamma * MatrixXd::Identity(4, 4);
  M = gamma * (N + 0.5) * MatrixXd::Identity(4, 4);
  if (cascade) {
    A(2, 0) = A(3, 1) = -gamma;
    M(0, 2) = M(2, 0) = M(1, 3) = M(3, 1) = gamma * (N + 0.5);
  }
}

std::vector<cplx> alphas(const io::Config& c) {
  std::vector<cplx> a;
  for (const auto& s : split(c.text("model", "alpha"), ',')) a.push_back(parse_complex(trim(s)));
  return a;
}

// The initial (S, mean) of a Gaussian initial state.
dynamics::GaussianMoments gaussian_initial(const io::Config& c) {
  const std::string kind = c.text("model", "initial");
  const double ns = c.real("model", "N_s");
  dynamics::GaussianMoments g;
  g.S = (ns + 0.5) * MatrixXd::Identity(4, 4);
  g.mean = VectorXd::Zero(4);
  if (kind == "correlated") {
    g.S(0, 2) = g.S(2, 0) = c.real("model", "c13");
    g.S(1, 3) = g.S(3, 1) = c.real("model", "c24");
  } else if (kind == "squeezed_thermal") {
    // S(r) = exp(r(a1† a2† − a1 a2)) on thermal modes: <X1X2> = +(N_s + ½) sinh 2r, <Y1Y2> = −(N_s + ½) sinh 2r.
    const double r = c.real("model", "squeezing"), ch = std::cosh(2 * r), sh = std::sinh(2 * r);
    g.S *= ch;
    g.S(0, 2) = g.S(2, 0) = (ns + 0.5) * sh;
    g.S(1, 3) = g.S(3, 1) = -(ns + 0.5) * sh;
  } else if (kind == "coherent") {
    const auto a = alphas(c);
    g.S = 0.5 * MatrixXd::Identity(4, 4);
    for (int p = 0; p < 2; ++p) g.mean(2 * p) = std::sqrt(2.0) * a[p].real(), g.mean(2 * p + 1) = std::sqrt(2.0) * a[p].imag();
    g.S += g.mean * g.mean.transpose();
  } else if (kind == "fock") {
    g.S = 0.5 * MatrixXd::Identity(4, 4);  // only the vacuum is Gaussian (validate refuses others)
  }
  return g;
}

// Initial states with ρ[i, j] = 0 unless N(i) = N(j) (total excitation numbers): kept so by the
// generator, so the sector storage holds them. Eq. (31) with c13 ≠ c24 and two-mode squeezing have
// ⟨a1 a2⟩ ≠ 0 (blocks N − N' = ±2, ±4, …); coherent states have all differences.
bool phase_invariant(const io::Config& c) {
  const std::string kind = c.text("model", "initial");
  if (kind == "correlated") return c.real("model", "c13") == c.real("model", "c24");
  if (kind == "squeezed_thermal") return c.real("model", "squeezing") == 0;
  return kind != "coherent";
}

// The local variance a and cross covariances (c13, c24) of a Gaussian initial state without mean
// (gaussian_initial's S), for FockState::gaussian.
struct TwoModeCovariance {
  double a, c13, c24;
};
TwoModeCovariance two_mode_covariance(const io::Config& c) {
  const auto g = gaussian_initial(c);
  return {g.S(0, 0), g.S(0, 2), g.S(1, 3)};
}

oscillators::FockState fock_initial(const io::Config& c, long n) {
  const std::string kind = c.text("model", "initial");
  const double ns = c.real("model", "N_s");
  if (kind == "thermal" || (kind == "squeezed_thermal" && phase_invariant(c)))
    return {oscillators::thermal_mode(ns, n), oscillators::thermal_mode(ns, n)};
  if (kind == "correlated" && phase_invariant(c)) return oscillators::FockState::correlated(ns, c.real("model", "c13"), n);
  if (kind == "correlated" || kind == "squeezed_thermal") {
    const auto v = two_mode_covariance(c);
    return oscillators::FockState::gaussian(v.a, v.c13, v.c24, n);
  }
  if (kind == "fock") {
    const auto k = c.real_list("model", "fock");
    return {oscillators::fock_mode(long(k.at(0)), n), oscillators::fock_mode(long(k.at(1)), n)};
  }
  const auto a = alphas(c);
  return {oscillators::coherent_mode(a.at(0), n), oscillators::coherent_mode(a.at(1), n)};
}

// The observables of base_observables() from the raw second moments, mean and ∫S dt.
std::vector<double> derive(double w, double g, double N, const MatrixXd& S, const VectorXd& mean, const MatrixXd& Sint,
                           double t) {
  const double n1 = 0.5 * (S(0, 0) + S(1, 1)) - 0.5, n2 = 0.5 * (S(2, 2) + S(3, 3)) - 0.5;
  const double J1 = w * g * (n1 - N), J2 = w * g * (n2 - N), J12 = w * g * (S(0, 2) + S(1, 3));
  const double QJ1 = w * g * (0.5 * (Sint(0, 0) + Sint(1, 1)) - (N + 0.5) * t);
  const double QJ2 = w * g * (0.5 * (Sint(2, 2) + Sint(3, 3)) - (N + 0.5) * t);
  const double QJ12 = w * g * (Sint(0, 2) + Sint(1, 3));
  const MatrixXd C = S - mean * mean.transpose();
  double en = std::nan(""), dg = std::nan("");
  try {
    en = info::gaussian_log_negativity(C);
    dg = info::gaussian_discord(C, 0);
  } catch (const std::exception&) {
  }
  return {w * n1, w * n2, w * (n1 + n2), J1, J2, J12, J2 + J12, J1 + J2 + J12, QJ1, QJ2, QJ12, QJ1 + QJ2 + QJ12,
          C(0, 0), C(0, 2), C(1, 3), en, dg};
}

// First time (bisection on a scan) at which f(t) = Q(t)/Q∞ reaches p; NaN if not by t_max.
double first_crossing(const std::function<double(double)>& f, double p, double dt, double t_max) {
  double a = 0, fa = f(0);
  if (fa >= p) return 0;
  for (double b = dt; b <= t_max; b += dt) {
    const double fb = f(b);
    if (fb >= p) {
      for (int k = 0; k < 60; ++k) {
        const double m = 0.5 * (a + b);
        (f(m) >= p ? b : a) = m;
      }
      return 0.5 * (a + b);
    }
    a = b;
  }
  return std::nan("");
}

struct Routes {
  std::vector<std::vector<double>> values;  // per observable, per sample
  std::vector<std::pair<Quantity, double>> scalars;
};

Routes run_gaussian(const io::Config& c, const std::vector<double>& times) {
  const double w = c.real("model", "omega"), g = c.real("model", "gamma"), N = occupation(c);
  MatrixXd A, M;
  drift_diffusion(g, N, c.boolean("model", "cascade"), A, M);
  const dynamics::GaussianEvolution evo(A, M);
  const auto init = gaussian_initial(c);
  Routes r;
  r.values.assign(base_observables().size(), {});
  for (double t : times) {
    const auto m = evo.at(init, t);
    const auto v = derive(w, g, N, m.S, m.mean, m.S_integral, t);
    for (size_t k = 0; k < v.size(); ++k) r.values[k].push_back(v[k]);
  }
  // Q(∞) = U(0) − U_Gibbs and the release times from the exact Q(t) = U(0) − U(t).
  const double U0 = w * (0.5 * init.S.trace() - 1);
  const MatrixXd Sinf = evo.stationary();
  const double qinf = U0 - w * (0.5 * Sinf.trace() - 1);
  r.scalars.push_back({q("Q_infinity", "energy", "> 0: energy released into the reservoir", "U(0) - U(infinity) (Gaussian route: exact)"), qinf});
  r.scalars.push_back({q("steady_gibbs_distance", "1", "", "max |S(infinity) - (N + 1/2) 1|: 0 when the stationary state is the product Gibbs state, Eq. (10)"),
                       (Sinf - (N + 0.5) * MatrixXd::Identity(4, 4)).cwiseAbs().maxCoeff()});
  auto frac = [&](double t) {
    const auto m = evo.at(init, t);
    return (U0 - w * (0.5 * m.S.trace() - 1)) / qinf;
  };
  for (double p : c.real_list("steady", "release_percent")) {
    char name[32];
    std::snprintf(name, sizeof name, "tau_%g", p);
    std::string s = name;
    for (auto& ch : s) ch = ch == '.' ? 'p' : ch;
    const double tau = (qinf != 0 && std::isfinite(qinf)) ? first_crossing(frac, p / 100, 0.01 / g, 200 / g) : std::nan("");
    r.scalars.push_back({q(s, "time", "", "release time: Q_total(tau) = p% of Q_infinity (Gaussian route: exact, first crossing)"), tau});
  }
  return r;
}

// The truncated master equation as a monomial superoperator and, for liouvillian = assembled,
// through the operator layer's builders.
// rotating: the frame of H = ω(n1 + n2), exact because every dissipator and the cascade term are
// invariant under a_p → a_p e^{−iωt} for both modes at once: the Hamiltonian part drops out, L is
// real and its spectrum loses the ±iω(n − m) parts (fewer explicit steps). The moments are reported
// in this frame (the interaction picture of App. B); ⟨a†a⟩ is the same in both frames.
operators::BandedSuperOperator banded_liouvillian(const space::TensorSpace& hs, double w, double g, double N, bool cascade) {
  using operators::Monomial;
  operators::BandedSuperOperator L(hs);
  const Monomial a1 = Monomial::local(hs, "a", 0), a2 = Monomial::local(hs, "a", 1);
  const Monomial c1 = a1.adjoint(), c2 = a2.adjoint();
  if (w != 0) L.add_hamiltonian(Monomial::local(hs, "n", 0), w).add_hamiltonian(Monomial::local(hs, "n", 1), w);
  for (const auto* ap : {&a1, &a2}) L.add_dissipator(*ap, g * (N + 1));
  if (N > 0)
    for (const auto* cp : {&c1, &c2}) L.add_dissipator(*cp, g * N);
  if (cascade) {
    L.add_cascade(a1, a2, g * (N + 1));
    if (N > 0) L.add_cascade(c1, c2, g * N);
  }
  return L;
}

operators::SuperOperator assembled_liouvillian(const space::TensorSpace& hs, double w, double g, double N, bool cascade) {
  using operators::OperatorSum;
  OperatorSum H(hs);
  H.add("n", 0, w).add("n", 1, w);
  operators::SuperOperator L = w != 0 ? operators::hamiltonian_part(H) : operators::SuperOperator(hs);
  const auto a1 = operators::local(hs, "a", 0), a2 = operators::local(hs, "a", 1);
  const auto c1 = operators::local(hs, "adag", 0), c2 = operators::local(hs, "adag", 1);
  L.add(operators::dissipator(a1, g * (N + 1))).add(operators::dissipator(a2, g * (N + 1)));
  if (N > 0) L.add(operators::dissipator(c1, g * N)).add(operators::dissipator(c2, g * N));
  if (cascade) {
    L.add(operators::cascade(a1, a2, g * (N + 1)));
    if (N > 0) L.add(operators::cascade(c1, c2, g * N));
  }
  return L;
}

// Phase-invariant initial states (ρ[i, j] = 0 unless N(i) = N(j)) stay so under this generator:
// auto stores only those entries (O(n³) instead of n⁴); the others need the full space.
std::string liouvillian_kind(const io::Config& c) {
  const std::string k = c.text("model", "liouvillian");
  if (k != "auto") return k;
  return phase_invariant(c) ? "sector" : "shell";
}

// Collective: the effective bandwidth of one Liouvillian application (input read once, output
// written once: 32 bytes per unknown) against a triad w = x + a·y (48 bytes per unknown) on the same
// vectors, each the best of `reps` timed repetitions. For bench/cascaded_oscillators.
std::vector<std::pair<Quantity, double>> measure_bandwidth(MPI_Comm comm, Mat L, Vec x, int reps) {
  parallel::Vector y = parallel::duplicate(x), w = parallel::duplicate(x);
  QTHERM_PETSC(VecCopy(x, y));
  PetscInt N = 0;
  QTHERM_PETSC(VecGetSize(x, &N));
  auto best = [&](const std::function<void()>& f) {
    double t = INFINITY;
    for (int k = 0; k < reps; ++k) {
      QTHERM_MPI(MPI_Barrier(comm));
      const double t0 = MPI_Wtime();
      f();
      QTHERM_MPI(MPI_Barrier(comm));
      t = std::min(t, MPI_Wtime() - t0);
    }
    return t;
  };
  const double tl = best([&] { QTHERM_PETSC(MatMult(L, x, y)); });
  const double tt = best([&] { QTHERM_PETSC(VecWAXPY(w, 0.5, x, y)); });
  const double bl = 32.0 * double(N) / tl / 1e9, bt = 48.0 * double(N) / tt / 1e9;
  return {{q("liouvillian_apply_seconds", "s", "", "wall time of one matrix-free or assembled Liouvillian application (best of 20)"), tl},
          {q("liouvillian_bandwidth", "GB/s", "", "effective bandwidth of one application: 32 bytes per Liouville unknown / time"), bl},
          {q("triad_bandwidth", "GB/s", "", "bandwidth of the triad w = 0.5 x + y on the same vectors: 48 bytes per unknown / time"), bt},
          {q("bandwidth_ratio", "1", "", "liouvillian_bandwidth / triad_bandwidth"), bl / bt}};
}

Routes run_fock(MPI_Comm comm, const io::Config& c, const std::vector<double>& times, const std::string& label) {
  const double w = c.real("model", "omega"), g = c.real("model", "gamma"), N = occupation(c);
  const bool cascade = c.boolean("model", "cascade");
  const long n = c.integer("model", "cutoff");
  const space::TensorSpace hs({PetscInt(n), PetscInt(n)});
  const bool rotating = c.text("model", "frame") == "rotating";
  const double w_frame = rotating ? 0.0 : w;  // the frequency left in the simulated generator
  const std::string kind = liouvillian_kind(c);
  const long max_exc = c.integer("model", "max_excitations");
  std::unique_ptr<space::ChargeSectorLayout> sector;
  oscillators::Indexing where = oscillators::full_indexing(hs.dim());
  parallel::Matrix L;
  if (kind == "assembled") L = operators::assemble(comm, assembled_liouvillian(hs, w_frame, g, N, cascade));
  else if (kind == "shell") L = operators::make_shell_liouvillian(comm, banded_liouvillian(hs, w_frame, g, N, cascade));
  else {
    sector = std::make_unique<space::ChargeSectorLayout>(hs, 0, max_exc);
    const space::ChargeSectorLayout* lay = sector.get();
    where.index = [lay](PetscInt i, PetscInt j) { return lay->index(i, j); };
    where.entry = [lay](PetscInt r) {
      const PetscInt j = lay->column_of(r);
      return std::make_pair(lay->rows(j)[r - lay->column_begin(j)], j);
    };
    L = operators::make_sector_shell_liouvillian(comm, banded_liouvillian(hs, w_frame, g, N, cascade), *lay);
  }
  parallel::Vector rho;
  QTHERM_PETSC(MatCreateVecs(L, rho.out(), nullptr));
  const auto state = fock_initial(c, n);
  // With a total-excitation cutoff the kept part is renormalized too.
  const double within = max_exc >= 0 ? state.weight_within(max_exc) : 1.0;
  state.fill(rho, where, 1 / within);
  const double initial_loss = 1 - (1 - state.lost()) * within;
  std::vector<std::pair<Quantity, double>> bandwidth;
  if (c.boolean("bench", "bandwidth")) bandwidth = measure_bandwidth(comm, L, rho, 20);

  dynamics::EvolutionSettings es;
  es.atol = c.real("time", "atol");
  es.rtol = c.real("time", "rtol");
  es.initial_step = c.real("time", "initial_step");
  es.progress_interval = c.real("time", "progress_interval");
  es.label = label;
  std::string integrator = c.text("model", "integrator");
  // 5dp keeps ~16 vectors (≈ 260 B per unknown), 3bs ~11 (≈ 180 B): large runs take 3bs.
  PetscInt unknowns = 0;
  QTHERM_PETSC(VecGetSize(rho, &unknowns));
  if (integrator == "auto") integrator = double(unknowns) > 1e7 ? "3bs" : "5dp";
  es.rk_type = integrator;
  dynamics::LindbladEvolution evo(comm, L, es);

  // Currents from the moments; their integrals by the two-point cubic Hermite rule per accepted
  // step, with the derivatives of the moment equations (App. B): J1' = −γJ1, J2' = −γ(J2 + J12),
  // J12' = −γJ12 − 2γJ1 (cascade; −γJ12 without).
  struct Flux {
    double J1, J2, J12;
  };
  auto flux = [&](const oscillators::Moments& m) {
    return Flux{w * g * (m.ada[0][0].real() - N), w * g * (m.ada[1][1].real() - N), 2 * w * g * m.ada[0][1].real()};
  };
  auto deriv = [&](const Flux& f) { return Flux{-g * f.J1, -g * (f.J2 + f.J12), -g * f.J12 - (cascade ? 2 * g * f.J1 : 0.0)}; };
  double t_prev = times.front(), Q[3] = {0, 0, 0};
  auto m0 = oscillators::fock_moments(comm, rho, hs, where, max_exc);
  Flux f_prev = flux(m0);
  const double U0 = w * (m0.ada[0][0].real() + m0.ada[1][1].real());
  const double qinf = U0 - 2 * w * N;
  thermo::ReleaseTimes release(c.real_list("steady", "release_percent"), qinf);
  release.observe(t_prev, 0, f_prev.J1 + f_prev.J2 + f_prev.J12);
  const double tol = c.real("model", "truncation_tolerance");
  double worst_truncation = 0;
  bool warned = false;

  Routes r;
  r.values.assign(base_observables().size() + fock_only_observables().size(), {});
  auto sample = [&](double t, Vec x, const std::vector<double>&) {
    auto m = oscillators::fock_moments(comm, x, hs, where, max_exc);
    // The covariances are those of the frame of H, as in App. B (Eq. B2 has no ω, and the Gaussian
    // route follows it): sampled as they are in the rotating frame, rotated there from the lab frame.
    // Only phase-sensitive moments (⟨a⟩, ⟨aa⟩: C11, C13 − C24) depend on this.
    if (!rotating) {
      const cplx ph = std::exp(cplx(0, w * t));
      for (int p = 0; p < 2; ++p) {
        m.a[p] *= ph;
        for (int q2 = 0; q2 < 2; ++q2) m.aa[p][q2] *= ph * ph;
      }
    }
    MatrixXd S;
    VectorXd mean;
    oscillators::quadrature_moments(m, S, mean);
    auto v = derive(w, g, N, S, mean, MatrixXd::Zero(4, 4), 0);
    // Integrals from the step rule: Q_k = ∫J_k; S_integral is not available on this route.
    v[8] = Q[0], v[9] = Q[1], v[10] = Q[2], v[11] = Q[0] + Q[1] + Q[2];
    const double trunc = std::max({m.top[0], m.top[1], m.top_total});
    worst_truncation = std::max(worst_truncation, trunc);
    if (trunc > tol && !warned) {
      warned = true;
      warn0(comm, "truncation: population " + format_number(trunc) + " in the highest retained level at t = " +
                      format_number(t) + " exceeds [model] truncation_tolerance; raise [model] cutoff");
    }
    v.push_back(trunc);
    v.push_back(std::abs(m.trace - 1));
    for (size_t k = 0; k < v.size(); ++k) r.values[k].push_back(v[k]);
  };
  auto on_step = [&](double t, Vec x, const std::vector<double>&, const std::vector<double>&) {
    const Flux f = flux(oscillators::fock_moments(comm, x, hs, where, max_exc)), dp = deriv(f_prev), dn = deriv(f);
    const double h = t - t_prev;
    const double a[3] = {f_prev.J1, f_prev.J2, f_prev.J12}, b[3] = {f.J1, f.J2, f.J12};
    const double da[3] = {dp.J1, dp.J2, dp.J12}, db[3] = {dn.J1, dn.J2, dn.J12};
    for (int k = 0; k < 3; ++k) Q[k] += h / 2 * (a[k] + b[k]) + h * h / 12 * (da[k] - db[k]);
    release.observe(t, Q[0] + Q[1] + Q[2], f.J1 + f.J2 + f.J12);
    f_prev = f, t_prev = t;
    return false;
  };
  evo.evolve(rho, times, sample, on_step);
  r.scalars.push_back({q("Q_infinity", "energy", "> 0: energy released into the reservoir", "U(0) - U(infinity), U(infinity) = 2 omega N"), qinf});
  const auto& pct = release.percents();
  for (size_t k = 0; k < pct.size(); ++k) {
    char name[32];
    std::snprintf(name, sizeof name, "tau_%g", pct[k]);
    std::string s = name;
    for (auto& ch : s) ch = ch == '.' ? 'p' : ch;
    r.scalars.push_back({q(s, "time", "", "release time: Q_total(tau) = p% of Q_infinity (NaN if not reached)"), release.times()[k]});
  }
  r.scalars.push_back({q("steps", "1", "", "accepted time steps (Fock route)"), double(evo.state().steps)});
  r.scalars.push_back({q("initial_truncation_loss", "1", "", "weight of the initial state beyond the cutoff (removed, then renormalized)"), initial_loss});
  r.scalars.push_back({q("truncation_max", "1", "", "largest value of the truncation observable over the samples"), worst_truncation});
  for (auto& b : bandwidth) r.scalars.push_back(b);
  return r;
}

}  // namespace

void CascadedOscillators::declare(io::Schema& s) const {
  using io::ValueType;
  auto add = [&](auto&&... a) { s.add(io::make_key(std::forward<decltype(a)>(a)...)); };
  add("model", "omega", ValueType::real, "1", "energy", "mode frequency; H = omega (a1^dag a1 + a2^dag a2), Eq. (3)", 0.0, true);
  add("model", "gamma", ValueType::real, "1", "1/time", "relaxation rate of each mode alone", 0.0, true);
  add("model", "N", ValueType::real, "", "1", "reservoir occupation N = 1/(e^{beta omega} - 1); overrides beta", 0.0);
  add("model", "beta", ValueType::real, "1", "1/energy", "reservoir inverse temperature (used when N is not given)", 0.0, true);
  add("model", "cascade", ValueType::boolean, "true", "", "true: L1 + L2 + D12 (Eq. 2); false: independent reservoirs");
  s.add(io::make_key("model", "initial", ValueType::choice, "thermal", "",
      "thermal: both modes thermal at N_s; correlated: Eq. (31) with c13, c24; squeezed_thermal: two-mode squeezed "
      "thermal (squeezing r); fock: |k1> (x) |k2>; coherent: |alpha1> (x) |alpha2>. Fock route: correlated with "
      "c13 != c24 and squeezed_thermal (r != 0) have <a1 a2> != 0 and need the full space (shell or assembled)",
      {}, false, {}, {"thermal", "correlated", "squeezed_thermal", "fock", "coherent"}));
  add("model", "N_s", ValueType::real, "1", "1", "initial thermal occupation of each mode (thermal, correlated, squeezed_thermal)", 0.0);
  add("model", "c13", ValueType::real, "0", "1", "C13(0) = <X1 X2> of Eq. (31) (vacuum 1/2 convention)");
  add("model", "c24", ValueType::real, "0", "1", "C24(0) = <Y1 Y2> of Eq. (31); c24 != c13 needs the full space on the Fock route (not liouvillian = sector)");
  add("model", "squeezing", ValueType::real, "0", "1", "two-mode squeezing r of S(r) = exp(r(a1^dag a2^dag - a1 a2)) (initial = squeezed_thermal; r != 0 needs the "
      "full space on the Fock route, not liouvillian = sector)");
  add("model", "fock", ValueType::real_list, "1, 0", "1", "Fock levels k1, k2 (initial = fock)", 0.0);
  add("model", "alpha", ValueType::string, "1, 0", "1", "coherent amplitudes alpha1, alpha2, e.g. '1+0.5i, 0' (initial = coherent)");
  s.add(io::make_key("model", "route", ValueType::choice, "gaussian", "",
      "gaussian: exact covariance-matrix evolution (App. B); fock: truncated master equation; both: Fock values, "
      "plus <name>_gaussian and <name>_diff = Fock - Gaussian",
      {}, false, {}, {"gaussian", "fock", "both"}));
  add("model", "cutoff", ValueType::integer, "20", "1", "Fock levels kept per mode (0 .. cutoff-1)", 2.0);
  s.add(io::make_key("model", "liouvillian", ValueType::choice, "auto", "",
      "sector: matrix-free on the entries with equal ket and bra excitation number only (O(n^3); thermal, correlated "
      "with c13 = c24 and Fock initial states, which the generator keeps there); shell: matrix-free on all n^4 entries "
      "(coherent, squeezed_thermal, correlated with c13 != c24); assembled: "
      "sparse MPIAIJ matrix (n^4 rows, ~13 entries each); auto: sector where it holds, else shell",
      {}, false, {}, {"auto", "sector", "shell", "assembled"}));
  s.add(io::make_key("model", "frame", ValueType::choice, "rotating", "",
      "Fock route: rotating = simulate in the frame of H (exact here: the generator is phase covariant), "
      "lab = with the Hamiltonian part; both report the covariances in the frame of H, as App. B and the Gaussian route", {}, false, {}, {"rotating", "lab"}));
  s.add(io::make_key("model", "integrator", ValueType::choice, "auto", "",
      "TSRK scheme: auto = 5dp, or 3bs above 1e7 Liouville unknowns (fewer stored stages); -ts_rk_type overrides",
      {}, false, {}, {"auto", "5dp", "3bs", "4", "5f", "5bs"}));
  add("model", "max_excitations", ValueType::integer, "-1", "1",
      "total-excitation cutoff: keep only Fock states with n1 + n2 <= max_excitations (-1: none; sector storage "
      "only). Exact at N = 0 for states inside it (the dynamics never raises n1 + n2); at N > 0 pumping leaks "
      "out of it (trace_error, truncation)", -1.0);
  add("model", "truncation_tolerance", ValueType::real, "1e-6", "1",
      "largest allowed initial weight beyond the cutoff (else an input error) and the truncation warning level", 0.0, true);
  add("bench", "bandwidth", ValueType::boolean, "false", "",
      "Fock route: also time one Liouvillian application against a triad on the same vectors (scalars liouvillian_bandwidth, "
      "triad_bandwidth, bandwidth_ratio; two extra vectors before the evolution)");
  add("time", "t_final", ValueType::real, "5", "time", "end of the evolution (starts at t = 0)", 0.0, true);
  add("time", "samples", ValueType::integer, "51", "", "number of output times, uniform from 0 to t_final inclusive", 2.0);
  add("time", "atol", ValueType::real, "1e-10", "", "absolute tolerance of the adaptive time stepper (Fock route)", 0.0, true);
  add("time", "rtol", ValueType::real, "1e-8", "", "relative tolerance of the adaptive time stepper (Fock route)", 0.0, true);
  add("time", "initial_step", ValueType::real, "1e-3", "time", "first trial step (Fock route)", 0.0, true);
  add("time", "progress_interval", ValueType::real, "10", "s", "wall-clock seconds between progress lines (0: none)", 0.0);
  add("steady", "release_percent", ValueType::real_list, "25, 50, 75, 90, 95", "%",
      "p for the release times tau_p: Q(tau_p) = p% of Q(infinity)", 0.0, true, 100.0);
}

std::vector<Quantity> CascadedOscillators::observables() const {
  std::vector<Quantity> v = base_observables();
  for (const auto& x : fock_only_observables()) v.push_back(x);
  for (const auto& x : base_observables()) {
    v.push_back(q(x.name + "_gaussian", x.unit, x.sign, "route = both: Gaussian-route " + x.name));
    v.push_back(q(x.name + "_diff", x.unit, "", "route = both: Fock minus Gaussian " + x.name));
  }
  return v;
}

std::vector<Quantity> CascadedOscillators::scalars() const {
  return {q("Q_infinity", "energy", "> 0: energy released into the reservoir", "U(0) - U(infinity)"),
          q("tau_<p>", "time", "", "release time: Q_total(tau_p) = p% of Q_infinity ('.' in p written as 'p')"),
          q("steady_gibbs_distance", "1", "", "Gaussian route: max |S(infinity) - (N + 1/2) 1|, 0 for the product Gibbs state (Eq. 10)"),
          q("N", "1", "", "reservoir occupation used"),
          q("steps", "1", "", "accepted time steps (Fock route)"),
          q("initial_truncation_loss", "1", "", "Fock route: initial weight beyond the cutoff"),
          q("truncation_max", "1", "", "Fock route: largest truncation observable over the samples"),
          q("liouvillian_bandwidth", "GB/s", "", "[bench] bandwidth = true: 32 bytes per unknown / time of one application"),
          q("triad_bandwidth", "GB/s", "", "[bench] bandwidth = true: 48 bytes per unknown / time of w = 0.5 x + y"),
          q("bandwidth_ratio", "1", "", "[bench] bandwidth = true: liouvillian_bandwidth / triad_bandwidth"),
          q("liouvillian_apply_seconds", "s", "", "[bench] bandwidth = true: best time of one application")};
}

void CascadedOscillators::validate(const io::Config& c) const {
  const std::string kind = c.text("model", "initial"), route = c.text("model", "route");
  const bool fock = route != "gaussian", gauss = route != "fock";
  if (kind == "coherent") {
    try {
      if (alphas(c).size() != 2) throw std::invalid_argument("needs two amplitudes alpha1, alpha2");
    } catch (const std::invalid_argument& e) {
      throw c.error("model", "alpha", e.what());
    }
  }
  if (kind == "fock") {
    const auto k = c.real_list("model", "fock");
    if (k.size() != 2 || k[0] != std::floor(k[0]) || k[1] != std::floor(k[1]))
      throw c.error("model", "fock", "needs two non-negative integers k1, k2");
    if (gauss && (k[0] != 0 || k[1] != 0))
      throw c.error("model", "fock", "Fock states other than the vacuum are not Gaussian: use route = fock");
  }
  if (kind == "coherent" && fock && c.text("model", "liouvillian") == "sector")
    throw c.error("model", "liouvillian", "coherent states have coherences between excitation numbers: use shell or assembled");
  if (kind == "correlated") {
    const double ns = c.real("model", "N_s"), c13 = c.real("model", "c13"), c24 = c.real("model", "c24");
    // Eqs. (D2)–(D4): σ + (i/2)Ω ≥ 0; for c13 = c24 this is |c13| ≤ N_s (Eq. D5).
    MatrixXd C = (ns + 0.5) * MatrixXd::Identity(4, 4);
    C(0, 2) = C(2, 0) = c13;
    C(1, 3) = C(3, 1) = c24;
    // D2 directly: the smallest eigenvalue of the Hermitian C + (i/2)Ω.
    Eigen::MatrixXcd H = C.cast<cplx>();
    H(0, 1) += cplx(0, 0.5), H(1, 0) -= cplx(0, 0.5), H(2, 3) += cplx(0, 0.5), H(3, 2) -= cplx(0, 0.5);
    const double lmin = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(H).eigenvalues().minCoeff();
    if (std::abs(c13) >= ns + 0.5 || std::abs(c24) >= ns + 0.5 || lmin < -1e-12)
      throw c.error("model", "c13", "the covariance matrix of Eq. (31) with c13 = " + format_number(c13) + ", c24 = " +
                                        format_number(c24) + ", N_s = " + format_number(ns) +
                                        " is unphysical (Eq. D2: C + i Omega/2 has the eigenvalue " + format_number(lmin) +
                                        " < 0, i.e. a symplectic eigenvalue below 1/2, Eq. D4; for c13 = c24 the bound is |c13| <= N_s, Eq. D5)");
  }
  if (fock && !phase_invariant(c) && c.text("model", "liouvillian") == "sector")
    throw c.error("model", "liouvillian", "initial = " + kind + (kind == "correlated" ? " with c13 != c24" : " with squeezing != 0") +
                                              " has <a1 a2> != 0 (coherences between excitation numbers differing by 2), "
                                              "outside the sector storage: use shell, assembled or auto");
  if (fock) {
    const long n = c.integer("model", "cutoff");
    // Stored entries must be indexable by PetscInt (32-bit unless PETSc was built with 64-bit indices).
    const double entries = liouvillian_kind(c) == "sector" ? 2.0 * double(n) * n * n / 3 + double(n) * n : double(n) * n * n * n;
    if (entries >= double(PETSC_MAX_INT))
      throw c.error("model", "cutoff", "cutoff " + std::to_string(n) + " needs " + format_number(entries) +
                                           " Liouville unknowns, more than this PETSc's PetscInt can index (" +
                                           std::to_string(PETSC_MAX_INT) + "); use a PETSc built with 64-bit indices");
    const double tol = c.real("model", "truncation_tolerance");
    if (c.integer("model", "max_excitations") >= 0 && liouvillian_kind(c) != "sector")
      throw c.error("model", "max_excitations", "needs liouvillian = sector (or auto with a phase-invariant initial state)");
    if (kind == "fock") {
      const auto k = c.real_list("model", "fock");
      if (c.integer("model", "max_excitations") >= 0 && k[0] + k[1] > double(c.integer("model", "max_excitations")))
        throw c.error("model", "max_excitations", "the Fock state has more excitations than max_excitations");
      if (std::max(k[0], k[1]) >= double(n))
        throw c.error("model", "cutoff", "cutoff " + std::to_string(n) + " cannot hold the Fock level " +
                                             format_number(std::max(k[0], k[1])));
    } else {
      if (!phase_invariant(c) && kind != "coherent") {
        const auto v = two_mode_covariance(c);
        const double cost = oscillators::FockState::gaussian_cost(v.a, v.c13, v.c24, n);
        if (cost > oscillators::FockState::gaussian_cost_limit)
          throw c.error("model", "cutoff", "building the initial state on cutoff " + std::to_string(n) + " levels takes about " +
                                               format_number(cost) + " operations (limit " +
                                               format_number(oscillators::FockState::gaussian_cost_limit) +
                                               "): lower the cutoff, the squeezing or the correlations");
      }
      const auto st = fock_initial(c, n);
      const long M = c.integer("model", "max_excitations");
      const double lost = 1 - (1 - st.lost()) * (M >= 0 ? st.weight_within(M) : 1.0);
      if (lost > tol)
        throw c.error("model", "cutoff", "cutoff " + std::to_string(n) + " is too small for the initial state: weight " +
                                             format_number(lost) + " lies beyond it (> truncation_tolerance " +
                                             format_number(tol) + ")");
    }
  }
}

io::RunRecord CascadedOscillators::run(MPI_Comm comm, const io::Config& c, RunContext& context) const {
  const std::vector<double> times = dynamics::uniform_times(c.real("time", "t_final"), c.integer("time", "samples"));
  const std::string route = c.text("model", "route");
  io::RunRecord rec;
  rec.t = times;
  const auto& base = base_observables();
  Routes main = route == "gaussian" ? run_gaussian(c, times) : run_fock(comm, c, times, context.label);
  for (size_t k = 0; k < base.size(); ++k) rec.observables.push_back({base[k], main.values[k]});
  if (route != "gaussian")
    for (size_t k = 0; k < fock_only_observables().size(); ++k)
      rec.observables.push_back({fock_only_observables()[k], main.values[base.size() + k]});
  for (auto& [what, v] : main.scalars) rec.scalars.push_back({what, v});
  if (route == "both") {
    Routes gs = run_gaussian(c, times);
    for (size_t k = 0; k < base.size(); ++k) {
      std::vector<double> diff(times.size());
      for (size_t i = 0; i < times.size(); ++i) diff[i] = main.values[k][i] - gs.values[k][i];
      rec.observables.push_back({q(base[k].name + "_gaussian", base[k].unit, base[k].sign, "Gaussian-route " + base[k].name), gs.values[k]});
      rec.observables.push_back({q(base[k].name + "_diff", base[k].unit, "", "Fock minus Gaussian " + base[k].name), diff});
    }
    for (auto& [what, v] : gs.scalars)
      if (what.name == "steady_gibbs_distance") rec.scalars.push_back({what, v});
  }
  rec.scalars.push_back({scalars()[3], occupation(c)});
  return rec;
}

std::unique_ptr<Model> make_cascaded_oscillators() { return std::make_unique<CascadedOscillators>(); }

}  // namespace qtherm::models
