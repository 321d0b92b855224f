#pragma once
// Single-particle route for quadratic, number-conserving Hamiltonians H = c† M c of fermions or
// bosons: the state is the correlation matrix C_ij = <c_j† c_i> (the one-body density
// matrix), which evolves as C(t) = e^{-iMt} C(0) e^{iMt}; energies are tr(h C). Dense Eigen, every
// rank computes the same thing (N in the thousands fits).
#include <Eigen/Dense>

namespace qtherm::dynamics {

enum class Statistics { fermions, bosons };

// Two reservoirs of n1 and n2 modes: M = [[h1, g], [g†, h2]], H_I = Σ g_ik a_i† b_k + h.c.
struct TwoReservoirs {
  Eigen::MatrixXcd h1, h2, g;  // n1×n1, n2×n2 Hermitian; n1×n2
  long n1() const { return h1.rows(); }
  long n2() const { return h2.rows(); }
  Eigen::MatrixXcd one_body() const;
};

// C_ij = <c_j† c_i> of exp(−β(c†hc − μN))/Z: f(h) with f the Fermi or Bose function. Throws
// std::invalid_argument for bosons unless β > 0 and every eigenvalue of h exceeds μ.
Eigen::MatrixXcd thermal_correlation(const Eigen::MatrixXcd& h, double beta, double mu, Statistics s);

// e^{−iMt} and its first two time derivatives from one eigendecomposition of the Hermitian M.
class SingleParticlePropagator {
 public:
  explicit SingleParticlePropagator(const Eigen::MatrixXcd& M);
  // d^order/dt^order e^{−iMt}, order 0, 1 or 2.
  Eigen::MatrixXcd operator()(double t, int order = 0) const;
  // The [first, first+n) diagonal block of d^order/dt^order e^{−iMt}, in O(n² N).
  Eigen::MatrixXcd block(double t, int order, long first, long n) const;
  // C(t) = U C0 U†.
  Eigen::MatrixXcd correlation(const Eigen::MatrixXcd& C0, double t) const;
  const Eigen::VectorXd& eigenvalues() const { return e_; }
  const Eigen::MatrixXcd& eigenvectors() const { return V_; }

 private:
  Eigen::MatrixXcd V_;
  Eigen::VectorXd e_;
};

// t ↦ tr(O C(t)) in O(N²) per time: with Õ = V†OV and W = V†C(0)V in M's eigenbasis,
// tr(O C(t)) = Σ_ab Õ_ba W_ab e^{−i(e_a − e_b)t}. Real part returned (O Hermitian).
class QuadraticTrace {
 public:
  QuadraticTrace(const SingleParticlePropagator& U, const Eigen::MatrixXcd& O, const Eigen::MatrixXcd& C0);
  double operator()(double t) const;

 private:
  Eigen::MatrixXcd A_;
  Eigen::VectorXd e_;
};

// Energies of reservoir 1, reservoir 2 and the interaction for C in the convention above:
// E1 = tr(h1 C11), E2 = tr(h2 C22), E_I = 2 Re tr(g C21) (normal-ordered, no c-numbers).
struct ReservoirEnergies {
  double E1 = 0, E2 = 0, EI = 0;
  double total() const { return E1 + E2 + EI; }
};
ReservoirEnergies energies(const TwoReservoirs& r, const Eigen::MatrixXcd& C);

}  // namespace qtherm::dynamics
