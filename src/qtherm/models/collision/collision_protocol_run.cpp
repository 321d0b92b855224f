#include "qtherm/models/collision/collision_protocol_run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>

#include "qtherm/base/log.hpp"
#include "qtherm/base/progress.hpp"
#include "qtherm/dynamics/lindblad_evolution.hpp"
#include "qtherm/models/common/checkpoint.hpp"
#include "qtherm/models/common/memory_terms.hpp"
#include "qtherm/models/common/open_system.hpp"
#include "qtherm/dynamics/collision_engine.hpp"
#include "qtherm/thermo/collision_energetics.hpp"
#include "qtherm/thermo/landauer.hpp"
#include "qtherm/dynamics/protocol_limit.hpp"

namespace qtherm::models {
namespace {

using io::Quantity;
using Dense = Eigen::MatrixXcd;

const char* kIntoAncilla = "> 0: energy flows from the system into the ancillas";
const char* kWorkOn = "> 0: work done on system + ancilla by switching the collisions on and off";
const char* kHolds = ">= 0 where the bound holds";

Quantity q(std::string n, std::string u, std::string s, std::string m) {
  return {std::move(n), std::move(u), std::move(s), std::move(m)};
}

Quantity top_level_population() {
  return q("top_level_population", "1", "small for an adequate cutoff",
           "largest population of the highest retained Fock level over the oscillator parties (truncation error)");
}

std::vector<int> all_parties(int n) {
  std::vector<int> v(n);
  std::iota(v.begin(), v.end(), 0);
  return v;
}

// The Landauer monitors and entropies of one sample, the same on both routes (rates exact or per step).
class Monitors {
 public:
  Monitors(const ProtocolSpec& spec, double beta, double tolerance) : spec_(spec), beta_(beta), tol_(tolerance) {}

  std::vector<Quantity> quantities() const {
    const int n = parties();
    std::vector<Quantity> out = {
        q("S", "nat", "", "von Neumann entropy of the system state"),
        q("beta_heat_rate", "nat/time", kIntoAncilla,
          "beta times the heat current into the ancillas (seed 000 Eq. 7, left side)"),
        q("entropy_rate_tilde", "nat/time", "", "dS~/dt = -dS/dt of the system (seed 000 Eq. 7, right side)"),
        q("landauer_margin", "nat/time", kHolds,
          "beta Qdot - dS~/dt for the whole system (Eq. 7); = entropy production rate")};
    for (int x = 0; x < n; ++x) {
      const std::string X = spec_.names[x];
      out.push_back(q("S_" + X, "nat", "", "entropy of party " + X));
      out.push_back(q("E_" + X, "energy", "", "local energy tr(H_" + X + " rho_" + X + ")"));
      out.push_back(q("local_heat_rate_" + X, "energy/time", "> 0: party " + X + " loses energy",
                      "-dE_" + X + "/dt (seed 000 Fig. 3)"));
      out.push_back(q("beta_local_heat_rate_" + X, "nat/time", "> 0: party " + X + " loses energy",
                      "beta (-dE_" + X + "/dt), Fig. 3's beta Qdot_" + X));
      out.push_back(q("entropy_rate_tilde_" + X, "nat/time", "", "-dS_" + X + "/dt, Fig. 3's dS~_" + X + "/dt"));
      out.push_back(q("landauer_margin_" + X, "nat/time", kHolds,
                      "local Landauer margin beta(-dE_" + X + "/dt) - dS~_" + X + "/dt (seed 000 Fig. 3)"));
      out.push_back(q("landauer_violated_" + X, "1", "1 where the local bound fails",
                      "1 where landauer_margin_" + X + " < -[monitor] landauer_tolerance: the violation intervals"));
    }
    if (n >= 2) {
      out.push_back(q("correlation_information", "nat", ">= 0", "sum_k S_k - S (mutual information for two parties)"));
      out.push_back(
          q("landauer_local", "nat/time", "", "N dS~_1/dt: N copies of party 1 erased independently (Eqs. 11-12)"));
      out.push_back(
          q("landauer_conditional", "nat/time", "", "(N-1) dS_{1|rest}/dt - sum_{k>=2} dS_{k|rest}/dt (Eqs. 11-12)"));
      out.push_back(
          q("landauer_correlation", "nat/time", "", "dI_N/dt, the correlation-information rate (Eqs. 11-12)"));
      out.push_back(q("landauer_remainder", "nat/time", "0 for two parties",
                      "dS~/dt - (local + conditional + correlation): Eq. (11) is exact for N = 2; for N >= 3 the "
                      "printed Eq. (12) leaves this"));
    }
    if (std::count(spec_.oscillator.begin(), spec_.oscillator.end(), true) > 0) out.push_back(top_level_population());
    return out;
  }

