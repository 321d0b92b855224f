// Seed 002, oscillator half, Gaussian route (App. B): the covariance-matrix ODE (B2) with first
// moments, exact; release times from the exact Q(t).
#include <cmath>
#include <functional>

#include "qtherm/dynamics/gaussian_evolution.hpp"
#include "qtherm/info/gaussian.hpp"
#include "qtherm/models/cascaded/cascaded_oscillators.hpp"

namespace qtherm::models::cascaded {

using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

// Seed 002 Eqs. (B1), (B3): drift A and diffusion M of the quadratures (X1, Y1, X2, Y2).
void drift_diffusion(double gamma, double N, bool cascade, MatrixXd& A, MatrixXd& M) {
  A = -0.5 * gamma * MatrixXd::Identity(4, 4);
  M = gamma * (N + 0.5) * MatrixXd::Identity(4, 4);
  if (cascade) {
    A(2, 0) = A(3, 1) = -gamma;
    M(0, 2) = M(2, 0) = M(1, 3) = M(3, 1) = gamma * (N + 0.5);
  }
}

// The release times: for each p in `percents`, the first t at which f(moments) = Q(t)/Q∞ reaches
// p/100, NaN if not by t_max. One scan in steps dt for all p, then bisection of the step where f
// crosses p; the trials advance the moments from the bracket's left end by dt/2, dt/4, ... (exact),
// steps whose exponentials all p share.
std::vector<double> release_times(const dynamics::GaussianEvolution& evo, const dynamics::GaussianMoments& init,
                                  const std::function<double(const dynamics::GaussianMoments&)>& f,
                                  const std::vector<double>& percents, double dt, double t_max) {
  std::vector<dynamics::GaussianEvolution::Step> halves;  // halves[k]: a step of dt / 2^(k+1)
  auto bisect = [&](dynamics::GaussianMoments a, double ta, double p) {
    double h = dt;
    for (size_t k = 0; k < 60; ++k) {
      h *= 0.5;
      if (halves.size() == k) halves.push_back(evo.step(h));
      auto m = halves[k](a);
      if (f(m) < p) a = std::move(m), ta += h;
    }
    return ta + 0.5 * h;
  };
  std::vector<double> tau(percents.size(), std::nan(""));
  size_t pending = percents.size();
  auto crossed = [&](const dynamics::GaussianMoments& b, const auto& time_of_crossing) {
    const double fb = f(b);
    for (size_t i = 0; i < percents.size(); ++i)
      if (std::isnan(tau[i]) && fb >= percents[i] / 100) tau[i] = time_of_crossing(percents[i] / 100), --pending;
  };
  crossed(init, [](double) { return 0.0; });
  const auto step = evo.step(dt);
  dynamics::GaussianMoments a = init;
  for (long n = 1; pending > 0 && n * dt <= t_max; ++n) {
    auto b = step(a);
    crossed(b, [&](double p) { return bisect(a, (n - 1) * dt, p); });
    a = std::move(b);
  }
  return tau;
}

}  // namespace

// The initial (S, mean) of a Gaussian initial state.
dynamics::GaussianMoments gaussian_initial(const Params& prm) {
  const std::string& kind = prm.initial;
  const double ns = prm.N_s;
  dynamics::GaussianMoments g;
  g.S = (ns + 0.5) * MatrixXd::Identity(4, 4);
  g.mean = VectorXd::Zero(4);
  if (kind == "correlated") {
    g.S(0, 2) = g.S(2, 0) = prm.c13;
    g.S(1, 3) = g.S(3, 1) = prm.c24;
  } else if (kind == "squeezed_thermal") {
    // S(r) = exp(r(a1† a2† − a1 a2)) on thermal modes: <X1X2> = +(N_s + ½) sinh 2r, <Y1Y2> = −(N_s + ½) sinh 2r.
    const double r = prm.squeezing, ch = std::cosh(2 * r), sh = std::sinh(2 * r);
    g.S *= ch;
    g.S(0, 2) = g.S(2, 0) = (ns + 0.5) * sh;
    g.S(1, 3) = g.S(3, 1) = -(ns + 0.5) * sh;
  } else if (kind == "coherent") {
    const auto a = alphas(prm);
    g.S = 0.5 * MatrixXd::Identity(4, 4);
    for (int p = 0; p < 2; ++p)
      g.mean(2 * p) = std::sqrt(2.0) * a[p].real(), g.mean(2 * p + 1) = std::sqrt(2.0) * a[p].imag();
    g.S += g.mean * g.mean.transpose();
  } else if (kind == "fock") {
    g.S = 0.5 * MatrixXd::Identity(4, 4);  // only the vacuum is Gaussian (validate refuses others)
  }
  return g;
}

