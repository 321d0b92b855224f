// Seed 000 (Landauer's principle in multipartite open quantum system dynamics), cascaded erasure:
// N identical parties (qubits or truncated oscillators) meet each fresh thermal qubit ancilla one after
// the other (Fig. 1a), through the isotropic exchange V_X = σx⊗σx + σy⊗σy (its oscillator analogue
// 2(a⊗σ+ + a†⊗σ−)). The ancilla recycled from party to party correlates the parties; the Landauer
// monitors of Eqs. (7), (11), (12) and the local bounds are written over time.
#include "qtherm/models/builtin.hpp"
#include "qtherm/models/collision/collision_party.hpp"
#include "qtherm/models/collision/collision_protocol_run.hpp"

#include <cmath>
#include <optional>

#include "qtherm/operators/expression.hpp"
#include "qtherm/operators/local_operator.hpp"

namespace qtherm::models {
namespace {

std::string summary() {
  return "N parties erased in cascade by one stream of thermal qubit ancillas: heat, entropy, Landauer bounds and "
         "their correlation split, discrete or continuous (seed 000 Fig. 1, Eqs. 7-12)";
}

std::vector<io::Quantity> observables() { return protocol_observables(); }

std::vector<io::Quantity> scalars() { return protocol_scalars(); }

std::vector<std::string> party_names(long n) {
  std::vector<std::string> names;
  for (long k = 0; k < n; ++k) names.push_back(std::string(1, char('A' + k)));
  return names;
}

struct Params {
  long parties = 2;
  std::string party = "qubit";
  long levels = 6;
  double omega = 1;
  std::optional<double> omega_a;
  std::string coupling = "exchange";
  std::string V = "sx(0)*sx(1) + sy(0)*sy(1)";
  std::string initial = "excited";
  long fock = 1;
  std::optional<double> beta_s;
  ProtocolKeys protocol = ProtocolKeys::with_order({"A", "B"});

