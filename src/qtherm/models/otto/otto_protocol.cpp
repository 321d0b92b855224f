#include "qtherm/models/otto/otto_protocol.hpp"

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

void OttoProtocol::bind(io::Binder& b) {
  b.section("model");
  b.key("medium", medium)
      .choices({"qubit", "oscillator"})
      .meaning("working medium: qubit (H = omega sz/2) or oscillator (H = omega n, truncated to levels)");
  b.key("levels", levels)
      .range(2, double(kEntropyMaxDim))
      .meaning("oscillator: Fock states kept (at most 256: the entropy production diagonalises rho)");
  b.key("cycles", cycles).range(1, 1e9).meaning("cycles to run (the per-cycle scalars are of the last)");
  b.key("samples_per_stroke", samples_per_stroke)
      .range(1, 1e9)
      .meaning("output intervals per stroke (stroke ends are output times)");
  b.key("omega_h", omega_h).unit("energy").positive().meaning("level spacing during the hot stroke");
  b.key("omega_c", omega_c).unit("energy").positive().meaning("level spacing during the cold stroke");
  b.key("beta_h", beta_h).unit("1/energy").positive().meaning("inverse temperature of the hot bath");
  b.key("beta_c", beta_c).unit("1/energy").positive().meaning("inverse temperature of the cold bath");
  b.key("gamma_h", gamma_h).unit("1/time").positive().meaning("peak coupling rate to the hot bath");
  b.key("gamma_c", gamma_c).unit("1/time").positive().meaning("peak coupling rate to the cold bath");
  b.key("t_compress", t_compress).unit("time").positive().meaning("stroke 1: omega_c -> omega_h, isolated");
  b.key("t_hot", t_hot)
      .unit("time")
      .positive()
      .meaning("stroke 2: hot bath coupled as gamma_h sin^2(pi s), s in [0, 1]");
  b.key("t_expand", t_expand).unit("time").positive().meaning("stroke 3: omega_h -> omega_c, isolated");
  b.key("t_cold", t_cold).unit("time").positive().meaning("stroke 4: cold bath coupled as gamma_c sin^2(pi s)");
  b.key("start", start)
      .choices({"cycle", "thermal"})
      .meaning(
          "cycle: start on the limit cycle (periodic steady state, [periodic]); thermal: from the cold bath's "
          "Gibbs state");
}

OttoProtocol otto_protocol(const io::Config& c) {
  auto p = io::read<OttoProtocol>(c);
  if (!p.oscillator()) p.levels = 2;
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
  return "(" + x + " < " + a + " ? " + s(x + "/" + a) + " : (" + x + " < " + b + " ? 1 : (" + x + " < " + e +
         " ? 1 - " + s("(" + x + " - " + b + ")/" + num(t_expand)) + " : 0)))";
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
      for (long j = 0; j < p.samples_per_stroke; ++j)
        times.push_back(start + d * double(j) / double(p.samples_per_stroke));
      start += d;
    }
  }
  times.push_back(double(p.cycles) * p.period());
  return times;
}

operators::OperatorSum otto_excitation(const OttoProtocol& p, const space::TensorSpace& space) {
  if (p.oscillator()) return operators::local(space, "n", 0);
  operators::OperatorSum e(space);
  return e.add("id", 0, 0.5).add("sz", 0, 0.5);
}

io::Quantity otto_channel(bool hot, bool emission) {
  const std::string bath = hot ? "hot" : "cold", way = emission ? "emission" : "absorption";
  return {"J_" + bath + "_" + way, "energy/time", "> 0: energy flows from the medium into the bath",
          "heat current of the " + bath + " bath's " + way + " channel (" + (emission ? "lowering" : "raising") +
              " operator)"};
}

OpenSystem otto_system(const OttoProtocol& p, const io::Quantity& hot, const io::Quantity& cold) {
  const space::TensorSpace hs({int(p.levels)});
  OpenSystem sys(hs);
  const auto h = p.oscillator() ? operators::local(hs, "n", 0) : operators::local(hs, "sz", 0, 0.5);
  const auto lower = operators::local(hs, p.oscillator() ? "a" : "sm", 0),
             raise = operators::local(hs, p.oscillator() ? "adag" : "sp", 0);
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
      sys.channels.push_back(
          {otto_channel(is_hot, emission), operators::dissipator(c, 1.0), std::move(jump), rate, beta});
    }
    sys.current_sums.push_back(
        {is_hot ? hot : cold, {otto_channel(is_hot, true).name, otto_channel(is_hot, false).name}});
  }
  sys.initial = dynamics::gibbs(sys.H.dense(), p.beta_c);
  return sys;
}

}  // namespace qtherm::models
