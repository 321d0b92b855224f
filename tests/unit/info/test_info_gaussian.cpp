// Two-mode Gaussian states (vacuum variance ½): symplectic eigenvalues against states built from
// known ones by random symplectics; log-negativity of the two-mode squeezed vacuum (2r) and
// against the symplectic spectrum of the partial transpose; Gaussian discord against the TMSV
// closed form, seed 002's Eqs. F5–F8 written out independently, and a brute-force minimisation
// over pure single-mode Gaussian measurements (both E_min branches exercised).
#define BOOST_TEST_MODULE info_gaussian
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "error_messages.hpp"
#include "qtherm/info/gaussian.hpp"

using namespace qtherm::info;
using M2 = Eigen::Matrix2d;
using M4 = Eigen::Matrix4d;

namespace {
M2 rot(double t) { return (M2() << std::cos(t), std::sin(t), -std::sin(t), std::cos(t)).finished(); }
M2 sq(double r) { return Eigen::Vector2d(std::exp(-r), std::exp(r)).asDiagonal(); }
M4 local(const M2& a, const M2& b) {
  M4 s = M4::Zero();
  s.topLeftCorner<2, 2>() = a, s.bottomRightCorner<2, 2>() = b;
  return s;
}
M4 beam_splitter(double t) {
  M4 s = M4::Zero();
  s.topLeftCorner<2, 2>() = s.bottomRightCorner<2, 2>() = std::cos(t) * M2::Identity();
  s.topRightCorner<2, 2>() = std::sin(t) * M2::Identity();
  s.bottomLeftCorner<2, 2>() = -std::sin(t) * M2::Identity();
  return s;
}
M4 two_mode_squeezer(double r) {
  const M2 z = Eigen::Vector2d(1, -1).asDiagonal();
  M4 s;
  s << std::cosh(r) * M2::Identity(), std::sinh(r) * z, std::sinh(r) * z, std::cosh(r) * M2::Identity();
  return s;
}
M4 tmsv(double r) {
  const M2 z = Eigen::Vector2d(1, -1).asDiagonal();
  M4 s;
  s << std::cosh(2 * r) * M2::Identity(), std::sinh(2 * r) * z, std::sinh(2 * r) * z, std::cosh(2 * r) * M2::Identity();
  return 0.5 * s;
}
M4 omega() {
  M4 w = M4::Zero();
  w(0, 1) = w(2, 3) = 1, w(1, 0) = w(3, 2) = -1;
  return w;
}

struct RandomState {
  M4 sigma;
  double nu1, nu2;
};
// σ = S diag(ν1, ν1, ν2, ν2) Sᵀ with S = local · beam splitter · two-mode squeezer · local.
RandomState random_state(std::mt19937& g) {
  std::uniform_real_distribution<double> u(0, 1);
  const auto loc = [&] {
    return local(rot(7 * u(g)) * sq(1.6 * u(g) - 0.8) * rot(7 * u(g)),
                 rot(7 * u(g)) * sq(1.6 * u(g) - 0.8) * rot(7 * u(g)));
  };
  const M4 s = loc() * beam_splitter(3 * u(g)) * two_mode_squeezer(1.2 * u(g)) * loc();
  RandomState r;
  r.nu1 = 0.5 + 2 * u(g) * u(g), r.nu2 = 0.5 + 2 * u(g) * u(g);
  r.sigma = s * Eigen::Vector4d(r.nu1, r.nu1, r.nu2, r.nu2).asDiagonal() * s.transpose();
  return r;
}
// Classically correlated states: a random displacement of x on both modes (γ = diag(c, 0)),
// C = det γ = 0 — the homodyne-type E_min branch.
M4 classically_correlated(std::mt19937& g) {
  std::uniform_real_distribution<double> u(0, 1);
  const double c = 0.2 + 2 * u(g);
  M4 s = M4::Zero();
  s.diagonal() << 0.5 + u(g) + c, 0.5 + u(g), 0.5 + u(g) + c, 0.5 + u(g);
  s(0, 2) = s(2, 0) = c;
  const M4 l = local(rot(7 * u(g)) * sq(u(g) - 0.5), rot(7 * u(g)) * sq(u(g) - 0.5));
  return l * s * l.transpose();
}

double entropy_of(double nu) {  // thermal mode, written out
  return nu <= 0.5 + 1e-15 ? 0 : (nu + 0.5) * std::log(nu + 0.5) - (nu - 0.5) * std::log(nu - 0.5);
}

// Brute force over pure Gaussian measurements on `measured` (seed ½ R diag(e^{2s}, e^{−2s}) Rᵀ;
// the homodyne limits s → ±∞ analytically): min det of the conditional covariance of the other
// mode (σ units), by a coarse grid then a zoomed grid.
double brute_min_det(const M4& sigma, int measured) {
  const int o = 1 - measured;
  const M2 a = sigma.block<2, 2>(2 * o, 2 * o), b = sigma.block<2, 2>(2 * measured, 2 * measured);
  const M2 c = sigma.block<2, 2>(2 * o, 2 * measured);
  const auto det_at = [&](double s, double t) {
    const M2 m = 0.5 * rot(t) * Eigen::Vector2d(std::exp(2 * s), std::exp(-2 * s)).asDiagonal() * rot(t).transpose();
    return (a - c * (b + m).inverse() * c.transpose()).determinant();
  };
  const auto homodyne = [&](double t) {
    const Eigen::Vector2d v(std::cos(t), std::sin(t));
    return (a - c * v * v.transpose() * c.transpose() / v.dot(b * v)).determinant();
  };
  double best = 1e300, bs = 0, bt = 0, bh = 0;
  for (int k = 0; k < 360; ++k)
    if (homodyne(M_PI * k / 360) < best) best = homodyne(M_PI * k / 360), bh = M_PI * k / 360;
  for (double step = M_PI / 3600; step > 1e-12; step /= 10)  // zoom: ±10 steps, then 10× finer
    for (int k = -10; k <= 10; ++k)
      if (homodyne(bh + step * k) < best) best = homodyne(bh + step * k), bh += step * k;
  for (int i = -160; i <= 160; ++i)
    for (int k = 0; k < 180; ++k) {
      const double v = det_at(0.05 * i, M_PI * k / 180);
      if (v < best) best = v, bs = 0.05 * i, bt = M_PI * k / 180;
    }
  for (double ss = 0.005, st = M_PI / 1800; ss > 1e-12; ss /= 10, st /= 10)
    for (int pass = 0; pass < 2; ++pass) {  // a second pass at each scale follows a drifting minimum
      const double s0 = bs, t0 = bt;
      for (int i = -10; i <= 10; ++i)
        for (int k = -10; k <= 10; ++k)
          if (const double v = det_at(s0 + ss * i, t0 + st * k); v < best) best = v, bs = s0 + ss * i, bt = t0 + st * k;
    }
  return best;
}

// Seed 002 Eqs. F4–F8 (measurement on A, the first mode), log2 replaced by ln.
double seed_f6(const M4& c) {
  const double i1 = 4 * c.block<2, 2>(0, 0).determinant(), i2 = 4 * c.block<2, 2>(2, 2).determinant();
  const double i3 = 4 * c.block<2, 2>(0, 2).determinant(), i4 = 16 * c.determinant();
  const double id = i1 + i2 + 2 * i3;
  const double root = std::sqrt(std::max(0.0, id * id - 4 * i4));
  const double lp = std::sqrt((id + root) / 2), lm = std::sqrt(std::max(0.0, (id - root) / 2));
  const auto f = [](double x) {
    return x <= 1 ? 0.0 : (x + 1) / 2 * std::log((x + 1) / 2) - (x - 1) / 2 * std::log((x - 1) / 2);
  };
  double w;
  // Square roots clamped at 0 (for pure states rounding puts their exact-zero arguments below 0).
  if ((i4 - i2 * i1) * (i4 - i2 * i1) <= (1 + i1) * i3 * i3 * (i2 + i4))
    w = (2 * i3 * i3 + (i1 - 1) * (i4 - i2) +
         2 * std::abs(i3) * std::sqrt(std::max(0.0, i3 * i3 + (i1 - 1) * (i4 - i2)))) /
        ((i1 - 1) * (i1 - 1));
  else
    w = (i2 * i1 - i3 * i3 + i4 -
         std::sqrt(std::max(0.0, std::pow(i3, 4) + (i4 - i2 * i1) * (i4 - i2 * i1) - 2 * i3 * i3 * (i4 + i2 * i1)))) /
        (2 * i1);
  return f(std::sqrt(i1)) - f(lm) - f(lp) + f(std::sqrt(w));
}
}  // namespace