  std::vector<double> values(const thermo::StateRates& r, double heat_rate) const {
    const int n = parties();
    const auto all = all_parties(n);
    const double dS = r.entropy_rate(all);
    std::vector<double> v;
    const double bq = heat_rate == 0 ? 0.0 : beta_ * heat_rate;
    v.insert(v.end(), {r.entropy(all), bq, -dS, bq + dS});
    for (int x = 0; x < n; ++x) {
      const Dense& H = spec_.protocol.local_H[x];
      const double loss = -r.expectation_rate(H, {x}), dSx = r.entropy_rate({x});
      const double bloss = loss == 0 ? 0.0 : beta_ * loss, margin = bloss + dSx;
      v.insert(v.end(), {r.entropy({x}), r.expectation(H, {x}), loss, bloss, -dSx, margin, margin < -tol_ ? 1.0 : 0.0});
    }
    if (n >= 2) {
      double sum = 0;
      for (int x = 0; x < n; ++x) sum += r.entropy({x});
      const thermo::LandauerSplit s = thermo::landauer_split(r, n);
      v.insert(v.end(), {sum - r.entropy(all), s.local, s.conditional, s.correlation, s.remainder});
    }
    if (std::count(spec_.oscillator.begin(), spec_.oscillator.end(), true) > 0) {
      double top = 0;
      for (int x = 0; x < n; ++x)
        if (spec_.oscillator[x]) {
          const Dense& H = spec_.protocol.local_H[x];
          Dense P = Dense::Zero(H.rows(), H.cols());
          P(H.rows() - 1, H.cols() - 1) = 1;
          top = std::max(top, r.expectation(P, {x}));
        }
      v.push_back(top);
    }
    return v;
  }

