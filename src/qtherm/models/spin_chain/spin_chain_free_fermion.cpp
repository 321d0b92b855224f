// Free-fermion route (Δ = 0). Jordan–Wigner with S as site 0: n_j = (1 + σz_j)/2 and
// σx_j σx_j+1 + σy_j σy_j+1 = 2(c_j† c_j+1 + h.c.), so H = Σ h_ij c_i† c_j + const with
// h = diag(2B0, 2B, …, 2B) + hopping 2J0 (S–1) and 2J (chain), and c(t) = u c, u = e^{−iht}.
// With C_ij = ⟨c_i† c_j⟩: C(t) = ū C(0) uᵀ. ⟨Q⟩ and the populations of S involve only
// number-conserving operators, so only the Gaussian part diag(ρ_S) ⊕ f(h_E) of the initial state
// matters; the coherence of S is carried by c_0 (no string): ⟨1|ρ_S(t)|0⟩ = u_00 ⟨1|ρ_S|0⟩.
// M is diagonal (U conserves the number, |1><0| ⊗ 1 does not); with the Gaussian overlap
// tr[G1 G2] = det[C1C2 + (1−C1)(1−C2)] and |1><1| ⊗ 1_E = 2^N G(½ + ½ e0e0ᵀ), the determinant is of a
// rank-one update: M_11 = 1 + v†(2C_Y − 1)v, v = ū e0, C_Y = ½ ⊕ f(h_E); M_00 = 2 − M_11.
#include <cmath>
#include <memory>
#include <stdexcept>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/models/spin_chain/spin_chain.hpp"

namespace qtherm::models::spin_chain {

FreeFermionEvolution free_fermion_evolution(const Params& p) {
  if (p.Delta != 0) throw std::invalid_argument("free_fermion_route: needs Delta = 0 (a quadratic chain)");
  using Eigen::MatrixXd;
  using Eigen::VectorXd;
  using cplx = std::complex<double>;
  const long n = p.N + 1;
  MatrixXd h = MatrixXd::Zero(n, n);
  h(0, 0) = 2 * p.B0;
  for (long j = 1; j < n; ++j) h(j, j) = 2 * p.B;
  h(0, 1) = h(1, 0) = 2 * p.J0;
  for (long j = 1; j + 1 < n; ++j) h(j, j + 1) = h(j + 1, j) = 2 * p.J;
  MatrixXd hE = h;  // the chain's energy, embedded (row and column of S zero)
  hE.row(0).setZero();
  hE.col(0).setZero();

  // Thermal chain: C_E = f(h_E), f(ε) = 1/(e^{βε} + 1).
  const MatrixXd h_env = h.bottomRightCorner(n - 1, n - 1);
  Eigen::SelfAdjointEigenSolver<MatrixXd> env(h_env);
  VectorXd f(n - 1);
  for (long a = 0; a < n - 1; ++a) {
    const double x = p.beta * env.eigenvalues()(a);
    f(a) = x > 0 ? std::exp(-x) / (1 + std::exp(-x)) : 1 / (1 + std::exp(x));
  }
  MatrixXd C0 = MatrixXd::Zero(n, n);
  C0.bottomRightCorner(n - 1, n - 1) = env.eigenvectors() * f.asDiagonal() * env.eigenvectors().transpose();
  MatrixXd CY = C0;
  CY(0, 0) = 0.5;
  C0(0, 0) = p.rho_S(0, 0).real();  // population of |1> = occupied
  const MatrixXd twoCY1 = 2 * CY - MatrixXd::Identity(n, n);

  // Shared by the copies of the returned function (N in the thousands: no copies of the matrices).
  struct Prepared {
    Eigen::SelfAdjointEigenSolver<MatrixXd> full;
    MatrixXd Ct, K, twoCY1;
    VectorXd V0;
    double heat0;
    cplx rho10;
  };
  auto pr = std::make_shared<Prepared>();
  pr->full.compute(h);
  const MatrixXd& V = pr->full.eigenvectors();
  pr->Ct = V.transpose() * C0 * V;  // C̃ = Vᵀ C(0) V
  pr->K = V.transpose() * hE * V;   // h_E in the eigenbasis of h
  pr->heat0 = (hE.cwiseProduct(C0)).sum();
  pr->V0 = V.row(0).transpose();
  pr->twoCY1 = twoCY1;
  pr->rho10 = p.rho_S(0, 1);
  const double B0 = p.B0;
  return [pr, n, B0](double t) {
    const VectorXd& eps = pr->full.eigenvalues();
    const MatrixXd &V = pr->full.eigenvectors(), &Ct = pr->Ct, &K = pr->K, &twoCY1 = pr->twoCY1;
    const VectorXd& V0 = pr->V0;
    Eigen::VectorXcd ph(n);  // e^{iε_a t}
    for (long a = 0; a < n; ++a) ph(a) = std::exp(cplx(0, eps(a) * t));
    // ⟨H_E⟩(t) = Σ_ab K_ba e^{iε_a t} C̃_ab e^{−iε_b t}; C_00(t) likewise with V_0a V_0b.
    cplx e = 0, c00 = 0;
    for (long a = 0; a < n; ++a)
      for (long b = 0; b < n; ++b) {
        const cplx w = ph(a) * std::conj(ph(b)) * Ct(a, b);
        e += K(b, a) * w;
        c00 += V0(a) * V0(b) * w;
      }
    cplx u00 = 0;
    for (long a = 0; a < n; ++a) u00 += V0(a) * V0(a) * std::conj(ph(a));
    // v = ū e0: v_i = Σ_a V_ia V_0a e^{+iε_a t}.
    const Eigen::VectorXcd v = V * (V0.cast<cplx>().cwiseProduct(ph));
    const double m11 = 1 + (v.adjoint() * twoCY1 * v)(0, 0).real();

    Snapshot s;
    s.heat = e.real() - pr->heat0;
    s.rho_S(0, 0) = c00.real();
    s.rho_S(1, 1) = 1 - c00.real();
    s.rho_S(0, 1) = u00 * pr->rho10;
    s.rho_S(1, 0) = std::conj(s.rho_S(0, 1));
    s.M << m11, 0, 0, 2 - m11;
    s.phi = (std::exp(cplx(0, 2 * B0 * t)) * u00).real();
    return s;
  };
}

std::vector<Snapshot> free_fermion_route(const Params& p, const std::vector<double>& times) {
  const auto at = free_fermion_evolution(p);
  std::vector<Snapshot> out;
  for (const double t : times) out.push_back(at(t));
  return out;
}

}  // namespace qtherm::models::spin_chain