BOOST_AUTO_TEST_CASE(two_mode_squeezed_vacuum) {
  double worst_tmsv = 0;
  for (double r : {0.1, 0.5, 1.0, 2.0}) {
    const M4 s = tmsv(r);
    BOOST_TEST((two_mode_squeezer(r) * M4::Identity() * 0.5 * two_mode_squeezer(r).transpose() - s).norm() < 1e-12);
    const Eigen::VectorXd nu = symplectic_eigenvalues(s);
    BOOST_TEST(std::abs(nu(0) - 0.5) < 1e-12);
    BOOST_TEST(std::abs(nu(1) - 0.5) < 1e-12);
    BOOST_TEST(std::abs(gaussian_log_negativity(s) - 2 * r) < 1e-13 * std::max(1.0, r));
    BOOST_TEST(std::abs(gaussian_log_negativity(s, 2.0) - 2 * r / std::log(2.0)) < 1e-13 * std::max(1.0, r));
    BOOST_TEST(std::abs(pt_symplectic_eigenvalue(s) - 0.5 * std::exp(-2 * r)) < 1e-12);
    // Pure state: D = S(A) = f(cosh 2r) = cosh²r ln cosh²r − sinh²r ln sinh²r; E_min = 1 (on
    // the boundary between the two E_min branches, where both give 1). The invariant forms lose
    // ~√eps here (exact zeros under square roots); the standard-form evaluation must not.
    const double ch = std::pow(std::cosh(r), 2), sh = std::pow(std::sinh(r), 2);
    const double closed = ch * std::log(ch) - sh * std::log(sh);
    for (int m : {0, 1}) {
      const GaussianDiscord d = gaussian_discord_details(s, m);
      BOOST_TEST(std::abs(d.discord - closed) < 1e-12 * closed);
      BOOST_TEST(std::abs(d.e_min - 1) < 1e-12);
      worst_tmsv = std::max(worst_tmsv, std::abs(d.discord - closed) / closed);
    }
    BOOST_TEST(std::abs(gaussian_entropy(s.topLeftCorner(2, 2)) - closed) < 1e-12 * closed);
    BOOST_TEST(std::abs(gaussian_mutual_information(s) - 2 * closed) < 1e-11);
    // The seed's own invariant form, for comparison only: accurate to ~√eps·cosh²2r.
    BOOST_TEST(std::abs(seed_f6(s) - closed) < (r <= 1 ? 1e-6 : 3e-5));
  }
  BOOST_TEST_MESSAGE("TMSV: worst relative error of D_G " << worst_tmsv);
}

