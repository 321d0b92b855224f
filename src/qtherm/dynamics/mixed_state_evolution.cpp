#include "qtherm/dynamics/mixed_state_evolution.hpp"

#include <cmath>
#include <type_traits>

#include "qtherm/dynamics/hermitian_eigen.hpp"

namespace qtherm::dynamics {
namespace {

using cplx = std::complex<double>;

template <class S>
using Dense = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;

// Re Σ_ab M_ab e^{−i(E_a − E_b)t} for every t at once: complex M as Σ_a φ_a (M φ̄)_a with φ_a = e^{−iE_a t}
// (the T phase vectors are the columns of one D×T matrix, so M meets them in one product).
std::vector<double> phase_sums(const Dense<cplx>& M, const Eigen::VectorXd& E, const std::vector<double>& times) {
  Dense<cplx> phases(E.size(), long(times.size()));
  for (long j = 0; j < phases.cols(); ++j)
    for (long a = 0; a < E.size(); ++a) phases(a, j) = std::polar(1.0, -E(a) * times[j]);
  const Dense<cplx> Z = M * phases.conjugate();
  const Eigen::RowVectorXcd s = phases.cwiseProduct(Z).colwise().sum();
  std::vector<double> out(s.size());
  for (long j = 0; j < s.size(); ++j) out[j] = s(j).real();
  return out;
}

// Real M: the sine part of e^{−i(E_a − E_b)t} cancels in the real part only together with M_ba; with
// M stored as one triangle it is Σ_ab M_ab cos(E_a t − E_b t) = c_a c_b + s_a s_b all the same.
std::vector<double> phase_sums(const Dense<double>& M, const Eigen::VectorXd& E, const std::vector<double>& times) {
  Dense<double> c(E.size(), long(times.size())), s(E.size(), long(times.size()));
  for (long j = 0; j < c.cols(); ++j)
    for (long a = 0; a < E.size(); ++a) c(a, j) = std::cos(E(a) * times[j]), s(a, j) = std::sin(E(a) * times[j]);
  const Eigen::RowVectorXd sum = c.cwiseProduct(M * c).colwise().sum() + s.cwiseProduct(M * s).colwise().sum();
  return std::vector<double>(sum.data(), sum.data() + sum.size());
}

template <class Sparse>
bool real_entries(const Sparse& m) {
  for (long k = 0; k < m.outerSize(); ++k)
    for (typename Sparse::InnerIterator it(m, k); it; ++it)
      if (it.value().imag() != 0) return false;
  return true;
}

// The spectrum in scalar type S (double: H and the observables real). Õ and ρ̃0 are Hermitian, so
// only their lower triangles are formed (half the flops of full products; the upper ones are 0) and
// tr(O ρ(t)) = Σ_ab Õ_ba ρ̃0_ab e^{−i(E_a − E_b)t} = 2 Re Σ_{a≥b} (…) − Σ_a Õ_aa ρ̃0_aa, since the (b, a)
// term is the complex conjugate of the (a, b) one.
template <class S>
struct Spectrum {
  Eigen::VectorXd E;
  Dense<S> V;
  std::vector<Dense<S>> O;  // lower triangle of Õ = V†OV

  template <class Sparse>
  Spectrum(const Dense<S>& H, const std::vector<Sparse>& observables) {
    hermitian_eigen(H, E, V);
    const long D = V.rows();
    Dense<S> work;
    for (const auto& o : observables) {
      work.noalias() = o * V;
      Dense<S>& lower = O.emplace_back(Dense<S>::Zero(D, D));
      lower.template triangularView<Eigen::Lower>() = V.adjoint() * work;
    }
  }

  // The start in scalar type R (double only when S is double too): sparse or dense columns.
  template <class R, class States>
  MixedSeries evolve(const States& states, const Eigen::VectorXd& weights, const std::vector<double>& times) const {
    const long D = V.rows();
    Dense<R> rho = Dense<R>::Zero(D, D);  // lower triangle of ρ̃0 = (V†Ψ) W (V†Ψ)†
    {
      const Dense<R> Y = V.adjoint().template cast<R>() * states * weights.cwiseSqrt().asDiagonal();
      rho.template selfadjointView<Eigen::Lower>().rankUpdate(Y);
    }
    MixedSeries out;
    double trace = 0;
    for (long s = 0; s < states.cols(); ++s) trace += weights(s) * states.col(s).squaredNorm();
    out.trace.assign(times.size(), trace);
    Dense<R> M;
    for (const auto& o : O) {
      M.noalias() = o.conjugate().template cast<R>().cwiseProduct(rho);  // M_ab = Õ_ba ρ̃0_ab, a ≥ b
      const double diagonal = M.diagonal().real().sum();
      std::vector<double> v = phase_sums(M, E, times);
      for (double& x : v) x = 2 * x - diagonal;
      out.values.push_back(std::move(v));
    }
    return out;
  }
};

}  // namespace

struct DenseSpectrum::Real : Spectrum<double> {
  using Spectrum<double>::Spectrum;
};
struct DenseSpectrum::Complex : Spectrum<cplx> {
  using Spectrum<cplx>::Spectrum;
};

DenseSpectrum::DenseSpectrum(const Eigen::MatrixXcd& H, const std::vector<operators::SparseSectorMatrix>& observables) {
  bool real = H.imag().cwiseAbs().maxCoeff() == 0;
  for (const auto& o : observables) real = real && real_entries(o);
  if (!real) {
    complex_ = std::make_unique<Complex>(H, observables);
    return;
  }
  std::vector<Eigen::SparseMatrix<double, Eigen::RowMajor>> real_observables;
  for (const auto& o : observables) real_observables.push_back(o.real());
  real_ = std::make_unique<Real>(H.real(), real_observables);
}

DenseSpectrum::~DenseSpectrum() = default;

long DenseSpectrum::size() const { return real_ ? real_->E.size() : complex_->E.size(); }

MixedSeries DenseSpectrum::evolve(const StateColumns& states, const Eigen::VectorXd& weights,
                                  const std::vector<double>& times) const {
  if (complex_) return complex_->evolve<cplx>(states, weights, times);
  if (real_entries(states)) return real_->evolve<double>(Eigen::SparseMatrix<double>(states.real()), weights, times);
  return real_->evolve<cplx>(states, weights, times);
}

MixedSeries DenseSpectrum::evolve(const Eigen::MatrixXcd& states, const Eigen::VectorXd& weights,
                                  const std::vector<double>& times) const {
  if (complex_) return complex_->evolve<cplx>(states, weights, times);
  if (states.imag().cwiseAbs().maxCoeff() == 0)
    return real_->evolve<double>(Eigen::MatrixXd(states.real()), weights, times);
  return real_->evolve<cplx>(states, weights, times);
}

}  // namespace qtherm::dynamics
