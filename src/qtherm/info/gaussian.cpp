#include "qtherm/info/gaussian.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/info/state_checks.hpp"

namespace qtherm::info {
namespace {

Eigen::MatrixXd omega(long modes) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(2 * modes, 2 * modes);
  for (long k = 0; k < modes; ++k) w(2 * k, 2 * k + 1) = 1, w(2 * k + 1, 2 * k) = -1;
  return w;
}

// docs/physics.md's f(x), x ≥ 1 (vacuum-1 symplectic eigenvalue); rounding below 1 is clipped.
double f(double x) {
  x = std::max(x, 1.0);
  const double p = 0.5 * (x + 1), m = 0.5 * (x - 1);
  return p * std::log(p) - (m > 0 ? m * std::log(m) : 0.0);
}

// Standard form of V = 2σ under local symplectics: α = a·1, β = b·1, γ = diag(c₊, c₋), with
// c₊ ≥ |c₋| and sign(c₋) = sign(det γ). The invariants of docs/physics.md follow as A = a², B = b²,
// C = c₊c₋, D = (ab − c₊²)(ab − c₋²). Everything below is written in (a, b, c₊, c₋) because the
// invariant forms cancel catastrophically near pure states: for the two-mode squeezed vacuum the
// discriminants Δ² − 4D and C² + (B−1)(D−A) are exact zeros computed as differences of terms of
// size cosh⁴2r, and their square roots turned rounding into errors of 1e-5 in D_G at r = 2.
struct StandardForm {
  double a, b, cp, cm;
  explicit StandardForm(const Eigen::MatrixXd& sigma) {
    const Eigen::Matrix4d v = 2.0 * sigma;
    const Eigen::Matrix2d al = v.block<2, 2>(0, 0), be = v.block<2, 2>(2, 2), ga = v.block<2, 2>(0, 2);
    a = std::sqrt(al.determinant());
    b = std::sqrt(be.determinant());
    // S = (M/√det M)^{1/2} has det 1 (a local symplectic) and S⁻¹ M S⁻¹ = √det M · 1; the
    // square root of a 2×2 SPD matrix n with det 1 is (n + 1)/√(tr n + 2).
    const auto inv_root = [](const Eigen::Matrix2d& m, double rootdet) {
      const Eigen::Matrix2d n = m / rootdet;  // det n = 1
      const Eigen::Matrix2d r = (n + Eigen::Matrix2d::Identity()) / std::sqrt(n.trace() + 2);
      return Eigen::Matrix2d((Eigen::Matrix2d() << r(1, 1), -r(0, 1), -r(1, 0), r(0, 0)).finished());  // r⁻¹, det r = 1
    };
    const Eigen::Matrix2d g = inv_root(al, a) * ga * inv_root(be, b);
    const Eigen::Vector2d sv = Eigen::JacobiSVD<Eigen::Matrix2d>(g).singularValues();
    cp = sv(0);
    cm = g.determinant() < 0 ? -sv(1) : sv(1);  // local rotations only: the sign of det γ stays
  }
  double det_a() const { return a * a; }
  double det_b() const { return b * b; }
  double det_c() const { return cp * cm; }
  double det_v() const { return (a * b - cp * cp) * (a * b - cm * cm); }
  // ν₊² and ν₋² of V (or of its partial transpose, flip = true: c₋ → −c₋). The discriminant
  // Δ² − 4D factorises as (a² − b²)² + 4(a c₊ + b c₋)(b c₊ + a c₋); ν₋² = D/ν₊².
  std::pair<double, double> nu2(bool flip) const {
    const double m = flip ? -cm : cm;
    const double delta = a * a + b * b + 2 * cp * m;
    const double disc = std::pow(a * a - b * b, 2) + 4 * (a * cp + b * m) * (b * cp + a * m);
    const double plus = 0.5 * (delta + std::sqrt(std::max(0.0, disc)));
    return {plus, std::max(0.0, det_v()) / plus};
  }
};
}  // namespace

void check_covariance(const Eigen::MatrixXd& sigma, const std::string& measure, long modes) {
  if (sigma.rows() != 2 * modes || sigma.cols() != 2 * modes)
    throw std::invalid_argument(measure + ": needs a " + std::to_string(2 * modes) + "x" + std::to_string(2 * modes) +
                                " covariance matrix (" + std::to_string(modes) + " modes), got " +
                                std::to_string(sigma.rows()) + "x" + std::to_string(sigma.cols()));
  if (!sigma.allFinite()) throw std::invalid_argument(measure + ": covariance matrix has non-finite entries");
  const double size = std::max(1.0, sigma.norm());
  if ((sigma - sigma.transpose()).norm() > 1e-10 * size)
    throw std::invalid_argument(measure + ": covariance matrix is not symmetric");
  const Eigen::MatrixXd s = 0.5 * (sigma + sigma.transpose());
  const Eigen::MatrixXcd h = s.cast<std::complex<double>>() + std::complex<double>(0, 0.5) * omega(modes);
  const double lo = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(h, Eigen::EigenvaluesOnly).eigenvalues()(0);
  const double pos = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(s, Eigen::EigenvaluesOnly).eigenvalues()(0);
  if (lo < -1e-10 * size || pos <= 0)
    throw std::invalid_argument(measure +
                                ": covariance matrix violates the uncertainty principle sigma + i Omega/2 >= 0 "
                                "(vacuum variance 1/2 convention; smallest eigenvalue " +
                                std::to_string(lo) + ")");
}