BOOST_AUTO_TEST_CASE(symplectic_eigenvalues_entropy_and_product_states) {
  std::mt19937 g(1);
  double worst = 0;
  for (int k = 0; k < 30; ++k) {
    const RandomState r = random_state(g);
    const M4 s = r.sigma;
    const Eigen::VectorXd nu = symplectic_eigenvalues(s);
    worst = std::max({worst, std::abs(nu(0) - std::min(r.nu1, r.nu2)), std::abs(nu(1) - std::max(r.nu1, r.nu2))});
    BOOST_TEST(std::abs(gaussian_entropy(s) - entropy_of(r.nu1) - entropy_of(r.nu2)) < 1e-9);
    // iΩσ has eigenvalues ±ν: check det(σΩ σ... ) via the invariants D = (ν1 ν2)² (×16 in V units).
    BOOST_TEST(std::abs(s.determinant() - std::pow(r.nu1 * r.nu2, 2)) < 1e-9 * s.determinant());
  }
  BOOST_TEST(worst < 1e-9);
  BOOST_TEST_MESSAGE("symplectic eigenvalues: worst error " << worst);
  // Vacuum and thermal product states: no correlations of any kind.
  const M4 vac = 0.5 * M4::Identity();
  BOOST_TEST(gaussian_entropy(vac) < 1e-15);
  M4 th = M4::Zero();
  th.diagonal() << 1.5, 1.5, 0.8, 0.8;
  BOOST_TEST(std::abs(gaussian_entropy(th) - (2 * std::log(2.0) + 1.3 * std::log(1.3) - 0.3 * std::log(0.3))) < 1e-13);
  const M4 l = local(rot(0.3) * sq(0.4), sq(-0.7) * rot(1.1));
  const M4 prod = l * th * l.transpose();
  BOOST_TEST(gaussian_discord(prod, 0) < 1e-12);
  BOOST_TEST(gaussian_discord(prod, 1) < 1e-12);
  BOOST_TEST(gaussian_discord(vac, 0) < 1e-12);
  BOOST_TEST(gaussian_log_negativity(prod) == 0.0);
  BOOST_TEST(std::abs(gaussian_mutual_information(prod)) < 1e-12);
  // Three modes: the generic symplectic spectrum.
  Eigen::MatrixXd s3 = Eigen::MatrixXd::Zero(6, 6);
  s3.diagonal() << 0.5, 0.5, 1.25, 1.25, 3, 3;
  Eigen::MatrixXd t = Eigen::MatrixXd::Identity(6, 6);
  t.topLeftCorner(4, 4) = beam_splitter(0.4) * two_mode_squeezer(0.7);
  Eigen::MatrixXd t2 = Eigen::MatrixXd::Identity(6, 6);
  t2.bottomRightCorner(4, 4) = two_mode_squeezer(0.3) * local(sq(0.2), rot(0.5));
  const Eigen::MatrixXd s3t = t2 * t * s3 * t.transpose() * t2.transpose();
  BOOST_TEST((symplectic_eigenvalues(s3t) - Eigen::Vector3d(0.5, 1.25, 3)).norm() < 1e-10);
}

