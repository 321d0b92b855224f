// Student's t quantiles (base/student_t.hpp) against SciPy 1.10 (stats.t.ppf).
#define BOOST_TEST_MODULE student_t
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "qtherm/base/student_t.hpp"

BOOST_AUTO_TEST_CASE(quantiles_match_scipy) {
  BOOST_TEST(std::abs(qtherm::one_sigma_level() - 0.6826894921370859) < 1e-15);
  // {dof, ±1σ-level quantile, 95 % quantile}
  const double cases[][3] = {
      {1, 1.8373372014956861, 12.706204736432095},   {2, 1.3212773729262586, 4.302652729911275},
      {3, 1.1968813532652132, 3.182446305284263},    {4, 1.1416266290132666, 2.7764451051977987},
      {7, 1.0767133754161282, 2.3646242510102993},   {8, 1.06652842206829, 2.3060041350333704},
      {15, 1.034462913051221, 2.131449545559323},    {31, 1.0163912696850783, 2.0395134463964077},
      {100, 1.0050250624427082, 1.9839715184496334}, {100000, 1.0000050000249998, 1.9599877075346093}};
  for (const auto& c : cases) {
    const long dof = long(c[0]);
    BOOST_TEST_CONTEXT("dof " << dof) {
      BOOST_TEST(std::abs(qtherm::student_t_quantile(qtherm::one_sigma_level(), dof) - c[1]) < 1e-8 * c[1]);
      BOOST_TEST(std::abs(qtherm::student_t_quantile(0.95, dof) - c[2]) < 1e-8 * c[2]);
    }
  }
  BOOST_CHECK_THROW(qtherm::student_t_quantile(1.0, 7), std::invalid_argument);
  BOOST_CHECK_THROW(qtherm::student_t_quantile(0.5, 0), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(jackknife_error_of_the_mean_is_the_standard_error) {
  // Leave-one-out means of x = {1, 2, 4, 9}: their jackknife error is the standard error of the
  // mean, sqrt(var(x) / n) with the n − 1 variance: sqrt((38 / 3) / 4).
  const std::vector<double> x = {1, 2, 4, 9};
  std::vector<double> loo;
  for (size_t s = 0; s < x.size(); ++s) loo.push_back((16.0 - x[s]) / 3);
  BOOST_TEST(std::abs(qtherm::jackknife_error(loo) - std::sqrt(38.0 / 12)) < 1e-14);
  BOOST_TEST(qtherm::jackknife_error({2.5, 2.5, 2.5}) == 0);
  BOOST_CHECK_THROW(qtherm::jackknife_error({1.0}), std::invalid_argument);
}
