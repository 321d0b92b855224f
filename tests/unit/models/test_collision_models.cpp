// The seed-000 models through the real configuration path: Landauer's bound (Eq. 7) for the whole
// system at every output time, the split of Eq. (11) summing to the total, the first law per step, the
// local violation of the indirectly erased qubit A (Fig. 3), and the qubit-versus-oscillator mediator
// (Fig. 2: equal at beta = 10, different at beta = 0.5).
#define BOOST_TEST_MODULE collision_models
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "petsc_fixture.hpp"
#include "run_model.hpp"

using qtherm::io::RunRecord;

namespace {
RunRecord run(std::vector<std::string> o) { return run_model(PETSC_COMM_SELF, std::move(o)); }

double max_abs_from(const std::vector<double>& v, size_t first = 0) {
  double m = 0;
  for (size_t k = first; k < v.size(); ++k) m = std::max(m, std::abs(v[k]));
  return m;
}

double min_from(const std::vector<double>& v, size_t first = 0) {
  double m = INFINITY;
  for (size_t k = first; k < v.size(); ++k) m = std::min(m, v[k]);
  return m;
}
}  // namespace

BOOST_AUTO_TEST_CASE(cascade_obeys_landauer_and_eq11_on_both_routes) {
  for (const char* xi : {"0.9", "-0.9"})
    for (const char* route : {"discrete", "continuous"}) {
      BOOST_TEST_CONTEXT("xi " << xi << ", route " << route) {
        const RunRecord r = run({"--model.name=collision_cascade", std::string("--model.xi=") + xi,
                                 std::string("--model.route=") + route, "--time.t_final=3", "--time.samples=31"});
        // t = 0 starts from a pure state (infinite entropy rate on the continuous route): from the next sample on.
        BOOST_TEST(min_from(series(r, "landauer_margin"), 1) >= -1e-10);
        BOOST_TEST(min_from(series(r, "Sigma")) >= -1e-10);  // the integrated form
        BOOST_TEST(max_abs_from(series(r, "landauer_remainder"), 1) < 1e-10);
        const auto& total = series(r, "entropy_rate_tilde");
        const auto& loc = series(r, "landauer_local");
        const auto& cond = series(r, "landauer_conditional");
        const auto& corr = series(r, "landauer_correlation");
        for (size_t k = 1; k < total.size(); ++k) BOOST_TEST(std::abs(loc[k] + cond[k] + corr[k] - total[k]) < 1e-10);
        BOOST_TEST(max_abs_from(series(r, "correlation_information")) >
                   1e-3);  // the recycled ancilla correlates A and B
        if (std::string(route) == "discrete") BOOST_TEST(scalar(r, "max_first_law_residual") < 1e-12);
      }
    }
}

BOOST_AUTO_TEST_CASE(discrete_and_continuous_cascades_agree_to_first_order) {
  const RunRecord c = run({"--model.name=collision_cascade", "--model.xi=0.9", "--model.route=continuous",
                           "--time.t_final=2", "--time.samples=5"});
  const RunRecord d = run(
      {"--model.name=collision_cascade", "--model.xi=0.9", "--model.dt=0.002", "--time.t_final=2", "--time.samples=5"});
  const auto& a = series(c, "U");
  const auto& b = series(d, "U");
  for (size_t k = 0; k < a.size(); ++k) BOOST_TEST(std::abs(a[k] - b[k]) < 5e-3);
}

BOOST_AUTO_TEST_CASE(three_party_cascade_reports_its_eq12_remainder) {
  const RunRecord r = run({"--model.name=collision_cascade", "--model.parties=3", "--model.order=A,B,C",
                           "--model.beta=1", "--time.t_final=2", "--time.samples=11"});
  BOOST_TEST(min_from(series(r, "landauer_margin"), 1) >= -1e-10);
  for (double x : series(r, "landauer_remainder")) BOOST_TEST(std::isfinite(x));
  BOOST_TEST(scalar(r, "max_first_law_residual") < 1e-12);
}

