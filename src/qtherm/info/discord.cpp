#include "qtherm/info/discord.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "qtherm/info/state_checks.hpp"

namespace qtherm::info {
namespace {

using Vec3 = Eigen::Vector3d;

// ρ_B and T_k = tr_A[(σ_k ⊗ 1) ρ], so that the unnormalised conditional states are
// (ρ_B ± n·T)/2: each evaluation then costs two d_B × d_B eigenproblems.
struct Conditional {
  Eigen::MatrixXcd rho_b;
  std::array<Eigen::MatrixXcd, 3> t;

  Conditional(const Eigen::MatrixXcd& rho, long db) {
    const auto blk = [&](int i, int j) { return rho.block(i * db, j * db, db, db); };
    const std::complex<double> I(0, 1);
    rho_b = blk(0, 0) + blk(1, 1);
    t[0] = blk(0, 1) + blk(1, 0);          // tr_A[(σx⊗1)ρ] = ρ_{10} + ρ_{01} (blocks)
    t[1] = I * blk(0, 1) - I * blk(1, 0);  // σy = [[0, −i],[i, 0]]: −i ρ_{10} + i ρ_{01}
    t[2] = blk(0, 0) - blk(1, 1);
  }

  double operator()(const Vec3& n) const {
    const Eigen::MatrixXcd nt = n(0) * t[0] + n(1) * t[1] + n(2) * t[2];
    double s = 0, pp = 0, pm = 0;
    for (int sign : {1, -1}) {
      const Eigen::MatrixXcd m = 0.5 * (rho_b + double(sign) * nt);
      const Eigen::VectorXd mu = eigenvalues(m);
      s += shannon_entropy(mu);
      (sign > 0 ? pp : pm) = mu.cwiseMax(0.0).sum();
    }
    // Σ p_l S(M_l / p_l) = Σ_l S_unnormalised(M_l) + Σ_l p_l ln p_l.
    for (double p : {pp, pm})
      if (p > 0) s += p * std::log(p);
    return s;
  }
};

Vec3 direction(double theta, double phi) {
  return {std::sin(theta) * std::cos(phi), std::sin(theta) * std::sin(phi), std::cos(theta)};
}

// Nelder–Mead on f(normalise(n0 + x e1 + y e2)); restarted from its result until a restart no
// longer improves, so a collapsed simplex cannot stop it early.
Vec3 refine(const Conditional& f, Vec3 n0, double step, double& best) {
  for (int restart = 0; restart < 6; ++restart) {
    Vec3 e1 = n0.unitOrthogonal(), e2 = n0.cross(e1);
    const auto at = [&](const Eigen::Vector2d& x) { return Vec3((n0 + x(0) * e1 + x(1) * e2).normalized()); };
    std::array<Eigen::Vector2d, 3> s = {Eigen::Vector2d(0, 0), Eigen::Vector2d(step, 0), Eigen::Vector2d(0, step)};
    std::array<double, 3> v;
    for (int k = 0; k < 3; ++k) v[k] = f(at(s[k]));
    for (int it = 0; it < 400; ++it) {
      std::array<int, 3> o = {0, 1, 2};
      std::sort(o.begin(), o.end(), [&](int a, int b) { return v[a] < v[b]; });
      const int lo = o[0], mid = o[1], hi = o[2];
      if ((s[hi] - s[lo]).norm() < 1e-10 && (s[mid] - s[lo]).norm() < 1e-10) break;
      const Eigen::Vector2d c = 0.5 * (s[lo] + s[mid]);
      const Eigen::Vector2d r = c + (c - s[hi]);
      const double fr = f(at(r));
      if (fr < v[lo]) {
        const Eigen::Vector2d e = c + 2.0 * (c - s[hi]);
        const double fe = f(at(e));
        if (fe < fr)
          s[hi] = e, v[hi] = fe;
        else
          s[hi] = r, v[hi] = fr;
      } else if (fr < v[mid]) {
        s[hi] = r, v[hi] = fr;
      } else {
        const Eigen::Vector2d k =
            fr < v[hi] ? Eigen::Vector2d(c + 0.5 * (r - c)) : Eigen::Vector2d(c + 0.5 * (s[hi] - c));
        const double fk = f(at(k));
        if (fk < std::min(fr, v[hi]))
          s[hi] = k, v[hi] = fk;
        else
          for (int j : {mid, hi}) s[j] = s[lo] + 0.5 * (s[j] - s[lo]), v[j] = f(at(s[j]));
      }
    }
    const int lo = int(std::min_element(v.begin(), v.end()) - v.begin());
    const bool improved = v[lo] < best - 1e-15;
    if (v[lo] <= best) best = v[lo], n0 = at(s[lo]);
    if (!improved && restart > 0) break;
    step = std::max(1e-4, step * 0.1);
  }
  return n0;
}

}  // namespace

double measured_conditional_entropy(const Eigen::MatrixXcd& rho, long dim_b, double theta, double phi) {
  return Conditional(rho, dim_b)(direction(theta, phi));
}

DiscordResult discord(const Eigen::MatrixXcd& rho, long dim_b, double base) {
  if (dim_b < 1 || rho.rows() != 2 * dim_b)
    throw std::invalid_argument("discord: needs a qubit A measured and B of dimension " + std::to_string(dim_b) + " (" +
                                std::to_string(2 * dim_b) + "x" + std::to_string(2 * dim_b) + " state), got " +
                                std::to_string(rho.rows()) + "x" + std::to_string(rho.cols()));
  check_state(rho, "discord");
  const double scale = log_scale(base, "discord");
  const Conditional f(rho, dim_b);
  const Eigen::MatrixXcd rho_a =
      (Eigen::Matrix2cd() << rho.block(0, 0, dim_b, dim_b).trace(), rho.block(0, dim_b, dim_b, dim_b).trace(),
       rho.block(dim_b, 0, dim_b, dim_b).trace(), rho.block(dim_b, dim_b, dim_b, dim_b).trace())
          .finished();
  const double sa = shannon_entropy(eigenvalues(rho_a)), sb = shannon_entropy(eigenvalues(f.rho_b));
  const double sab = shannon_entropy(eigenvalues(rho));

  // Coarse grid: 15° in θ ∈ [0, π] and φ ∈ [0, 2π) (the poles once).
  constexpr int nt = 12, np = 24;
  const double dt = M_PI / nt, dp = 2 * M_PI / np;
  Eigen::MatrixXd g(nt + 1, np);
  for (int i = 0; i <= nt; ++i)
    for (int j = 0; j < np; ++j) g(i, j) = (j > 0 && (i == 0 || i == nt)) ? g(i, 0) : f(direction(i * dt, j * dp));
  // Grid points not above any neighbour (φ periodic) seed the local refinement, best first.
  std::vector<std::pair<double, Vec3>> seeds;
  for (int i = 0; i <= nt; ++i)
    for (int j = 0; j < np; ++j) {
      if ((i == 0 || i == nt) && j > 0) continue;
      bool minimum = true;
      for (auto [di, dj] : {std::pair{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
        const int a = i + di, b = (j + dj + np) % np;
        if (a >= 0 && a <= nt && g(a, b) < g(i, j)) minimum = false;
      }
      if (minimum) seeds.emplace_back(g(i, j), direction(i * dt, j * dp));
    }
  std::sort(seeds.begin(), seeds.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  double best = g.minCoeff();
  Vec3 n_best = seeds.empty() ? Vec3(0, 0, 1) : seeds.front().second;
  // ±n is the same measurement, so the grid has every minimum twice: 8 seeds cover 4 basins.
  for (size_t k = 0; k < std::min<size_t>(8, seeds.size()); ++k) {
    double v = seeds[k].first;
    const Vec3 n = refine(f, seeds[k].second, 0.5 * dt, v);
    if (v < best) best = v, n_best = n;
  }
  DiscordResult r;
  r.mutual_information = (sa + sb - sab) * scale;
  r.classical_correlation = (sb - best) * scale;
  r.discord = std::max(0.0, sa - sab + best) * scale;
  r.theta = std::acos(std::clamp(n_best(2), -1.0, 1.0));
  r.phi = std::atan2(n_best(1), n_best(0));
  if (r.phi < 0) r.phi += 2 * M_PI;
  return r;
}

double discord(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
               const std::vector<int>& b, double base) {
  long da = 0, db = 0;
  const Eigen::MatrixXcd ab = bipartite_state(rho, dims, a, b, da, db, "discord");
  if (da != 2)
    throw std::invalid_argument("discord: the measured group A must be one qubit (dimension 2), got dimension " +
                                std::to_string(da));
  return discord(ab, db, base).discord;
}

}  // namespace qtherm::info
