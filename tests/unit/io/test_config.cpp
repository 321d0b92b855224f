#define BOOST_TEST_MODULE config
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "qtherm/base/error.hpp"
#include "qtherm/io/config.hpp"
#include "qtherm/io/schema.hpp"

namespace fs = std::filesystem;
using qtherm::Error;
using qtherm::InputError;
using namespace qtherm::io;

namespace {

// A fresh directory per test, removed afterwards.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "qtherm_test_config.XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& content) const {
    const fs::path p = path / name;
    std::ofstream(p) << content;
    return p.string();
  }
};

// What an InputError carried, or what="<no InputError>" when none was thrown.
struct Caught {
  std::string what = "<no InputError>", file, section, key, reason;
};
Caught input_error(const std::function<void()>& f) {
  Caught c;
  try {
    f();
  } catch (const InputError& e) {
    c = {e.what(), e.file(), e.section(), e.key(), e.reason()};
  }
  return c;
}

// The std::invalid_argument reason of a parser, or "<no error>".
std::string parse_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no error>";
}

KeySpec key(std::string section, std::string name, ValueType type, std::string def) {
  KeySpec k;
  k.section = std::move(section);
  k.key = std::move(name);
  k.type = type;
  k.default_value = std::move(def);
  return k;
}

// A schema exercising every type and every kind of range.
Schema test_schema() {
  Schema s;
  auto omega = key("system", "omega", ValueType::real, "1");
  omega.min = 0;
  omega.min_exclusive = true;  // > 0
  s.add(omega);
  auto n = key("system", "n", ValueType::integer, "4");
  n.min = 1;
  n.max = 64;  // [1, 64]
  s.add(n);
  auto coupling = key("system", "coupling", ValueType::real, "0.5");
  coupling.min = -1;
  coupling.max = 1;  // [-1, 1]
  s.add(coupling);
  s.add(key("system", "verbose", ValueType::boolean, "false"));
  s.add(key("system", "label", ValueType::string, ""));  // optional
  auto solver = key("system", "solver", ValueType::choice, "rk4");
  solver.choices = {"rk4", "euler", "implicit"};
  s.add(solver);
  auto seed = key("system", "seed", ValueType::integer, "7");
  seed.min = 0;  // >= 0
  s.add(seed);
  auto temps = key("bath", "temperatures", ValueType::real_list, "0.5, 1");
  temps.min = 0;
  temps.min_exclusive = true;
  s.add(temps);
  s.add(key("bath", "names", ValueType::string_list, "hot, cold"));
  s.add(key("bath", "hamiltonian", ValueType::matrix, "[[1, 0], [0, -1]]"));
  auto gamma = key("bath", "gamma", ValueType::real, "0.1");
  gamma.min = 0;
  gamma.max = 1;
  gamma.max_exclusive = true;  // [0, 1)
  s.add(gamma);
  s.add(key("notes", "comment", ValueType::string, ""));  // a section with only an optional key
  auto fraction = key("output", "fraction", ValueType::real, "0.25");
  fraction.max = 0.5;  // <= 0.5
  s.add(fraction);
  auto dt = key("output", "dt", ValueType::real, "0.01");
  dt.max = 1;
  dt.max_exclusive = true;  // < 1
  s.add(dt);
  s.add(key("output", "file", ValueType::string, "out.h5"));
  return s;
}

// Config from INI text written to a temp file, plus overrides.
Config config_from(const TempDir& dir, const std::string& ini, const std::vector<std::string>& overrides = {}) {
  return Config(test_schema(), read_raw(dir.write("run.ini", ini), overrides));
}

// The InputError message a Config from `ini` gives (the file is <dir>/run.ini).
std::string config_error(const TempDir& dir, const std::string& ini, const std::vector<std::string>& overrides = {}) {
  return input_error([&] { config_from(dir, ini, overrides); }).what;
}

const char* const kDefaultIni =
    "# resolved qtherm configuration\n"
    "[system]\n"
    "omega = 1\n"
    "n = 4\n"
    "coupling = 0.5\n"
    "verbose = false\n"
    "solver = rk4\n"
    "seed = 7\n"
    "\n"
    "[bath]\n"
    "temperatures = 0.5, 1\n"
    "names = hot, cold\n"
    "hamiltonian = [[1, 0], [0, -1]]\n"
    "gamma = 0.1\n"
    "\n"
    "[output]\n"
    "fraction = 0.25\n"
    "dt = 0.01\n"
    "file = out.h5\n";

}  // namespace

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(error_format)

BOOST_AUTO_TEST_CASE(all_parts) {
  const InputError e("run.ini", "system", "omega", "must be > 0, got -1");
  BOOST_TEST(std::string(e.what()) == "run.ini: [system] omega: must be > 0, got -1");
  BOOST_TEST(e.file() == "run.ini");
  BOOST_TEST(e.section() == "system");
  BOOST_TEST(e.key() == "omega");
  BOOST_TEST(e.reason() == "must be > 0, got -1");
}

