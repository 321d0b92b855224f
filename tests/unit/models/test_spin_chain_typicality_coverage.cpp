// Coverage of the spin_chain_erasure typicality errors (issue 18): over many seeds at N = 6, β = 2 and
// 8 samples, the interval value ± <name>_error must contain the exact (dense route) value at its
// nominal rate, 68.3 %, within ±5 % for every output that has an error, at each output time.
// Through the model's configuration path, so it checks the errors users get. The plain jackknife
// ±1 error (the error before issue 18, <name>_error / 1.077) is reported beside it for the record:
// it covers 62-66 % here, and an error that small fails this test.
#define BOOST_TEST_MODULE spin_chain_typicality_coverage
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>

#include "petsc_fixture.hpp"
#include "qtherm/base/student_t.hpp"
#include "run_model.hpp"

using qtherm::io::RunRecord;

namespace {

const int kSeeds = 1000, kSamples = 8;
const char* kNames[] = {"heat", "beta_heat", "entropy_S", "delta_S",      "B_Q",
                        "B_RW", "tr_M_rho",  "p_up",      "coherence_abs"};

RunRecord run(const std::string& route, long seed) {
  return run_model(
      PETSC_COMM_SELF,
      {"--model.name=spin_chain_erasure", "--model.N=6", "--model.beta=2", "--model.B0=0.8", "--model.J0=0.6",
       "--model.Delta=0.5", "--model.alpha=0.8", "--time.t_final=2", "--time.samples=3", "--model.route=" + route,
       "--model.samples=" + std::to_string(kSamples), "--model.seed=" + std::to_string(seed)});
}

}  // namespace

BOOST_AUTO_TEST_CASE(typicality_errors_cover_at_their_nominal_rate) {
  const RunRecord exact = run("dense", 0);
  const double level = qtherm::one_sigma_level(), q = qtherm::student_t_quantile(level, kSamples - 1);
  std::map<std::string, std::vector<int>> now, before;  // per output, per time: seeds covered
  for (long seed = 1; seed <= kSeeds; ++seed) {
    const RunRecord r = run("typicality", seed);
    for (const char* n : kNames) {
      auto &c = now[n], &b = before[n];
      c.resize(r.t.size()), b.resize(r.t.size());
      for (size_t k = 1; k < r.t.size(); ++k) {  // t = 0 is exact on every route
        const double dev = std::abs(series(r, n)[k] - series(exact, n)[k]),
                     err = series(r, std::string(n) + "_error")[k];
        BOOST_REQUIRE(err > 0);
        c[k] += dev <= err;
        b[k] += dev <= err / q;
      }
    }
  }
  for (const char* n : kNames)
    for (size_t k = 1; k < exact.t.size(); ++k) {
      const double cov = double(now[n][k]) / kSeeds, old = double(before[n][k]) / kSeeds;
      BOOST_TEST_MESSAGE(n << " t = " << exact.t[k] << ": coverage " << 100 * cov << " % (nominal " << 100 * level
                           << " %), plain jackknife +-1 error " << 100 * old << " %");
      BOOST_TEST_CONTEXT(n << " t = " << exact.t[k] << " coverage " << cov) {
        BOOST_TEST(std::abs(cov - level) <= 0.05);
      }
    }
}