  void bind(io::Binder& b) {
    b.section("model");
    b.key("parties", parties).unit("1").min(1).meaning("number N of identical parties, named A, B, C, ... (at most 8)");
    b.key("party", party)
        .choices({"qubit", "oscillator"})
        .meaning("qubit: H = (omega/2) sz; oscillator: H = omega a^dag a, truncated to `levels`");
    b.key("levels", levels).unit("1").min(2).meaning("Fock levels kept per oscillator party");
    b.key("omega", omega)
        .unit("energy")
        .positive()
        .meaning("party and ancilla frequency (resonant); the ancilla is (omega/2) sz");
    b.key("omega_a", omega_a)
        .unit("energy")
        .positive()
        .meaning("ancilla frequency, H_R = (omega_a/2) sz (default: omega)");
    b.key("coupling", coupling)
        .choices({"exchange", "expression"})
        .meaning(
            "exchange: V = sx(x)sx + sy(x)sy (qubits) or 2(a(x)sp + a^dag(x)sm) (oscillators); expression: the "
            "operator `V`");
    b.key("V", V).unit("1").meaning(
        "coupling = expression: V between a party (0) and the ancilla (1), e.g. sx(0)*sx(1) + 0.5*sz(0)*sy(1); "
        "Hermitian; the same for every party; g = sqrt(gamma/dt) multiplies it");
    b.key("initial", initial)
        .choices({"excited", "ground", "thermal"})
        .meaning(
            "initial state of every party: excited (qubit up, seed 000's |up up>; oscillator Fock |fock>), ground, "
            "or thermal at beta_s");
    b.key("fock", fock).unit("1").non_negative().meaning("Fock number of an excited oscillator party");
    b.key("beta_s", beta_s)
        .unit("1/energy")
        .meaning("inverse temperature of a thermal initial state (default: the ancillas')");
    protocol.bind(b);
  }
  PartyKind kind() const { return PartyKind::of(party, levels); }
};

// [model] V on (party, ancilla) = parties (0, 1) of the expression, as S_k ⊗ R_k pairs.
dynamics::PartyCoupling coupling_expression(const io::Config& c, const Params& m, const PartyKind& kind, int party) {
  operators::OperatorSum V(space::TensorSpace({PetscInt(kind.dim), 2}));
  try {
    V = operators::parse_operator(m.V, V.space());
  } catch (const std::invalid_argument& e) {
    throw c.error("model", "V", e.what());
  }
  dynamics::PartyCoupling out{party, {}};
  for (const auto& t : V.terms()) {
    const auto s = t.factors.find(0), r = t.factors.find(1);
    out.terms.push_back(
        {t.coef * (s == t.factors.end() ? Eigen::MatrixXcd::Identity(kind.dim, kind.dim).eval() : s->second),
         r == t.factors.end() ? Eigen::MatrixXcd::Identity(2, 2).eval() : r->second});
  }
  if (out.terms.empty()) throw c.error("model", "V", "the coupling is zero");
  const Eigen::MatrixXcd d = out.dense();
  if ((d - d.adjoint()).norm() > 1e-12 * std::max(1.0, d.norm()))
    throw c.error("model", "V", "the coupling is not Hermitian");
  return out;
}

ProtocolSpec build(const io::Config& c, const Params& m) {
  const long n = m.parties;
  const PartyKind kind = m.kind();
  const double w = m.omega;
  ProtocolSpec spec(space::TensorSpace(std::vector<PetscInt>(n, kind.dim)));
  auto& p = spec.protocol;
  spec.names = party_names(n);
  spec.oscillator.assign(n, kind.oscillator);
  p.H_R = 0.5 * m.omega_a.value_or(w) * operators::local_operator("sz", 2);
  p.beta = m.protocol.ancilla_beta(w);
  p.dt = m.protocol.dt;
  p.g0 = std::sqrt(m.protocol.gamma);
  p.free_in_collisions = m.protocol.free_in_collisions;
  const double beta_s = m.beta_s.value_or(p.beta);
  for (long k = 0; k < n; ++k) {
    p.local_H.push_back(kind.hamiltonian(w));
    p.H_S.add(operators::ProductTerm{1.0, {{int(k), p.local_H.back()}}});
    p.couplings.push_back(m.coupling == "exchange" ? kind.exchange_with_qubit(int(k))
                                                   : coupling_expression(c, m, kind, int(k)));
    spec.initial.push_back(kind.state(m.initial, w, m.fock, beta_s));
  }
  p.stages = parse_order(c, m.protocol, spec.names, std::vector<bool>(n, true));
  return spec;
}

void declare(io::Schema& s) { io::declare<Params>(s); }

void validate(const io::Config& c) {
  const auto m = io::read<Params>(c);
  check_ancilla_temperature(c, m.protocol);
  if (m.parties > 8)
    throw c.error("model", "parties", "at most 8 parties (the state is dense per party: d^(2N) unknowns)");
  const PartyKind kind = m.kind();
  if (kind.oscillator && m.initial == "excited" && m.fock >= kind.dim)
    throw c.error("model", "fock",
                  "Fock state " + std::to_string(m.fock) + " needs levels > " + std::to_string(m.fock));
  if (m.beta_s && !std::isfinite(*m.beta_s)) throw c.error("model", "beta_s", "must be finite");
  const ProtocolSpec spec = build(c, m);  // the order names known parties
  check_protocol_route(c, m.protocol, spec);
}

MemoryEstimate memory_estimate(const io::Config& c, int ranks) {
  const auto m = io::read<Params>(c);
  const double dim = double(m.kind().dim);
  return protocol_memory(
      c, m.protocol, ranks, "parties", double(m.parties), "", [dim](double n) { return std::pow(dim, n); }, 2 * dim);
}

io::RunRecord run(MPI_Comm comm, const io::Config& c, RunContext& ctx) {
  const auto m = io::read<Params>(c);
  return run_protocol(comm, c, m.protocol, build(c, m), ctx);
}

}  // namespace

std::unique_ptr<Model> make_collision_cascade() {
  return make_model({"collision_cascade", summary, declare, observables, scalars, validate, memory_estimate, run});
}

}  // namespace qtherm::models
