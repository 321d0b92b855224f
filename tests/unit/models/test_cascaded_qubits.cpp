// Validation of the cascaded-qubit model (seed 002) against closed forms and exact relations.
#define BOOST_TEST_MODULE cascaded_qubits
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <complex>
#include <functional>

#include "petsc_fixture.hpp"
#include "qtherm/info/entropy.hpp"
#include "qtherm/space/partial_trace.hpp"
#include "run_model.hpp"

namespace {

const std::vector<std::string> kTight = {"--time.rtol=1e-11", "--time.atol=1e-13"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

double max_abs_diff(const std::vector<double>& a, const std::function<double(size_t)>& b) {
  double m = 0;
  for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b(i)));
  return m;
}

// Seed 002 Sec. VI B at ξ = 1, printed in units of ħωγ/2 (docs/physics.md): physical = (ω/2) × printed.
struct ClosedForm {
  double w, g, xs, re23;
  double J1(double t) const { return w / 2 * g * (1 - xs) * std::exp(-g * t); }
  double J2(double t) const {
    const double e = std::exp(-g * t);
    return w / 2 * g * ((1 + g * g * t * t) * (1 - xs) + 2 * (1 - g * t - e) * (1 - xs) * (1 - xs) - g * re23 * t) * e;
  }
  double J12(double t) const {
    const double e = std::exp(-g * t);
    return w / 2 * g * (2 * (1 - e) * (1 - xs) * (1 - xs) - 2 * g * t * (1 - xs) + re23) * e;
  }
  double J(double t) const { return J1(t) + J2(t) + J12(t); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(zero_temperature_fluxes_match_closed_forms) {
  struct Case {
    double xs;
    std::string rho23;
    double re23;
  };
  // Thermal (rho23 = 0) and correlated initial states, Re and Im parts, both signs.
  for (const Case& k : {Case{0.25, "0", 0.0}, Case{0.25, "0.75", 0.75}, Case{0.25, "-0.5+0.2i", -0.5},
                        Case{0.6, "0.3i", 0.0}, Case{-0.3, "-0.9", -0.9}}) {
    const ClosedForm cf{1.3, 0.7, k.xs, k.re23};
    const auto r =
        run_model(PETSC_COMM_SELF, with({"--model.xi=1", "--model.omega=1.3", "--model.gamma=0.7",
                                         "--model.initial=correlated", "--model.xi_s=" + std::to_string(k.xs),
                                         "--model.rho23=" + k.rho23, "--time.t_final=12", "--time.samples=61"},
                                        kTight));
    const auto& t = r.t;
    const auto &J1 = series(r, "J1"), &J2 = series(r, "J2"), &J12 = series(r, "J12");
    BOOST_TEST_CONTEXT("xi_s = " << k.xs << ", rho23 = " << k.rho23) {
      BOOST_TEST(max_abs_diff(series(r, "J1"), [&](size_t i) { return cf.J1(t[i]); }) < 1e-8);
      BOOST_TEST(max_abs_diff(series(r, "J2"), [&](size_t i) { return cf.J2(t[i]); }) < 1e-8);
      BOOST_TEST(max_abs_diff(series(r, "J12"), [&](size_t i) { return cf.J12(t[i]); }) < 1e-8);
      BOOST_TEST(max_abs_diff(series(r, "J_total"), [&](size_t i) { return cf.J(t[i]); }) < 1e-8);
      // Local fluxes, Eqs. (16)-(17).
      BOOST_TEST(max_abs_diff(series(r, "J1_local"), [&](size_t i) { return J1[i]; }) == 0.0);
      BOOST_TEST(max_abs_diff(series(r, "J2_local"), [&](size_t i) { return J2[i] + J12[i]; }) < 1e-15);
    }
  }
}

BOOST_AUTO_TEST_CASE(steady_state_is_the_product_gibbs_state) {
  for (const std::string beta : {"0.3", "1", "3"})
    for (const std::string cascade : {"true", "false"}) {
      const auto r = run_model(PETSC_COMM_SELF, {"--model.beta=" + beta, "--model.cascade=" + cascade,
                                                 "--time.t_final=1", "--time.samples=3"});
      BOOST_TEST_CONTEXT("beta = " << beta << ", cascade = " << cascade) {
        BOOST_TEST(scalar(r, "steady_gibbs_distance") < 1e-12);
        BOOST_TEST(scalar(r, "steady_residual") < 1e-12);
        BOOST_TEST(scalar(r, "xi") == std::tanh(0.5 * std::stod(beta)), boost::test_tools::tolerance(1e-15));
      }
    }
}

BOOST_AUTO_TEST_CASE(steady_solve_agrees_with_long_time_evolution_and_heat_integrates_to_release) {
  const auto r = run_model(PETSC_COMM_SELF, with({"--time.t_final=150", "--time.samples=151"}, kTight));
  BOOST_TEST(scalar(r, "steady_final_state_distance") < 1e-9);
  BOOST_TEST(scalar(r, "final_stationarity") < 1e-9);
  // ∫J dt equals the energy released: at every output time, and to Q(∞) at the end.
  const auto &U = series(r, "U"), &Q = series(r, "Q_total");
  BOOST_TEST(max_abs_diff(Q, [&](size_t i) { return U[0] - U[i]; }) < 1e-9);
  BOOST_TEST(std::abs(Q.back() - scalar(r, "Q_infinity")) < 1e-9);
  BOOST_TEST(max_abs_diff(series(r, "energy_balance_error"), [](size_t) { return 0.0; }) < 1e-9);
  // Eq. (19): ∫(J1 − J2) dt = ∫J12 dt over the whole evolution (identical local initial states).
  BOOST_TEST(std::abs(series(r, "Q_J1").back() - series(r, "Q_J2").back() - series(r, "Q_J12").back()) < 1e-9);
  // Monitors stay quiet on a physical run.
  BOOST_TEST(max_abs_diff(series(r, "trace_error"), [](size_t) { return 0.0; }) < 1e-12);
  for (double e : series(r, "min_eigenvalue")) BOOST_TEST(e > -1e-12);
}

BOOST_AUTO_TEST_CASE(eq45_correlated_flux_equals_trace_distance_discord_for_product_thermal_states) {
  // Qubits at different temperatures (xi 0.2 and 0.7): a product of local thermal states.
  const double a = 0.2, b = 0.7;
  auto pe = [](double x) { return (1 - x) / 2; };
  auto pg = [](double x) { return (1 + x) / 2; };
  char m[256];
  std::snprintf(m, sizeof m, "[[%.17g,0,0,0],[0,%.17g,0,0],[0,0,%.17g,0],[0,0,0,%.17g]]", pe(a) * pe(b), pe(a) * pg(b),
                pg(a) * pe(b), pg(a) * pg(b));
  for (const std::string beta : {"0.5", "2"}) {
    const auto r = run_model(
        PETSC_COMM_SELF, with({"--model.beta=" + beta, "--model.initial=matrix",
                               std::string("--model.initial_matrix=") + m, "--time.t_final=10", "--time.samples=101"},
                              kTight));
    const auto &J12 = series(r, "J12"), &D = series(r, "D_trace"), &pred = series(r, "J12_from_discord");
    double dmax = 0;
    for (double d : D) dmax = std::max(dmax, d);
    BOOST_TEST(dmax > 1e-3);  // the relation is tested where it is not trivially 0 = 0
    BOOST_TEST(max_abs_diff(pred, [&](size_t i) { return std::abs(J12[i]); }) < 1e-10);
  }
}

BOOST_AUTO_TEST_CASE(independent_reservoirs_give_twice_the_single_flux) {
  const auto r = run_model(PETSC_COMM_SELF, {"--model.cascade=false", "--time.t_final=5", "--time.samples=11"});
  const auto &J1 = series(r, "J1"), &J2 = series(r, "J2");
  BOOST_TEST(max_abs_diff(series(r, "J12"), [](size_t) { return 0.0; }) == 0.0);
  BOOST_TEST(max_abs_diff(J2, [&](size_t i) { return J1[i]; }) < 1e-12);                        // Eq. (18)
  BOOST_TEST(max_abs_diff(series(r, "J_total"), [&](size_t i) { return 2 * J1[i]; }) < 1e-12);  // Eq. (30)
}

BOOST_AUTO_TEST_CASE(release_times_follow_the_closed_form_heat) {
  // Zero-temperature reservoir, correlated initial state: Q(∞) from the steady-state solve.
  const ClosedForm cf{1.0, 1.0, 0.25, 0.5};
  const auto r = run_model(PETSC_COMM_SELF,
                           with({"--model.xi=1", "--model.initial=correlated", "--model.xi_s=0.25", "--model.rho23=0.5",
                                 "--time.t_final=45", "--time.samples=10", "--steady.release_percent=25, 50, 86, 95"},
                                kTight));
  // Closed-form Q(t) by Simpson's rule on a fine grid, and its release times by bisection.
  auto Q = [&](double t) {
    const int n = 20000;
    const double h = t / n;
    double s = cf.J(0) + cf.J(t);
    for (int i = 1; i < n; ++i) s += (i % 2 ? 4 : 2) * cf.J(i * h);
    return s * h / 3;
  };
  const double q_inf = Q(45.0);
  BOOST_TEST(scalar(r, "Q_infinity") == q_inf, boost::test_tools::tolerance(1e-8));
  for (double p : {25.0, 50.0, 86.0, 95.0}) {
    double lo = 0, hi = 45;
    for (int it = 0; it < 60; ++it) {
      const double mid = 0.5 * (lo + hi);
      (Q(mid) < p / 100 * q_inf ? lo : hi) = mid;
    }
    char name[32];
    std::snprintf(name, sizeof name, "tau_%g", p);
    BOOST_TEST_CONTEXT(name) { BOOST_TEST(std::abs(scalar(r, name) - lo) < 1e-6); }
  }
}

BOOST_AUTO_TEST_CASE(measure_observables_equal_the_measures_of_the_stored_states) {
  const auto r = run_model(PETSC_COMM_SELF, {"--model.initial=correlated", "--model.xi_s=0.25", "--model.rho23=0.6i",
                                             "--time.t_final=4", "--time.samples=9", "--output.states=true",
                                             "--output.measures=mutual_information(0:1); entropy(1); discord(0:1)"});
  BOOST_REQUIRE_EQUAL(r.states.size(), 1u);
  const auto& rho = r.states[0];  // [t, i, j], row-major
  const qtherm::space::TensorSpace h({2, 2});
  for (size_t s = 0; s < r.t.size(); ++s) {
    Eigen::MatrixXcd m(4, 4);
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) m(i, j) = rho.data[s * 16 + i * 4 + j];
    const auto ra = qtherm::space::partial_trace(m, h, {0}), rb = qtherm::space::partial_trace(m, h, {1});
    const double I = qtherm::info::von_neumann_entropy(ra) + qtherm::info::von_neumann_entropy(rb) -
                     qtherm::info::von_neumann_entropy(m);
    BOOST_TEST(std::abs(series(r, "mutual_information(0:1)")[s] - I) < 1e-12);
    BOOST_TEST(std::abs(series(r, "entropy(1)")[s] - qtherm::info::von_neumann_entropy(rb)) < 1e-12);
    BOOST_TEST(series(r, "discord(0:1)")[s] >= -1e-12);
    BOOST_TEST(series(r, "discord(0:1)")[s] <= I + 1e-9);  // D(B|A) <= I(A:B)
  }
}
