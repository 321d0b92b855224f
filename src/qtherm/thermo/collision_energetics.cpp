#include "qtherm/thermo/collision_energetics.hpp"

#include <cmath>
#include <limits>
#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/info/entropy.hpp"
#include "qtherm/space/partial_trace.hpp"

namespace qtherm::thermo {
namespace {

using Dense = Eigen::MatrixXcd;

double real_trace(const Dense& a, const Dense& b) { return (a * b).trace().real(); }

// S(ρ) of a state computed by the model (unitary images and partial traces of valid states).
double entropy(const Dense& rho) { return info::von_neumann_entropy(0.5 * (rho + rho.adjoint())); }

// D(ρ‖σ) = −S(ρ) − tr ρ ln σ for σ = e^{−βH}/Z, with ln σ from the eigenvalues e_k of H,
// ln σ_k = −β(e_k − e_min) − ln Z'. β = ∞: −S(ρ) if ρ lives in the ground space, else +inf.
double relative_entropy_to_gibbs(const Dense& rho, const Dense& H, double beta) {
  Eigen::SelfAdjointEigenSolver<Dense> es(H);
  const Eigen::VectorXd& e = es.eigenvalues();
  const double e0 = e.minCoeff();
  double z = 0;
  for (Eigen::Index k = 0; k < e.size(); ++k)
    z += std::isinf(beta) ? (e(k) - e0 < 1e-12 ? 1.0 : 0.0) : std::exp(-beta * (e(k) - e0));
  double cross = std::log(z);  // −tr ρ ln σ
  for (Eigen::Index k = 0; k < e.size(); ++k) {
    const double w = (es.eigenvectors().col(k).adjoint() * rho * es.eigenvectors().col(k))(0, 0).real();
    if (std::isinf(beta)) {
      if (e(k) - e0 >= 1e-12 && w > 1e-12) return std::numeric_limits<double>::infinity();
    } else {
      cross += w * beta * (e(k) - e0);
    }
  }
  return cross - entropy(rho);
}

}  // namespace

CollisionEnergetics collision_energetics(const dynamics::CollisionModel& m, const Dense& rho_s,
                                         const dynamics::CollisionStep& s) {
  const Dense before = Eigen::kroneckerProduct(rho_s, m.ancilla_state()).eval();
  const Dense rho_a_after = space::partial_trace(
      s.joint_after, space::TensorSpace({PetscInt(m.system_dim()), PetscInt(m.ancilla_dim())}), {1});
  const Dense diff = s.joint_after - before;
  CollisionEnergetics e;
  e.heat = real_trace(rho_a_after - m.ancilla_state(), m.ancilla_hamiltonian());
  e.work = -real_trace(diff, m.interaction());
  e.energy_change = real_trace(s.rho_after - rho_s, m.system_hamiltonian());
  e.first_law_residual = e.energy_change - (e.work - e.heat);
  e.entropy_change = entropy(s.rho_after) - entropy(rho_s);
  // β Q with β = ∞ and Q = 0 is taken as 0 (ground-state ancillas, nothing absorbed).
  e.entropy_production = e.entropy_change + (e.heat == 0 ? 0.0 : m.beta() * e.heat);
  e.mutual_information = entropy(s.rho_after) + entropy(rho_a_after) - entropy(s.joint_after);
  e.ancilla_relative_entropy = relative_entropy_to_gibbs(rho_a_after, m.ancilla_hamiltonian(), m.beta());
  return e;
}

ProtocolEnergetics protocol_energetics(const dynamics::ProtocolStep& s, int parties) {
  ProtocolEnergetics r;
  r.party_heat.assign(parties, 0.0);
  for (size_t k = 0; k < s.generator_change.size(); ++k) {
    const double dS = s.system_energy[k + 1] - s.system_energy[k], dR = s.ancilla_energy[k + 1] - s.ancilla_energy[k];
    r.work += dS + dR - s.generator_change[k];
    r.first_law_residual += s.generator_change[k];
    if (s.stage_party[k] >= 0) r.party_heat[s.stage_party[k]] += dR;
  }
  r.heat = s.ancilla_energy.back() - s.ancilla_energy.front();
  r.energy_change = s.system_energy.back() - s.system_energy.front();
  return r;
}

}  // namespace qtherm::thermo
