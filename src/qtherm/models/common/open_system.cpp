#include "qtherm/models/common/open_system.hpp"

#include "qtherm/base/memory.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/base/memory.hpp"
#include "qtherm/base/parse.hpp"
#include "qtherm/dynamics/invariants.hpp"
#include "qtherm/dynamics/lindblad_evolution.hpp"
#include "qtherm/info/measures.hpp"
#include "qtherm/dynamics/state.hpp"
#include "qtherm/dynamics/steady_state.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/space/partial_trace.hpp"
#include "qtherm/thermo/heat.hpp"
#include "qtherm/thermo/release_times.hpp"

namespace qtherm::models {
namespace {

io::Quantity q(std::string name, std::string unit, std::string sign, std::string meaning) {
  return io::Quantity{std::move(name), std::move(unit), std::move(sign), std::move(meaning)};
}

const io::Quantity kEnergy = q("U", "energy", "", "system energy tr(H rho)");
const io::Quantity kJTotal = q("J_total", "energy/time", "> 0: energy flows from the system into the environment",
                               "total heat current, the sum of every channel's current");
const io::Quantity kQTotal = q("Q_total", "energy", "> 0: energy released into the environment",
                               "heat released up to t, the time integral of J_total");
const io::Quantity kBalance = q("energy_balance_error", "energy", "0 when the first law closes",
                                "first-law residual U(t) - U(0) - W(t) + Q_total(t) (W = 0 without drives); monitor");
const io::Quantity kWorkCurrent =
    q("work_current", "energy/time", "> 0: the drive does work on the system",
      "power tr(rho dH/dt) = sum_k f_k'(t) tr(H_k rho) (f_k' by a five-point central difference)");
const io::Quantity kWork = q("W", "energy", "> 0: work done on the system", "time integral of work_current up to t");
const io::Quantity kSigma =
    q("Sigma", "nat", ">= 0 (second law)",
      "entropy production S(t) - S(0) + sum_k beta_k Q_k(t) over the channels with [model] betas");
const io::Quantity kSigmaRate =
    q("entropy_production_rate", "nat/time", ">= 0 (second law)",
      "dS/dt + sum_k beta_k J_k, dS/dt = -tr(L(t)rho ln rho) (eigenvalues of rho floored at 1e-300: large at a pure "
      "state); monitor");
const io::Quantity kTrace = q("trace_error", "1", "", "|tr rho - 1|; monitor");
const io::Quantity kHerm = q("hermiticity_error", "1", "", "||rho - rho^dagger||_F / ||rho||_F; monitor");
const io::Quantity kMinEig = q("min_eigenvalue", "1", "< 0 signals a non-positive state",
                               "smallest eigenvalue over the single-party reduced states and, for dimension <= 64, the "
                               "full state; monitor");

}  // namespace

bool use_shell(const std::string& liouvillian, long d) {
  // Below d = 16 the assembled matrix is small, and the same matrix serves the steady-state solve.
  return liouvillian == "shell" || (liouvillian == "auto" && d >= 16);
}

OpenSystemSettings open_system_settings(const io::Config& c, const OpenSystemKeys& keys, const std::string& label) {
  const OpenSystemKeys k = io::read(c, keys);
  OpenSystemSettings s;
  if (k.time.grid) s.times = k.time.times();  // else the model sets the grid
  s.evolution.atol = k.stepper.atol;
  s.evolution.rtol = k.stepper.rtol;
  s.evolution.initial_step = k.stepper.initial_step;
  s.evolution.integrator = dynamics::resolve_integrator(k.integrator);
  s.evolution.progress_interval = k.time.progress_interval;
  s.evolution.label = label;
  s.monitor_tolerance = k.monitor_tolerance;
  s.steady_state = k.stationary && k.steady_solve;
  s.steady.method = k.steady_method;
  s.steady.direct_max_unknowns = k.direct_max_unknowns;
  s.steady.tolerance = k.steady_tolerance;
  s.steady.preconditioner = k.steady_preconditioner;
  s.release_percents = k.release_percent;
  s.store_states = k.output_states;
  s.liouvillian = k.liouvillian;
  s.spectrum_eigenvalues = int(k.spectrum_eigenvalues);
  s.spectrum_method = k.spectrum_method;
  for (const auto& item : split(k.fcs_count, ';')) {
    if (trim(item).empty()) continue;
    const auto f = split(item, ':');
    if (f.size() < 2 || f.size() > 3 || trim(f[0]).empty())
      throw c.error("fcs", "count", "expected NAME : WEIGHT [: BETA], got '" + trim(item) + "'");
    CountedChannel ch{trim(f[0])};
    try {
      ch.weight = parse_real(trim(f[1]));
      if (f.size() == 3) ch.beta = parse_real(trim(f[2]));
    } catch (const std::invalid_argument& e) {
      throw c.error("fcs", "count", trim(item) + ": " + e.what());
    }
    s.counted.push_back(ch);
  }
  if (!s.counted.empty()) {
    const bool some = !std::isnan(s.counted.front().beta);
    for (const auto& ch : s.counted)
      if (std::isnan(ch.beta) == some) throw c.error("fcs", "count", "give BETA for every counted channel or for none");
  }
  s.chi = k.fcs_chi;
  if (!s.chi.empty()) {
    if (std::find(s.chi.begin(), s.chi.end(), 0.0) == s.chi.end())
      throw c.error("fcs", "chi", "must contain 0: theta(chi) is continued from theta(0) = 0");
    if (s.counted.empty()) throw c.error("fcs", "chi", "needs [fcs] count");
  }
  s.finite_time = k.fcs_finite_time;
  if (s.finite_time && s.chi.empty()) throw c.error("fcs", "finite_time", "needs [fcs] chi (the fields to evolve)");
  s.lambda = k.fcs_lambda;
  if (!s.lambda.empty() && s.counted.empty()) throw c.error("fcs", "lambda", "needs [fcs] count");
  if (!s.counted.empty() && !s.steady_state && !s.finite_time && s.lambda.empty())
    throw c.error("fcs", "count",
                  "the steady-state statistics need [steady] solve = true (or ask only for finite_time or lambda)");
  for (const auto& m : split(k.output_measures, ';'))
    if (!trim(m).empty()) s.measures.push_back(trim(m));
  if (k.periodic) {
    if (k.period) s.period = k.period_length;  // else the model's
    s.periodic.tolerance = k.periodic_tolerance;
    s.periodic.max_periods = k.max_periods;
    s.periodic.progress_interval = s.evolution.progress_interval;
    s.periodic.label = label.empty() ? "periodic state" : label + ": periodic state";
  }
  return s;
}

namespace {

// [periodic] period needs a generator of t that repeats with it: every drive and rate is compared
// with itself one period later on a grid over one period.
void check_periodic(const io::Config& c, const OpenSystem& sys, double T) {
  if (!sys.time_dependent())
    throw c.error("periodic", "period",
                  "the generator does not depend on time: its stationary state is [steady] solve");
  auto check = [&](const io::TimeExpression& f, const std::string& what) {
    for (int k = 0; k < 64; ++k) {
      const double t = T * k / 64;
      double a = 0, b = 0;
      try {
        a = f(t);
        b = f(t + T);
      } catch (const io::OutsideTable& e) {
        throw c.error("periodic", "period",
                      what + " '" + f.text() + "': " + e.reason() +
                          " (compared with itself one period later, a table must cover [0, 2*period])");
      }
      if (std::abs(a - b) > 1e-9 * (1 + std::abs(a)))
        throw c.error("periodic", "period",
                      what + " '" + f.text() + "' does not repeat with period " + format_number(T) + ": " +
                          format_number(a) + " at t = " + format_number(t) + ", " + format_number(b) +
                          " one period later");
    }
  };
  for (size_t k = 0; k < sys.drives.size(); ++k) check(sys.drives[k].f, "drive " + std::to_string(k + 1));
  for (const auto& ch : sys.channels)
    if (ch.rate) check(*ch.rate, "the rate of " + ch.heat.name);
}

}  // namespace

void check_open_system_requests(const io::Config& c, const OpenSystemKeys& keys, const OpenSystem& sys) {
  const auto s = open_system_settings(c, keys, "");
  const double unknowns = double(sys.space.dim()) * double(sys.space.dim());
  if (s.spectrum_eigenvalues >= unknowns)
    throw c.error("spectrum", "eigenvalues",
                  std::to_string(s.spectrum_eigenvalues) + " eigenvalues below 0 asked, but L has only " +
                      format_number(unknowns) + " eigenvalues in all (Hilbert dimension " +
                      std::to_string(sys.space.dim()) + ")");
  if (sys.time_dependent()) {
    const char* why = "needs a time-independent generator, but [model] has drives or a rate that depends on t";
    if (io::read(c, keys).integrator == "taylor")
      throw c.error("time", "integrator",
                    std::string("taylor (the series of exp(hL) for a constant L) ") + why + "; use rk or auto");
    if (s.spectrum_eigenvalues > 0) throw c.error("spectrum", "eigenvalues", std::string("the spectrum of L ") + why);
    if (!s.counted.empty())
      throw c.error("fcs", "count", std::string("counting statistics in the steady state ") + why);
  }
  if (s.period > 0) check_periodic(c, sys, s.period);
  if (sys.has_betas() && sys.space.dim() > kEntropyMaxDim)
    throw c.error("model", "betas",
                  "the entropy production needs rho gathered and diagonalised: Hilbert dimension " +
                      std::to_string(sys.space.dim()) + " is above " + std::to_string(kEntropyMaxDim));
  for (const auto& ch : s.counted) {
    std::string names;
    bool found = false;
    for (const auto& k : sys.channels) {
      const std::string n = k.heat.name.rfind("J_", 0) == 0 ? k.heat.name.substr(2) : k.heat.name;
      if (!k.jump) continue;
      names += (names.empty() ? "" : ", ") + n;
      if (n == ch.name) found = true;
    }
    if (!found)
      throw c.error("fcs", "count",
                    "no jump channel named '" + ch.name +
                        "' (jump channels: " + (names.empty() ? std::string("none") : names) + ")");
  }
}

void check_measures(const io::Config& c, const OpenSystemKeys& keys, const std::vector<long>& dims) {
  for (const auto& m : open_system_settings(c, keys, "").measures) {
    try {
      info::parse_measure(m, dims);
    } catch (const std::invalid_argument& e) {
      throw c.error("output", "measures", e.what());
    }
  }
}

std::vector<io::Quantity> open_system_observables() {
  return {kEnergy, kJTotal, kQTotal, kBalance, kTrace, kHerm, kMinEig};
}

std::vector<io::Quantity> driven_observables() { return {kWorkCurrent, kWork}; }
std::vector<io::Quantity> entropy_observables() { return {kSigma, kSigmaRate}; }

bool OpenSystem::time_dependent() const {
  if (!drives.empty()) return true;
  for (const auto& ch : channels)
    if (ch.rate) return true;
  return false;
}

bool OpenSystem::has_betas() const {
  for (const auto& ch : channels)
    if (!std::isnan(ch.beta)) return true;
  return false;
}

std::vector<io::Quantity> open_system_scalars(const OpenSystemKeys& keys) {
  std::vector<io::Quantity> v;
  if (keys.stationary)
    v = {q("Q_infinity", "energy", "> 0: energy released into the environment",
           "total heat released by the evolution to the steady state, tr[(rho(0) - rho_ss) H]"),
         q("U_steady", "energy", "", "energy of the steady state"),
         q("steady_residual", "1/time", "", "||L rho_ss||_2 of the steady-state solve (vec(rho) of unit trace)"),
         q("steady_kernel_dimension", "1", "1: unique steady state",
           "number of eigenvalues of L with |lambda| <= 1e-8 max|L_ii| among the 3 nearest 0 (method direct; written "
           "also when the state is not unique, then U_steady and Q_infinity from the steady state are absent; -1 when "
           "not determined, by method iterative)"),
         q("steady_next_eigenvalue", "1/time", "",
           "|lambda| of the nonzero eigenvalue of L nearest 0 (method direct; NaN when not found): small values mean a "
           "nearly degenerate, slowly reached steady state"),
         q("steady_final_state_distance", "1", "",
           "||rho(t_final) - rho_ss||_F: small when the run reaches the steady state"),
         q("tau_<p>", "time", "",
           "release time: Q_total(tau_p) = p% of Q_infinity (NaN if not reached; p from [steady] release_percent, '.' "
           "written as 'p')"),
         q("spectral_gap", "1/time", "> 0 for a unique, attracting steady state",
           "-Re lambda_1, lambda_1 the eigenvalue of L with the largest real part outside the kernel ([spectrum])"),
         q("relaxation_time", "time", "", "1/spectral_gap: the slowest relaxation time ([spectrum])"),
         q("eigenvalue_<k>_re", "1/time", "<= 0",
           "real part of the k-th eigenvalue of L outside the kernel, k = 1.. [spectrum] eigenvalues, largest real "
           "part first (a conjugate pair: positive imaginary part first)"),
         q("eigenvalue_<k>_im", "1/time", "", "imaginary part of the k-th eigenvalue of L ([spectrum])")};
  if (keys.stationary && keys.counting)
    v.insert(
        v.end(),
        {q("fcs_mean", "weight/time", "> 0: N grows",
           "first cumulant of the counted current N_t/t in the steady state, d theta/d chi at 0 ([fcs] count; N_t "
           "= sum of the WEIGHTs of the counted jumps up to t)"),
         q("fcs_variance", "weight^2/time", "", "second cumulant (noise) lim Var(N_t)/t, d2 theta/d chi2 at 0"),
         q("fcs_third_cumulant", "weight^3/time", "",
           "third cumulant (skewness) lim <<N_t^3>>/t, d3 theta/d chi3 at 0"),
         q("fcs_fano", "weight", "", "fcs_variance / fcs_mean"),
         q("fcs_entropy_production", "1/time", ">= 0",
           "sum over counted channels of BETA * WEIGHT * (jump rate): the entropy production rate when the counted "
           "channels are all the baths' (NaN without BETA)"),
         q("fcs_tur_ratio", "1", ">= 1 (thermodynamic uncertainty relation)",
           "fcs_variance / fcs_mean^2 * fcs_entropy_production / 2"),
         q("fcs_chi_<k>", "1/weight", "", "k-th counting field of [fcs] chi (k from 0)"),
         q("fcs_theta_<k>", "1/time", "",
           "scaled cumulant generating function theta(chi_k) = lim (1/t) ln <exp(chi_k N_t)>, the eigenvalue of "
           "the tilted L_chi = L + sum_k (exp(chi WEIGHT_k) - 1) J_k with the largest real part")});
  if (keys.periodic)
    v.insert(v.end(),
             {q("periodic_residual", "1", "small: a periodic state",
                "||Phi_T(rho) - rho||_2 / ||rho||_2 of the periodic steady state, Phi_T the one-period propagator "
                "([periodic])"),
              q("periodic_periods", "1", "", "one-period integrations the periodic-state solve used ([periodic])")});
  v.push_back(q("steps", "1", "", "accepted time steps of the integrator"));
  if (keys.stationary)
    v.push_back(q("final_stationarity", "1", "0 for a stationary final state", "||L rho(t_final)||_2"));
  return v;
}

const io::Quantity& open_system_quantity(const std::string& name) {
  static const std::vector<io::Quantity> all = [] {
    auto v = open_system_observables();
    OpenSystemKeys every;
    every.periodic = true;
    for (const auto& extra : {open_system_scalars(every), driven_observables(), entropy_observables()})
      v.insert(v.end(), extra.begin(), extra.end());
    return v;
  }();
  for (const auto& x : all)
    if (x.name == name) return x;
  throw Error("no open-system quantity named " + name);
}

io::Quantity measure_quantity(const info::MeasureSpec& m) {
  for (const auto& c : info::measure_catalog())
    if (c.name == m.name) return q(m.text, c.unit, "", c.meaning);
  return q(m.text, "", "", "information measure");
}

std::string tau_name(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "tau_%g", p);
  std::string s = buf;
  for (auto& c : s)
    if (c == '.') c = 'p';
  return s;
}

}  // namespace qtherm::models