BOOST_AUTO_TEST_CASE(log_negativity_matches_partial_transpose_spectrum) {
  std::mt19937 g(2);
  int entangled = 0;
  const M4 flip = Eigen::Vector4d(1, 1, 1, -1).asDiagonal();
  for (int k = 0; k < 30; ++k) {
    const M4 s = random_state(g).sigma;
    // The partial transpose is not a physical covariance matrix: its spectrum from iΩσ̃ directly.
    const M4 pt = flip * s * flip;
    const Eigen::ComplexEigenSolver<Eigen::Matrix4cd> es(std::complex<double>(0, 1) *
                                                         (omega() * pt).cast<std::complex<double>>());
    double nu = 1e300;
    for (int j = 0; j < 4; ++j) nu = std::min(nu, std::abs(es.eigenvalues()(j)));
    BOOST_TEST(std::abs(pt_symplectic_eigenvalue(s) - nu) < 1e-9);
    BOOST_TEST(std::abs(gaussian_log_negativity(s) - std::max(0.0, -std::log(2 * nu))) < 1e-9);
    if (nu < 0.5) ++entangled;
    const M4 l = local(rot(0.3 * k) * sq(0.1 * k - 1), sq(0.5) * rot(k));
    BOOST_TEST(std::abs(gaussian_log_negativity(l * s * l.transpose()) - gaussian_log_negativity(s)) < 1e-9);
  }
  BOOST_TEST(entangled >= 5);
}

