// The interacting_reservoirs model through the configuration path: the seed's leading quantities
// and regimes, energy conservation and the first law of each scheme, the non-negligible interaction
// energy of the dispersive regime, bosons, and typicality against the exact thermal mixture.
#define BOOST_TEST_MODULE interacting_reservoirs
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "petsc_fixture.hpp"
#include "run_model.hpp"

namespace {

qtherm::io::RunRecord run(std::vector<std::string> extra) {
  std::vector<std::string> a = {"--model.name=interacting_reservoirs",
                                "--model.n1=4",
                                "--model.n2=3",
                                "--model.omega1=1",
                                "--model.omega2=0.5",
                                "--model.g=0.05",
                                "--model.beta1=0.5",
                                "--model.beta2=4",
                                "--time.t_final=60",
                                "--time.samples=61"};
  a.insert(a.end(), extra.begin(), extra.end());
  return run_model(PETSC_COMM_SELF, a);
}

}  // namespace

BOOST_AUTO_TEST_CASE(leading_quantities_and_regimes) {
  const auto d = run({"--model.gamma=0.004"});
  BOOST_TEST(std::abs(scalar(d, "nu1") - (1 + 3 * 0.05)) < 1e-12);
  BOOST_TEST(std::abs(scalar(d, "nu2") - (0.5 + 2 * 0.05)) < 1e-12);
  BOOST_TEST(std::abs(scalar(d, "Delta") - 0.55) < 1e-12);
  BOOST_TEST(std::abs(scalar(d, "Gamma") - 2 * std::sqrt(12.0) * 0.004) < 1e-12);
  BOOST_TEST(scalar(d, "regime") == 1);                              // 0.55 >= 10 * 0.0277
  const auto u = run({"--model.gamma=0.1", "--model.omega2=0.55"});  // Delta = 0.5, Gamma = 0.69
  BOOST_TEST(scalar(u, "regime") == 0);
  const auto r = run({"--model.gamma=0.1", "--model.omega2=1.05"});  // nu2 = 1.15 = nu1: resonance
  BOOST_TEST(std::abs(scalar(r, "Delta")) < 1e-12);
  BOOST_TEST(scalar(r, "regime") == -1);
}

BOOST_AUTO_TEST_CASE(conservation_first_law_and_dispersive_interaction_energy) {
  for (const char* stat : {"fermions", "bosons"}) {
    const auto d =
        run({"--model.gamma=0.004", std::string("--model.statistics=") + stat, "--model.mu1=-0.5", "--model.mu2=-0.5"});
    BOOST_TEST_CONTEXT(stat) {
      BOOST_TEST(scalar(d, "energy_drift") < 1e-10);
      BOOST_TEST(scalar(d, "first_law_residual_bare") < 1e-10);
      BOOST_TEST(scalar(d, "first_law_residual_int") < 1e-10);
      BOOST_TEST(scalar(d, "first_law_residual_md") < 1e-9);
      // Dispersive: the interaction energy moves by a sizeable fraction of E1's change
      // (≈ Δ/ν1 = 0.48 for the exchanged bright-mode quanta), however weak gamma is.
      BOOST_TEST(scalar(d, "interaction_energy_ratio") > 0.2);
      // ... while the minimal-dissipation heat follows the weak-coupling heat.
      const auto &qmd = series(d, "Q_md_1"), &qw = series(d, "Q_weak_1"), &qb = series(d, "Q_bare_1");
      double dmd = 0, db = 0, scale = 0;
      for (size_t k = 0; k < qw.size(); ++k) {
        dmd = std::max(dmd, std::abs(qmd[k] - qw[k]));
        db = std::max(db, std::abs(qb[k] - qw[k]));
        scale = std::max(scale, std::abs(qw[k]));
      }
      BOOST_TEST_MESSAGE(stat << ": |Q_md - Q_weak|/scale = " << dmd / scale
                              << ", |Q_bare - Q_weak|/scale = " << db / scale);
      BOOST_TEST(dmd < 0.01 * scale);
      BOOST_TEST(db > 0.2 * scale);
    }
  }
}

BOOST_AUTO_TEST_CASE(typicality_estimates_the_exact_thermal_mixture) {
  std::vector<std::string> a = {
      "--model.route=many_body", "--model.n1=5",       "--model.n2=5",   "--model.particles=5", "--model.beta1=0.3",
      "--model.beta2=0.1",       "--model.gamma=0.05", "--model.u1=0.4", "--time.t_final=6",    "--time.samples=3"};
  const auto exact = run(a);
  a.push_back("--model.thermal=typicality");
  a.push_back("--model.typical_samples=8");
  const auto typ = run(a);
  for (const char* name : {"E1", "E2", "N1"}) {
    const auto &x = series(exact, name), &y = series(typ, name);
    double worst = 0;
    for (size_t k = 0; k < x.size(); ++k) worst = std::max(worst, std::abs(x[k] - y[k]) / std::abs(x[k]));
    BOOST_TEST_MESSAGE(name << ": max relative |typicality - exact| = " << worst);
    BOOST_TEST_CONTEXT(name) { BOOST_TEST(worst < 0.05); }
  }
  // auto: the exact start of 252 states goes dense (no vector evolved), typicality by Krylov.
  BOOST_TEST(scalar(exact, "evolved_states") == 0);
  BOOST_TEST(scalar(exact, "dense_sectors") == 1);
  BOOST_TEST(scalar(typ, "evolved_states") == 8);
  BOOST_TEST(scalar(typ, "dense_sectors") == 0);
}

BOOST_AUTO_TEST_CASE(bosonic_many_body_approaches_single_particle_as_the_cutoff_grows) {
  // Grand canonical, U = 0: the truncated Gibbs start differs from the free Bose one by the
  // reported truncated_weight; the series must approach the single-particle route with it.
  std::vector<std::string> a = {"--model.statistics=bosons", "--model.n1=2",    "--model.n2=2",    "--model.gamma=0.1",
                                "--model.beta1=5",           "--model.beta2=3", "--model.mu1=0.2", "--model.mu2=-0.2",
                                "--time.t_final=10",         "--time.samples=4"};
  const auto sp = run(a);
  a.push_back("--model.route=many_body");
  double previous = 1;
  for (int cutoff : {1, 2, 3}) {
    auto b = a;
    b.push_back("--model.cutoff=" + std::to_string(cutoff));
    const auto mb = run(b);
    const double w = scalar(mb, "truncated_weight");
    double worst = 0;
    for (const char* name : {"E1", "E2", "E_I", "N1", "N2", "Q_bare_1", "W_bare_1", "Q_int_2", "Q_weak_1"})
      for (size_t k = 0; k < series(sp, name).size(); ++k)
        worst = std::max(worst, std::abs(series(sp, name)[k] - series(mb, name)[k]));
    BOOST_TEST_MESSAGE("bosons, cutoff " << cutoff << ": truncated_weight = " << w
                                         << ", max |many_body - single_particle| = " << worst);
    BOOST_TEST_CONTEXT("cutoff " << cutoff) {
      BOOST_TEST(w > 0);
      BOOST_TEST(w < previous);
      // Each cut configuration holds more than `cutoff` bosons of energy ~1: the error is of order
      // (cutoff + 1)·w (measured ratio ≈ 1 here and at β = 3, 1.5 with cutoffs 2, 4, 7); 2× margin.
      BOOST_TEST(worst < 2 * (cutoff + 1) * w);
      BOOST_TEST(scalar(mb, "energy_drift") < 1e-10);
      BOOST_TEST(scalar(mb, "first_law_residual_bare") < 1e-10);
    }
    previous = w;
  }
}
