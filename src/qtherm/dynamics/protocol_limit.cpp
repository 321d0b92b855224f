#include "qtherm/dynamics/protocol_limit.hpp"

#include <stdexcept>
#include <string>

namespace qtherm::dynamics {
namespace {

using operators::OperatorSum;

// One term S_k ⊗ R_k of a collision stage's coupling, with its position in the step.
struct CouplingTerm {
  int stage;
  OperatorSum S;  // on the system
  Dense R;
};

PetscScalar expect(const Dense& eta, const Dense& O) { return (O * eta).trace(); }

}  // namespace

operators::SuperOperator ProtocolLimit::generator() const {
  operators::SuperOperator L = operators::hamiltonian_part(H_eff);
  L.add(dissipator);
  return L;
}

ProtocolLimit continuous_limit(const CollisionProtocol& p) {
  p.validate();
  const space::TensorSpace& sys = p.system;
  const Dense eta = p.ancilla_state(), HR = p.H_R;
  ProtocolLimit lim(sys);
  const OperatorSum I = OperatorSum::identity(sys);

  std::vector<CouplingTerm> terms;
  std::vector<Dense> first_order(sys.parties());
  for (int p_ = 0; p_ < sys.parties(); ++p_) first_order[p_] = Dense::Zero(sys.local_dim(p_), sys.local_dim(p_));
  for (size_t s = 0; s < p.stages.size(); ++s) {
    const CollisionStage& st = p.stages[s];
    if (st.party < 0) {
      lim.H_eff.add(p.H_S, st.duration / p.dt);
      continue;
    }
    if (p.free_in_collisions) lim.H_eff.add(operators::ProductTerm{1.0, {{st.party, p.local_H[st.party]}}});
    for (const auto& [S, R] : p.coupling_of(st.party).terms) {
      terms.push_back({static_cast<int>(s), OperatorSum(sys).add(operators::ProductTerm{1.0, {{st.party, S}}}), R});
      first_order[st.party] += expect(eta, R) * S;
    }
  }
  // The first-order term −i√dt g0 [tr_R(A(1⊗η)), ρ] must vanish: each party's part ∝ 1.
  for (int q = 0; q < sys.parties(); ++q) {
    const Dense& F = first_order[q];
    const PetscScalar mean = F.trace() / static_cast<double>(F.rows());
    if ((F - mean * Dense::Identity(F.rows(), F.cols())).norm() > 1e-10 * std::max(1.0, F.norm()))
      throw std::invalid_argument("the continuous limit does not exist: tr_R[V (1 x rho_R)] on party " +
                                  std::to_string(q) + " is not proportional to the identity (<R_k> != 0)");
  }
  const double g2 = p.g0 * p.g0;
  for (const auto& a : terms)
    for (const auto& b : terms) {
      // A(ρ⊗η)A: S_a ρ S_b tr(R_b R_a η).
      lim.dissipator.add(g2 * expect(eta, b.R * a.R), a.S, b.S);
      // A H_R A: S_a S_b tr(R_a H_R R_b η).
      lim.heat_operator.add(a.S * b.S, g2 * expect(eta, a.R * HR * b.R));
      // B with stage(a) <= stage(b): weight ½ on the same stage, 1 when b acts after a.
      if (a.stage > b.stage) continue;
      const double w = a.stage == b.stage ? 0.5 : 1.0;
      // −B(ρ⊗η): −S_b S_a ρ tr(R_b R_a η);  −(ρ⊗η)B†: −ρ S_a S_b tr(R_a R_b η).
      lim.dissipator.add(-g2 * w * expect(eta, b.R * a.R), b.S * a.S, I);
      lim.dissipator.add(-g2 * w * expect(eta, a.R * b.R), I, a.S * b.S);
      // −B† H_R − H_R B: −S_a S_b tr(R_a R_b H_R η) − S_b S_a tr(H_R R_b R_a η).
      lim.heat_operator.add(a.S * b.S, -g2 * w * expect(eta, a.R * b.R * HR));
      lim.heat_operator.add(b.S * a.S, -g2 * w * expect(eta, HR * b.R * a.R));
    }
  return lim;
}

}  // namespace qtherm::dynamics