BOOST_AUTO_TEST_CASE(indirect_erasure_violates_the_local_bound_of_A) {
  for (const char* beta : {"10", "0.5"}) {
    const RunRecord r =
        run({"--model.name=collision_indirect", std::string("--model.beta=") + beta, "--model.gamma=0.01",
             "--model.route=continuous", "--time.t_final=300", "--time.samples=61"});
    BOOST_TEST(scalar(r, "landauer_violations_A") >= 1);
    BOOST_TEST(min_from(series(r, "landauer_margin"), 1) >= -1e-9);  // the whole system obeys Eq. (7)
  }
}

BOOST_AUTO_TEST_CASE(qubit_and_oscillator_mediators_differ_only_when_hot) {
  auto rel_diff = [](const char* beta) {
    std::vector<std::string> o = {"--model.name=collision_indirect",
                                  std::string("--model.beta=") + beta,
                                  "--model.gamma=0.01",
                                  "--model.route=continuous",
                                  "--time.t_final=300",
                                  "--time.samples=31"};
    const RunRecord q = run(o);
    o.push_back("--model.mediator=oscillator");
    const RunRecord h = run(o);
    BOOST_TEST(max_abs_from(series(h, "top_level_population")) < 1e-3);  // levels = 20 is enough
    const auto& a = series(q, "beta_heat_rate");
    const auto& b = series(h, "beta_heat_rate");
    double d = 0;
    for (size_t k = 0; k < a.size(); ++k) d = std::max(d, std::abs(a[k] - b[k]));
    return d / max_abs_from(a);
  };
  BOOST_TEST(rel_diff("10") < 1e-3);
  BOOST_TEST(rel_diff("0.5") > 0.2);
}

BOOST_AUTO_TEST_CASE(discrete_indirect_matches_its_limit) {
  std::vector<std::string> o = {"--model.name=collision_indirect",
                                "--model.beta=0.5",
                                "--model.gamma=0.05",
                                "--model.J=0.2",
                                "--time.t_final=20",
                                "--time.samples=5",
                                "--model.dt=0.005"};
  const RunRecord d = run(o);
  o.push_back("--model.route=continuous");
  const RunRecord c = run(o);
  const auto& a = series(d, "E_A");
  const auto& b = series(c, "E_A");
  for (size_t k = 0; k < a.size(); ++k) BOOST_TEST(std::abs(a[k] - b[k]) < 1e-2);
}

BOOST_AUTO_TEST_CASE(coupling_expressions_and_switching_work) {
  // The exchange coupling written out gives the same run; an anisotropic one needs work (seed 004's
  // mechanism in a cascade), with the first law per step and the limit's work current.
  std::vector<std::string> base = {"--model.name=collision_cascade", "--model.beta=1", "--time.t_final=1",
                                   "--time.samples=5"};
  auto with = [&](std::vector<std::string> extra) {
    auto o = base;
    o.insert(o.end(), extra.begin(), extra.end());
    return run(o);
  };
  const RunRecord a = with({}), b = with({"--model.coupling=expression", "--model.V=sx(0)*sx(1) + sy(0)*sy(1)"});
  const auto &ua = series(a, "U"), &ub = series(b, "U");
  for (size_t k = 0; k < ua.size(); ++k) BOOST_TEST(std::abs(ua[k] - ub[k]) < 1e-12);
  const RunRecord d =
      with({"--model.coupling=expression", "--model.V=sx(0)*sx(1) + 0.4*sy(0)*sy(1)", "--model.dt=0.001"});
  const RunRecord c =
      with({"--model.coupling=expression", "--model.V=sx(0)*sx(1) + 0.4*sy(0)*sy(1)", "--model.route=continuous"});
  BOOST_TEST(scalar(d, "max_first_law_residual") < 1e-12);
  BOOST_TEST(series(c, "W").back() > 0.1);
  BOOST_TEST(std::abs(series(d, "W").back() - series(c, "W").back()) < 1e-2);
  BOOST_TEST(min_from(series(d, "Sigma")) >= -1e-10);
}