// The observables of base_observables() from the raw second moments, mean and ∫S dt.
std::vector<double> derive(double w, double g, double N, const MatrixXd& S, const VectorXd& mean, const MatrixXd& Sint,
                           double t, double U0) {
  const double n1 = 0.5 * (S(0, 0) + S(1, 1)) - 0.5, n2 = 0.5 * (S(2, 2) + S(3, 3)) - 0.5;
  const double J1 = w * g * (n1 - N), J2 = w * g * (n2 - N), J12 = w * g * (S(0, 2) + S(1, 3));
  const double QJ1 = w * g * (0.5 * (Sint(0, 0) + Sint(1, 1)) - (N + 0.5) * t);
  const double QJ2 = w * g * (0.5 * (Sint(2, 2) + Sint(3, 3)) - (N + 0.5) * t);
  const double QJ12 = w * g * (Sint(0, 2) + Sint(1, 3));
  const MatrixXd C = S - mean * mean.transpose();
  double en = std::nan(""), dg = std::nan("");
  try {
    en = info::gaussian_log_negativity(C);
    dg = info::gaussian_discord(C, 0);
  } catch (const std::exception&) {
  }
  return {w * n1,   w * n2,        w * (n1 + n2), J1,  J2,   J12,
          J2 + J12, J1 + J2 + J12, QJ1,           QJ2, QJ12, QJ1 + QJ2 + QJ12,
          C(0, 0),  C(0, 2),       C(1, 3),       en,  dg,   w * (n1 + n2) - U0 + QJ1 + QJ2 + QJ12};
}

Routes run_gaussian(const Params& prm, const std::vector<double>& times, Checkpoint* checkpoint) {
  const double w = prm.omega, g = prm.gamma, N = occupation(prm);
  MatrixXd A, M;
  drift_diffusion(g, N, prm.cascade, A, M);
  const dynamics::GaussianEvolution evo(A, M);
  const auto init = gaussian_initial(prm);
  Routes r;
  r.values.assign(base_observables().size(), {});
  const double U0 = w * (0.5 * init.S.trace() - 1);
  auto row = [&](size_t i) {
    const auto m = evo.at(init, times[i]);
    return derive(w, g, N, m.S, m.mean, m.S_integral, times[i], U0);
  };
  std::vector<std::vector<double>> rows;
  if (checkpoint)
    rows = checkpoint->by_output_time(times, row);
  else
    for (size_t i = 0; i < times.size(); ++i) rows.push_back(row(i));
  if (rows.size() < times.size()) return r;  // stopped by a signal: the checkpoint holds the rows
  for (const auto& v : rows)
    for (size_t k = 0; k < v.size(); ++k) r.values[k].push_back(v[k]);
  // Q(∞) = U(0) − U_Gibbs and the release times from the exact Q(t) = U(0) − U(t).
  const MatrixXd Sinf = evo.stationary();
  const double qinf = U0 - w * (0.5 * Sinf.trace() - 1);
  r.scalars.push_back({q("Q_infinity", "energy", "> 0: energy released into the reservoir",
                         "U(0) - U(infinity) (Gaussian route: exact)"),
                       qinf});
  r.scalars.push_back(
      {q("steady_gibbs_distance", "1", "",
         "max |S(infinity) - (N + 1/2) 1|: 0 when the stationary state is the product Gibbs state, Eq. (10)"),
       (Sinf - (N + 0.5) * MatrixXd::Identity(4, 4)).cwiseAbs().maxCoeff()});
  auto frac = [&](const dynamics::GaussianMoments& m) { return (U0 - w * (0.5 * m.S.trace() - 1)) / qinf; };
  const bool released = qinf != 0 && std::isfinite(qinf);
  const auto tau = released ? release_times(evo, init, frac, prm.release_percent, 0.01 / g, 200 / g)
                            : std::vector<double>(prm.release_percent.size(), std::nan(""));
  for (size_t i = 0; i < tau.size(); ++i)
    r.scalars.push_back({q(release_name(prm.release_percent[i]), "time", "",
                           "release time: Q_total(tau) = p% of Q_infinity (Gaussian route: exact, first crossing)"),
                         tau[i]});
  return r;
}

}  // namespace qtherm::models::cascaded
