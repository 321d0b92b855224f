// Coverage of the interacting_reservoirs typicality errors (issue 23): over many seeds, 4 + 4
// interacting fermionic modes in the 4-particle sector (70 states) and 8 samples, the interval
// value ± <name>_error must contain the exact (dense route) value at its nominal rate, 68.3 %,
// within ±5 %, for every output that has an error, at each output time after t = 0. Through the
// model's configuration path, so it checks the errors users get.
#define BOOST_TEST_MODULE interacting_reservoirs_typicality_coverage
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>

#include "petsc_fixture.hpp"
#include "qtherm/base/student_t.hpp"
#include "run_model.hpp"

using qtherm::io::RunRecord;

namespace {

const int kSeeds = 1000, kSamples = 8;

RunRecord run(const std::string& start, long seed) {
  return run_model(
      PETSC_COMM_SELF,
      {"--model.name=interacting_reservoirs", "--model.route=many_body", "--model.n1=4", "--model.n2=4",
       "--model.particles=4", "--model.u1=0.4", "--model.u2=0.3", "--model.beta1=0.5", "--model.beta2=1.5",
       "--model.mu1=1", "--model.mu2=0.8", "--time.t_final=10", "--time.samples=3", "--model.thermal=" + start,
       "--model.typical_samples=" + std::to_string(kSamples), "--model.seed=" + std::to_string(seed)});
}

}  // namespace

BOOST_AUTO_TEST_CASE(typicality_errors_cover_at_their_nominal_rate) {
  const RunRecord exact = run("exact", 0);
  std::vector<std::string> names;  // every output with an error
  for (const auto& s : exact.observables)
    if (s.what.name.size() > 6 && s.what.name.substr(s.what.name.size() - 6) == "_error") {
      names.push_back(s.what.name.substr(0, s.what.name.size() - 6));
      for (double e : s.values) BOOST_TEST(e == 0);  // exact start: no statistical error
    }
  BOOST_TEST(names.size() == 20u);
  int checked = 0;
  const double level = qtherm::one_sigma_level();
  std::map<std::string, std::vector<int>> covered;  // per output, per time: seeds covered
  for (long seed = 1; seed <= kSeeds; ++seed) {
    const RunRecord r = run("typicality", seed);
    for (const auto& n : names) {
      auto& c = covered[n];
      c.resize(r.t.size());
      for (size_t k = 1; k < r.t.size(); ++k) {
        const double dev = std::abs(series(r, n)[k] - series(exact, n)[k]), err = series(r, n + "_error")[k];
        if (err == 0) {  // W_int_X: 0 by definition on every start
          BOOST_REQUIRE(dev == 0);
          c[k] = -1;
        } else {
          BOOST_REQUIRE(err > 0);
          c[k] += dev <= err;
        }
      }
    }
  }
  for (const auto& n : names)
    for (size_t k = 1; k < exact.t.size(); ++k) {
      if (covered[n][k] < 0) continue;
      const double cov = double(covered[n][k]) / kSeeds;
      BOOST_TEST_MESSAGE(n << " t = " << exact.t[k] << ": coverage " << 100 * cov << " % (nominal " << 100 * level
                           << " %)");
      BOOST_TEST_CONTEXT(n << " t = " << exact.t[k] << " coverage " << cov) {
        BOOST_TEST(std::abs(cov - level) <= 0.05);
      }
      ++checked;
    }
  BOOST_TEST(checked == 18 * 2);  // every output but W_int_1, W_int_2, at two times
}
