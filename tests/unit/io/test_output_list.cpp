#define BOOST_TEST_MODULE output_list
#include <boost/test/unit_test.hpp>
#include <vector>

#include "qtherm/io/output_list.hpp"

using namespace qtherm::io;

namespace {

struct Steady {
  double heat = 0, entropy = 0;
};
// Declared in an order other than the struct's: the value must follow its name, not its position.
const OutputList<Steady> kSteady = {{{"entropy", "nat", "", "S"}, &Steady::entropy},
                                    {{"heat", "energy", "", "Q"}, &Steady::heat}};

struct Row {
  double E = 0, p = 0;
};
const OutputList<Row> kRows = {{{"E", "energy", "", ""}, &Row::E}, {{"p", "1", "", ""}, &Row::p}};

struct Series2 {
  std::vector<double> a, b;
};
const OutputList<Series2, std::vector<double>> kSeries = {{{"b", "1", "", ""}, &Series2::b},
                                                          {{"a", "1", "", ""}, &Series2::a}};

}  // namespace

BOOST_AUTO_TEST_CASE(scalars_carry_the_value_of_their_own_member) {
  std::vector<Scalar> out;
  kSteady.write(out, Steady{2.5, 0.7});
  BOOST_REQUIRE_EQUAL(out.size(), 2u);
  BOOST_TEST(out[0].what.name == "entropy");
  BOOST_TEST(out[0].value == 0.7);
  BOOST_TEST(out[1].what.name == "heat");
  BOOST_TEST(out[1].value == 2.5);
  const auto q = kSteady.quantities();
  BOOST_TEST(q[0].unit == "nat");
  BOOST_TEST(q[1].unit == "energy");
}

BOOST_AUTO_TEST_CASE(rows_become_columns_by_name) {
  auto cols = kRows.empty_columns();
  kRows.append(cols, Row{1, 0.1});
  kRows.append(cols, Row{2, 0.2});
  std::vector<Series> out;
  kRows.write_columns(out, cols);
  BOOST_REQUIRE_EQUAL(out.size(), 2u);
  BOOST_TEST(out[0].what.name == "E");
  BOOST_TEST(out[0].values == std::vector<double>({1, 2}), boost::test_tools::per_element());
  BOOST_TEST(out[1].what.name == "p");
  BOOST_TEST(out[1].values == std::vector<double>({0.1, 0.2}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(whole_series_follow_their_member) {
  std::vector<Series> out;
  kSeries.write(out, Series2{{1, 2}, {3, 4}});
  BOOST_REQUIRE_EQUAL(out.size(), 2u);
  BOOST_TEST(out[0].what.name == "b");
  BOOST_TEST(out[0].values == std::vector<double>({3, 4}), boost::test_tools::per_element());
  BOOST_TEST(out[1].values == std::vector<double>({1, 2}), boost::test_tools::per_element());
}
