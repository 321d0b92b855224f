// Expressions of t from the configuration (io/time_expression): values, the central-difference
// derivatives at the accuracy docs/driven_systems.md states, constants, and the one-line reasons for
// unknown functions and variables.
#define BOOST_TEST_MODULE time_expression
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <stdexcept>

#include "qtherm/io/time_expression.hpp"

using qtherm::io::TimeExpression;

namespace {
std::string reason(const std::string& text) {
  try {
    TimeExpression e(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}
}  // namespace

BOOST_AUTO_TEST_CASE(values_and_derivatives) {
  const TimeExpression f("0.5*sin(2*t) + 0.1*t^2");
  for (double t : {0.0, 0.3, 1.7, 12.5}) {
    BOOST_TEST(std::abs(f(t) - (0.5 * std::sin(2 * t) + 0.1 * t * t)) < 1e-15);
    BOOST_TEST(std::abs(f.derivative(t, 1) - (std::cos(2 * t) + 0.2 * t)) < 1e-11);
    BOOST_TEST(std::abs(f.derivative(t, 2) - (-2 * std::sin(2 * t) + 0.2)) < 1e-6);
    BOOST_TEST(std::abs(f.derivative(t, 3) - (-4 * std::cos(2 * t))) < 2e-5);
    const auto all = f.with_derivatives(t);
    BOOST_TEST(all[0] == f(t));
    BOOST_TEST(all[1] == f.derivative(t, 1));
    BOOST_TEST(all[2] == f.derivative(t, 2));
  }
}

// One-sided stencils: accurate on a smooth f, and at a corner they give that side's derivatives
// (the time integrals take them from within each step), where the central ones average.
BOOST_AUTO_TEST_CASE(one_sided_derivatives) {
  const TimeExpression f("0.5*sin(2*t) + 0.1*t^2");
  for (double t : {0.0, 0.3, 1.7}) {
    for (int side : {-1, 1}) {
      BOOST_TEST(std::abs(f.derivative(t, 1, side) - (std::cos(2 * t) + 0.2 * t)) < 1e-10);
      BOOST_TEST(std::abs(f.derivative(t, 2, side) - (-2 * std::sin(2 * t) + 0.2)) < 1e-5);
      BOOST_TEST(std::abs(f.derivative(t, 3, side) - (-4 * std::cos(2 * t))) < 2e-4);
    }
    BOOST_TEST(f.with_derivatives(t, 1)[1] == f.derivative(t, 1, 1));
  }
  const TimeExpression ramp("(t < 1 ? t^2 : 2*t - 1)");  // f' continuous, f'' jumps 2 -> 0 at t = 1
  BOOST_TEST(std::abs(ramp.derivative(1.0, 1, -1) - 2) < 1e-10);
  BOOST_TEST(std::abs(ramp.derivative(1.0, 2, -1) - 2) < 1e-8);
  BOOST_TEST(std::abs(ramp.derivative(1.0, 2, 1)) < 1e-8);
  BOOST_TEST(std::abs(ramp.derivative(1.0, 3, 1)) < 1e-4);   // rounding 32 eps |f| / h^3
  BOOST_TEST(std::abs(ramp.derivative(1.0, 2) - 1) < 1e-6);  // the central stencil averages the sides
  const TimeExpression kink("(t < 1 ? t : 1)");
  BOOST_TEST(std::abs(kink.derivative(1.0, 1, -1) - 1) < 1e-10);
  BOOST_TEST(std::abs(kink.derivative(1.0, 1, 1)) < 1e-12);
}

BOOST_AUTO_TEST_CASE(constants_conditionals_and_pi) {
  const TimeExpression c("0.3*2");
  BOOST_TEST(c(5.0) == 0.6);
  BOOST_TEST(c.derivative(1.0, 1) == 0.0);  // exactly: t does not appear
  BOOST_TEST(c.derivative(1.0, 3) == 0.0);
  const TimeExpression ramp("(t < 1 ? t : 1)");
  BOOST_TEST(ramp(0.5) == 0.5);
  BOOST_TEST(ramp(3.0) == 1.0);
  BOOST_TEST(std::abs(TimeExpression("cos(pi*t)")(1.0) + 1) < 1e-15);
}

// t_final is a constant when the run gives it (protocols that scale with the run), unknown otherwise.
BOOST_AUTO_TEST_CASE(t_final_constant) {
  const TimeExpression ramp("10*t/t_final", {}, 40.0);
  BOOST_TEST(ramp(20.0) == 5.0);
  BOOST_TEST(std::abs(ramp.derivative(3.0, 1) - 0.25) < 1e-12);
  BOOST_TEST(reason("10*t/t_final").find("t_final") != std::string::npos);
  double v = 0;
  BOOST_TEST(qtherm::io::parse_time_function("1/t_final", v, {}, 4.0)->operator()(0.0) == 0.25);
  BOOST_CHECK_THROW(qtherm::io::check_table_name("t_final"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(unknown_names_are_named) {
  BOOST_TEST(reason("0.5*sinn(t)").find("unknown function 'sinn'") != std::string::npos);
  BOOST_TEST(reason("sin(omega*t)").find("unknown variable 'omega'") != std::string::npos);
  BOOST_TEST(!reason("0.5*(t").empty());
  BOOST_TEST(reason("0.5*sin(t)").empty());
  BOOST_TEST(reason("").size() > 0);
}

BOOST_AUTO_TEST_CASE(numbers_or_expressions) {
  double v = 0;
  BOOST_TEST(!qtherm::io::parse_time_function("0.25", v));
  BOOST_TEST(v == 0.25);
  const auto f = qtherm::io::parse_time_function("0.25*t", v);
  BOOST_REQUIRE(f);
  BOOST_TEST((*f)(2.0) == 0.5);
}