BOOST_AUTO_TEST_CASE(gaussian_discord_against_brute_force_and_seed_formula) {
  std::mt19937 g(3);
  int branch[2] = {0, 0};
  double worst = 0, worst_seed = 0;
  for (int k = 0; k < 24; ++k) {
    const M4 s = k % 3 == 2 ? classically_correlated(g) : random_state(g).sigma;
    for (int m : {0, 1}) {
      const GaussianDiscord d = gaussian_discord_details(s, m);
      ++branch[d.general_branch ? 0 : 1];
      // D = I(A:B) − J, J = S(unmeasured) − min S(unmeasured | measurement), with every entropy
      // from symplectic spectra (independent of the invariant formulas).
      const double min_det = brute_min_det(s, m);
      const double s_other = gaussian_entropy(s.block(2 * (1 - m), 2 * (1 - m), 2, 2));
      const double brute = gaussian_mutual_information(s) - s_other + entropy_of(std::sqrt(min_det));
      BOOST_TEST_CONTEXT("state " << k << " measured " << m << (d.general_branch ? " general" : " homodyne")) {
        BOOST_TEST(std::abs(d.e_min - 4 * min_det) < 1e-8 * d.e_min);  // E_min is in V = 2σ units
        BOOST_TEST(d.e_min <= 4 * min_det * (1 + 1e-11));
        BOOST_TEST(d.discord <= brute + 1e-9);
        BOOST_TEST(d.discord >= 0.0);
        BOOST_TEST(d.discord <= gaussian_mutual_information(s) + 1e-12);  // J ≥ 0
        worst = std::max(worst, std::abs(d.discord - brute));
        if (m == 0) worst_seed = std::max(worst_seed, std::abs(d.discord - seed_f6(s)));
      }
    }
  }
  BOOST_TEST(worst < 1e-8);
  BOOST_TEST(worst_seed < 1e-10);
  BOOST_TEST(branch[0] >= 4);
  BOOST_TEST(branch[1] >= 4);
  BOOST_TEST_MESSAGE("Gaussian discord: worst |formula - brute force| "
                     << worst << ", vs seed F6-F8 " << worst_seed << "; branches general " << branch[0] << ", homodyne "
                     << branch[1]);
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_measure) {
  M4 s = tmsv(0.5);
  BOOST_CHECK_EXCEPTION(gaussian_discord(Eigen::MatrixXd(Eigen::Matrix3d::Identity())), std::invalid_argument,
                        starts("gaussian_discord: needs a 4x4 covariance matrix"));
  M4 asym = s;
  asym(0, 2) += 0.1;
  BOOST_CHECK_EXCEPTION(gaussian_discord(asym), std::invalid_argument,
                        starts("gaussian_discord: covariance matrix is not symmetric"));
  // Vacuum variance 1/4: violates the uncertainty principle (a V-convention matrix halved twice).
  BOOST_CHECK_EXCEPTION(gaussian_log_negativity(0.25 * M4::Identity()), std::invalid_argument,
                        starts("gaussian_log_negativity: covariance matrix violates the uncertainty principle"));
  BOOST_CHECK_EXCEPTION(gaussian_discord(s, 2), std::invalid_argument, starts("gaussian_discord: the measured mode"));
  BOOST_CHECK_EXCEPTION(symplectic_eigenvalues(0.4 * Eigen::MatrixXd::Identity(6, 6)), std::invalid_argument,
                        starts("symplectic_eigenvalues: covariance matrix violates"));
}
