// Seed 000, indirect erasure (Figs. 2–3, Eq. 13): party A (a qubit) never meets the ancillas; it is
// coupled to B (a qubit or a truncated oscillator), which collides with the thermal qubit ancillas.
// One step is U = U_B U_AB: the system first evolves for tau under
//   H_S = (omega/2) σz_A + H_B + J (σ+_A x_B + σ−_A x_B†),  x_B = σ−_B or a,  H_B = (omega/2) σz_B or omega a†a,
// (the excitation-conserving form of the paper's H_AB = ω(q² + p² + σz/2) + J(qσx + pσy)), then B meets a
// fresh ancilla through V = 2(x_B ⊗ σ+ + x_B† ⊗ σ−). A's reduced dynamics is non-Markovian and its local
// Landauer bound can fail (Fig. 3); qubit and oscillator mediators differ at high temperature (Fig. 2e).
#include "qtherm/models/builtin.hpp"
#include "qtherm/models/collision_party.hpp"
#include "qtherm/models/collision_protocol_run.hpp"

#include <cmath>

#include "qtherm/operators/local_operator.hpp"

namespace qtherm::models {
namespace {

class CollisionIndirect final : public Model {
 public:
  std::string name() const override { return "collision_indirect"; }
  std::string summary() const override {
    return "indirect erasure: a qubit A coupled to a mediator B (qubit or oscillator) that collides with thermal qubit "
           "ancillas; local Landauer violations of A (seed 000 Figs. 2-3, Eq. 13)";
  }
  void declare(io::Schema& schema) const override;
  std::vector<io::Quantity> observables() const override { return protocol_observables(); }
  std::vector<io::Quantity> scalars() const override { return protocol_scalars(); }
  void validate(const io::Config& config) const override;
  MemoryEstimate memory_estimate(const io::Config& config, int ranks) const override;
  io::RunRecord run(MPI_Comm comm, const io::Config& config, RunContext& context) const override;
};

const std::vector<std::string> kNames = {"A", "B"};

// The stages of one step, from [model] order (refuses unknown names).
std::vector<thermo::CollisionStage> stages(const io::Config& c) {
  const double tau = c.has("model", "tau") ? c.real("model", "tau") : c.real("model", "dt");
  return parse_order(c, kNames, {false, true}, tau);
}

ProtocolSpec build(const io::Config& c) {
  const PartyKind a{false, 2}, b = PartyKind::from(c, "mediator", "levels");
  const double w = c.real("model", "omega"), J = c.real("model", "J");
  ProtocolSpec spec(space::TensorSpace({2, PetscInt(b.dim)}));
  auto& p = spec.protocol;
  spec.names = kNames;
  spec.oscillator = {false, b.oscillator};
  p.H_R = 0.5 * w * operators::local_operator("sz", 2);
  p.beta = ancilla_beta(c, w);
  p.dt = c.real("model", "dt");
  p.g0 = std::sqrt(c.real("model", "gamma"));
  p.free_in_collisions = c.boolean("model", "free_in_collisions");
  p.local_H = {a.hamiltonian(w), b.hamiltonian(w)};
  p.H_S.add(operators::ProductTerm{1.0, {{0, p.local_H[0]}}});
  p.H_S.add(operators::ProductTerm{1.0, {{1, p.local_H[1]}}});
  const Eigen::MatrixXcd x = b.lowering();
  p.H_S.add(operators::ProductTerm{J, {{0, operators::local_operator("sp", 2)}, {1, x}}});
  p.H_S.add(operators::ProductTerm{J, {{0, operators::local_operator("sm", 2)}, {1, Eigen::MatrixXcd(x.adjoint())}}});
  p.couplings = {b.exchange_with_qubit(1)};
  const double beta_b = c.has("model", "beta_b") ? c.real("model", "beta_b") : p.beta;
  spec.initial = {a.state(c.text("model", "initial_a"), w, 1, 0.0), b.state("thermal", w, 0, beta_b)};
  p.stages = stages(c);
  return spec;
}

void CollisionIndirect::declare(io::Schema& s) const {
  using io::ValueType;
  auto add = [&](auto&&... a) { s.add(io::make_key(std::forward<decltype(a)>(a)...)); };
  add("model", "mediator", ValueType::choice, "qubit", "", "party B: qubit (H = (omega/2) sz) or oscillator (H = omega a^dag a, `levels` Fock levels)",
      std::nullopt, false, std::nullopt, std::vector<std::string>{"qubit", "oscillator"});
  add("model", "levels", ValueType::integer, "20", "1", "Fock levels kept for an oscillator mediator", 2.0);
  add("model", "omega", ValueType::real, "1", "energy", "frequency of A, B and the ancillas (resonant)", 0.0, true);
  add("model", "J", ValueType::real, "0.1", "energy", "A-B exchange coupling J (sp_A x_B + h.c.) (seed 000 Fig. 2: J/omega = 0.1)");
  add("model", "initial_a", ValueType::choice, "excited", "", "initial state of A (the information to erase): excited or ground",
      std::nullopt, false, std::nullopt, std::vector<std::string>{"excited", "ground"});
  add("model", "beta_b", ValueType::real, "", "1/energy", "B starts thermal at this inverse temperature (default: the ancillas', as seed 000)");
  declare_protocol_keys(s, "free, B");
}

void CollisionIndirect::validate(const io::Config& c) const {
  check_ancilla_temperature(c);
  if (c.has("model", "beta_b") && !std::isfinite(c.real("model", "beta_b"))) throw c.error("model", "beta_b", "must be finite");
  stages(c);
  // Only the continuous route needs the operators to validate: the discrete one's check stays cheap
  // at thousands of levels (the memory check then speaks in well under a second).
  if (c.text("model", "route") == "continuous") check_protocol_route(c, build(c));
}

MemoryEstimate CollisionIndirect::memory_estimate(const io::Config& c, int ranks) const {
  const bool oscillator = c.text("model", "mediator") == "oscillator";
  const double levels = double(c.integer("model", "levels"));
  // Both stages' unitaries conserve the excitation number (exchange couplings), so a row of either
  // holds at most 2 entries whatever the levels.
  return protocol_memory(c, ranks, "levels", levels, "", [oscillator](double l) { return 2 * (oscillator ? l : 2.0); }, 2);
}

io::RunRecord CollisionIndirect::run(MPI_Comm comm, const io::Config& c, RunContext& ctx) const {
  return run_protocol(comm, c, build(c), ctx);
}

}  // namespace

std::unique_ptr<Model> make_collision_indirect() { return std::make_unique<CollisionIndirect>(); }

}  // namespace qtherm::models
