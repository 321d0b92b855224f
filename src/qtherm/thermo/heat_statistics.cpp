#include "qtherm/thermo/heat_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "qtherm/base/eigen_solvers.hpp"

namespace qtherm::thermo {

HeatDistribution heat_distribution(const Eigen::MatrixXcd& U, const Eigen::MatrixXcd& rho_S,
                                   const Eigen::MatrixXcd& H_E, double beta, double drop, double tol) {
  const long dS = rho_S.rows(), dE = H_E.rows();
  if (U.rows() != dS * dE || U.cols() != dS * dE) throw std::invalid_argument("heat_distribution: sizes disagree");
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> env(H_E);
  const Eigen::VectorXd E = env.eigenvalues();
  const Eigen::MatrixXcd& W = env.eigenvectors();
  const double E0 = E.minCoeff();
  Eigen::VectorXd p = (-beta * (E.array() - E0)).exp();
  p /= p.sum();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> sys(rho_S);

  std::vector<std::pair<double, double>> raw;  // (Q, weight)
  HeatDistribution out;
  for (long j = 0; j < dS; ++j) {
    const double lam = std::max(sys.eigenvalues()(j), 0.0);
    if (lam == 0) continue;
    const Eigen::VectorXcd s = sys.eigenvectors().col(j);
    for (long k = 0; k < dS; ++k) {
      Eigen::MatrixXcd A = Eigen::MatrixXcd::Zero(dE, dE);  // ⟨k|U|s_j⟩ as an operator on E
      for (long b = 0; b < dS; ++b) A += s(b) * U.block(k * dE, b * dE, dE, dE);
      const Eigen::MatrixXcd At = W.adjoint() * A * W;
      for (long m = 0; m < dE; ++m)
        for (long n = 0; n < dE; ++n) {
          const double w = lam * std::norm(At(n, m)) * p(m);
          const double Q = E(n) - E(m);
          out.mean += w * Q;
          out.exp_average += w * std::exp(-beta * Q);
          raw.emplace_back(Q, w);
        }
    }
  }
  std::sort(raw.begin(), raw.end());
  const double scale = std::max(1.0, E.maxCoeff() - E0);
  for (const auto& [Q, w] : raw) {
    if (!out.points.empty() && std::abs(Q - out.points.back().first) <= tol * scale)
      out.points.back().second += w;
    else
      out.points.emplace_back(Q, w);
  }
  out.points.erase(std::remove_if(out.points.begin(), out.points.end(), [&](const auto& e) { return e.second < drop; }),
                   out.points.end());
  return out;
}

}  // namespace qtherm::thermo
