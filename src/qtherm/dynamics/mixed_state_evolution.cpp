#include "qtherm/dynamics/mixed_state_evolution.hpp"

#include <cmath>

namespace qtherm::dynamics {
namespace {

using cplx = std::complex<double>;

template <class S>
using Dense = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;

// Σ_ab M_ab e^{−i(E_a − E_b)t} for every t at once: complex M as Σ_a φ_a (M φ̄)_a with φ_a = e^{−iE_a t}
// (the T phase vectors are the columns of one D×T matrix, so M meets them in one product).
std::vector<double> phase_sums(const Dense<cplx>& M, const Dense<cplx>& phases) {
  const Dense<cplx> Z = M * phases.conjugate();
  const Eigen::RowVectorXcd s = phases.cwiseProduct(Z).colwise().sum();
  std::vector<double> out(s.size());
  for (long j = 0; j < s.size(); ++j) out[j] = s(j).real();
  return out;
}

// Real symmetric M: the sine part cancels, cos(E_a t − E_b t) = c_a c_b + s_a s_b.
std::vector<double> phase_sums(const Dense<double>& M, const Dense<double>& cosines, const Dense<double>& sines) {
  const Eigen::RowVectorXd s =
      cosines.cwiseProduct(M * cosines).colwise().sum() + sines.cwiseProduct(M * sines).colwise().sum();
  return std::vector<double>(s.data(), s.data() + s.size());
}

template <class S>
MixedSeries evolve(const Dense<S>& H, const Eigen::SparseMatrix<S>& states, const Eigen::VectorXd& weights,
                   const std::vector<Eigen::SparseMatrix<S, Eigen::RowMajor>>& observables,
                   const std::vector<double>& times) {
  const Eigen::SelfAdjointEigenSolver<Dense<S>> es(H);
  const Dense<S>& V = es.eigenvectors();
  const Eigen::VectorXd& E = es.eigenvalues();
  Dense<S> rho;  // ρ̃0 = (V†Ψ) W (V†Ψ)†
  {
    const Dense<S> Y = V.adjoint() * states;
    rho.noalias() = Y * weights.asDiagonal() * Y.adjoint();
  }
  MixedSeries out;
  double trace = 0;
  for (long s = 0; s < states.cols(); ++s) trace += weights(s) * states.col(s).squaredNorm();
  out.trace.assign(times.size(), trace);

  const long D = E.size(), T = static_cast<long>(times.size());
  Dense<double> cosines(D, T), sines(D, T);
  Dense<cplx> phases(D, T);
  for (long j = 0; j < T; ++j)
    for (long a = 0; a < D; ++a) {
      cosines(a, j) = std::cos(E(a) * times[j]), sines(a, j) = std::sin(E(a) * times[j]);
      phases(a, j) = cplx(cosines(a, j), -sines(a, j));
    }
  Dense<S> work, M;
  for (const auto& O : observables) {
    work.noalias() = O * V;
    M.noalias() = V.adjoint() * work;  // Õ
    work = M.transpose().cwiseProduct(rho);  // M_ab = Õ_ba ρ̃0_ab
    if constexpr (std::is_same_v<S, double>) out.values.push_back(phase_sums(work, cosines, sines));
    else out.values.push_back(phase_sums(work, phases));
  }
  return out;
}

template <class Sparse>
bool real_entries(const Sparse& m) {
  for (long k = 0; k < m.outerSize(); ++k)
    for (typename Sparse::InnerIterator it(m, k); it; ++it)
      if (it.value().imag() != 0) return false;
  return true;
}

}  // namespace

MixedSeries evolve_mixed_dense(const Eigen::MatrixXcd& H, const StateColumns& states, const Eigen::VectorXd& weights,
                               const std::vector<operators::SparseSectorMatrix>& observables,
                               const std::vector<double>& times) {
  bool real = H.imag().cwiseAbs().maxCoeff() == 0 && real_entries(states);
  for (const auto& O : observables) real = real && real_entries(O);
  if (!real) return evolve<cplx>(H, states, weights, observables, times);
  std::vector<Eigen::SparseMatrix<double, Eigen::RowMajor>> real_observables;
  for (const auto& O : observables) real_observables.push_back(O.real());
  return evolve<double>(H.real(), states.real(), weights, real_observables, times);
}

}  // namespace qtherm::dynamics
