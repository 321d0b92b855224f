// Dense exact route of the spin-chain erasure model: every matrix of the 2^(N+1) space in Eigen.
#include <cmath>
#include <memory>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/models/spin_chain/spin_chain.hpp"

namespace qtherm::models::spin_chain {
namespace {

using Dense = Eigen::MatrixXcd;
using cplx = std::complex<double>;

// Kronecker product with S the most significant factor.
Dense kron(const Dense& A, const Dense& B) {
  Dense K(A.rows() * B.rows(), A.cols() * B.cols());
  for (long i = 0; i < A.rows(); ++i)
    for (long j = 0; j < A.cols(); ++j) K.block(i * B.rows(), j * B.cols(), B.rows(), B.cols()) = A(i, j) * B;
  return K;
}

// tr_E of an operator on S ⊗ E, d_S = 2.
Eigen::Matrix2cd trace_E(const Dense& X, long dE) {
  Eigen::Matrix2cd r;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b) r(a, b) = X.block(a * dE, b * dE, dE, dE).trace();
  return r;
}

// The seed's S basis {|1>, |0>} ↔ bit order {down, up} (integer value of the bit string).
Eigen::Matrix2cd swap_S(const Eigen::Matrix2cd& m) {
  Eigen::Matrix2cd r;
  r << m(1, 1), m(1, 0), m(0, 1), m(0, 0);
  return r;
}

}  // namespace

DenseEvolution dense_evolution(const Params& p) {
  const long dE = 1L << p.N;
  const Dense H = dense_matrix(total_hamiltonian(p));
  const Dense HE = dense_matrix(environment_only(p));
  Eigen::SelfAdjointEigenSolver<Dense> env(HE);
  const double E0 = env.eigenvalues().minCoeff();
  Eigen::VectorXd w = (-p.beta * (env.eigenvalues().array() - E0)).exp();
  w /= w.sum();
  const Dense rhoE = env.eigenvectors() * w.asDiagonal() * env.eigenvectors().adjoint();
  const Eigen::Matrix2cd rhoS_bits = swap_S(p.rho_S);
  auto rho0 = std::make_shared<const Dense>(kron(Dense(rhoS_bits), rhoE));
  auto HEj = std::make_shared<const Dense>(kron(Dense::Identity(2, 2), HE));
  auto rhoEj = std::make_shared<const Dense>(kron(Dense::Identity(2, 2), rhoE));
  auto HEs = std::make_shared<const Dense>(HE);
  const double heat0 = (*HEj * *rho0).trace().real();

  auto full = std::make_shared<const Eigen::SelfAdjointEigenSolver<Dense>>(H);
  const long one = dE;  // |1, 0…0>: S up (the most significant bit set), chain all down
  const double E1 = H(one, one).real(), beta = p.beta;
  return [=](double t, thermo::HeatDistribution* pq) {
    Eigen::VectorXcd ph = (full->eigenvalues() * cplx(0, -t)).array().exp();
    const Dense U = full->eigenvectors() * ph.asDiagonal() * full->eigenvectors().adjoint();
    const Dense rho = U * *rho0 * U.adjoint();
    Snapshot s;
    s.heat = (*HEj * rho).trace().real() - heat0;
    s.rho_S = swap_S(trace_E(rho, dE));
    s.M = swap_S(trace_E(U.adjoint() * *rhoEj * U, dE));
    s.phi = (std::exp(cplx(0, E1 * t)) * U(one, one)).real();
    if (pq) *pq = thermo::heat_distribution(U, rhoS_bits, *HEs, beta);
    return s;
  };
}

std::vector<Snapshot> dense_route(const Params& p, const std::vector<double>& times,
                                  std::vector<thermo::HeatDistribution>* pq) {
  const auto at = dense_evolution(p);
  std::vector<Snapshot> out;
  if (pq) pq->clear();
  for (const double t : times) {
    thermo::HeatDistribution d;
    out.push_back(at(t, pq ? &d : nullptr));
    if (pq) pq->push_back(std::move(d));
  }
  return out;
}

}  // namespace qtherm::models::spin_chain
