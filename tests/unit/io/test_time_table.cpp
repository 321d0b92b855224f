// Tabulated functions of t (io/time_table) and their use in expressions (io/time_expression): the
// not-a-knot spline is exact at the nodes and on cubic data (on an uneven grid, and continued a
// little beyond the ends), fourth order on smooth data; the file format and its one-line errors;
// relative paths resolved against a directory; a table in an expression, refused outside the times
// it covers except within a derivative's stencil; table names that clash with built-ins.
#define BOOST_TEST_MODULE time_table
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <unistd.h>

#include "qtherm/io/time_expression.hpp"
#include "qtherm/io/time_table.hpp"

using qtherm::io::OutsideTable;
using qtherm::io::TimeExpression;
using qtherm::io::TimeTable;

namespace {

// A file with `text` in a fresh temporary directory, removed at the end of the test.
struct TempFile {
  std::filesystem::path dir, path;
  explicit TempFile(const std::string& text) {
    dir = std::filesystem::temp_directory_path() / ("qtherm-time-table-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    path = dir / "table.dat";
    std::ofstream(path) << text;
  }
  ~TempFile() { std::filesystem::remove_all(dir); }
};

std::string read_error(const std::string& text) {
  TempFile f(text);
  try {
    TimeTable::read(f.path.string());
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(exact_at_nodes_and_on_cubics) {
  const std::vector<double> t = {-0.3, 0.0, 0.1, 0.45, 1.0, 1.2, 2.7, 3.0};  // uneven on purpose
  auto cubic = [](double x) { return 0.7 - 1.3 * x + 0.4 * x * x - 0.25 * x * x * x; };
  std::vector<double> y, noisy;
  for (double x : t) {
    y.push_back(cubic(x));
    noisy.push_back(std::cos(7 * x) + (x > 1 ? 0.3 : 0.0));
  }
  const TimeTable exact(t, y), rough(t, noisy);
  for (std::size_t i = 0; i < t.size(); ++i) BOOST_TEST(std::abs(rough(t[i]) - noisy[i]) < 1e-14);
  for (double x = -0.302; x <= 3.002; x += 0.0137) BOOST_TEST(std::abs(exact(x) - cubic(x)) < 1e-12);
  // Two points: the straight line; three: the parabola through them.
  BOOST_TEST(std::abs(TimeTable({0, 2}, {1, 5})(0.5) - 2) < 1e-15);
  const TimeTable parabola({0, 1, 3}, {0, 1, 9});
  for (double x : {-0.5, 0.3, 2.2, 3.001}) BOOST_TEST(std::abs(parabola(x) - x * x) < 1e-13);
}

BOOST_AUTO_TEST_CASE(fourth_order_on_smooth_data) {
  auto max_error = [](int intervals) {
    std::vector<double> t, y;
    for (int k = 0; k <= intervals; ++k) {
      t.push_back(4.0 * k / intervals);
      y.push_back(std::sin(2 * t.back()));
    }
    const TimeTable s(t, y);
    double e = 0;
    for (int k = 0; k <= 4000; ++k) e = std::max(e, std::abs(s(k * 1e-3) - std::sin(2 * k * 1e-3)));
    return e;
  };
  const double e1 = max_error(40), e2 = max_error(80);
  BOOST_TEST(e1 < 1e-4);
  BOOST_TEST(e1 / e2 > 12);  // 16 for O(Δ⁴), up to the ends (a natural spline would give 4 there)
  BOOST_TEST(e1 / e2 < 20);
}

BOOST_AUTO_TEST_CASE(file_format) {
  TempFile f("# t, value\n\n0 1   # first\n0.5,2\n 1\t3\n2 , 5\n");
  const TimeTable s = TimeTable::read(f.path.string());
  BOOST_TEST(s.size() == 4u);
  BOOST_TEST(s.first() == 0.0);
  BOOST_TEST(s.last() == 2.0);
  BOOST_TEST(s(0.5) == 2.0);
  BOOST_TEST(s.source() == f.path.string());
  // The fingerprint is of the points: the same from vectors, another when one value changes.
  BOOST_TEST(s.fingerprint().size() == 16u);
  BOOST_TEST(TimeTable({0, 0.5, 1, 2}, {1, 2, 3, 5}).fingerprint() == s.fingerprint());
  BOOST_TEST(TimeTable({0, 0.5, 1, 2}, {1, 2, 3, 5.000001}).fingerprint() != s.fingerprint());
}

BOOST_AUTO_TEST_CASE(file_errors_are_one_line_with_the_line) {
  BOOST_TEST(has(read_error("0 0\n1 1\n# c\n0.5 2\n"), "line 4: t = 0.5 does not increase (line 2 has t = 1"));
  BOOST_TEST(has(read_error("0 0\n1 1\n1 2\n"), "line 3: t = 1 does not increase"));
  BOOST_TEST(has(read_error("0 0\n1 1 2\n"), "line 2: expected two numbers"));
  BOOST_TEST(has(read_error("0 0\n1 x\n"), "line 2: "));
  BOOST_TEST(has(read_error("# nothing\n0 1\n"), "1 point(s); a table needs at least two"));
  try {
    TimeTable::read("/nonexistent/qtherm/table.dat");
    BOOST_FAIL("a missing file was read");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(has(e.what(), "cannot open '/nonexistent/qtherm/table.dat'"));
  }
  for (const auto& e : {read_error("0 0\n1 1\n1 2\n"), read_error("0 0\n1 1 2\n")}) BOOST_TEST(!has(e, "\n"));
}

BOOST_AUTO_TEST_CASE(relative_paths_resolve_against_a_directory) {
  BOOST_TEST(qtherm::io::resolve_table_paths("a : x.dat; b: ../y.dat ;c : /abs/z.dat", "/data/run/") ==
             "a : /data/run/x.dat; b : /data/y.dat; c : /abs/z.dat");
  BOOST_TEST(qtherm::io::resolve_table_paths("broken", "/d") == "broken");
}

BOOST_AUTO_TEST_CASE(tables_in_expressions) {
  std::vector<double> t, y;
  for (int k = 0; k <= 400; ++k) {
    t.push_back(k * 0.01);
    y.push_back(std::sin(2 * t.back()));
  }
  const qtherm::io::TimeTables tables = {{"s2", std::make_shared<const TimeTable>(t, y, "s2.dat")}};
  const TimeExpression f("0.5*s2(t) + 1", tables);
  for (double x : {0.0, 0.013, 1.7, 4.0}) BOOST_TEST(std::abs(f(x) - (0.5 * std::sin(2 * x) + 1)) < 1e-8);
  // The derivative's stencil reaches 2e-3 beyond the ends: allowed there, at t = 0 and t = 4 (the
  // spline's slope is O(Δ³) accurate: 1e-6 at Δ = 0.01).
  BOOST_TEST(std::abs(f.derivative(0.0, 1) - 1.0) < 1e-5);
  BOOST_TEST(std::abs(f.derivative(4.0, 1) - std::cos(8.0)) < 1e-5);
  // Anywhere else outside: refused, naming the table, its range and the time; also in a derivative
  // at a t outside, and with a constant argument (never folded while parsing).
  try {
    f(4.5);
    BOOST_FAIL("evaluated outside the table");
  } catch (const OutsideTable& e) {
    BOOST_TEST(e.time() == 4.5);
    BOOST_TEST(has(e.what(), "table s2 ('s2.dat') covers t in [0, 4], evaluated at t = 4.5"));
  }
  BOOST_CHECK_THROW(f(-0.001), OutsideTable);
  BOOST_CHECK_THROW(f.derivative(4.001, 1), OutsideTable);
  BOOST_CHECK_NO_THROW(f(4.0 * (1 + 1e-15)));   // rounding past the end is inside
  const TimeExpression fixed("s2(5)", tables);  // parsing evaluates at t = 0 without refusing
  BOOST_CHECK_THROW(fixed(0.0), OutsideTable);
  // An unknown function lists the tables.
  try {
    TimeExpression("s3(t)", tables);
    BOOST_FAIL("s3 was accepted");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(has(e.what(), "unknown function 's3'"));
    BOOST_TEST(has(e.what(), "tables: s2"));
  }
  double constant = 0;
  BOOST_TEST(qtherm::io::parse_time_function("0.1*s2(t)", constant, tables));
}

BOOST_AUTO_TEST_CASE(table_names) {
  for (const char* ok : {"ramp", "f_1", "Omega2"}) BOOST_CHECK_NO_THROW(qtherm::io::check_table_name(ok));
  for (const char* bad : {"sin", "exp", "min", "t", "pi", "_x", "2f", "a-b", ""})
    BOOST_CHECK_THROW(qtherm::io::check_table_name(bad), std::invalid_argument);
}
