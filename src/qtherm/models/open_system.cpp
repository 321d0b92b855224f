#include "qtherm/models/open_system.hpp"

#include "qtherm/base/memory.hpp"

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
const io::Quantity kBalance = q("energy_balance_error", "energy", "0 when energy is conserved",
                                "U(t) - U(0) + Q_total(t) - W(t) (W = 0: time-independent H); monitor");
const io::Quantity kTrace = q("trace_error", "1", "", "|tr rho - 1|; monitor");
const io::Quantity kHerm = q("hermiticity_error", "1", "", "||rho - rho^dagger||_F / ||rho||_F; monitor");
const io::Quantity kMinEig = q("min_eigenvalue", "1", "< 0 signals a non-positive state",
                               "smallest eigenvalue over the single-party reduced states and, for "
                               "dimension <= 64, the full state; monitor");

}  // namespace

bool use_shell(const std::string& liouvillian, long d) {
  // Below d = 16 the assembled matrix is small, and the same matrix serves the steady-state solve.
  return liouvillian == "shell" || (liouvillian == "auto" && d >= 16);
}

void check_open_system_memory(const io::Config& c, const std::string& section, const std::string& key, double d) {
  const bool rk = dynamics::resolve_integrator(c.text("time", "integrator")) == "rk";
  const double vectors = rk ? 18 : 5, unknowns = d * d, bytes = unknowns * vectors * sizeof(PetscScalar);
  const double available = available_memory_bytes();
  if (bytes > available)
    throw c.error(section, key,
                  "Hilbert dimension " + format_number(d) + " means " + format_number(unknowns) +
                      " Liouville unknowns; the state and integrator vectors alone need about " +
                      format_number(bytes / 1e9, 3) + " GB (" + format_number(vectors) + " vectors of 16 bytes per unknown" +
                      (rk ? ", [time] integrator = rk" : "") + ") but " + format_number(available / 1e9, 3) +
                      " GB are available here");
}

void declare_open_system_keys(io::Schema& s) {
  using io::ValueType;
  auto add = [&](auto&&... a) { s.add(io::make_key(std::forward<decltype(a)>(a)...)); };
  add("time", "t_final", ValueType::real, "10", "time", "end of the evolution (starts at t = 0)", 0.0, true);
  add("time", "samples", ValueType::integer, "201", "", "number of output times, uniform from 0 to t_final inclusive", 2.0);
  add("time", "atol", ValueType::real, "1e-10", "", "absolute tolerance of the adaptive time stepper", 0.0, true);
  add("time", "rtol", ValueType::real, "1e-8", "", "relative tolerance of the adaptive time stepper", 0.0, true);
  add("time", "initial_step", ValueType::real, "1e-3", "time", "first trial step of the time stepper (rk)", 0.0, true);
  add("time", "integrator", ValueType::choice, "auto", "",
      "taylor: truncated Taylor series of exp(hL), steps ending on the output times, three state vectors; rk: "
      "PETSc TS (adaptive Runge-Kutta 5(4) unless -ts_type/-ts_rk_type say otherwise); auto: rk when any -ts_ "
      "option is given, else taylor",
      std::nullopt, false, std::nullopt, std::vector<std::string>{"auto", "taylor", "rk"});
  add("time", "progress_interval", ValueType::real, "10", "s", "wall-clock seconds between progress lines (0: none)", 0.0);
  add("monitor", "tolerance", ValueType::real, "1e-6", "",
      "warn when the trace, Hermiticity or energy-balance error exceeds this or an eigenvalue is below -tolerance", 0.0, true);
  add("model", "liouvillian", ValueType::choice, "auto", "",
      "how L is applied: shell (matrix-free on columns of rho, no Liouville matrix in memory), assembled (sparse "
      "matrix of d^4 pattern), auto (shell from Hilbert dimension 16 on)",
      std::nullopt, false, std::nullopt, std::vector<std::string>{"auto", "shell", "assembled"});
  add("steady", "solve", ValueType::boolean, "true", "", "solve L rho = 0, tr rho = 1 with KSP for Q(infinity) and release times");
  add("steady", "release_percent", ValueType::real_list, "25, 50, 75, 90, 95", "%",
      "p for the release times tau_p: Q(tau_p) = p% of Q(infinity)", 0.0, true, 100.0);
  add("output", "states", ValueType::boolean, "false", "", "also write rho(t) on the output grid to /runs/<k>/states/rho");
  add("output", "measures", ValueType::string, "", "",
      "information measures written as observables, separated by ';', e.g. mutual_information(0:1); "
      "concurrence(0:1); entropy(0) (parties by index; `qtherm describe` lists them)");
}

OpenSystemSettings open_system_settings(const io::Config& c, const std::string& label) {
  OpenSystemSettings s;
  s.times = dynamics::uniform_times(c.real("time", "t_final"), c.integer("time", "samples"));
  s.evolution.atol = c.real("time", "atol");
  s.evolution.rtol = c.real("time", "rtol");
  s.evolution.initial_step = c.real("time", "initial_step");
  s.evolution.integrator = dynamics::resolve_integrator(c.text("time", "integrator"));
  s.evolution.progress_interval = c.real("time", "progress_interval");
  s.evolution.label = label;
  s.monitor_tolerance = c.real("monitor", "tolerance");
  s.steady_state = c.boolean("steady", "solve");
  s.release_percents = c.real_list("steady", "release_percent");
  s.store_states = c.boolean("output", "states");
  s.liouvillian = c.text("model", "liouvillian");
  if (c.has("output", "measures"))
    for (const auto& m : split(c.text("output", "measures"), ';'))
      if (!trim(m).empty()) s.measures.push_back(trim(m));
  return s;
}

void check_measures(const io::Config& c, const std::vector<long>& dims) {
  for (const auto& m : open_system_settings(c, "").measures) {
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

std::vector<io::Quantity> open_system_scalars() {
  return {q("Q_infinity", "energy", "> 0: energy released into the environment",
            "total heat released by the evolution to the steady state, tr[(rho(0) - rho_ss) H]"),
          q("U_steady", "energy", "", "energy of the steady state"),
          q("steady_residual", "1", "", "||L rho_ss||_2 of the steady-state solve"),
          q("steady_final_state_distance", "1", "",
            "||rho(t_final) - rho_ss||_F: small when the run reaches the steady state"),
          q("tau_<p>", "time", "", "release time: Q_total(tau_p) = p% of Q_infinity (NaN if not reached; "
            "p from [steady] release_percent, '.' written as 'p')"),
          q("steps", "1", "", "accepted time steps of the integrator"),
          q("final_stationarity", "1", "0 for a stationary final state", "||L rho(t_final)||_2")};
}

const io::Quantity& open_system_quantity(const std::string& name) {
  static const std::vector<io::Quantity> all = [] {
    auto v = open_system_observables();
    const auto sc = open_system_scalars();
    v.insert(v.end(), sc.begin(), sc.end());
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
