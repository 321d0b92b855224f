// Single-particle route and the three energy assignments of seed 003, against the closed forms of
// the two-bright-mode reduction (docs/physics.md, seed 003).
#define BOOST_TEST_MODULE energy_assignment
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/dynamics/single_particle.hpp"
#include "qtherm/thermo/energy_assignment.hpp"

using namespace qtherm;
using dynamics::Statistics;
using Eigen::MatrixXcd;

namespace {

// All-to-all reservoirs: h = ω 1 + g (J − 1), uniform inter-coupling γ.
dynamics::TwoReservoirs uniform(long n1, long n2, double w1, double w2, double g, double gamma) {
  dynamics::TwoReservoirs r;
  r.h1 = MatrixXcd::Constant(n1, n1, g) + (w1 - g) * MatrixXcd::Identity(n1, n1);
  r.h2 = MatrixXcd::Constant(n2, n2, g) + (w2 - g) * MatrixXcd::Identity(n2, n2);
  r.g = MatrixXcd::Constant(n1, n2, gamma);
  return r;
}

MatrixXcd initial(const dynamics::TwoReservoirs& r, double b1, double b2, double mu1, double mu2, Statistics s) {
  MatrixXcd C = MatrixXcd::Zero(r.n1() + r.n2(), r.n1() + r.n2());
  C.topLeftCorner(r.n1(), r.n1()) = dynamics::thermal_correlation(r.h1, b1, mu1, s);
  C.bottomRightCorner(r.n2(), r.n2()) = dynamics::thermal_correlation(r.h2, b2, mu2, s);
  return C;
}

std::vector<double> grid(double t_final, int n) {
  std::vector<double> t;
  for (int k = 0; k <= n; ++k) t.push_back(t_final * k / n);
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(effective_frequencies_match_the_two_bright_mode_closed_form) {
  const long n1 = 3, n2 = 2;
  const double w1 = 1, w2 = 0.8, g = 0.1, gamma = 0.05;
  const auto r = uniform(n1, n2, w1, w2, g, gamma);
  const MatrixXcd M = r.one_body();
  const dynamics::SingleParticlePropagator U(M);
  const double nu1 = w1 + (n1 - 1) * g, nu2 = w2 + (n2 - 1) * g, D = nu1 - nu2;
  const double Gam = 2 * std::sqrt(double(n1 * n2)) * gamma, Om = std::hypot(D, Gam), nubar = 0.5 * (nu1 + nu2);
  double worst = 0;
  for (double t : {0.0, 0.3, 1.7, 4.2, 9.9}) {
    const double s = std::sin(Om * t / 2), u2 = 1 - (Gam * Gam) / (Om * Om) * s * s;
    for (int X = 0; X < 2; ++X) {
      const long first = X == 0 ? 0 : n1, n = X == 0 ? n1 : n2;
      const auto h = thermo::minimal_dissipation_h(U, first, n, t);
      Eigen::SelfAdjointEigenSolver<MatrixXcd> es(h.h);
      std::vector<double> got(es.eigenvalues().data(), es.eigenvalues().data() + n), want(n, (X == 0 ? w1 : w2) - g);
      want.back() = nubar + (X == 0 ? 1 : -1) * (D / 2) / u2;  // bright mode
      std::sort(want.begin(), want.end());
      for (long k = 0; k < n; ++k) worst = std::max(worst, std::abs(got[k] - want[k]));
      worst = std::max(worst, (h.h - h.h.adjoint()).norm());
    }
  }
  BOOST_TEST_MESSAGE("max |eig(h_eff) - closed form| = " << worst);
  BOOST_TEST(worst < 1e-12);
}

BOOST_AUTO_TEST_CASE(hdot_is_the_derivative_of_h) {
  const auto r = uniform(2, 3, 1.0, 0.7, 0.05, 0.08);
  const MatrixXcd M = r.one_body();
  const dynamics::SingleParticlePropagator U(M);
  const double t = 2.3, e = 1e-5;
  const auto h = thermo::minimal_dissipation_h(U, 0, 2, t);
  const MatrixXcd fd =
      (thermo::minimal_dissipation_h(U, 0, 2, t + e).h - thermo::minimal_dissipation_h(U, 0, 2, t - e).h) / (2 * e);
  BOOST_TEST((fd - h.hdot).norm() < 1e-8);
  BOOST_TEST((thermo::minimal_dissipation_h(U, 0, 2, 0).h - r.h1).norm() < 1e-14);  // K(0) = H_1
}

BOOST_AUTO_TEST_CASE(energy_is_conserved_and_every_scheme_closes_the_first_law) {
  for (auto stat : {Statistics::fermions, Statistics::bosons}) {
    const auto r = uniform(4, 3, 1.0, 0.6, 0.07, 0.04);
    const MatrixXcd M = r.one_body(), C0 = initial(r, 2.0, 0.5, 0.1, -0.2, stat);
    const dynamics::SingleParticlePropagator U(M);
    const auto t = grid(20, 40);
    std::vector<double> E1, E2, EI;
    double drift = 0;
    const double E0 = dynamics::energies(r, C0).total();
    for (double tk : t) {
      const auto e = dynamics::energies(r, U.correlation(C0, tk));
      E1.push_back(e.E1), E2.push_back(e.E2), EI.push_back(e.EI);
      drift = std::max(drift, std::abs(e.total() - E0));
    }
    BOOST_TEST(drift < 1e-10);
    BOOST_TEST(thermo::bare_scheme(E1, E2, EI).residual() < 1e-10);
    BOOST_TEST(thermo::interaction_scheme(E1, E2, EI).residual() < 1e-10);
    for (long X = 0; X < 2; ++X) {
      const auto md = thermo::minimal_dissipation_scheme(U, C0, X == 0 ? 0 : 4, X == 0 ? 4 : 3, t, 4);
      BOOST_TEST_MESSAGE("first-law residual, minimal dissipation, reservoir " << X + 1 << ": " << md.law.residual());
      BOOST_TEST(md.law.residual() < 1e-9);
      BOOST_TEST(std::abs(md.law.U[0] - (X == 0 ? E1[0] : E2[0])) < 1e-12);  // K(0) = H_X
    }
  }
}

// Dispersive regime, γ → 0: the minimal-dissipation heat into reservoir 1 approaches the
// weak-coupling heat ΔE_1, while the bare/interaction heat −ΔE_2 stays off by a fraction ~ Δ/ν1
// (the interaction energy does not vanish relative to the exchanged energy).
BOOST_AUTO_TEST_CASE(minimal_dissipation_heat_tends_to_weak_coupling_heat) {
  double previous = 1;
  for (double gamma : {0.02, 0.01, 0.005}) {
    const auto r = uniform(2, 2, 1.0, 0.5, 0.05, gamma);
    const MatrixXcd M = r.one_body(), C0 = initial(r, 0.5, 3.0, 0, 0, Statistics::fermions);
    const dynamics::SingleParticlePropagator U(M);
    const auto t = grid(40, 80);
    std::vector<double> E1, E2, EI;
    for (double tk : t) {
      const auto e = dynamics::energies(r, U.correlation(C0, tk));
      E1.push_back(e.E1), E2.push_back(e.E2), EI.push_back(e.EI);
    }
    const auto md = thermo::minimal_dissipation_scheme(U, C0, 0, 2, t, 4);
    const auto bare = thermo::bare_scheme(E1, E2, EI);
    double scale = 0, dev_md = 0, dev_bare = 0;
    for (size_t k = 0; k < t.size(); ++k) {
      const double weak = E1[k] - E1[0];
      scale = std::max(scale, std::abs(weak));
      dev_md = std::max(dev_md, std::abs(md.law.Q[k] - weak));
      dev_bare = std::max(dev_bare, std::abs(bare.Q[k] - weak));
    }
    BOOST_TEST_MESSAGE("gamma = " << gamma << ": |Q_md - Q_weak|/scale = " << dev_md / scale
                                  << ", |Q_bare - Q_weak|/scale = " << dev_bare / scale);
    BOOST_TEST(dev_md / scale < 0.6 * previous);  // shrinks with γ
    BOOST_TEST(dev_bare / scale > 0.2);           // does not
    previous = dev_md / scale;
  }
}

BOOST_AUTO_TEST_CASE(bose_occupation_below_the_chemical_potential_is_refused) {
  MatrixXcd h = MatrixXcd::Identity(2, 2);
  BOOST_CHECK_THROW(dynamics::thermal_correlation(h, 1.0, 1.5, Statistics::bosons), std::invalid_argument);
  BOOST_CHECK_NO_THROW(dynamics::thermal_correlation(h, 1.0, 1.5, Statistics::fermions));
  const MatrixXcd C = dynamics::thermal_correlation(h, 1.0, 0.0, Statistics::bosons);
  BOOST_TEST(std::abs(C(0, 0).real() - 1 / std::expm1(1.0)) < 1e-14);
}