Eigen::VectorXd symplectic_eigenvalues(const Eigen::MatrixXd& sigma) {
  const long n = sigma.rows() / 2;
  check_covariance(sigma, "symplectic_eigenvalues", n);
  // iΩσ is similar to the Hermitian σ^{1/2} iΩ σ^{1/2}; its eigenvalues are ±ν_k.
  const Eigen::MatrixXd symmetric = 0.5 * (sigma + sigma.transpose());
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(symmetric);
  const Eigen::MatrixXd root = es.operatorSqrt();
  const Eigen::MatrixXcd m = std::complex<double>(0, 1) * (root * omega(n) * root).cast<std::complex<double>>();
  const Eigen::VectorXd ev = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(m, Eigen::EigenvaluesOnly).eigenvalues();
  Eigen::VectorXd nu(n);
  for (long k = 0; k < n; ++k) nu(k) = ev(n + k);  // ascending: the upper half are +ν_k
  return nu;
}

double thermal_mode_entropy(double nu) { return f(2 * nu); }

double gaussian_entropy(const Eigen::MatrixXd& sigma, double base) {
  const Eigen::VectorXd nu = symplectic_eigenvalues(sigma);
  double s = 0;
  for (Eigen::Index k = 0; k < nu.size(); ++k) s += thermal_mode_entropy(nu(k));
  return s * log_scale(base, "gaussian_entropy");
}

double gaussian_mutual_information(const Eigen::MatrixXd& sigma, double base) {
  check_covariance(sigma, "gaussian_mutual_information");
  return (gaussian_entropy(sigma.block(0, 0, 2, 2)) + gaussian_entropy(sigma.block(2, 2, 2, 2)) -
          gaussian_entropy(sigma)) *
         log_scale(base, "gaussian_mutual_information");
}

double pt_symplectic_eigenvalue(const Eigen::MatrixXd& sigma) {
  check_covariance(sigma, "gaussian_log_negativity");
  return 0.5 * std::sqrt(StandardForm(sigma).nu2(true).second);
}

double gaussian_log_negativity(const Eigen::MatrixXd& sigma, double base) {
  const double nu = pt_symplectic_eigenvalue(sigma);
  return std::max(0.0, -std::log(2 * nu)) * log_scale(base, "gaussian_log_negativity");
}

GaussianDiscord gaussian_discord_details(const Eigen::MatrixXd& sigma_in, int measured) {
  check_covariance(sigma_in, "gaussian_discord");
  if (measured != 0 && measured != 1)
    throw std::invalid_argument("gaussian_discord: the measured mode must be 0 or 1, got " + std::to_string(measured));
  // docs/physics.md measures the second mode: bring the measured one there.
  Eigen::MatrixXd sigma = sigma_in;
  if (measured == 0) {
    sigma.topLeftCorner(2, 2) = sigma_in.bottomRightCorner(2, 2);
    sigma.bottomRightCorner(2, 2) = sigma_in.topLeftCorner(2, 2);
    sigma.topRightCorner(2, 2) = sigma_in.bottomLeftCorner(2, 2);
    sigma.bottomLeftCorner(2, 2) = sigma_in.topRightCorner(2, 2);
  }
  const StandardForm sf(sigma);
  const double a = sf.a, b = sf.b, x = sf.cp, y = sf.cm;
  const double A = sf.det_a(), B = sf.det_b(), C = sf.det_c(), D = sf.det_v();
  const auto [nup2, num2] = sf.nu2(false);
  const double nup = std::sqrt(nup2), num = std::sqrt(num2);
  GaussianDiscord r;
  if (b - 1 <= 1e-14 * b) {
    // A pure measured mode is uncorrelated (c± = 0): the first branch is 0/0, its limit is A.
    r.e_min = A;
  } else if ((D - A * B) * (D - A * B) <= (1 + B) * C * C * (A + D)) {
    // docs/physics.md's first branch; with q = C² + (B−1)(D−A) its numerator is (|C| + √q)², and
    // q = (a(b²−1) − b c₊²)(a(b²−1) − b c₋²) in the standard form.
    const double q = (a * (B - 1) - b * x * x) * (a * (B - 1) - b * y * y);
    r.e_min = std::pow((std::abs(C) + std::sqrt(std::max(0.0, q))) / (B - 1), 2);
  } else {
    // The second branch: √(C⁴ + (D−AB)² − 2C²(AB+D)) = ab|c₊² − c₋²|, which reduces it to the
    // homodyne value a(ab − max c²)/b.
    r.general_branch = false;
    r.e_min = a * (a * b - std::max(x * x, y * y)) / b;
  }
  r.discord = std::max(0.0, f(b) - f(num) - f(nup) + f(std::sqrt(std::max(r.e_min, 1.0))));
  return r;
}

double gaussian_discord(const Eigen::MatrixXd& sigma, int measured, double base) {
  return gaussian_discord_details(sigma, measured).discord * log_scale(base, "gaussian_discord");
}

}  // namespace qtherm::info
