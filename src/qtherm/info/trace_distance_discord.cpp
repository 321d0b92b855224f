#include "qtherm/info/trace_distance_discord.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

#include "qtherm/info/state_checks.hpp"
#include "qtherm/info/trace_distance.hpp"

namespace qtherm::info {
namespace {

using Eigen::Matrix3d;
using Eigen::Vector2d;
using Eigen::Vector3d;

// F(n) of the header from the Bloch data of ρ.
class Objective {
 public:
  explicit Objective(const Eigen::MatrixXcd& rho) {
    Eigen::Matrix2cd s[3];
    s[0] << 0, 1, 1, 0;
    s[1] << 0, std::complex<double>(0, -1), std::complex<double>(0, 1), 0;
    s[2] << 1, 0, 0, -1;
    const Eigen::Matrix2cd one = Eigen::Matrix2cd::Identity();
    auto kron = [](const Eigen::Matrix2cd& a, const Eigen::Matrix2cd& b) {
      Eigen::Matrix4cd k;
      for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) k.block<2, 2>(2 * i, 2 * j) = a(i, j) * b;
      return k;
    };
    Vector3d x;
    Matrix3d T;
    for (int i = 0; i < 3; ++i) {
      x(i) = (rho * kron(s[i], one)).trace().real();
      for (int j = 0; j < 3; ++j) T(i, j) = (rho * kron(s[i], s[j])).trace().real();
    }
    G_ = x * x.transpose() + T * T.transpose();
    K_ = x * x.transpose() - T * T.transpose();
    // adj(K) by cofactors: K may be singular (pure product states, Bell states).
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        const int i1 = (i + 1) % 3, i2 = (i + 2) % 3, j1 = (j + 1) % 3, j2 = (j + 2) % 3;
        adjK_(j, i) = K_(i1, j1) * K_(i2, j2) - K_(i1, j2) * K_(i2, j1);
      }
  }
  double operator()(Vector3d n) const {
    n.normalize();
    const double trK = K_.trace() - n.dot(K_ * n);
    const double gap2 = trK * trK - 4 * n.dot(adjK_ * n);  // (λ1 − λ2)² of K on the plane ⊥ n
    return G_.trace() - n.dot(G_ * n) + std::sqrt(std::max(0.0, gap2));
  }

 private:
  Matrix3d G_, K_, adjK_;
};

// Nelder–Mead on the tangent plane at n0 (no pole in these coordinates), from a simplex of size h
// down to 1e-13; returns the smallest value seen and moves n0 to where it was found.
double nelder_mead(const Objective& F, Vector3d& n0, double h) {
  const Vector3d a = std::abs(n0.x()) < 0.9 ? Vector3d::UnitX() : Vector3d::UnitY();
  const Vector3d e1 = n0.cross(a).normalized(), e2 = n0.cross(e1);
  auto f = [&](const Vector2d& p) { return F(n0 + p.x() * e1 + p.y() * e2); };
  std::array<Vector2d, 3> S = {Vector2d(0, 0), Vector2d(h, 0), Vector2d(0, h)};
  std::array<double, 3> V = {f(S[0]), f(S[1]), f(S[2])};
  for (int it = 0; it < 4000; ++it) {
    std::array<int, 3> o = {0, 1, 2};
    std::sort(o.begin(), o.end(), [&](int i, int j) { return V[i] < V[j]; });
    S = {S[o[0]], S[o[1]], S[o[2]]};
    V = {V[o[0]], V[o[1]], V[o[2]]};
    if (std::max((S[1] - S[0]).norm(), (S[2] - S[0]).norm()) < 1e-13) break;
    const Vector2d c = 0.5 * (S[0] + S[1]);
    const Vector2d xr = c + (c - S[2]);
    const double fr = f(xr);
    if (fr < V[0]) {
      const Vector2d xe = c + 2 * (c - S[2]);
      const double fe = f(xe);
      if (fe < fr)
        S[2] = xe, V[2] = fe;
      else
        S[2] = xr, V[2] = fr;
    } else if (fr < V[1]) {
      S[2] = xr, V[2] = fr;
    } else {
      const Vector2d xc = c + 0.5 * (S[2] - c);
      const double fc = f(xc);
      if (fc < V[2]) {
        S[2] = xc, V[2] = fc;
      } else {
        for (int k = 1; k < 3; ++k) S[k] = S[0] + 0.5 * (S[k] - S[0]), V[k] = f(S[k]);
      }
    }
  }
  const int best = int(std::min_element(V.begin(), V.end()) - V.begin());
  n0 = (n0 + S[best].x() * e1 + S[best].y() * e2).normalized();
  return V[best];
}

}  // namespace

double trace_distance_discord_general(const Eigen::MatrixXcd& rho) {
  check_state(rho, "trace_distance_discord");
  if (rho.rows() != 4) throw std::invalid_argument("trace_distance_discord: needs a two-qubit (4x4) state");
  const Objective F(rho);
  // A grid over the upper hemisphere (spacing pi/2M), then Nelder–Mead from its four best points;
  // each restarted from where it stopped with ever smaller simplices, since Nelder–Mead can stall at
  // the kinks of √(·).
  const int M = 24;
  std::vector<std::pair<double, Vector3d>> grid;
  for (int i = 0; i <= M; ++i) {
    const double th = M_PI / 2 * i / M;
    for (int j = 0; j < (i ? 4 * M : 1); ++j) {
      const double ph = 2 * M_PI * j / (4 * M);
      const Vector3d n(std::sin(th) * std::cos(ph), std::sin(th) * std::sin(ph), std::cos(th));
      grid.emplace_back(F(n), n);
    }
  }
  std::partial_sort(grid.begin(), grid.begin() + 4, grid.end(),
                    [](const auto& a, const auto& b) { return a.first < b.first; });
  double best = grid.front().first;
  for (int k = 0; k < 4; ++k) {
    Vector3d n = grid[k].second;
    double h = M_PI / (2 * M);
    for (int restart = 0; restart < 6; ++restart, h *= 1e-2) best = std::min(best, nelder_mead(F, n, h));
  }
  return std::sqrt(std::max(0.0, best) / 8);
}

double trace_distance_discord(const Eigen::MatrixXcd& rho) {
  check_state(rho, "trace_distance_discord");
  if (rho.rows() != 4) throw std::invalid_argument("trace_distance_discord: needs a two-qubit (4x4) state");
  return is_x_state(rho, 1e-10) ? trace_distance_discord_x(rho) : trace_distance_discord_general(rho);
}

}  // namespace qtherm::info
