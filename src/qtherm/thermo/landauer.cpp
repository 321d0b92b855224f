#include "qtherm/thermo/landauer.hpp"

#include <cmath>
#include <limits>
#include <numeric>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/info/entropy.hpp"
#include "qtherm/space/partial_trace.hpp"

namespace qtherm::thermo {

using Dense = Eigen::MatrixXcd;

StateRates StateRates::exact(const space::TensorSpace& s, Dense rho, Dense rho_dot) {
  return StateRates(s, std::move(rho), std::move(rho_dot), 0);
}

StateRates StateRates::step(const space::TensorSpace& s, Dense rho, Dense next, double dt) {
  return StateRates(s, std::move(rho), std::move(next), dt);
}

Dense StateRates::reduce(const Dense& m, const std::vector<int>& keep) const {
  if (static_cast<int>(keep.size()) == space_.parties()) return m;
  return space::partial_trace(m, space_, keep);
}

double StateRates::entropy(const std::vector<int>& keep) const { return info::von_neumann_entropy(reduce(rho_, keep)); }

double StateRates::entropy_rate(const std::vector<int>& keep) const {
  if (dt_ > 0) return (info::von_neumann_entropy(reduce(other_, keep)) - entropy(keep)) / dt_;
  // dS/dt = −tr(ρ̇ ln ρ) in ρ's eigenbasis; a zero eigenvalue whose population grows gives +inf.
  const Dense r = reduce(rho_, keep), rd = reduce(other_, keep);
  const Dense r_hermitian = 0.5 * (r + r.adjoint());
  Eigen::SelfAdjointEigenSolver<Dense> es(r_hermitian);
  const Dense v = es.eigenvectors();
  const Dense rd_eig = v.adjoint() * (0.5 * (rd + rd.adjoint())) * v;
  double rate = 0;
  for (Eigen::Index k = 0; k < r.rows(); ++k) {
    const double lam = es.eigenvalues()(k), flow = rd_eig(k, k).real();
    if (lam > info::support_tolerance)
      rate -= flow * std::log(lam);
    else if (flow > info::support_tolerance)
      return std::numeric_limits<double>::infinity();
  }
  return rate;
}

double StateRates::expectation(const Dense& O, const std::vector<int>& keep) const {
  return (O * reduce(rho_, keep)).trace().real();
}

double StateRates::expectation_rate(const Dense& O, const std::vector<int>& keep) const {
  const double now = (O * reduce(rho_, keep)).trace().real();
  if (dt_ > 0) return ((O * reduce(other_, keep)).trace().real() - now) / dt_;
  return (O * reduce(other_, keep)).trace().real();
}

LandauerSplit landauer_split(const StateRates& r, int n) {
  std::vector<int> all(n);
  std::iota(all.begin(), all.end(), 0);
  auto without = [&](int k) {
    std::vector<int> rest;
    for (int q = 0; q < n; ++q)
      if (q != k) rest.push_back(q);
    return rest;
  };
  LandauerSplit s;
  const double dS = r.entropy_rate(all);
  s.total = -dS;
  s.local = -n * r.entropy_rate({0});
  if (n >= 2) {
    // Ṡ_{k|rest} = Ṡ − Ṡ(all but k).
    s.conditional = (n - 1) * (dS - r.entropy_rate(without(0)));
    for (int k = 1; k < n; ++k) s.conditional -= dS - r.entropy_rate(without(k));
    double sum_local = 0;
    for (int k = 0; k < n; ++k) sum_local += r.entropy_rate({k});
    s.correlation = sum_local - dS;
  }
  s.remainder = s.total - (s.local + s.conditional + s.correlation);
  return s;
}

std::vector<std::pair<double, double>> violation_intervals(const std::vector<double>& t, const std::vector<double>& m,
                                                           double tol) {
  std::vector<std::pair<double, double>> out;
  for (size_t k = 0; k < t.size() && k < m.size(); ++k) {
    if (!(m[k] < -tol)) continue;
    if (!out.empty() && k > 0 && m[k - 1] < -tol)
      out.back().second = t[k];
    else
      out.emplace_back(t[k], t[k]);
  }
  return out;
}

}  // namespace qtherm::thermo
