#pragma once
// Exact evolution of the moments of a Gaussian (or any) state under a linear generator:
// first moments μ̇ = Aμ; symmetrized second moments S = ½⟨{χ_m, χ_n}⟩ (raw, not centred)
// Ṡ = AS + SAᵀ + M (the covariance C = S − μμᵀ obeys the same equation).
// (vec S, 1, ∫vec S dt) obey one linear ODE z' = Gz, solved by the matrix exponential, so every
// sample and every time integral is exact to rounding at any t, with no time stepping.
// Not collective (a few small dense matrices).
#include <Eigen/Dense>

namespace qtherm::dynamics {

struct GaussianMoments {
  Eigen::MatrixXd S;           // raw symmetrized second moments ½⟨{χ_m, χ_n}⟩
  Eigen::VectorXd mean;        // ⟨χ⟩
  Eigen::MatrixXd S_integral;  // ∫₀ᵗ S dt'
  Eigen::MatrixXd covariance() const { return S - mean * mean.transpose(); }
};

class GaussianEvolution {
 public:
  GaussianEvolution(Eigen::MatrixXd A, Eigen::MatrixXd M);
  // The moments at time t from S(0), μ(0) (S_integral of `initial` is ignored).
  GaussianMoments at(const GaussianMoments& initial, double t) const;
  // Advances moments by a fixed time dt, S_integral carried on (empty counts as 0), with the
  // exponentials computed once: scans and bisections take many short steps of few lengths, and a
  // short step's exponential is also far cheaper than one from t = 0.
  class Step {
   public:
    GaussianMoments operator()(const GaussianMoments& from) const;

   private:
    friend class GaussianEvolution;
    Eigen::MatrixXd E_, E_mean_;
  };
  Step step(double dt) const;
  // The stationary S (μ = 0): solves AS + SAᵀ + M = 0; A must be stable (Hurwitz).
  Eigen::MatrixXd stationary() const;

 private:
  Eigen::MatrixXd A_, M_, G_;
};

}  // namespace qtherm::dynamics