 private:
  int parties() const { return spec_.protocol.system.parties(); }
  const ProtocolSpec& spec_;
  double beta_, tol_;
};

// Violation intervals of the local bounds and the smallest global margin, from the recorded series.
void add_violation_scalars(io::RunRecord& rec, const ProtocolSpec& spec, double tol) {
  if (const auto* m = rec.observable("landauer_margin")) {
    double lo = std::numeric_limits<double>::infinity();
    for (double x : m->values)
      if (std::isfinite(x)) lo = std::min(lo, x);
    rec.scalars.push_back(
        {q("landauer_min_margin", "nat/time", kHolds, "smallest finite landauer_margin over the output times"), lo});
  }
  for (size_t x = 0; x < spec.names.size(); ++x) {
    const std::string X = spec.names[x];
    const auto* m = rec.observable("landauer_margin_" + X);
    if (!m) continue;
    const auto iv = thermo::violation_intervals(rec.t, m->values, tol);
    double total = 0;
    for (const auto& [a, b] : iv) total += b - a;
    const double nan = std::nan("");
    rec.scalars.push_back({q("landauer_violations_" + X, "1", "",
                             "number of output-time intervals where the local bound of " + X + " fails"),
                           double(iv.size())});
    rec.scalars.push_back({q("landauer_first_violation_start_" + X, "time", "",
                             "first output time where the local bound of " + X + " fails (NaN: never)"),
                           iv.empty() ? nan : iv.front().first});
    rec.scalars.push_back(
        {q("landauer_first_violation_end_" + X, "time", "", "last output time of that first interval"),
         iv.empty() ? nan : iv.front().second});
    rec.scalars.push_back({q("landauer_violation_time_" + X, "time", "",
                             "summed length of the violation intervals (output-grid resolution)"),
                           total});
  }
}

std::vector<long> sample_steps(long n, long samples) {
  std::vector<long> out;
  for (long k = 0; k < samples; ++k) {
    const long idx = std::lround(static_cast<double>(k) * n / (samples - 1));
    if (out.empty() || idx > out.back()) out.push_back(idx);
  }
  return out;
}

io::RunRecord run_discrete(MPI_Comm comm, const ProtocolKeys& keys, const ProtocolSpec& spec, RunContext& ctx) {
  const dynamics::CollisionProtocol& p = spec.protocol;
  const double dt = p.dt, beta = p.beta, tol = keys.landauer_tolerance;
  const int n_parties = p.system.parties();
  const auto all = all_parties(n_parties);
  dynamics::CollisionEngine engine(comm, p);
  parallel::Vector state = engine.initial_product(spec.initial);
  const long n = std::lround(keys.open.time.t_final / dt);
  const auto out = sample_steps(n, keys.open.time.samples);
  const Monitors monitors(spec, beta, tol);
  const std::vector<Quantity> own = {
      q("U", "energy", "", "system energy tr(H_S rho_S)"),
      q("heat_current", "energy/time", kIntoAncilla,
        "Q/dt of the step starting at t, Q = change of the ancilla energy"),
      q("work_current", "energy/time", kWorkOn,
        "W/dt of the step starting at t, W = sum over stages of the change of <H_S + H_R - G>"),
      q("first_law_residual", "energy", "", "dE_S - (W - Q) of the step starting at t (rounding only)"),
      q("Q", "energy", kIntoAncilla, "heat into the ancillas summed over the steps before t"),
      q("W", "energy", kWorkOn, "work summed over the steps before t"),
      q("Sigma", "nat", ">= 0", "entropy production S(t) - S(0) + beta Q(t) (seed 004 Eqs. 13-14)"),
      q("mutual_information_SR", "nat", ">= 0",
        "I(S:R) between the system and the ancilla at the end of the step starting at t")};
  std::vector<Quantity> all_q = own;
  for (auto& m : monitors.quantities()) all_q.push_back(m);
  std::vector<std::vector<double>> values(all_q.size());
  io::RunRecord rec;
  double Q = 0, W = 0, S0 = std::nan(""), max_residual = 0;
  size_t next_out = 0;
  long k0 = 0;  // the next step to take
  Checkpoint ck(comm, ctx, 64);
  for (auto [name, x] : {std::pair{"Q", &Q}, {"W", &W}, {"S0", &S0}, {"max_residual", &max_residual}}) ck.add(name, *x);
  ck.add("step", k0);
  ck.add("next_sample", next_out);
  ck.add("state", state);
  ck.add("t", rec.t);
  ck.add("samples", values, "[monitor] options");
  ck.progress(0, n * dt, "time");
  if (ck.restore(0, [&] { return k0 * dt; }))
    print0(comm, ctx.label + ": resuming at collision step " + std::to_string(k0));
  Progress progress(comm, ctx.label, 0, n * dt, keys.open.time.progress_interval);
  for (long k = k0; k <= n; ++k) {
    const bool sampling = next_out < out.size() && out[next_out] == k;
    Dense before;
    if (sampling || k == 0) before = engine.reduced(state, all);
    if (k == 0) S0 = thermo::StateRates::exact(p.system, before, before).entropy(all);
    const double U = sampling ? engine.system_energy(state) : 0.0;
    const dynamics::ProtocolStep step = engine.step(state, sampling);
    const thermo::ProtocolEnergetics st = thermo::protocol_energetics(step, n_parties);
    max_residual = std::max(max_residual, std::abs(st.first_law_residual));
    if (sampling) {
      ++next_out;
      const auto rates = thermo::StateRates::step(p.system, before, engine.reduced(state, all), dt);
      const double S = rates.entropy(all);
      std::vector<double> row = {U,
                                 st.heat / dt,
                                 st.work / dt,
                                 st.first_law_residual,
                                 Q,
                                 W,
                                 S - S0 + (Q == 0 ? 0 : beta * Q),
                                 step.mutual_information};
      for (double v : monitors.values(rates, st.heat / dt)) row.push_back(v);
      rec.t.push_back(k * dt);
      for (size_t i = 0; i < row.size(); ++i) values[i].push_back(row[i]);
    }
    if (k == n) break;
    Q += st.heat, W += st.work;
    progress.update((k + 1) * dt, k + 1);
    k0 = k + 1;
    if (ck.at((k + 1) * dt)) return rec;
  }
  progress.finish(n * dt, n);
  for (size_t i = 0; i < all_q.size(); ++i) rec.observables.push_back({all_q[i], std::move(values[i])});
  rec.scalars.push_back(
      {q("max_first_law_residual", "energy", "", "largest |dE_S - (W - Q)| over all steps"), max_residual});
  rec.scalars.push_back({q("collision_steps", "1", "", "number of protocol steps run (t_final/dt)"), double(n)});
  add_violation_scalars(rec, spec, tol);
  return rec;
}

// The continuous limit as an open system: its generator, the collisions' channel, and the heat and
// work the pipeline samples and integrates.
OpenSystem continuous_system(const ProtocolSpec& spec, const dynamics::ProtocolLimit& lim) {
  const dynamics::CollisionProtocol& p = spec.protocol;
  const operators::SuperOperator L = lim.generator();
  OpenSystem sys(p.system);
  sys.H = p.H_S;
  sys.generator_H = lim.H_eff;
  sys.channels.push_back({q("J_collisions", "energy/time", "> 0: the system loses energy to the collisions",
                            "-tr(H_S D rho), D the collision dissipator of the continuous limit"),
                          lim.dissipator});
  sys.expectations.push_back({q("heat_current", "energy/time", kIntoAncilla,
                                "g0^2 tr[(A H_R A - B^dag H_R - H_R B)(rho x eta)] (continuous limit)"),
                              lim.heat_operator});
  operators::OperatorSum work = L.dual(p.H_S);
  work.add(lim.heat_operator);
  sys.expectations.push_back(
      {q("work_current", "energy/time", kWorkOn, "dE_S/dt + heat_current (first law of the limit)"), work});
  sys.integrated.push_back({q("Q", "energy", kIntoAncilla, "time integral of heat_current"), lim.heat_operator});
  sys.integrated.push_back({q("W", "energy", kWorkOn, "time integral of work_current"), work});
  sys.initial_product = spec.initial;
  return sys;
}

io::RunRecord run_continuous(MPI_Comm comm, const io::Config& c, const ProtocolKeys& keys, const ProtocolSpec& spec,
                             RunContext& ctx) {
  const dynamics::CollisionProtocol& p = spec.protocol;
  const dynamics::ProtocolLimit lim = dynamics::continuous_limit(p);
  const operators::SuperOperator L = lim.generator();
  const OpenSystem sys = continuous_system(spec, lim);
  const double tol = keys.landauer_tolerance;
  auto monitors = std::make_shared<Monitors>(spec, p.beta, tol);
  const Dense X = lim.heat_operator.dense();
  // Every monitor reads one row, computed once per sample time.
  auto cache = std::make_shared<std::pair<double, std::vector<double>>>(std::nan(""), std::vector<double>{});
  std::vector<DenseObservable> dense;
  const auto names = monitors->quantities();
  for (size_t i = 0; i < names.size(); ++i)
    dense.push_back({names[i], [=, &p, &L](double t, const Dense& rho) {
                       if (!(cache->first == t)) {
                         const auto rates = thermo::StateRates::exact(p.system, rho, L.apply(rho));
                         *cache = {t, monitors->values(rates, (X * rho).trace().real())};
                       }
                       return cache->second[i];
                     }});
  io::RunRecord rec = run_open_system(comm, sys, open_system_settings(c, keys.open, ctx.label), ctx, dense);
  if (ctx.interrupted) return rec;
  // The integrated Landauer bound: Sigma = S(t) - S(0) + beta Q(t) >= 0.
  const auto& S = rec.observable("S")->values;
  const auto& Q = rec.observable("Q")->values;
  std::vector<double> sigma(S.size());
  for (size_t k = 0; k < S.size(); ++k) sigma[k] = S[k] - S[0] + (Q[k] == 0 ? 0.0 : p.beta * Q[k]);
  rec.observables.push_back(
      {q("Sigma", "nat", ">= 0", "integrated Landauer bound / entropy production S(t) - S(0) + beta Q(t)"),
       std::move(sigma)});
  add_violation_scalars(rec, spec, tol);
  return rec;
}

}  // namespace

MemoryEstimate protocol_memory(const io::Config& c, const ProtocolKeys& keys, int ranks, const std::string& key,
                               double value, const std::string& quantity, std::function<double(double)> system_dim,
                               double stage_dim) {
  const double series = 24;  // series per output time, as estimated before the declarations were itemized
  if (keys.continuous())
    return open_system_memory(c, keys.open, ranks, "model", key, value, quantity, system_dim, series);
  const double stages = double(keys.order.size()), r = std::max(1, ranks);
  MemoryEstimate e;
  e.push_back({"joint state, functionals and stage factors", "model", key, value, quantity, [=](double v) {
                 const double D = 2 * system_dim(v), n = D * D;
                 return (complex_bytes(8 * n) + stages * 2 * 24 * stage_dim * n + 24 * 2 * n) / r;
               }});
  e.push_back({"joint state gathered for I(S:R) at each sample", "model", key, value, quantity, [=](double v) {
                 const double D = 2 * system_dim(v);
                 return complex_bytes(4 * D * D);
               }});
  e.push_back(output_term("time", "samples", double(keys.open.time.samples), series));
  return e;
}

void check_ancilla_temperature(const io::Config& c, const ProtocolKeys& k) {
  if (!k.beta && !k.xi)
    throw c.error("model", "beta", "required: the ancilla temperature (give beta, or xi = tanh(beta omega/2))");
  if (k.beta && k.xi) throw c.error("model", "xi", "give either beta or xi, not both");
  if (k.beta && !std::isfinite(*k.beta))
    throw c.error("model", "beta", "must be finite (use xi = 1 for zero temperature)");
  if (k.xi && !(*k.xi > -1 && *k.xi <= 1)) throw c.error("model", "xi", "must lie in (-1, 1]");
}

std::vector<dynamics::CollisionStage> parse_order(const io::Config& c, const ProtocolKeys& keys,
                                                  const std::vector<std::string>& names,
                                                  const std::vector<bool>& couples) {
  std::vector<dynamics::CollisionStage> stages;
  for (const auto& tok : keys.order) {
    if (tok == "free") {
      stages.push_back({-1, keys.free_time()});
      continue;
    }
    const auto it = std::find(names.begin(), names.end(), tok);
    if (it == names.end()) {
      std::string known;
      for (const auto& n : names) known += n + ", ";
      throw c.error("model", "order", "unknown party '" + tok + "' (parties: " + known + "or free)");
    }
    const int party = static_cast<int>(it - names.begin());
    if (!couples[party])
      throw c.error("model", "order", "party " + tok + " does not couple to the ancillas in this model");
    stages.push_back({party, 0});
  }
  if (stages.empty()) throw c.error("model", "order", "needs at least one stage");
  return stages;
}

void check_protocol_route(const io::Config& c, const ProtocolKeys& keys, const ProtocolSpec& spec) {
  if (!keys.continuous()) return;
  std::optional<dynamics::ProtocolLimit> lim;
  try {
    lim = dynamics::continuous_limit(spec.protocol);
  } catch (const std::invalid_argument& e) {
    throw c.error("model", "route", e.what());
  }
  check_open_system_requests(c, keys.open, continuous_system(spec, *lim));
}

std::vector<io::Quantity> protocol_observables() {
  std::vector<io::Quantity> v = {
      q("heat_current, work_current", "energy/time", kIntoAncilla,
        "heat into the ancillas and switching work per unit time (discrete: of the step starting at t)"),
      q("Q, W, Sigma, first_law_residual, mutual_information_SR", "energy, nat", "",
        "discrete route: cumulative heat, work, entropy production; first-law residual and system-ancilla I(S:R) per "
        "step"),
      q("J_collisions, Q_J_collisions", "energy/time, energy", kIntoAncilla,
        "continuous route: heat current into the ancillas and its time integral; the other observables of the "
        "Lindblad pipeline follow (U on both routes)"),
      q("Sigma", "nat", ">= 0", "both routes: S(t) - S(0) + beta Q(t), the integrated form of Eq. (7)"),
      q("S, beta_heat_rate, entropy_rate_tilde, landauer_margin", "nat, nat/time", kHolds,
        "Landauer's bound for the system, seed 000 Eq. (7)"),
      q("S_<X>, E_<X>, local_heat_rate_<X>, beta_local_heat_rate_<X>, entropy_rate_tilde_<X>, landauer_margin_<X>, "
        "landauer_violated_<X>",
        "", kHolds,
        "per party X: entropy, energy, -dE_X/dt, its beta multiple, -dS_X/dt, the local bound (Fig. 3) and where it "
        "fails"),
      q("correlation_information, landauer_local, landauer_conditional, landauer_correlation, landauer_remainder",
        "nat/time", "", "two or more parties: the split of dS~/dt of Eqs. (11)-(12)"),
      top_level_population()};
  for (const auto& x : open_system_observables()) v.push_back(x);
  return v;
}

std::vector<io::Quantity> protocol_scalars() {
  std::vector<io::Quantity> v = {
      q("landauer_min_margin", "nat/time", kHolds, "smallest landauer_margin over the output times"),
      q("landauer_violations_<X>, landauer_first_violation_start_<X>, landauer_first_violation_end_<X>, "
        "landauer_violation_time_<X>",
        "1, time", "", "the violation intervals of each party's local bound"),
      q("max_first_law_residual, collision_steps", "energy, 1", "", "discrete route")};
  for (auto x : open_system_scalars(ProtocolKeys{}.open)) {  // the Lindblad pipeline's
    x.meaning = "continuous route: " + x.meaning;
    v.push_back(x);
  }
  return v;
}

io::RunRecord run_protocol(MPI_Comm comm, const io::Config& c, const ProtocolKeys& keys, const ProtocolSpec& spec,
                           RunContext& ctx) {
  if (keys.continuous()) return run_continuous(comm, c, keys, spec, ctx);
  return run_discrete(comm, keys, spec, ctx);
}

}  // namespace qtherm::models
