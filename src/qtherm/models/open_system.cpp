#include "qtherm/models/open_system.hpp"

#include <cmath>
#include <cstdio>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/base/parse.hpp"
#include "qtherm/dynamics/invariants.hpp"
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

struct Warnings {
  MPI_Comm comm;
  bool trace = false, herm = false, eig = false, balance = false;
  void check(bool& done, bool bad, const std::string& what) {
    if (bad && !done) {
      done = true;
      warn0(comm, what);
    }
  }
};

}  // namespace

void declare_open_system_keys(io::Schema& s) {
  using io::ValueType;
  auto add = [&](std::string sec, std::string key, ValueType t, std::string def, std::string unit, std::string meaning,
                 std::optional<double> min = {}, bool min_excl = false, std::optional<double> max = {}) {
    io::KeySpec k;
    k.section = std::move(sec), k.key = std::move(key), k.type = t, k.default_value = std::move(def);
    k.unit = std::move(unit), k.meaning = std::move(meaning), k.min = min, k.min_exclusive = min_excl, k.max = max;
    s.add(std::move(k));
  };
  add("time", "t_final", ValueType::real, "10", "time", "end of the evolution (starts at t = 0)", 0.0, true);
  add("time", "samples", ValueType::integer, "201", "", "number of output times, uniform from 0 to t_final inclusive", 2.0);
  add("time", "atol", ValueType::real, "1e-10", "", "absolute tolerance of the adaptive time stepper", 0.0, true);
  add("time", "rtol", ValueType::real, "1e-8", "", "relative tolerance of the adaptive time stepper", 0.0, true);
  add("time", "initial_step", ValueType::real, "1e-3", "time", "first trial step of the time stepper", 0.0, true);
  add("time", "progress_interval", ValueType::real, "10", "s", "wall-clock seconds between progress lines (0: none)", 0.0);
  add("monitor", "tolerance", ValueType::real, "1e-6", "",
      "warn when the trace, Hermiticity or energy-balance error exceeds this or an eigenvalue is below -tolerance", 0.0, true);
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
  s.evolution.progress_interval = c.real("time", "progress_interval");
  s.evolution.label = label;
  s.monitor_tolerance = c.real("monitor", "tolerance");
  s.steady_state = c.boolean("steady", "solve");
  s.release_percents = c.real_list("steady", "release_percent");
  s.store_states = c.boolean("output", "states");
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

io::RunRecord run_open_system(MPI_Comm comm, const OpenSystem& sys, const OpenSystemSettings& set,
                              const std::vector<DenseObservable>& dense_observables,
                              const std::vector<DenseObservable>& steady_scalars) {
  const space::LiouvilleSpace lspace(sys.space);
  operators::SuperOperator L = operators::hamiltonian_part(sys.H);
  for (const auto& ch : sys.channels) L.add(ch.dissipator);
  auto Lmat = operators::assemble(comm, L);

  parallel::Vector rho = sys.initial_product.empty() ? dynamics::vectorize(comm, sys.initial, lspace)
                                                     : dynamics::vectorize_product(comm, sys.initial_product, lspace);
  auto w_energy = operators::functional(sys.H, rho);
  std::vector<parallel::Vector> w_expect, w_heat;
  for (const auto& [what, O] : sys.expectations) w_expect.push_back(operators::functional(O, rho));
  for (const auto& ch : sys.channels) w_heat.push_back(operators::functional(thermo::heat_current_operator(ch.dissipator, sys.H), rho));
  const double U0 = operators::expectation(w_energy, rho);

  io::RunRecord rec;
  rec.t = set.times;
  // Observables in a fixed order: expectations, channel currents, sums, totals, heat integrals, monitors.
  std::vector<io::Series> series;
  for (const auto& [what, O] : sys.expectations) series.push_back({what, {}});
  for (const auto& ch : sys.channels) series.push_back({ch.heat, {}});
  for (const auto& [what, names] : sys.current_sums) series.push_back({what, {}});
  series.push_back({kEnergy, {}});
  series.push_back({kJTotal, {}});
  for (const auto& ch : sys.channels)
    series.push_back({q("Q_" + ch.heat.name, "energy", ch.heat.sign, "time integral of " + ch.heat.name), {}});
  series.push_back({kQTotal, {}});
  for (const auto& d : dense_observables) series.push_back({d.what, {}});
  std::vector<long> dims(sys.space.local_dims().begin(), sys.space.local_dims().end());
  std::vector<info::MeasureSpec> measures;
  for (const auto& m : set.measures) {
    measures.push_back(info::parse_measure(m, dims));
    series.push_back({measure_quantity(measures.back()), {}});
  }
  series.push_back({kBalance, {}});
  series.push_back({kTrace, {}});
  series.push_back({kHerm, {}});
  series.push_back({kMinEig, {}});

  // The steady state: unique for most generators; with dark states (e.g. the singlet of cascaded
  // qubits at zero temperature) L has a larger kernel, the solve fails, and Q(∞) is taken from the
  // final state instead when that is stationary.
  double q_inf = std::nan("");
  parallel::Vector rho_ss;
  if (set.steady_state) {
    dynamics::SteadyStateInfo info;
    try {
      rho_ss = dynamics::steady_state(comm, L, &info);
    } catch (const Error& e) {
      warn0(comm, std::string("no unique steady state (") + e.what() +
                      "); Q_infinity comes from the final state if it is stationary");
    }
    if (rho_ss) {
      const double U_ss = operators::expectation(w_energy, rho_ss);
      q_inf = U0 - U_ss;
      rec.scalars.push_back({open_system_scalars()[1], U_ss});
      rec.scalars.push_back({open_system_scalars()[2], info.residual_norm});
      if (!steady_scalars.empty()) {
        const Eigen::MatrixXcd dense = space::gather_density_matrix(rho_ss, lspace);
        for (const auto& d : steady_scalars) rec.scalars.push_back({d.what, d.value(INFINITY, dense)});
      }
    }
  }

  dynamics::InvariantMonitor invariants(comm, lspace, rho);
  Warnings warn{comm};
  const bool need_dense = !dense_observables.empty() || set.store_states;
  std::vector<std::complex<double>> states;
  const double scale = std::max(1.0, std::abs(U0));

  // Release times: per accepted step when Q(∞) is known before the run, else from the output
  // grid once the final state has given Q(∞).
  thermo::ReleaseTimes release(set.release_percents, q_inf);
  std::vector<double> grid_Q, grid_J;

  auto sample = [&](double t, Vec x, const std::vector<double>& Qk) {
    size_t col = 0;
    for (const auto& w : w_expect) series[col++].values.push_back(operators::expectation(w, x));
    std::vector<double> J(w_heat.size());
    for (size_t k = 0; k < w_heat.size(); ++k) J[k] = operators::expectation(w_heat[k], x);
    for (double j : J) series[col++].values.push_back(j);
    for (const auto& [what, names] : sys.current_sums) {
      double s = 0;
      for (const auto& n : names)
        for (size_t k = 0; k < sys.channels.size(); ++k)
          if (sys.channels[k].heat.name == n) s += J[k];
      series[col++].values.push_back(s);
    }
    const double U = operators::expectation(w_energy, x);
    series[col++].values.push_back(U);
    double Jt = 0, Qt = 0;
    for (double j : J) Jt += j;
    series[col++].values.push_back(Jt);
    for (double q : Qk) {
      Qt += q;
      series[col++].values.push_back(q);
    }
    series[col++].values.push_back(Qt);
    grid_Q.push_back(Qt);
    grid_J.push_back(Jt);
    if (need_dense) {
      const Eigen::MatrixXcd dense = space::gather_density_matrix(x, lspace);
      for (const auto& d : dense_observables) series[col++].values.push_back(d.value(t, dense));
      if (set.store_states) states.insert(states.end(), dense.data(), dense.data() + dense.size());
    }
    // Measures on the normalized Hermitian part of each reduced state: integration noise is the
    // monitors' business and must not abort a run. Collective: same specs, same order everywhere.
    for (const auto& m : measures)
      series[col++].values.push_back(info::evaluate(
          m,
          [&](const std::vector<int>& parties) {
            const Eigen::MatrixXcd r = space::partial_trace(x, lspace, parties);
            const Eigen::MatrixXcd h = 0.5 * (r + r.adjoint());
            return Eigen::MatrixXcd(h / h.trace().real());
          },
          dims));
    const double balance = U - U0 + Qt;
    const auto inv = invariants.measure(x);
    series[col++].values.push_back(balance);
    series[col++].values.push_back(inv.trace_error);
    series[col++].values.push_back(inv.hermiticity_error);
    series[col++].values.push_back(inv.min_eigenvalue);
    const double tol = set.monitor_tolerance;
    warn.check(warn.trace, inv.trace_error > tol, "trace error " + format_number(inv.trace_error) + " at t = " + format_number(t));
    warn.check(warn.herm, inv.hermiticity_error > tol, "Hermiticity error " + format_number(inv.hermiticity_error) + " at t = " + format_number(t));
    warn.check(warn.eig, inv.min_eigenvalue < -tol, "negative eigenvalue " + format_number(inv.min_eigenvalue) + " at t = " + format_number(t));
    warn.check(warn.balance, std::abs(balance) > tol * scale,
               "energy balance off by " + format_number(balance) + " at t = " + format_number(t) + " (tighten [time] rtol/atol)");
  };
  auto on_step = [&](double t, Vec, const std::vector<double>& Qk, const std::vector<double>& Jk) {
    double Q = 0, J = 0;
    for (double q : Qk) Q += q;
    for (double j : Jk) J += j;
    release.observe(t, Q, J);
    return false;
  };

  std::vector<Vec> integrands;
  for (const auto& w : w_heat) integrands.push_back(w);
  dynamics::LindbladEvolution evolution(comm, Lmat, set.evolution, integrands);
  release.observe(set.times.front(), 0.0, [&] {
    double J = 0;
    for (const auto& w : w_heat) J += operators::expectation(w, rho);
    return J;
  }());
  evolution.evolve(rho, set.times, sample, on_step);
  rec.observables = std::move(series);

  // How far the final state is from stationary: ‖L ρ(t_final)‖₂.
  auto Lrho = parallel::duplicate(rho);
  QTHERM_PETSC(MatMult(Lmat, rho, Lrho));
  PetscReal stationarity = 0;
  QTHERM_PETSC(VecNorm(Lrho, NORM_2, &stationarity));
  rec.scalars.push_back({open_system_scalars()[6], stationarity});

  if (set.steady_state) {
    if (rho_ss) {
      auto diff = parallel::duplicate(rho);
      QTHERM_PETSC(VecWAXPY(diff, -1.0, rho_ss, rho));
      PetscReal nrm = 0;
      QTHERM_PETSC(VecNorm(diff, NORM_2, &nrm));
      rec.scalars.push_back({open_system_scalars()[3], nrm});
    } else if (stationarity < set.monitor_tolerance) {
      q_inf = U0 - operators::expectation(w_energy, rho);
    } else {
      warn0(comm, "the final state is not stationary (||L rho|| = " + format_number(stationarity) +
                      "): Q_infinity and release times are NaN; extend [time] t_final");
    }
    rec.scalars.insert(rec.scalars.begin(), {open_system_scalars()[0], q_inf});
    if (!rho_ss) {  // Q(∞) only now: the release times come from the output grid
      release = thermo::ReleaseTimes(set.release_percents, q_inf);
      for (size_t i = 0; i < set.times.size(); ++i) release.observe(set.times[i], grid_Q[i], grid_J[i]);
    }
    for (size_t k = 0; k < release.times().size(); ++k) {
      io::Quantity what = open_system_scalars()[4];
      what.name = tau_name(set.release_percents[k]);
      what.meaning = "release time: Q_total(tau) = " + format_number(set.release_percents[k]) + "% of Q_infinity (NaN if not reached)";
      rec.scalars.push_back({what, release.times()[k]});
    }
  }
  if (set.store_states) {
    const unsigned long long d = sys.space.dim();
    rec.states.push_back({"rho", {rec.t.size(), d, d}, {}});
    // Eigen stores column-major; the file is row-major [t, i, j].
    auto& out = rec.states.back().data;
    out.resize(states.size());
    for (size_t s = 0; s < rec.t.size(); ++s)
      for (unsigned long long i = 0; i < d; ++i)
        for (unsigned long long j = 0; j < d; ++j) out[s * d * d + i * d + j] = states[s * d * d + j * d + i];
  }
  rec.scalars.push_back({open_system_scalars()[5], double(evolution.state().steps)});
  return rec;
}

}  // namespace qtherm::models