BOOST_AUTO_TEST_CASE(empty_parts_left_out) {
  BOOST_TEST(std::string(InputError("run.ini", "", "", "cannot open").what()) == "run.ini: cannot open");
  BOOST_TEST(std::string(InputError("", "a", "k", "bad").what()) == "[a] k: bad");
  BOOST_TEST(std::string(InputError("f", "a", "", "unknown section").what()) == "f: [a] unknown section");
  BOOST_TEST(std::string(InputError("f", "a", "k", "bad").in_file("g").what()) == "g: [a] k: bad");
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(schema)

BOOST_AUTO_TEST_CASE(type_names) {
  BOOST_TEST(to_string(ValueType::real) == "real");
  BOOST_TEST(to_string(ValueType::integer) == "integer");
  BOOST_TEST(to_string(ValueType::boolean) == "boolean");
  BOOST_TEST(to_string(ValueType::string) == "string");
  BOOST_TEST(to_string(ValueType::choice) == "choice");
  BOOST_TEST(to_string(ValueType::real_list) == "list of reals");
  BOOST_TEST(to_string(ValueType::string_list) == "list of strings");
  BOOST_TEST(to_string(ValueType::matrix) == "complex matrix");
}

BOOST_AUTO_TEST_CASE(find_and_sections) {
  const Schema s = test_schema();
  BOOST_TEST(s.keys().size() == 15u);
  const KeySpec* omega = s.find("system", "omega");
  BOOST_REQUIRE(omega);
  BOOST_TEST(omega->default_value == "1");
  BOOST_TEST(!s.find("system", "gamma"));
  BOOST_TEST(!s.find("nosuch", "omega"));
  BOOST_TEST(s.has_section("bath"));
  BOOST_TEST(!s.has_section("baths"));
  const std::vector<std::string> expected{"system", "bath", "notes", "output"};
  BOOST_TEST(s.sections() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(sections_in_order_of_first_key) {
  Schema s;
  s.add(key("b", "x", ValueType::real, "1"));
  s.add(key("a", "x", ValueType::real, "1"));
  s.add(key("b", "y", ValueType::real, "1"));
  const std::vector<std::string> expected{"b", "a"};
  BOOST_TEST(s.sections() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(duplicate_is_programming_error) {
  Schema s;
  s.add(key("a", "x", ValueType::real, "1"));
  BOOST_CHECK_THROW(s.add(key("a", "x", ValueType::integer, "2")), Error);
  BOOST_TEST(s.keys().size() == 1u);
  s.add(key("b", "x", ValueType::real, "1"));  // same key in another section is fine
  BOOST_TEST(s.keys().size() == 2u);
}

BOOST_AUTO_TEST_CASE(invalid_names_refused) {
  Schema s;
  BOOST_CHECK_THROW(s.add(key("", "x", ValueType::real, "1")), Error);
  BOOST_CHECK_THROW(s.add(key("a", "", ValueType::real, "1")), Error);
  BOOST_CHECK_THROW(s.add(key("a", "x.y", ValueType::real, "1")), Error);
  BOOST_CHECK_THROW(s.add(key("a b", "x", ValueType::real, "1")), Error);
  BOOST_CHECK_THROW(s.add(key("a", "x", ValueType::choice, "")), Error);  // no choices
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(parsers)

BOOST_AUTO_TEST_CASE(real) {
  BOOST_TEST(parse_real("1.5") == 1.5);
  BOOST_TEST(parse_real("  -2e-3 ") == -2e-3);
  BOOST_TEST(parse_real("+0.5") == 0.5);
  BOOST_TEST(parse_real("3") == 3.0);
  BOOST_TEST(parse_error([] { parse_real("abc"); }) == "expected a real number, got 'abc'");
  BOOST_TEST(parse_error([] { parse_real("1.5x"); }) == "expected a real number, got '1.5x'");
  BOOST_TEST(parse_error([] { parse_real(""); }) == "expected a real number, got ''");
  BOOST_TEST(parse_error([] { parse_real("1 2"); }) == "expected a real number, got '1 2'");
  BOOST_TEST(parse_error([] { parse_real("+-1"); }) == "expected a real number, got '+-1'");
  BOOST_TEST(parse_error([] { parse_real("inf"); }) == "expected a finite real number, got 'inf'");
  BOOST_TEST(parse_error([] { parse_real("-inf"); }) == "expected a finite real number, got '-inf'");
  BOOST_TEST(parse_error([] { parse_real("nan"); }) == "expected a finite real number, got 'nan'");
  BOOST_TEST(parse_error([] { parse_real("1e999"); }) == "real number out of range: '1e999'");
}

BOOST_AUTO_TEST_CASE(integer) {
  BOOST_TEST(parse_integer("42") == 42);
  BOOST_TEST(parse_integer(" -7 ") == -7);
  BOOST_TEST(parse_integer("+3") == 3);
  BOOST_TEST(parse_error([] { parse_integer("1.5"); }) == "expected an integer, got '1.5'");
  BOOST_TEST(parse_error([] { parse_integer("1e3"); }) == "expected an integer, got '1e3'");
  BOOST_TEST(parse_error([] { parse_integer("abc"); }) == "expected an integer, got 'abc'");
  BOOST_TEST(parse_error([] { parse_integer(""); }) == "expected an integer, got ''");
  BOOST_TEST(parse_error([] { parse_integer("99999999999999999999999"); }) ==
             "integer out of range: '99999999999999999999999'");
}

BOOST_AUTO_TEST_CASE(boolean) {
  for (const char* t : {"true", "TRUE", "Yes", "on", "ON", "1", " true "}) BOOST_TEST(parse_boolean(t), t);
  for (const char* f : {"false", "False", "no", "NO", "off", "Off", "0"}) BOOST_TEST(!parse_boolean(f), f);
  BOOST_TEST(parse_error([] { parse_boolean("maybe"); }) ==
             "expected a boolean (true/false, yes/no, on/off, 1/0), got 'maybe'");
  BOOST_TEST(parse_error([] { parse_boolean("2"); }) != "<no error>");
  BOOST_TEST(parse_error([] { parse_boolean(""); }) != "<no error>");
}

BOOST_AUTO_TEST_CASE(real_list) {
  const std::vector<double> abc{0.25, 0.5, 0.75};
  BOOST_TEST(parse_real_list("0.25, 0.5, 0.75") == abc, boost::test_tools::per_element());
  BOOST_TEST(parse_real_list("0.25 0.5 0.75") == abc, boost::test_tools::per_element());
  BOOST_TEST(parse_real_list("0.25,0.5   0.75") == abc, boost::test_tools::per_element());
  BOOST_TEST(parse_real_list(" 0.25 ,\t0.5 , 0.75 ") == abc, boost::test_tools::per_element());
  BOOST_TEST(parse_real_list("").empty());
  BOOST_TEST(parse_real_list("   ").empty());
  BOOST_TEST(parse_real_list("-1e-3").size() == 1u);
  BOOST_TEST(parse_error([] { parse_real_list("1, x"); }) == "element 2: expected a real number, got 'x'");
  BOOST_TEST(parse_error([] { parse_real_list("1, inf"); }) == "element 2: expected a finite real number, got 'inf'");
  BOOST_TEST(parse_error([] { parse_real_list("1,,2"); }) == "empty element 2 in list '1,,2'");
  BOOST_TEST(parse_error([] { parse_real_list("1, 2,"); }) == "empty element 3 in list '1, 2,'");
}

BOOST_AUTO_TEST_CASE(string_list) {
  const std::vector<std::string> abc{"a", "b c", "d"};
  BOOST_TEST(parse_string_list(" a, b c ,, d ,") == abc, boost::test_tools::per_element());
  BOOST_TEST(parse_string_list("").empty());
  BOOST_TEST(parse_string_list(" , ,").empty());
  BOOST_TEST(parse_string_list("single").size() == 1u);
}

BOOST_AUTO_TEST_CASE(complex_forms) {
  using C = std::complex<double>;
  BOOST_TEST(parse_complex("1") == C(1, 0));
  BOOST_TEST(parse_complex("-0.5") == C(-0.5, 0));
  BOOST_TEST(parse_complex("2i") == C(0, 2));
  BOOST_TEST(parse_complex("-0.5i") == C(0, -0.5));
  BOOST_TEST(parse_complex("-i") == C(0, -1));
  BOOST_TEST(parse_complex("i") == C(0, 1));
  BOOST_TEST(parse_complex("+i") == C(0, 1));
  BOOST_TEST(parse_complex("2+3i") == C(2, 3));
  BOOST_TEST(parse_complex("2-3i") == C(2, -3));
  BOOST_TEST(parse_complex("1-i") == C(1, -1));
  BOOST_TEST(parse_complex("1e-3-2e-1i") == C(1e-3, -2e-1));
  BOOST_TEST(parse_complex("1e+2+1e+1i") == C(100, 10));
  BOOST_TEST(parse_complex("1E-3i") == C(0, 1e-3));
  BOOST_TEST(parse_complex("(0.1+0.2i)") == C(0.1, 0.2));
  BOOST_TEST(parse_complex(" ( 1 - 2 i ) ") == C(1, -2));
  BOOST_TEST(parse_complex("2 + 3i") == C(2, 3));
  BOOST_TEST(parse_complex("2 i") == C(0, 2));
  BOOST_TEST(parse_complex("2j") == C(0, 2));
  BOOST_TEST(parse_complex("1-j") == C(1, -1));
  BOOST_TEST(parse_complex("3+4J") == C(3, 4));
}

BOOST_AUTO_TEST_CASE(complex_malformed) {
  const std::string why = "expected a complex number (e.g. 1, -2i, 0.5+1e-3i), got ";
  BOOST_TEST(parse_error([] { parse_complex("abc"); }) == why + "'abc'");
  BOOST_TEST(parse_error([] { parse_complex(""); }) == why + "''");
  BOOST_TEST(parse_error([] { parse_complex(" 1 2 "); }) == why + "'1 2'");
  for (const char* bad : {"1+", "2ii", "(1+2i", "1+2i)", "()", "i2", "1+2", "--1", "1+-2i", "inf", "infi", "nani",
                          "1e 5", "((1))", "1,2", "2x"})
    BOOST_TEST(parse_error([&] { parse_complex(bad); }) == why + "'" + bad + "'", bad);
}

BOOST_AUTO_TEST_CASE(matrix_bracket_form) {
  const Eigen::MatrixXcd m = parse_matrix("[[1, 0.5-0.1i], [0.5+0.1i, 2]]");
  BOOST_TEST(m.rows() == 2);
  BOOST_TEST(m.cols() == 2);
  BOOST_TEST(m(0, 0) == std::complex<double>(1, 0));
  BOOST_TEST(m(0, 1) == std::complex<double>(0.5, -0.1));
  BOOST_TEST(m(1, 0) == std::complex<double>(0.5, 0.1));
  BOOST_TEST(m(1, 1) == std::complex<double>(2, 0));

  const Eigen::MatrixXcd spaced = parse_matrix("\n [ [ 1 ,(0.5 - 0.1i) ] ,\n\t[0.5+0.1i,2] ]\n");
  BOOST_TEST((spaced == m));  // Eigen: compare as one bool

  const Eigen::MatrixXcd one = parse_matrix("[[-i]]");
  BOOST_TEST(one.rows() == 1);
  BOOST_TEST(one.cols() == 1);
  BOOST_TEST(one(0, 0) == std::complex<double>(0, -1));

  const Eigen::MatrixXcd row = parse_matrix("[[1, 2, 3]]");
  BOOST_TEST(row.rows() == 1);
  BOOST_TEST(row.cols() == 3);
  BOOST_TEST(row(0, 2) == std::complex<double>(3, 0));

  const Eigen::MatrixXcd col = parse_matrix("[[1], [2], [3j]]");
  BOOST_TEST(col.rows() == 3);
  BOOST_TEST(col.cols() == 1);
  BOOST_TEST(col(2, 0) == std::complex<double>(0, 3));
}

BOOST_AUTO_TEST_CASE(matrix_plain_form) {
  const Eigen::MatrixXcd m = parse_matrix("1, 2i; -i, 4");
  BOOST_TEST(m.rows() == 2);
  BOOST_TEST(m.cols() == 2);
  BOOST_TEST(m(0, 1) == std::complex<double>(0, 2));
  BOOST_TEST(m(1, 0) == std::complex<double>(0, -1));
  BOOST_TEST(m(1, 1) == std::complex<double>(4, 0));
  BOOST_TEST((parse_matrix("1, 2i;\n -i, 4\n") == m));    // Eigen: compare as one bool
  BOOST_TEST((parse_matrix("[[1, 2i], [-i, 4]]") == m));  // Eigen: compare as one bool
  const Eigen::MatrixXcd scalar = parse_matrix("5");
  BOOST_TEST(scalar.rows() == 1);
  BOOST_TEST(scalar.cols() == 1);
  BOOST_TEST(scalar(0, 0) == std::complex<double>(5, 0));
}

BOOST_AUTO_TEST_CASE(matrix_malformed) {
  BOOST_TEST(parse_error([] { parse_matrix("[[1, 2], [3]]"); }) == "row 2 has 1 entry, row 1 has 2 entries");
  BOOST_TEST(parse_error([] { parse_matrix("1, 2; 3, 4, 5"); }) == "row 2 has 3 entries, row 1 has 2 entries");
  BOOST_TEST(parse_error([] { parse_matrix("[[1, 2], [3, 4]"); }) == "unbalanced brackets in row 2");
  BOOST_TEST(parse_error([] { parse_matrix("[[1, 2], [3, 4]]]"); }) ==
             "unexpected ']' after row 2 (matrix form: [[a, b], [c, d]])");
  BOOST_TEST(parse_error([] { parse_matrix("[[1, 2] [3, 4]]"); }) ==
             "unexpected '[' after row 1 (matrix form: [[a, b], [c, d]])");
  BOOST_TEST(parse_error([] { parse_matrix("[[1, 2],]"); }) ==
             "expected '[' to start row 2 (matrix form: [[a, b], [c, d]])");
  BOOST_TEST(parse_error([] { parse_matrix("[1, 2]"); }) ==
             "expected '[' to start row 1 (matrix form: [[a, b], [c, d]])");
  BOOST_TEST(parse_error([] { parse_matrix("[[1, [2]]]"); }) == "unbalanced brackets in row 1");
  BOOST_TEST(parse_error([] { parse_matrix("[[1, 2]"); }) == "unbalanced brackets in row 1");
  BOOST_TEST(parse_error([] { parse_matrix("[[1, 2], [3, 4])"); }) == "unbalanced brackets in matrix");
  BOOST_TEST(parse_error([] { parse_matrix("1, 2]"); }) == "unbalanced brackets in matrix");
  BOOST_TEST(parse_error([] { parse_matrix(""); }) == "empty matrix");
  BOOST_TEST(parse_error([] { parse_matrix("[ ]"); }) == "empty matrix");
  BOOST_TEST(parse_error([] { parse_matrix("[[]]"); }) == "row 1 is empty");
  BOOST_TEST(parse_error([] { parse_matrix("1, 2;"); }) == "row 2 is empty");
  BOOST_TEST(parse_error([] { parse_matrix("[[1,,2]]"); }) == "entry (1, 2): empty");
  BOOST_TEST(parse_error([] { parse_matrix("[[1, 2], [3, x]]"); }) ==
             "entry (2, 2): expected a complex number (e.g. 1, -2i, 0.5+1e-3i), got 'x'");
}

BOOST_AUTO_TEST_CASE(nearest_candidate) {
  const std::vector<std::string> keys{"omega", "temperature", "gamma", "n"};
  BOOST_TEST(nearest("omgea", keys) == "omega");
  BOOST_TEST(nearest("temprature", keys) == "temperature");
  BOOST_TEST(nearest("gama", keys) == "gamma");
  BOOST_TEST(nearest("omega", keys) == "omega");
  BOOST_TEST(nearest("zzzzzzzz", keys) == "");
  BOOST_TEST(nearest("anything", {}) == "");
  // Threshold max(2, len/3): a 9-letter word tolerates 3 edits, not 4.
  BOOST_TEST(nearest("abcdefghi", {"abcdefxyz"}) == "abcdefxyz");
  BOOST_TEST(nearest("abcdefghi", {"abcdewxyz"}) == "");
  // Short words still tolerate 2 edits.
  BOOST_TEST(nearest("ab", {"xy"}) == "xy");
  BOOST_TEST(nearest("abc", {"xyz"}) == "");
  // The closest wins, not the first close one.
  BOOST_TEST(nearest("gammma", {"gamma_2", "gamma"}) == "gamma");
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(reading)

BOOST_AUTO_TEST_CASE(file_with_comments) {
  TempDir dir;
  const std::string path = dir.write("a.ini",
                                     "# a comment\n"
                                     "; another comment\n"
                                     "\n"
                                     "[system]\n"
                                     "  omega   =  2.5   # trailing comment\n"
                                     "   ; indented comment\n"
                                     "hamiltonian_ish = 1, 2; 3, 4\n"
                                     "[bath]\n"
                                     "omega = 3\n");
  const RawConfig raw = read_raw(path, {});
  BOOST_TEST(raw.file == path);
  BOOST_TEST(raw.values.size() == 2u);
  const RawConfig::Entry* omega = raw.find("system", "omega");
  BOOST_REQUIRE(omega);
  BOOST_TEST(omega->value == "2.5");
  BOOST_TEST(omega->origin == path);
  BOOST_REQUIRE(raw.find("system", "hamiltonian_ish"));
  BOOST_TEST(raw.find("system", "hamiltonian_ish")->value == "1, 2; 3, 4");  // ';' inside a value stays
  BOOST_REQUIRE(raw.find("bath", "omega"));
  BOOST_TEST(raw.find("bath", "omega")->value == "3");
  BOOST_TEST(!raw.find("system", "gamma"));
  BOOST_TEST(!raw.find("nosuch", "omega"));
}

BOOST_AUTO_TEST_CASE(empty_value_and_empty_file) {
  TempDir dir;
  const RawConfig raw = read_raw(dir.write("a.ini", "[system]\nlabel =\n"), {});
  BOOST_REQUIRE(raw.find("system", "label"));
  BOOST_TEST(raw.find("system", "label")->value == "");
  BOOST_TEST(read_raw(dir.write("empty.ini", ""), {}).values.empty());
}

BOOST_AUTO_TEST_CASE(missing_file) {
  TempDir dir;
  const std::string path = (dir.path / "nope.ini").string();
  const Caught c = input_error([&] { read_raw(path, {}); });
  BOOST_TEST(c.what == path + ": cannot open configuration file: No such file or directory");
  BOOST_TEST(c.file == path);
  BOOST_TEST(c.section == "");
  BOOST_TEST(c.key == "");
}

BOOST_AUTO_TEST_CASE(directory_is_not_a_file) {
  TempDir dir;
  BOOST_TEST(input_error([&] { read_raw(dir.path.string(), {}); }).what ==
             dir.path.string() + ": cannot open configuration file: Is a directory");
}

BOOST_AUTO_TEST_CASE(duplicate_key) {
  TempDir dir;
  const std::string path = dir.write("a.ini", "[system]\nomega = 1\nn = 2\nomega = 3\n");
  const Caught c = input_error([&] { read_raw(path, {}); });
  BOOST_TEST(c.what == path + ": [system] omega: given more than once in the file");
  BOOST_TEST(c.section == "system");
  BOOST_TEST(c.key == "omega");
  // A repeated section header continues the section; a repeated key in it is still caught.
  const std::string again = dir.write("b.ini", "[system]\nomega = 1\n[bath]\nomega = 2\n[system]\nomega = 3\n");
  BOOST_TEST(input_error([&] { read_raw(again, {}); }).what ==
             again + ": [system] omega: given more than once in the file");
}

BOOST_AUTO_TEST_CASE(syntax_errors) {
  TempDir dir;
  const std::string no_equals = dir.write("a.ini", "[system]\n# fine\nomega 1\n");
  BOOST_TEST(input_error([&] { read_raw(no_equals, {}); }).what ==
             no_equals + ": line 3: expected 'key = value' or '[section]', got 'omega 1'");
  const std::string unclosed = dir.write("b.ini", "; c\n[system\nomega = 1\n");
  BOOST_TEST(input_error([&] { read_raw(unclosed, {}); }).what ==
             unclosed + ": line 2: expected 'key = value' or '[section]', got '[system'");
  const std::string no_key = dir.write("c.ini", "[system]\n= 5\n");
  BOOST_TEST(input_error([&] { read_raw(no_key, {}); }).what == no_key + ": [system] missing key name before '='");
  const std::string empty_section = dir.write("d.ini", "[]\nomega = 5\n");
  BOOST_TEST(input_error([&] { read_raw(empty_section, {}); }).what ==
             empty_section + ": omega: empty section name []");
}

BOOST_AUTO_TEST_CASE(key_outside_section) {
  TempDir dir;
  const std::string path = dir.write("a.ini", "# header\n; more\n\nomega = 1\n[system]\nn = 2\n");
  const Caught c = input_error([&] { read_raw(path, {}); });
  BOOST_TEST(c.what == path + ": omega: key outside a [section]");
  BOOST_TEST(c.key == "omega");
  BOOST_TEST(c.section == "");
  // A dotted name before any header must not sneak in as [system] omega.
  const std::string dotted = dir.write("b.ini", "system.omega = 1\n");
  BOOST_TEST(input_error([&] { read_raw(dotted, {}); }).what == dotted + ": system.omega: key outside a [section]");
}

BOOST_AUTO_TEST_CASE(overrides) {
  TempDir dir;
  const std::string path = dir.write("a.ini", "[system]\nomega = 1\nn = 2\n");
  const RawConfig raw = read_raw(path, {"--system.omega=5", "bath.gamma = 0.3", "--output.file=x=y.h5"});
  BOOST_TEST(raw.find("system", "omega")->value == "5");
  BOOST_TEST(raw.find("system", "omega")->origin == "command line");
  BOOST_TEST(raw.find("system", "n")->value == "2");
  BOOST_TEST(raw.find("system", "n")->origin == path);
  BOOST_REQUIRE(raw.find("bath", "gamma"));
  BOOST_TEST(raw.find("bath", "gamma")->value == "0.3");
  BOOST_TEST(raw.find("output", "file")->value == "x=y.h5");
  // The last of two overrides wins.
  BOOST_TEST(read_raw(path, {"--system.n=3", "--system.n=4"}).find("system", "n")->value == "4");
}

BOOST_AUTO_TEST_CASE(overrides_without_file) {
  const RawConfig raw = read_raw("", {"--system.omega=5"});
  BOOST_TEST(raw.file == "");
  BOOST_TEST(raw.values.size() == 1u);
  BOOST_TEST(raw.find("system", "omega")->value == "5");
}

BOOST_AUTO_TEST_CASE(malformed_overrides) {
  for (const std::string arg :
       {"omega=2", "--omega=2", "--system.omega", "--.omega=1", "--system.=1", "-system.omega", "", "--"}) {
    const Caught c = input_error([&] { read_raw("", {arg}); });
    BOOST_TEST(c.what == "command line: " + (arg.empty() ? "" : arg + ": ") + "expected --section.key=value", arg);
    BOOST_TEST(c.file == "command line");
    BOOST_TEST(c.key == arg);
  }
  BOOST_TEST(input_error([] { read_raw("", {"--output.file=a#b"}); }).what ==
             "command line: [output] file: '#' cannot appear in a value (it starts a comment in INI files)");
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(defaults_resolved) {
  const Config c(test_schema(), read_raw("", {}));
  BOOST_TEST(c.file() == "");
  BOOST_TEST(c.real("system", "omega") == 1.0);
  BOOST_TEST(c.integer("system", "n") == 4);
  BOOST_TEST(c.real("system", "n") == 4.0);  // an integer may be read as a real
  BOOST_TEST(c.boolean("system", "verbose") == false);
  BOOST_TEST(c.text("system", "solver") == "rk4");
  const std::vector<double> temps{0.5, 1.0};
  BOOST_TEST(c.real_list("bath", "temperatures") == temps, boost::test_tools::per_element());
  const std::vector<std::string> names{"hot", "cold"};
  BOOST_TEST(c.string_list("bath", "names") == names, boost::test_tools::per_element());
  Eigen::MatrixXcd h(2, 2);
  h << 1, 0, 0, -1;
  BOOST_TEST((c.matrix("bath", "hamiltonian") == h));  // Eigen: compare as one bool
  BOOST_TEST(c.text("output", "file") == "out.h5");
  BOOST_TEST(c.has("system", "omega"));
  BOOST_TEST(!c.has("system", "label"));  // optional, not given
  BOOST_TEST(!c.has("notes", "comment"));
}

BOOST_AUTO_TEST_CASE(given_values_win_over_defaults) {
  TempDir dir;
  const Config c = config_from(dir,
                               "[system]\nomega = 2.5\nverbose = YES\nlabel = my run\nsolver = euler\n"
                               "[bath]\ntemperatures = 0.1 0.2 0.3\nnames = a,b\n"
                               "hamiltonian = [[0, -i], [i, 0]]\n",
                               {"--system.n=8"});
  BOOST_TEST(c.file() == (dir.path / "run.ini").string());
  BOOST_TEST(c.real("system", "omega") == 2.5);
  BOOST_TEST(c.integer("system", "n") == 8);
  BOOST_TEST(c.boolean("system", "verbose") == true);
  BOOST_TEST(c.has("system", "label"));
  BOOST_TEST(c.text("system", "label") == "my run");
  BOOST_TEST(c.text("system", "solver") == "euler");
  BOOST_TEST(c.real_list("bath", "temperatures").size() == 3u);
  BOOST_TEST(c.real_list("bath", "temperatures")[2] == 0.3);
  BOOST_TEST(c.string_list("bath", "names").size() == 2u);
  const Eigen::MatrixXcd sy = c.matrix("bath", "hamiltonian");
  BOOST_TEST(sy(0, 1) == std::complex<double>(0, -1));
  BOOST_TEST(sy(1, 0) == std::complex<double>(0, 1));
}

BOOST_AUTO_TEST_CASE(empty_list_allowed) {
  TempDir dir;
  const Config c = config_from(dir, "[bath]\ntemperatures =\nnames =\n");
  BOOST_TEST(c.has("bath", "temperatures"));
  BOOST_TEST(c.real_list("bath", "temperatures").empty());
  BOOST_TEST(c.string_list("bath", "names").empty());
}

BOOST_AUTO_TEST_CASE(programming_errors) {
  const Config c(test_schema(), read_raw("", {}));
  BOOST_CHECK_THROW(c.real("system", "nosuch"), Error);
  BOOST_CHECK_THROW(c.has("system", "nosuch"), Error);
  BOOST_CHECK_THROW(c.text("nosuch", "omega"), Error);
  BOOST_CHECK_THROW(c.text("system", "label"), Error);     // no value
  BOOST_CHECK_THROW(c.integer("system", "omega"), Error);  // a real is not an integer
  BOOST_CHECK_THROW(c.real("output", "file"), Error);
  BOOST_CHECK_THROW(c.matrix("system", "omega"), Error);
  BOOST_CHECK_THROW(c.boolean("system", "n"), Error);
  BOOST_CHECK_THROW(c.real_list("bath", "names"), Error);
  BOOST_CHECK_THROW(c.string_list("bath", "temperatures"), Error);
}

BOOST_AUTO_TEST_CASE(bad_default_is_programming_error) {
  Schema s;
  auto k = key("a", "x", ValueType::real, "-1");
  k.min = 0;
  s.add(k);
  BOOST_CHECK_THROW(Config(s, read_raw("", {})), Error);
  Schema t;
  t.add(key("a", "y", ValueType::integer, "many"));
  BOOST_CHECK_THROW(Config(t, read_raw("", {})), Error);
}

BOOST_AUTO_TEST_CASE(unknown_key_suggests_nearest) {
  TempDir dir;
  const std::string f = (dir.path / "run.ini").string();
  const Caught c = input_error([&] { config_from(dir, "[system]\nomgea = 2\n"); });
  BOOST_TEST(c.what == f + ": [system] omgea: unknown key; did you mean 'omega'?");
  BOOST_TEST(c.file == f);
  BOOST_TEST(c.section == "system");
  BOOST_TEST(c.key == "omgea");
  // The suggestion comes from the same section only.
  BOOST_TEST(config_error(dir, "[bath]\ntemperature = 2\n") ==
             f + ": [bath] temperature: unknown key; did you mean 'temperatures'?");
  BOOST_TEST(config_error(dir, "[bath]\nomega = 2\n") == f + ": [bath] omega: unknown key");
  BOOST_TEST(config_error(dir, "[system]\nzzzzzzzzzz = 2\n") == f + ": [system] zzzzzzzzzz: unknown key");
}

BOOST_AUTO_TEST_CASE(unknown_section) {
  TempDir dir;
  const std::string f = (dir.path / "run.ini").string();
  const Caught c = input_error([&] { config_from(dir, "[sytem]\nomega = 2\n"); });
  BOOST_TEST(c.what == f + ": [sytem] unknown section; did you mean [system]?");
  BOOST_TEST(c.section == "sytem");
  BOOST_TEST(c.key == "");
  BOOST_TEST(config_error(dir, "[qqqqqqqqqq]\nomega = 2\n") == f + ": [qqqqqqqqqq] unknown section");
  BOOST_TEST(config_error(dir, "", {"--outptu.file=x"}) ==
             "command line: [outptu] unknown section; did you mean [output]?");
}

BOOST_AUTO_TEST_CASE(wrong_types) {
  TempDir dir;
  const std::string f = (dir.path / "run.ini").string();
  BOOST_TEST(config_error(dir, "[system]\nomega = abc\n") == f + ": [system] omega: expected a real number, got 'abc'");
  BOOST_TEST(config_error(dir, "[system]\nn = 2.5\n") == f + ": [system] n: expected an integer, got '2.5'");
  BOOST_TEST(config_error(dir, "[system]\nverbose = maybe\n") ==
             f + ": [system] verbose: expected a boolean (true/false, yes/no, on/off, 1/0), got 'maybe'");
  BOOST_TEST(config_error(dir, "[system]\nomega = inf\n") ==
             f + ": [system] omega: expected a finite real number, got 'inf'");
  BOOST_TEST(config_error(dir, "[system]\nomega =\n") == f + ": [system] omega: expected a real number, got ''");
  BOOST_TEST(config_error(dir, "[bath]\ntemperatures = 1, two\n") ==
             f + ": [bath] temperatures: element 2: expected a real number, got 'two'");
  BOOST_TEST(config_error(dir, "[bath]\nhamiltonian = [[1, 2], [3]]\n") ==
             f + ": [bath] hamiltonian: row 2 has 1 entry, row 1 has 2 entries");
  BOOST_TEST(config_error(dir, "[bath]\nhamiltonian = [[1, 2], [3, 4q]]\n") ==
             f + ": [bath] hamiltonian: entry (2, 2): expected a complex number (e.g. 1, -2i, 0.5+1e-3i), got '4q'");
}

BOOST_AUTO_TEST_CASE(ranges) {
  TempDir dir;
  const std::string f = (dir.path / "run.ini").string();
  const auto ok = [&](const std::string& ini) { return config_error(dir, ini) == "<no InputError>"; };
  // > 0 (exclusive minimum)
  BOOST_TEST(config_error(dir, "[system]\nomega = 0\n") == f + ": [system] omega: must be > 0, got 0");
  BOOST_TEST(config_error(dir, "[system]\nomega = -1\n") == f + ": [system] omega: must be > 0, got -1");
  BOOST_TEST(ok("[system]\nomega = 1e-12\n"));
  // [1, 64] (inclusive both)
  BOOST_TEST(config_error(dir, "[system]\nn = 0\n") == f + ": [system] n: must be in [1, 64], got 0");
  BOOST_TEST(config_error(dir, "[system]\nn = 65\n") == f + ": [system] n: must be in [1, 64], got 65");
  BOOST_TEST(ok("[system]\nn = 1\n"));
  BOOST_TEST(ok("[system]\nn = 64\n"));
  // [-1, 1]
  BOOST_TEST(config_error(dir, "[system]\ncoupling = 1.5\n") == f + ": [system] coupling: must be in [-1, 1], got 1.5");
  BOOST_TEST(config_error(dir, "[system]\ncoupling = -1.000001\n") ==
             f + ": [system] coupling: must be in [-1, 1], got -1.000001");
  BOOST_TEST(ok("[system]\ncoupling = -1\n"));
  BOOST_TEST(ok("[system]\ncoupling = 1\n"));
  // >= 0
  BOOST_TEST(config_error(dir, "[system]\nseed = -3\n") == f + ": [system] seed: must be >= 0, got -3");
  BOOST_TEST(ok("[system]\nseed = 0\n"));
  // [0, 1)
  BOOST_TEST(config_error(dir, "[bath]\ngamma = 1\n") == f + ": [bath] gamma: must be in [0, 1), got 1");
  BOOST_TEST(config_error(dir, "[bath]\ngamma = -0.1\n") == f + ": [bath] gamma: must be in [0, 1), got -0.1");
  BOOST_TEST(ok("[bath]\ngamma = 0\n"));
  BOOST_TEST(ok("[bath]\ngamma = 0.999\n"));
  // <= 0.5 and < 1
  BOOST_TEST(config_error(dir, "[output]\nfraction = 0.6\n") == f + ": [output] fraction: must be <= 0.5, got 0.6");
  BOOST_TEST(ok("[output]\nfraction = 0.5\n"));
  BOOST_TEST(config_error(dir, "[output]\ndt = 1\n") == f + ": [output] dt: must be < 1, got 1");
  BOOST_TEST(ok("[output]\ndt = -5\n"));
  // every element of a list
  BOOST_TEST(config_error(dir, "[bath]\ntemperatures = 0.5, -1, 2\n") ==
             f + ": [bath] temperatures: element 2 must be > 0, got -1");
  BOOST_TEST(config_error(dir, "[bath]\ntemperatures = 0.5 2 0\n") ==
             f + ": [bath] temperatures: element 3 must be > 0, got 0");
}

BOOST_AUTO_TEST_CASE(choice) {
  TempDir dir;
  const std::string f = (dir.path / "run.ini").string();
  BOOST_TEST(config_error(dir, "[system]\nsolver = rk5\n") ==
             f + ": [system] solver: must be one of: rk4, euler, implicit; got 'rk5'");
  BOOST_TEST(config_error(dir, "[system]\nsolver = RK4\n") ==
             f + ": [system] solver: must be one of: rk4, euler, implicit; got 'RK4'");
  BOOST_TEST(config_from(dir, "[system]\nsolver = implicit\n").text("system", "solver") == "implicit");
}

BOOST_AUTO_TEST_CASE(override_wins_and_is_blamed) {
  TempDir dir;
  const std::string f = (dir.path / "run.ini").string();
  const Config c = config_from(dir, "[system]\nomega = 2\nn = 3\n", {"--system.omega=7"});
  BOOST_TEST(c.real("system", "omega") == 7.0);
  BOOST_TEST(c.integer("system", "n") == 3);
  const Caught e = input_error([&] { config_from(dir, "[system]\nomega = 2\n", {"--system.omega=-1"}); });
  BOOST_TEST(e.what == "command line: [system] omega: must be > 0, got -1");
  BOOST_TEST(e.file == "command line");
  // A good override repairs a bad file value.
  BOOST_TEST(config_from(dir, "[system]\nomega = -2\n", {"system.omega=2"}).real("system", "omega") == 2.0);
  BOOST_TEST(config_error(dir, "", {"--system.omgea=1"}) ==
             "command line: [system] omgea: unknown key; did you mean 'omega'?");
}

BOOST_AUTO_TEST_CASE(error_blames_the_origin) {
  TempDir dir;
  const std::string f = (dir.path / "run.ini").string();
  const Config c = config_from(dir, "[system]\nomega = 2\n", {"--system.n=3"});
  BOOST_TEST(std::string(c.error("system", "omega", "too fast").what()) == f + ": [system] omega: too fast");
  BOOST_TEST(std::string(c.error("system", "n", "odd").what()) == "command line: [system] n: odd");
  const InputError d = c.error("bath", "gamma", "too weak");
  BOOST_TEST(std::string(d.what()) == "default: [bath] gamma: too weak");
  BOOST_TEST(d.file() == "default");
  BOOST_TEST(d.section() == "bath");
  BOOST_TEST(d.key() == "gamma");
  BOOST_TEST(d.reason() == "too weak");
  // About a whole section, or a key without value: blamed on the file.
  BOOST_TEST(std::string(c.error("bath", "", "inconsistent").what()) == f + ": [bath] inconsistent");
}

BOOST_AUTO_TEST_CASE(to_ini_of_defaults) {
  const Config c(test_schema(), read_raw("", {}));
  BOOST_TEST(c.to_ini() == kDefaultIni);
}

BOOST_AUTO_TEST_CASE(to_ini_of_given_values) {
  TempDir dir;
  const Config c = config_from(dir,
                               "[notes]\ncomment = first try\n"
                               "[system]\nlabel =\nsolver = euler\n"
                               "[bath]\nhamiltonian = 1, 2i; -2i, 1\n",
                               {"--system.omega= 3 "});
  const std::string expected =
      "# resolved qtherm configuration\n"
      "[system]\n"
      "omega = 3\n"
      "n = 4\n"
      "coupling = 0.5\n"
      "verbose = false\n"
      "label =\n"
      "solver = euler\n"
      "seed = 7\n"
      "\n"
      "[bath]\n"
      "temperatures = 0.5, 1\n"
      "names = hot, cold\n"
      "hamiltonian = 1, 2i; -2i, 1\n"
      "gamma = 0.1\n"
      "\n"
      "[notes]\n"
      "comment = first try\n"
      "\n"
      "[output]\n"
      "fraction = 0.25\n"
      "dt = 0.01\n"
      "file = out.h5\n";
  BOOST_TEST(c.to_ini() == expected);
}

BOOST_AUTO_TEST_CASE(to_ini_round_trip) {
  TempDir dir;
  const Schema schema = test_schema();
  const Config first = config_from(dir,
                                   "; user file\n[system]\nomega = 2.5e-1\nverbose = on\nlabel = a b  c\n"
                                   "[bath]\ntemperatures = 0.1,0.2   0.3\nnames = x , y\n"
                                   "[notes]\ncomment =\n",
                                   {"--bath.hamiltonian=[[1, 0.5-0.1i], [0.5+0.1i, 2]]"});
  const std::string ini = first.to_ini();
  const Config second(schema, read_raw(dir.write("resolved.ini", ini), {}));
  BOOST_TEST(second.to_ini() == ini);
  BOOST_TEST(second.real("system", "omega") == 0.25);
  BOOST_TEST(second.boolean("system", "verbose"));
  BOOST_TEST(second.text("system", "label") == "a b  c");
  BOOST_TEST(second.real_list("bath", "temperatures").size() == 3u);
  BOOST_TEST(
      (second.matrix("bath", "hamiltonian") == first.matrix("bath", "hamiltonian")));  // Eigen: compare as one bool
  BOOST_TEST(second.matrix("bath", "hamiltonian")(1, 0) == std::complex<double>(0.5, 0.1));
  BOOST_TEST(second.has("notes", "comment"));
  BOOST_TEST(second.text("notes", "comment") == "");
  // And the defaults alone.
  const Config defaults(schema, read_raw(dir.write("defaults.ini", kDefaultIni), {}));
  BOOST_TEST(defaults.to_ini() == kDefaultIni);
}

BOOST_AUTO_TEST_CASE(multiline_default_is_kept_on_one_line) {
  Schema s;
  s.add(key("m", "h", ValueType::matrix, "[[1, 0],\n [0, 1]]"));
  const Config c(s, read_raw("", {}));
  BOOST_TEST(c.to_ini() == "# resolved qtherm configuration\n[m]\nh = [[1, 0],  [0, 1]]\n");
  TempDir dir;
  const Config back(s, read_raw(dir.write("m.ini", c.to_ini()), {}));
  BOOST_TEST(back.to_ini() == c.to_ini());
  BOOST_TEST((back.matrix("m", "h") == Eigen::MatrixXcd::Identity(2, 2)));  // Eigen: compare as one bool
}

// A key that names files (KeySpec::resolve_paths): a value from a file is resolved against that
// file's directory, one from the command line against the current directory, a default not at all;
// the resolved text is what to_ini() writes.
BOOST_AUTO_TEST_CASE(file_paths_resolve_where_they_were_written) {
  Schema s;
  KeySpec k = key("m", "file", ValueType::string, "default.dat");
  k.resolve_paths = [](const std::string& value, const std::string& directory) {
    return value.empty() || value[0] == '/' ? value : (fs::path(directory) / value).lexically_normal().string();
  };
  s.add(k);
  TempDir dir;
  fs::create_directories(dir.path / "sub");
  const std::string ini = dir.write("sub/run.ini", "[m]\nfile = data/x.dat\n");
  const fs::path base = fs::absolute(dir.path).lexically_normal();
  BOOST_TEST(Config(s, read_raw(ini, {})).text("m", "file") == (base / "sub/data/x.dat").string());
  BOOST_TEST(Config(s, read_raw(ini, {})).to_ini().find("file = " + (base / "sub/data/x.dat").string()) !=
             std::string::npos);
  BOOST_TEST(Config(s, read_raw(ini, {"m.file=y.dat"})).text("m", "file") ==
             (fs::current_path() / "y.dat").lexically_normal().string());
  BOOST_TEST(Config(s, read_raw(ini, {"m.file=/abs/z.dat"})).text("m", "file") == "/abs/z.dat");
  BOOST_TEST(Config(s, read_raw("", {})).text("m", "file") == "default.dat");
}

BOOST_AUTO_TEST_SUITE_END()
