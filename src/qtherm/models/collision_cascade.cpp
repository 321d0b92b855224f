// Seed 000 (Landauer's principle in multipartite open quantum system dynamics), cascaded erasure:
// N identical parties (qubits or truncated oscillators) meet each fresh thermal qubit ancilla one after
// the other (Fig. 1a), through the isotropic exchange V_X = σx⊗σx + σy⊗σy (its oscillator analogue
// 2(a⊗σ+ + a†⊗σ−)). The ancilla recycled from party to party correlates the parties; the Landauer
// monitors of Eqs. (7), (11), (12) and the local bounds are written over time.
#include "qtherm/models/builtin.hpp"
#include "qtherm/models/collision_party.hpp"
#include "qtherm/models/collision_protocol_run.hpp"

#include <cmath>

#include "qtherm/operators/expression.hpp"
#include "qtherm/operators/local_operator.hpp"

namespace qtherm::models {
namespace {

class CollisionCascade final : public Model {
 public:
  std::string name() const override { return "collision_cascade"; }
  std::string summary() const override {
    return "N parties erased in cascade by one stream of thermal qubit ancillas: heat, entropy, Landauer bounds and "
           "their correlation split, discrete or continuous (seed 000 Fig. 1, Eqs. 7-12)";
  }
  void declare(io::Schema& schema) const override;
  std::vector<io::Quantity> observables() const override { return protocol_observables(); }
  std::vector<io::Quantity> scalars() const override { return protocol_scalars(); }
  void validate(const io::Config& config) const override;
  MemoryEstimate memory_estimate(const io::Config& config, int ranks) const override;
  io::RunRecord run(MPI_Comm comm, const io::Config& config, RunContext& context) const override;
};

std::vector<std::string> party_names(long n) {
  std::vector<std::string> names;
  for (long k = 0; k < n; ++k) names.push_back(std::string(1, char('A' + k)));
  return names;
}

// [model] V on (party, ancilla) = parties (0, 1) of the expression, as S_k ⊗ R_k pairs.
thermo::PartyCoupling coupling_expression(const io::Config& c, const PartyKind& kind, int party) {
  operators::OperatorSum V(space::TensorSpace({PetscInt(kind.dim), 2}));
  try {
    V = operators::parse_operator(c.text("model", "V"), V.space());
  } catch (const std::invalid_argument& e) {
    throw c.error("model", "V", e.what());
  }
  thermo::PartyCoupling out{party, {}};
  for (const auto& t : V.terms()) {
    const auto s = t.factors.find(0), r = t.factors.find(1);
    out.terms.push_back({t.coef * (s == t.factors.end() ? Eigen::MatrixXcd::Identity(kind.dim, kind.dim).eval() : s->second),
                         r == t.factors.end() ? Eigen::MatrixXcd::Identity(2, 2).eval() : r->second});
  }
  if (out.terms.empty()) throw c.error("model", "V", "the coupling is zero");
  const Eigen::MatrixXcd d = out.dense();
  if ((d - d.adjoint()).norm() > 1e-12 * std::max(1.0, d.norm())) throw c.error("model", "V", "the coupling is not Hermitian");
  return out;
}

ProtocolSpec build(const io::Config& c) {
  const long n = c.integer("model", "parties");
  const PartyKind kind = PartyKind::from(c, "party", "levels");
  const double w = c.real("model", "omega");
  ProtocolSpec spec(space::TensorSpace(std::vector<PetscInt>(n, kind.dim)));
  auto& p = spec.protocol;
  spec.names = party_names(n);
  spec.oscillator.assign(n, kind.oscillator);
  p.H_R = 0.5 * (c.has("model", "omega_a") ? c.real("model", "omega_a") : w) * operators::local_operator("sz", 2);
  p.beta = ancilla_beta(c, w);
  p.dt = c.real("model", "dt");
  p.g0 = std::sqrt(c.real("model", "gamma"));
  p.free_in_collisions = c.boolean("model", "free_in_collisions");
  const double beta_s = c.has("model", "beta_s") ? c.real("model", "beta_s") : p.beta;
  for (long k = 0; k < n; ++k) {
    p.local_H.push_back(kind.hamiltonian(w));
    p.H_S.add(operators::ProductTerm{1.0, {{int(k), p.local_H.back()}}});
    p.couplings.push_back(c.text("model", "coupling") == "exchange" ? kind.exchange_with_qubit(int(k)) : coupling_expression(c, kind, int(k)));
    spec.initial.push_back(kind.state(c.text("model", "initial"), w, c.integer("model", "fock"), beta_s));
  }
  const double tau = c.has("model", "tau") ? c.real("model", "tau") : p.dt;
  p.stages = parse_order(c, spec.names, std::vector<bool>(n, true), tau);
  return spec;
}

void CollisionCascade::declare(io::Schema& s) const {
  using io::ValueType;
  auto add = [&](auto&&... a) { s.add(io::make_key(std::forward<decltype(a)>(a)...)); };
  add("model", "parties", ValueType::integer, "2", "1", "number N of identical parties, named A, B, C, ... (at most 8)", 1.0);
  add("model", "party", ValueType::choice, "qubit", "", "qubit: H = (omega/2) sz; oscillator: H = omega a^dag a, truncated to `levels`",
      std::nullopt, false, std::nullopt, std::vector<std::string>{"qubit", "oscillator"});
  add("model", "levels", ValueType::integer, "6", "1", "Fock levels kept per oscillator party", 2.0);
  add("model", "omega", ValueType::real, "1", "energy", "party and ancilla frequency (resonant); the ancilla is (omega/2) sz", 0.0, true);
  add("model", "omega_a", ValueType::real, "", "energy", "ancilla frequency, H_R = (omega_a/2) sz (default: omega)", 0.0, true);
  add("model", "coupling", ValueType::choice, "exchange", "",
      "exchange: V = sx(x)sx + sy(x)sy (qubits) or 2(a(x)sp + a^dag(x)sm) (oscillators); expression: the operator `V`",
      std::nullopt, false, std::nullopt, std::vector<std::string>{"exchange", "expression"});
  add("model", "V", ValueType::string, "sx(0)*sx(1) + sy(0)*sy(1)", "1",
      "coupling = expression: V between a party (0) and the ancilla (1), e.g. sx(0)*sx(1) + 0.5*sz(0)*sy(1); Hermitian; "
      "the same for every party; g = sqrt(gamma/dt) multiplies it");
  add("model", "initial", ValueType::choice, "excited", "",
      "initial state of every party: excited (qubit up, seed 000's |up up>; oscillator Fock |fock>), ground, or thermal at beta_s",
      std::nullopt, false, std::nullopt, std::vector<std::string>{"excited", "ground", "thermal"});
  add("model", "fock", ValueType::integer, "1", "1", "Fock number of an excited oscillator party", 0.0);
  add("model", "beta_s", ValueType::real, "", "1/energy", "inverse temperature of a thermal initial state (default: the ancillas')");
  declare_protocol_keys(s, "A, B");
}

void CollisionCascade::validate(const io::Config& c) const {
  check_ancilla_temperature(c);
  const long n = c.integer("model", "parties");
  if (n > 8) throw c.error("model", "parties", "at most 8 parties (the state is dense per party: d^(2N) unknowns)");
  const PartyKind kind = PartyKind::from(c, "party", "levels");
  if (kind.oscillator && c.text("model", "initial") == "excited" && c.integer("model", "fock") >= kind.dim)
    throw c.error("model", "fock", "Fock state " + std::to_string(c.integer("model", "fock")) + " needs levels > " +
                                       std::to_string(c.integer("model", "fock")));
  if (c.has("model", "beta_s") && !std::isfinite(c.real("model", "beta_s"))) throw c.error("model", "beta_s", "must be finite");
  const ProtocolSpec spec = build(c);  // the order names known parties
  check_protocol_route(c, spec);
}

MemoryEstimate CollisionCascade::memory_estimate(const io::Config& c, int ranks) const {
  const double dim = double(PartyKind::from(c, "party", "levels").dim);
  return protocol_memory(c, ranks, "parties", double(c.integer("model", "parties")), "", [dim](double n) { return std::pow(dim, n); },
                         2 * dim);
}

io::RunRecord CollisionCascade::run(MPI_Comm comm, const io::Config& c, RunContext& ctx) const {
  return run_protocol(comm, c, build(c), ctx);
}

}  // namespace

std::unique_ptr<Model> make_collision_cascade() { return std::make_unique<CollisionCascade>(); }

}  // namespace qtherm::models
