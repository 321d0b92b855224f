// study/: sweep grids, slices of job arrays, the physics part of a configuration.
#define BOOST_TEST_MODULE study
#include <boost/test/unit_test.hpp>

#include <set>

#include "qtherm/base/error.hpp"
#include "qtherm/study/physics.hpp"
#include "qtherm/study/study.hpp"
#include "qtherm/study/sweep.hpp"

using namespace qtherm;

namespace {
study::Prepared prepared(std::vector<std::string> overrides) { return study::prepare("", overrides); }
}  // namespace

BOOST_AUTO_TEST_CASE(cartesian_and_zip_grids) {
  const std::vector<study::SweepAxis> axes = {{"model", "beta", {"1", "2", "3"}}, {"model", "gamma", {"0.5", "1"}}};
  const auto cart = study::sweep_points(axes, "cartesian");
  BOOST_REQUIRE_EQUAL(cart.size(), 6u);
  BOOST_TEST(cart[1][0].second == "1");  // the last axis varies fastest
  BOOST_TEST(cart[1][1].second == "1");
  BOOST_TEST(cart[5][0].second == "3");
  const std::vector<study::SweepAxis> zipped = {{"model", "beta", {"1", "2"}}, {"model", "gamma", {"0.5", "1"}}};
  const auto zip = study::sweep_points(zipped, "zip");
  BOOST_REQUIRE_EQUAL(zip.size(), 2u);
  BOOST_TEST(zip[1][0].second == "2");
  BOOST_TEST(zip[1][1].second == "1");
  BOOST_TEST(study::sweep_points({}, "cartesian").size() == 1u);  // no sweep: one point
}

BOOST_AUTO_TEST_CASE(every_point_is_a_validated_configuration) {
  const auto p = prepared({"--sweep.parameters=model.beta : logspace(0.1, 10, 3); model.cascade : true, false"});
  BOOST_REQUIRE_EQUAL(p.points.size(), 6u);
  BOOST_TEST(p.points[4].config.real("model", "beta") == 10.0, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(p.points[2].config.real("model", "beta") == 1.0, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(!p.points[3].config.boolean("model", "cascade"));
  BOOST_TEST(p.points[3].label == "point 3 (model.beta=1, model.cascade=false)");
}

BOOST_AUTO_TEST_CASE(skip_invalid_leaves_out_refused_points) {
  // cascaded_qubits refuses |rho23| > 1 - xi_s^2 = 0.75 (Eq. 42): two of the five values.
  const std::string grid = "--sweep.parameters=model.rho23 : -0.9, -0.5, 0, 0.5, 0.9";
  const std::vector<std::string> base = {"--model.initial=correlated", "--model.xi_s=0.5", grid};
  BOOST_CHECK_THROW(prepared(base), InputError);
  auto with_skip = base;
  with_skip.push_back("--sweep.skip_invalid=true");
  const auto p = prepared(with_skip);
  BOOST_REQUIRE_EQUAL(p.points.size(), 3u);
  BOOST_REQUIRE_EQUAL(p.skipped.size(), 2u);
  for (long k = 0; k < 3; ++k) BOOST_TEST(p.points[k].index == k);  // renumbered consecutively
  BOOST_TEST(p.points[0].swept[0].second == "-0.5");
  BOOST_TEST(p.skipped[0].find("rho23") != std::string::npos);
  // A value of the wrong type is a typo: never skipped.
  BOOST_CHECK_THROW(prepared({"--sweep.parameters=model.beta : 1, fast", "--sweep.skip_invalid=true"}), InputError);
  // Nothing valid at all: refused.
  BOOST_CHECK_THROW(prepared({"--model.initial=correlated", "--model.xi_s=0.5",
                              "--sweep.parameters=model.rho23 : 0.8, 0.9", "--sweep.skip_invalid=true"}),
                    InputError);
}

BOOST_AUTO_TEST_CASE(slices_cover_every_point_once) {
  for (long points : {1L, 7L, 8L, 13L})
    for (long n = 1; n <= 5; ++n) {
      std::multiset<long> seen;
      for (long i = 0; i < n; ++i) {
        const auto p = prepared({"--sweep.parameters=model.beta : linspace(1, 2, " + std::to_string(points) + ")",
                                 "--sweep.slice=" + std::to_string(i) + "/" + std::to_string(n)});
        const auto [lo, hi] = study::parse_slice(p.config, points);
        for (long k = lo; k < hi; ++k) seen.insert(k);
      }
      BOOST_TEST(seen.size() == static_cast<size_t>(points));
      BOOST_TEST(std::set<long>(seen.begin(), seen.end()).size() == static_cast<size_t>(points));
    }
}

BOOST_AUTO_TEST_CASE(physics_text_leaves_out_how_a_study_runs) {
  const auto a = prepared({"--output.file=a.h5", "--time.progress_interval=3", "--checkpoint.every_time=2"});
  const auto b = prepared({"--output.file=b.h5", "--sweep.groups=4", "--checkpoint.keep=true"});
  BOOST_TEST(study::physics_text(a.config) == study::physics_text(b.config));
  BOOST_TEST(study::physics_hash(study::physics_text(a.config)).size() == 16u);
  const auto c = prepared({"--model.beta=2"});
  const std::string da = study::physics_text(a.config), dc = study::physics_text(c.config);
  BOOST_TEST(study::physics_hash(da) != study::physics_hash(dc));
  BOOST_TEST(study::physics_difference(dc, da) == "[model] beta: '2' here, '1' in the checkpoint");
}
