// A quantum Otto engine: a qubit or a truncated oscillator whose level spacing is driven between
// omega_c and omega_h (two frictionless strokes, [H(t), H(t')] = 0) and that touches a hot and a cold
// bath in turn (two thermalisation strokes with the couplings switched smoothly on and off), run on
// its limit cycle by the driven open-system pipeline; per-cycle work, heats, efficiency against the
// Otto, Carnot and Curzon–Ahlborn values, and power (docs/driven_systems.md, "The Otto engine").
#include "qtherm/models/builtin.hpp"

#include <algorithm>
#include <cmath>

#include "qtherm/base/error.hpp"
#include "qtherm/models/common/memory_terms.hpp"
#include "qtherm/models/common/open_system.hpp"
#include "qtherm/models/otto/otto_protocol.hpp"

namespace qtherm::models {
namespace {

// The shared open-system keys but the output grid and the period, which the cycle sets, and the
// stationary analysis ([steady], [spectrum], [fcs]): the engine's generator always depends on time.
OpenSystemKeys open_keys() {
  OpenSystemKeys k;
  k.time.grid = false;
  k.periodic = true;
  k.period = false;
  k.stationary = false;
  return k;
}

using io::Quantity;

std::string summary() {
  return "quantum Otto engine: a qubit or oscillator driven between omega_c and omega_h, alternately coupled to a "
         "hot and a cold bath; limit cycle, per-cycle work, heats, efficiency and power";
}

const char* kIn = "> 0: energy flows from the bath into the medium";
const Quantity kExcitation{"excitation", "1", "",
                           "excited-state population (qubit) or mean quantum number <n> (oscillator)"};
const Quantity kOmega{"omega", "energy", "", "the level spacing omega(t) of the working medium"};
const Quantity kJHot{"J_hot", "energy/time", "> 0: energy flows from the medium into the hot bath",
                     "heat current into the hot bath"};
const Quantity kJCold{"J_cold", "energy/time", "> 0: energy flows from the medium into the cold bath",
                      "heat current into the cold bath"};
const Quantity kCycleWork{"cycle_work", "energy", "> 0: work done on the medium (< 0 for an engine)",
                          "work over the last cycle"};
const Quantity kCycleHot{"cycle_heat_hot", "energy", kIn, "heat drawn from the hot bath over the last cycle"};
const Quantity kCycleCold{"cycle_heat_cold", "energy", "> 0: energy flows from the medium into the cold bath",
                          "heat released into the cold bath over the last cycle"};
const Quantity kCycleSigma{"cycle_entropy_production", "nat", ">= 0 (second law)",
                           "beta_c cycle_heat_cold - beta_h cycle_heat_hot + change of S over the last cycle"};
const Quantity kEfficiency{"efficiency", "1", "", "-cycle_work / cycle_heat_hot (an engine: 0 < efficiency <= Carnot)"};
const Quantity kOtto{"efficiency_otto", "1", "", "1 - omega_c/omega_h, the efficiency of frictionless strokes"};
const Quantity kCarnot{"efficiency_carnot", "1", "", "1 - beta_h/beta_c"};
const Quantity kCA{"efficiency_curzon_ahlborn", "1", "",
                   "1 - sqrt(beta_h/beta_c), efficiency at maximum power (endoreversible)"};
const Quantity kPower{"power", "energy/time", "> 0: the engine delivers work", "-cycle_work / period"};
const Quantity kPeriod{"period", "time", "", "t_compress + t_hot + t_expand + t_cold"};

void declare(io::Schema& s) {
  io::declare<OttoProtocol>(s);
  io::declare(s, open_keys());
}

std::vector<Quantity> observables() {
  std::vector<Quantity> v = {kExcitation, kOmega, kJHot, kJCold};
  for (bool hot : {true, false})
    for (bool emission : {true, false}) v.push_back(otto_channel(hot, emission));
  v.push_back(
      {"Q_J_<channel>", "energy", "> 0: energy released into the bath", "time integral of each channel's current"});
  for (const auto& x : open_system_observables()) v.push_back(x);
  for (const auto& x : driven_observables()) v.push_back(x);
  for (const auto& x : entropy_observables()) v.push_back(x);
  return v;
}

std::vector<Quantity> scalars() {
  auto v = open_system_scalars(open_keys());
  for (const auto& x :
       {kCycleWork, kCycleHot, kCycleCold, kCycleSigma, kEfficiency, kOtto, kCarnot, kCA, kPower, kPeriod})
    v.push_back(x);
  return v;
}

void validate(const io::Config& c) {
  const OttoProtocol p = otto_protocol(c);
  if (p.levels > kEntropyMaxDim)
    throw c.error("model", "levels",
                  "the entropy production needs at most " + std::to_string(kEntropyMaxDim) + " levels");
  check_measures(c, open_keys(), {long(p.levels)});
  // The integrator and the drive's period against the generator ([spectrum] and [fcs] are not keys
  // of this model: its generator always depends on time).
  check_open_system_requests(c, open_keys(), otto_system(p, kJHot, kJCold));
}

MemoryEstimate memory_estimate(const io::Config& c, int ranks) {
  const OttoProtocol p = otto_protocol(c);
  MemoryEstimate e = open_system_memory(
      c, open_keys(), ranks, "model", "levels", double(p.levels), "levels", [](double v) { return v; },
      double(observables().size()) + 8, 5);
  e.push_back(
      output_term("model", "samples_per_stroke", double(otto_times(p).size()), double(observables().size()) + 8));
  return e;
}

io::RunRecord run(MPI_Comm comm, const io::Config& c, RunContext& context) {
  const OttoProtocol p = otto_protocol(c);
  OpenSystem sys = otto_system(p, kJHot, kJCold);
  sys.expectations.push_back({kExcitation, otto_excitation(p, sys.space)});
  OpenSystemSettings set = open_system_settings(c, open_keys(), context.label);
  set.times = otto_times(p);
  set.period = p.start_on_cycle() ? p.period() : 0.0;
  // In the strokes rho stands still while omega moves: the error control would take the whole
  // stroke in a step or two, and the work's quadrature (not error-controlled) needs ~20 per stroke.
  set.evolution.max_step = std::min(p.t_compress, p.t_expand) / 20;
  const io::TimeExpression r = sys.drives.front().f;  // the stroke profile the drive applies
  const std::vector<DenseObservable> dense = {
      {kOmega, [p, r](double t, const Eigen::MatrixXcd&) { return p.omega_c + (p.omega_h - p.omega_c) * r(t); }}};
  io::RunRecord rec = run_open_system(comm, sys, set, context, dense);

  // The last cycle: from the output time one period before the end.
  const size_t end = rec.t.size() - 1, start = end - 4 * size_t(p.samples_per_stroke);
  auto over = [&](const std::string& name) {
    const auto* s = rec.observable(name);
    if (!s) throw Error("otto: the pipeline wrote no " + name);
    return s->values[end] - s->values[start];
  };
  auto heat = [&](bool hot) {
    return over("Q_" + otto_channel(hot, true).name) + over("Q_" + otto_channel(hot, false).name);
  };
  const double W = over("W"), hot = -heat(true), cold = heat(false);
  for (const auto& [what, value] : std::vector<std::pair<Quantity, double>>{{kCycleWork, W},
                                                                            {kCycleHot, hot},
                                                                            {kCycleCold, cold},
                                                                            {kCycleSigma, over("Sigma")},
                                                                            {kEfficiency, -W / hot},
                                                                            {kOtto, 1 - p.omega_c / p.omega_h},
                                                                            {kCarnot, 1 - p.beta_h / p.beta_c},
                                                                            {kCA, 1 - std::sqrt(p.beta_h / p.beta_c)},
                                                                            {kPower, -W / p.period()},
                                                                            {kPeriod, p.period()}})
    rec.scalars.push_back({what, value});
  return rec;
}

}  // namespace

std::unique_ptr<Model> make_otto_engine() {
  return make_model({"otto", summary, declare, observables, scalars, validate, memory_estimate, run});
}

}  // namespace qtherm::models
