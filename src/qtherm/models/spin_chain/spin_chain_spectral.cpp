// The exact route evolved densely: ρ(0) = ρ_S ⊗ ρ_E and, for M (Eq. 7), 1 ⊗ ρ_E, both as the mixed
// states they are through ONE eigendecomposition of H on the 2^(N+1) space and phases per output time
// (dynamics/mixed_state_evolution.hpp, the machinery of interacting_reservoirs' dense evolution),
// instead of one Krylov evolution per chain basis state. Columns and bit order as the Krylov exact
// route (spin_chain_distributed.cpp): index s·2^N + e, S the most significant bit, |1> = up.
#include <cmath>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/dynamics/mixed_state_evolution.hpp"
#include "qtherm/models/spin_chain/spin_chain.hpp"

namespace qtherm::models::spin_chain {
namespace {

using cplx = std::complex<double>;
using space::BitBasis;

operators::SparseSectorMatrix sparse(const operators::PauliSum& O, const BitBasis& basis) {
  std::vector<Eigen::Triplet<cplx>> entries;
  std::vector<std::pair<PetscInt, PetscScalar>> row;
  for (PetscInt r = 0; r < PetscInt(basis.size()); ++r) {
    row.clear();
    O.append_row(basis, r, row);
    for (const auto& [c, v] : row) entries.emplace_back(r, c, v);
  }
  operators::SparseSectorMatrix m(basis.size(), basis.size());
  m.setFromTriplets(entries.begin(), entries.end());  // sums the strings meeting in one entry
  return m;
}

}  // namespace

std::vector<Snapshot> spectral_route(const Params& p, const std::vector<double>& times) {
  const BitBasis joint = BitBasis::full(p.N + 1);
  const long D = joint.size(), dE = D / 2;
  // Observables: H_E on the joint space, then σx, σy, σz of S.
  std::vector<operators::SparseSectorMatrix> observed{sparse(environment_on_joint(p), joint)};
  for (char c : {'x', 'y', 'z'}) {
    operators::PauliSum s(p.N + 1);
    s.add(1.0, {{0, c}});
    observed.push_back(sparse(s, joint));
  }
  const dynamics::DenseSpectrum spectrum(dense_matrix(total_hamiltonian(p)), observed);

  // ρ_E ∝ Σ_m e^{−β(E_m − E0)} |w_m><w_m| (ground-state shift: no overflow at large β).
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> env(dense_matrix(environment_only(p)));
  const Eigen::VectorXd boltzmann = (-p.beta * (env.eigenvalues().array() - env.eigenvalues().minCoeff())).exp();
  const double Z = boltzmann.sum();
  const auto& W = env.eigenvectors();

  // ρ(0): columns s_j ⊗ w_m with weights λ_j p_m; M: |1>⊗w_m and |0>⊗w_m with weights p_m, evolved back.
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix2cd> sys(p.rho_S);
  Eigen::MatrixXcd start(D, 2 * dE), unit = Eigen::MatrixXcd::Zero(D, 2 * dE);
  Eigen::VectorXd start_w(2 * dE), unit_w(2 * dE);
  for (int j = 0; j < 2; ++j) {
    const auto s = sys.eigenvectors().col(j);  // s(0): |1> (S up, upper half), s(1): |0>
    start.block(0, j * dE, dE, dE) = s(1) * W;
    start.block(dE, j * dE, dE, dE) = s(0) * W;
    start_w.segment(j * dE, dE) = std::max(0.0, sys.eigenvalues()(j)) * boltzmann;
    unit.block(j == 0 ? dE : 0, j * dE, dE, dE) = W;
    unit_w.segment(j * dE, dE) = boltzmann;
  }
  std::vector<double> with_zero{0.0}, backwards;
  with_zero.insert(with_zero.end(), times.begin(), times.end());
  for (double t : times) backwards.push_back(-t);
  const dynamics::MixedSeries rho = spectrum.evolve(start, start_w, with_zero);
  const dynamics::MixedSeries M = spectrum.evolve(unit, unit_w, backwards);

  std::vector<Snapshot> out(times.size());
  for (size_t k = 0; k < times.size(); ++k) {
    Snapshot& s = out[k];
    s.heat = (rho.values[0][k + 1] - rho.values[0][0]) / Z;
    s.rho_S = from_bloch(rho.trace[k + 1], rho.values[1][k + 1], rho.values[2][k + 1], rho.values[3][k + 1]) / Z;
    s.M = from_bloch(M.trace[k], M.values[1][k], M.values[2][k], M.values[3][k]) / Z;
  }
  return out;
}

}  // namespace qtherm::models::spin_chain
