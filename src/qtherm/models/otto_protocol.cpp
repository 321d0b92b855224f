#include "qtherm/models/otto_protocol.hpp"

#include <cmath>
#include <cstdio>

#include "qtherm/dynamics/state.hpp"
#include "qtherm/operators/operator_sum.hpp"
#include "qtherm/operators/superoperator.hpp"

namespace qtherm::models {
namespace {

std::string num(double x) {
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", x);
  return b;
}

// Bose–Einstein (oscillator) or two-level (qubit) occupation: the rates' n in gamma (n + 1), gamma n.
double occupation(double beta, double omega) { return 1 / std::expm1(beta * omega); }

}  // namespace

namespace {

// Each key once: its member, unit, meaning and range; the default is the member's initial value.
struct RealKey {
  const char* key;
  double OttoProtocol::*member;
  const char* unit;
  const char* meaning;
};
const RealKey kReals[] = {
    {"omega_h", &OttoProtocol::omega_h, "energy", "level spacing during the hot stroke"},
    {"omega_c", &OttoProtocol::omega_c, "energy", "level spacing during the cold stroke"},
    {"beta_h", &OttoProtocol::beta_h, "1/energy", "inverse temperature of the hot bath"},
    {"beta_c", &OttoProtocol::beta_c, "1/energy", "inverse temperature of the cold bath"},
    {"gamma_h", &OttoProtocol::gamma_h, "1/time", "peak coupling rate to the hot bath"},
    {"gamma_c", &OttoProtocol::gamma_c, "1/time", "peak coupling rate to the cold bath"},
    {"t_compress", &OttoProtocol::t_compress, "time", "stroke 1: omega_c -> omega_h, isolated"},
    {"t_hot", &OttoProtocol::t_hot, "time", "stroke 2: hot bath coupled as gamma_h sin^2(pi s), s in [0, 1]"},
    {"t_expand", &OttoProtocol::t_expand, "time", "stroke 3: omega_h -> omega_c, isolated"},
    {"t_cold", &OttoProtocol::t_cold, "time", "stroke 4: cold bath coupled as gamma_c sin^2(pi s)"},
};
struct IntegerKey {
  const char* key;
  long OttoProtocol::*member;
  double min, max;
  const char* meaning;
};
const IntegerKey kIntegers[] = {
    {"levels", &OttoProtocol::levels, 2, double(kEntropyMaxDim),
     "oscillator: Fock states kept (at most 256: the entropy production diagonalises rho)"},
    {"cycles", &OttoProtocol::cycles, 1, 1e9, "cycles to run (the per-cycle scalars are of the last)"},
    {"samples_per_stroke", &OttoProtocol::samples_per_stroke, 1, 1e9, "output intervals per stroke (stroke ends are output times)"},
};

}  // namespace

void declare_otto_keys(io::Schema& s) {
  using io::ValueType;
  const OttoProtocol defaults;
  s.add(io::make_key("model", "medium", ValueType::choice, "qubit", "",
                     "working medium: qubit (H = omega sz/2) or oscillator (H = omega n, truncated to levels)", std::nullopt,
                     false, std::nullopt, {"qubit", "oscillator"}));
  for (const auto& k : kIntegers)
    s.add(io::make_key("model", k.key, ValueType::integer, std::to_string(defaults.*k.member), "", k.meaning, k.min, false, k.max));
  for (const auto& k : kReals)
    s.add(io::make_key("model", k.key, ValueType::real, num(defaults.*k.member), k.unit, k.meaning, 0.0, true));
  s.add(io::make_key("model", "start", ValueType::choice, "cycle", "",
                     "cycle: start on the limit cycle (periodic steady state, [periodic]); thermal: from the cold bath's "
                     "Gibbs state",
                     std::nullopt, false, std::nullopt, {"cycle", "thermal"}));
}

OttoProtocol otto_protocol(const io::Config& c) {
  OttoProtocol p;
  p.oscillator = c.text("model", "medium") == "oscillator";
  for (const auto& k : kReals) p.*k.member = c.real("model", k.key);
  for (const auto& k : kIntegers) p.*k.member = c.integer("model", k.key);
  if (!p.oscillator) p.levels = 2;
  p.start_on_cycle = c.text("model", "start") == "cycle";
  return p;
}

std::string OttoProtocol::phase() const {
  // t - T floor(t/T) without floor (muparser has rint): t - T rint(t/T - 1/2).
  const std::string T = num(period());
  return "(t - " + T + "*rint(t/" + T + " - 0.5))";
}

std::string OttoProtocol::profile() const {
  // The smooth stroke s(y) = y - sin(2 pi y)/(2 pi) on [0, 1]: s' and s'' vanish at both ends, so the
  // power and its derivatives are continuous where a stroke meets a thermalisation.
  const std::string x = phase();
  const std::string a = num(t_compress), b = num(t_compress + t_hot), e = num(t_compress + t_hot + t_expand);
  auto s = [](const std::string& y) { return "(" + y + " - sin(2*pi*" + y + ")/(2*pi))"; };
  return "(" + x + " < " + a + " ? " + s(x + "/" + a) + " : (" + x + " < " + b + " ? 1 : (" + x + " < " + e + " ? 1 - " +
         s("(" + x + " - " + b + ")/" + num(t_expand)) + " : 0)))";
}

std::string OttoProtocol::window(bool hot) const {
  const std::string x = phase();
  const double from = hot ? t_compress : t_compress + t_hot + t_expand, length = hot ? t_hot : t_cold;
  return "(" + x + " > " + num(from) + " && " + x + " < " + num(from + length) + " ? sin(pi*(" + x + " - " + num(from) +
         ")/" + num(length) + ")^2 : 0)";
}

std::vector<double> otto_times(const OttoProtocol& p) {
  const double durations[4] = {p.t_compress, p.t_hot, p.t_expand, p.t_cold};
  std::vector<double> times;
  for (long k = 0; k < p.cycles; ++k) {
    double start = double(k) * p.period();
    for (double d : durations) {
      for (long j = 0; j < p.samples_per_stroke; ++j) times.push_back(start + d * double(j) / double(p.samples_per_stroke));
      start += d;
    }
  }
  times.push_back(double(p.cycles) * p.period());
  return times;
}

operators::OperatorSum otto_excitation(const OttoProtocol& p, const space::TensorSpace& space) {
  if (p.oscillator) return operators::local(space, "n", 0);
  operators::OperatorSum e(space);
  return e.add("id", 0, 0.5).add("sz", 0, 0.5);
}

io::Quantity otto_channel(bool hot, bool emission) {
  const std::string bath = hot ? "hot" : "cold", way = emission ? "emission" : "absorption";
  return {"J_" + bath + "_" + way, "energy/time", "> 0: energy flows from the medium into the bath",
          "heat current of the " + bath + " bath's " + way + " channel (" + (emission ? "lowering" : "raising") + " operator)"};
}

OpenSystem otto_system(const OttoProtocol& p, const io::Quantity& hot, const io::Quantity& cold) {
  const space::TensorSpace hs({int(p.levels)});
  OpenSystem sys(hs);
  const auto h = p.oscillator ? operators::local(hs, "n", 0) : operators::local(hs, "sz", 0, 0.5);
  const auto lower = operators::local(hs, p.oscillator ? "a" : "sm", 0), raise = operators::local(hs, p.oscillator ? "adag" : "sp", 0);
  sys.H = h.scaled(p.omega_c);
  sys.drives.push_back({"stroke", h.scaled(p.omega_h - p.omega_c), io::TimeExpression(p.profile())});
  for (bool is_hot : {true, false}) {
    const double beta = is_hot ? p.beta_h : p.beta_c, omega = is_hot ? p.omega_h : p.omega_c;
    const double gamma = is_hot ? p.gamma_h : p.gamma_c, n = occupation(beta, omega);
    const std::string w = p.window(is_hot);
    for (bool emission : {true, false}) {
      const auto& c = emission ? lower : raise;
      operators::SuperOperator jump(hs);
      jump.add(1.0, c, c.adjoint());
      const auto rate = std::make_shared<io::TimeExpression>(num(gamma * (emission ? n + 1 : n)) + "*" + w);
      sys.channels.push_back({otto_channel(is_hot, emission), operators::dissipator(c, 1.0), std::move(jump), rate, beta});
    }
    sys.current_sums.push_back({is_hot ? hot : cold, {otto_channel(is_hot, true).name, otto_channel(is_hot, false).name}});
  }
  sys.initial = dynamics::gibbs(sys.H.dense(), p.beta_c);
  return sys;
}

}  // namespace qtherm::models
