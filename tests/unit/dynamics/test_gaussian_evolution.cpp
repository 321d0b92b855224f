#define BOOST_TEST_MODULE gaussian_evolution
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "qtherm/dynamics/gaussian_evolution.hpp"

using namespace qtherm::dynamics;
using Eigen::Matrix2d;
using Eigen::MatrixXd;
using Eigen::Vector2d;

// One damped mode of frequency w, rate g, bath occupation N, quadratures (x, p):
// A = [[-g/2, w], [-w, -g/2]], M = g (N + 1/2) 1, whose solutions are known in closed form.
namespace {

const double w = 1.3, g = 0.4, N = 0.7;

MatrixXd drift() {
  Matrix2d A;
  A << -g / 2, w, -w, -g / 2;
  return A;
}
MatrixXd diffusion() { return g * (N + 0.5) * Matrix2d::Identity(); }

Matrix2d rotation(double t) {
  Matrix2d R;
  R << std::cos(w * t), std::sin(w * t), -std::sin(w * t), std::cos(w * t);
  return R;
}

}  // namespace

BOOST_AUTO_TEST_CASE(mean_and_covariance_of_a_displaced_squeezed_state) {
  // mu(t) = e^{-gt/2} R(t) mu0; C(t) = e^{-gt} R C0 R^T + (N + 1/2)(1 - e^{-gt}) 1; S = C + mu mu^T.
  const GaussianEvolution evo(drift(), diffusion());
  GaussianMoments init;
  const Matrix2d C0 = (Matrix2d() << 2.0, 0.0, 0.0, 0.125).finished();
  init.mean = Vector2d(0.8, -0.3);
  init.S = C0 + init.mean * init.mean.transpose();
  for (double t : {0.0, 0.37, 2.5, 11.0}) {
    const GaussianMoments m = evo.at(init, t);
    const Vector2d mu = std::exp(-g * t / 2) * rotation(t) * Vector2d(0.8, -0.3);
    const Matrix2d C = std::exp(-g * t) * rotation(t) * C0 * rotation(t).transpose() +
                       (N + 0.5) * (1 - std::exp(-g * t)) * Matrix2d::Identity();
    BOOST_TEST((m.mean - mu).norm() < 1e-12, "t = " << t << ": mean off by " << (m.mean - mu).norm());
    BOOST_TEST((m.covariance() - C).norm() < 1e-12,
               "t = " << t << ": covariance off by " << (m.covariance() - C).norm());
    BOOST_TEST((m.S - m.S.transpose()).norm() < 1e-14);
  }
}

BOOST_AUTO_TEST_CASE(time_integral_and_stationary_state) {
  // Isotropic start c 1, no mean: S(t) = (N + 1/2) 1 + (c - N - 1/2) e^{-gt} 1, its integral exact.
  const GaussianEvolution evo(drift(), diffusion());
  const double c = 3.0;
  GaussianMoments init;
  init.mean = Vector2d::Zero();
  init.S = c * Matrix2d::Identity();
  for (double t : {0.5, 4.0, 30.0}) {
    const GaussianMoments m = evo.at(init, t);
    const double integral = (N + 0.5) * t + (c - N - 0.5) * (1 - std::exp(-g * t)) / g;
    BOOST_TEST((m.S_integral - integral * Matrix2d::Identity()).norm() < 1e-11 * integral,
               "t = " << t << ": integral off by " << (m.S_integral - integral * Matrix2d::Identity()).norm());
  }
  // The Lyapunov solution is the bath's thermal state, and the long-time limit of at().
  const MatrixXd S_inf = evo.stationary();
  BOOST_TEST((S_inf - (N + 0.5) * Matrix2d::Identity()).norm() < 1e-12);
  BOOST_TEST((evo.at(init, 200.0).S - S_inf).norm() < 1e-12);
}

BOOST_AUTO_TEST_CASE(steps_carry_the_moments_and_the_integral_on) {
  // n steps of dt, and steps of unequal lengths, land where at(t) does, ∫S dt accumulated across
  // steps (a scan's and a bisection's use); a start without S_integral counts it as 0.
  const GaussianEvolution evo(drift(), diffusion());
  GaussianMoments init;
  init.mean = Vector2d(0.8, -0.3);
  init.S = (Matrix2d() << 2.0, 0.1, 0.1, 0.125).finished() + init.mean * init.mean.transpose();
  const GaussianEvolution::Step step = evo.step(0.25);
  GaussianMoments m = init;
  for (int n = 0; n < 12; ++n) m = step(m);
  m = evo.step(0.5)(m);
  m = evo.step(0.125)(m);
  const GaussianMoments ref = evo.at(init, 3.625);
  BOOST_TEST((m.S - ref.S).norm() < 1e-12, "S off by " << (m.S - ref.S).norm());
  BOOST_TEST((m.mean - ref.mean).norm() < 1e-12, "mean off by " << (m.mean - ref.mean).norm());
  BOOST_TEST((m.S_integral - ref.S_integral).norm() < 1e-12,
             "integral off by " << (m.S_integral - ref.S_integral).norm());
  BOOST_TEST(ref.S_integral.norm() > 1.0);  // the comparison is not of two zeros
}
