// Seed 000, indirect erasure (Figs. 2–3, Eq. 13): party A (a qubit) never meets the ancillas; it is
// coupled to B (a qubit or a truncated oscillator), which collides with the thermal qubit ancillas.
// One step is U = U_B U_AB: the system first evolves for tau under
//   H_S = (omega/2) σz_A + H_B + J (σ+_A x_B + σ−_A x_B†),  x_B = σ−_B or a,  H_B = (omega/2) σz_B or omega a†a,
// (the excitation-conserving form of the paper's H_AB = ω(q² + p² + σz/2) + J(qσx + pσy)), then B meets a
// fresh ancilla through V = 2(x_B ⊗ σ+ + x_B† ⊗ σ−). A's reduced dynamics is non-Markovian and its local
// Landauer bound can fail (Fig. 3); qubit and oscillator mediators differ at high temperature (Fig. 2e).
#include "qtherm/models/builtin.hpp"
#include "qtherm/models/collision/collision_party.hpp"
#include "qtherm/models/collision/collision_protocol_run.hpp"

#include <cmath>
#include <optional>

#include "qtherm/operators/local_operator.hpp"

namespace qtherm::models {
namespace {

std::string summary() {
  return "indirect erasure: a qubit A coupled to a mediator B (qubit or oscillator) that collides with thermal qubit "
         "ancillas; local Landauer violations of A (seed 000 Figs. 2-3, Eq. 13)";
}

std::vector<io::Quantity> observables() { return protocol_observables(); }

std::vector<io::Quantity> scalars() { return protocol_scalars(); }

const std::vector<std::string> kNames = {"A", "B"};

struct Params {
  std::string mediator = "qubit";
  long levels = 20;
  double omega = 1, J = 0.1;
  std::string initial_a = "excited";
  std::optional<double> beta_b;
  ProtocolKeys protocol = ProtocolKeys::with_order({"free", "B"});

  void bind(io::Binder& b) {
    b.section("model");
    b.key("mediator", mediator)
        .choices({"qubit", "oscillator"})
        .meaning("party B: qubit (H = (omega/2) sz) or oscillator (H = omega a^dag a, `levels` Fock levels)");
    b.key("levels", levels).unit("1").min(2).meaning("Fock levels kept for an oscillator mediator");
    b.key("omega", omega).unit("energy").positive().meaning("frequency of A, B and the ancillas (resonant)");
    b.key("J", J).unit("energy").meaning("A-B exchange coupling J (sp_A x_B + h.c.) (seed 000 Fig. 2: J/omega = 0.1)");
    b.key("initial_a", initial_a)
        .choices({"excited", "ground"})
        .meaning("initial state of A (the information to erase): excited or ground");
    b.key("beta_b", beta_b)
        .unit("1/energy")
        .meaning("B starts thermal at this inverse temperature (default: the ancillas', as seed 000)");
    protocol.bind(b);
  }
  PartyKind b() const { return PartyKind::of(mediator, levels); }
};

// The stages of one step, from [model] order (refuses unknown names).
std::vector<dynamics::CollisionStage> stages(const io::Config& c, const Params& m) {
  return parse_order(c, m.protocol, kNames, {false, true});
}

ProtocolSpec build(const io::Config& c, const Params& m) {
  const PartyKind a{false, 2}, b = m.b();
  const double w = m.omega;
  ProtocolSpec spec(space::TensorSpace({2, PetscInt(b.dim)}));
  auto& p = spec.protocol;
  spec.names = kNames;
  spec.oscillator = {false, b.oscillator};
  p.H_R = 0.5 * w * operators::local_operator("sz", 2);
  p.beta = m.protocol.ancilla_beta(w);
  p.dt = m.protocol.dt;
  p.g0 = std::sqrt(m.protocol.gamma);
  p.free_in_collisions = m.protocol.free_in_collisions;
  p.local_H = {a.hamiltonian(w), b.hamiltonian(w)};
  p.H_S.add(operators::ProductTerm{1.0, {{0, p.local_H[0]}}});
  p.H_S.add(operators::ProductTerm{1.0, {{1, p.local_H[1]}}});
  const Eigen::MatrixXcd x = b.lowering();
  p.H_S.add(operators::ProductTerm{m.J, {{0, operators::local_operator("sp", 2)}, {1, x}}});
  p.H_S.add(operators::ProductTerm{m.J, {{0, operators::local_operator("sm", 2)}, {1, Eigen::MatrixXcd(x.adjoint())}}});
  p.couplings = {b.exchange_with_qubit(1)};
  spec.initial = {a.state(m.initial_a, w, 1, 0.0), b.state("thermal", w, 0, m.beta_b.value_or(p.beta))};
  p.stages = stages(c, m);
  return spec;
}

void declare(io::Schema& s) { io::declare<Params>(s); }

void validate(const io::Config& c) {
  const auto m = io::read<Params>(c);
  check_ancilla_temperature(c, m.protocol);
  if (m.beta_b && !std::isfinite(*m.beta_b)) throw c.error("model", "beta_b", "must be finite");
  stages(c, m);
  // Only the continuous route needs the operators to validate: the discrete one's check stays cheap
  // at thousands of levels (the memory check then speaks in well under a second).
  if (m.protocol.continuous()) check_protocol_route(c, m.protocol, build(c, m));
}

MemoryEstimate memory_estimate(const io::Config& c, int ranks) {
  const auto m = io::read<Params>(c);
  const bool oscillator = m.b().oscillator;
  // Both stages' unitaries conserve the excitation number (exchange couplings), so a row of either
  // holds at most 2 entries whatever the levels.
  return protocol_memory(
      c, m.protocol, ranks, "levels", double(m.levels), "",
      [oscillator](double l) { return 2 * (oscillator ? l : 2.0); }, 2);
}

io::RunRecord run(MPI_Comm comm, const io::Config& c, RunContext& ctx) {
  const auto m = io::read<Params>(c);
  return run_protocol(comm, c, m.protocol, build(c, m), ctx);
}

}  // namespace

std::unique_ptr<Model> make_collision_indirect() {
  return make_model({"collision_indirect", summary, declare, observables, scalars, validate, memory_estimate, run});
}

}  // namespace qtherm::models
