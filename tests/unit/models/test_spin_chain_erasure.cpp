// Validation of the spin_chain_erasure model through the real configuration path: seed 001
// Fig. 1(b), 1(c) (N = 1, beta = 1 and 10, B0/J = B/J = 1, J0/J = 0.1, against alpha) and Fig. 2
// (N = 4) as data, with the facts the text states; the routes against each other for N = 4 to 12.
#define BOOST_TEST_MODULE spin_chain_erasure
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>

#include "petsc_fixture.hpp"
#include "run_model.hpp"

using qtherm::io::RunRecord;

namespace {

RunRecord run(std::vector<std::string> o) {
  o.insert(o.begin(), "--model.name=spin_chain_erasure");
  return run_model(PETSC_COMM_SELF, o);
}

std::string num(double x) {
  std::ostringstream s;
  s.precision(17);
  s << x;
  return s.str();
}

// Fig. 1 panels: the quantities at time t over a grid of alpha (written to a CSV for plotting).
struct Panel {
  std::vector<double> alpha, bq, BQ, BRW, dS;
};
Panel fig1(double beta, double t, const std::string& csv) {
  Panel p;
  std::ofstream out(csv);
  out << "alpha,beta_heat,B_Q,B_RW,delta_S\n";
  for (int k = 0; k <= 40; ++k) {
    const double a = -1 + 2.0 * k / 40;
    const auto r = run({"--model.N=1", "--model.J0=0.1", "--model.beta=" + num(beta), "--model.alpha=" + num(a),
                        "--time.t_final=" + num(t), "--time.samples=2"});
    p.alpha.push_back(a);
    p.bq.push_back(series(r, "beta_heat").back());
    p.BQ.push_back(series(r, "B_Q").back());
    p.BRW.push_back(series(r, "B_RW").back());
    p.dS.push_back(series(r, "delta_S").back());
    BOOST_TEST(std::abs(series(r, "exp_heat_average").back() - series(r, "tr_M_rho").back()) < 1e-10);
    out << a << "," << p.bq.back() << "," << p.BQ.back() << "," << p.BRW.back() << "," << p.dS.back() << "\n";
  }
  return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fig1_bounds_against_alpha) {
  for (double beta : {1.0, 10.0})
    for (double t : {1.0, 3.0, 2.5 * M_PI}) {
      BOOST_TEST_CONTEXT("beta " << beta << " Jt " << t) {
        const Panel p = fig1(beta, t, "spin_chain_fig1_beta" + num(beta) + "_t" + num(t) + ".csv");
        for (size_t k = 0; k < p.alpha.size(); ++k) {
          BOOST_TEST(p.bq[k] >= p.BQ[k] - 1e-12);   // Eq. (8)
          BOOST_TEST(p.bq[k] >= p.BRW[k] - 1e-12);  // Reeb–Wolf
          BOOST_TEST(p.dS[k] <= 1e-12);             // the pure system's entropy only grows (text below Eq. 13)
          if (p.alpha[k] >= 0.9) BOOST_TEST(p.BQ[k] >= p.BRW[k]);  // "B_Q >= B_RW when alpha ~ 1"
        }
      }
    }
  // "there are regions in the (Jt, alpha, beta) space where [B_RW] gives a tighter bound than B_Q"
  const Panel p = fig1(1.0, 2.5 * M_PI, "spin_chain_fig1_region.csv");
  BOOST_TEST(p.BRW[20] > p.BQ[20]);  // alpha = 0
}

BOOST_AUTO_TEST_CASE(fig2_n4_over_time_and_size_scaling) {
  std::ofstream out("spin_chain_fig2_n4.csv");
  const auto r = run({"--model.N=4", "--model.J0=0.1", "--model.beta=1", "--model.alpha=0.99", "--time.t_final=20",
                      "--time.samples=81"});
  const auto &t = r.t, &bq = series(r, "beta_heat"), &BQ = series(r, "B_Q"), &BRW = series(r, "B_RW"),
             &dS = series(r, "delta_S"), &E = series(r, "exp_heat_average"), &M = series(r, "tr_M_rho");
  out << "Jt,beta_heat,B_Q,B_RW,delta_S\n";
  for (size_t k = 0; k < t.size(); ++k) {
    out << t[k] << "," << bq[k] << "," << BQ[k] << "," << BRW[k] << "," << dS[k] << "\n";
    BOOST_TEST(bq[k] >= BQ[k] - 1e-12);
    BOOST_TEST(bq[k] >= BRW[k] - 1e-12);
    BOOST_TEST(std::abs(E[k] - M[k]) < 1e-10);
  }
  // "as the size of the environment grows ΔS and B_RW become basically indistinguishable": over the
  // window Jt <= 20, max |B_RW − ΔS| relative to max |ΔS| shrinks with N (R grows like ln² d).
  double previous = 1e300;
  for (int N : {1, 2, 4, 6}) {
    const auto s = run({"--model.N=" + std::to_string(N), "--model.J0=0.1", "--model.alpha=0.99", "--time.t_final=20",
                        "--time.samples=81"});
    double gap = 0, scale = 0;
    for (size_t k = 0; k < s.t.size(); ++k) {
      gap = std::max(gap, std::abs(series(s, "B_RW")[k] - series(s, "delta_S")[k]));
      scale = std::max(scale, std::abs(series(s, "delta_S")[k]));
    }
    gap /= scale;
    BOOST_TEST_MESSAGE("N " << N << " max|B_RW - dS|/max|dS| " << gap << " max|dS| " << scale);
    BOOST_TEST_CONTEXT("N " << N << " gap " << gap) { BOOST_TEST(gap < previous); }
    previous = gap;
  }
  BOOST_TEST(previous < 0.1);
  // P(Q) at t_final: normalised, its mean is <Q>.
  const auto& pq = r.states.at(0);
  BOOST_TEST(pq.name == "heat_distribution");
  double norm = 0, mean = 0;
  for (size_t i = 0; i < pq.shape[0]; ++i)
    norm += pq.data[2 * i + 1].real(), mean += pq.data[2 * i].real() * pq.data[2 * i + 1].real();
  BOOST_TEST(std::abs(norm - 1) < 1e-10);
  BOOST_TEST(std::abs(mean - series(r, "heat").back()) < 1e-10);
}

BOOST_AUTO_TEST_CASE(routes_agree_n4_to_12) {
  const std::vector<std::string> base{"--model.J0=0.6",    "--model.B0=0.8",   "--model.beta=0.9",
                                      "--model.alpha=0.8", "--time.t_final=2", "--time.samples=3"};
  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.end(), base.begin(), base.end());
    return run(extra);
  };
  const char* names[] = {"heat", "entropy_S", "B_Q", "B_RW", "tr_M_rho", "p_up", "coherence_abs"};
  for (int N : {4, 7, 9}) {
    const auto d = with({"--model.N=" + std::to_string(N)});
    const auto f = with({"--model.N=" + std::to_string(N), "--model.route=free_fermion"});
    for (const char* n : names)
      for (size_t k = 0; k < d.t.size(); ++k) BOOST_TEST(std::abs(series(d, n)[k] - series(f, n)[k]) < 1e-10);
  }
  // Exact route, both evolutions (here on one rank; tests/mpi for 2 and 3) against dense, interacting chain.
  {
    const auto d = with({"--model.N=5", "--model.Delta=0.7"});
    for (const char* evolution : {"--model.evolution=krylov", "--model.evolution=auto"}) {
      const auto e = with({"--model.N=5", "--model.Delta=0.7", "--model.route=exact", evolution});
      for (const char* n : names)
        for (size_t k = 0; k < d.t.size(); ++k) BOOST_TEST_CONTEXT(evolution << " " << n) {
            BOOST_TEST(std::abs(series(d, n)[k] - series(e, n)[k]) < 1e-10);
          }
    }
  }
  // Typicality within its reported error (4 sigma) of the exact answer.
  // The jackknife error needs enough samples where the chain is small (d = 16: few states).
  for (int N : {4, 8, 12}) {
    const std::string samples = N == 4 ? "40" : "8";
    const auto f = with({"--model.N=" + std::to_string(N), "--model.route=free_fermion"});
    const auto q = with(
        {"--model.N=" + std::to_string(N), "--model.route=typicality", "--model.samples=" + samples, "--model.seed=7"});
    BOOST_TEST(scalar(q, "samples") == std::stod(samples));
    for (const char* n : {"heat", "entropy_S", "B_Q", "p_up"})
      for (size_t k = 1; k < q.t.size(); ++k) {
        const double err = series(q, std::string(n) + "_error")[k];
        BOOST_TEST_CONTEXT("N " << N << " " << n << " t " << q.t[k] << ": " << series(q, n)[k] << " +- " << err
                                << " vs " << series(f, n)[k]) {
          BOOST_TEST(err > 0);
          BOOST_TEST(std::abs(series(q, n)[k] - series(f, n)[k]) <= 4 * err);
        }
      }
  }
}

BOOST_AUTO_TEST_CASE(free_fermions_in_the_thousands) {
  // Before the front (speed 4J) reaches the far end, a chain of 1000 and of 2000 spins agree.
  const std::vector<std::string> o{"--model.route=free_fermion", "--model.J0=0.5", "--model.alpha=0.9",
                                   "--time.t_final=10", "--time.samples=3"};
  auto with = [&](int N) {
    auto x = o;
    x.push_back("--model.N=" + std::to_string(N));
    return run(x);
  };
  const auto a = with(1000), b = with(2000);
  for (const char* n : {"heat", "entropy_S", "B_Q"})
    for (size_t k = 0; k < a.t.size(); ++k) BOOST_TEST(std::abs(series(a, n)[k] - series(b, n)[k]) < 1e-9);
  BOOST_TEST(series(b, "beta_heat").back() >= series(b, "B_Q").back());
  BOOST_TEST(scalar(b, "reeb_wolf_R") > scalar(a, "reeb_wolf_R"));
}
