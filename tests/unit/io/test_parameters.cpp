#define BOOST_TEST_MODULE parameters
#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>
#include <vector>

#include "qtherm/base/error.hpp"
#include "qtherm/io/config.hpp"
#include "qtherm/io/parameters.hpp"

using namespace qtherm::io;

namespace {

struct Grid {
  double t_final = 10;
  long samples = 201;
  void bind(Binder& b) {
    b.section("time");
    b.key("t_final", t_final).unit("time").positive().meaning("end");
    b.key("samples", samples).min(2).meaning("output times");
  }
};

struct Params {
  double omega = 0.1, tol = 1e-6;
  long levels = 20;
  bool solve = true;
  std::string medium = "qubit", label;
  std::vector<double> percents = {25, 50.5};
  std::vector<std::string> names = {"a", "b"};
  std::optional<double> beta;
  Grid grid;
  void bind(Binder& b) {
    b.section("model");
    b.key("omega", omega).unit("energy").positive().meaning("level spacing");
    b.key("tol", tol).range(0, 1);
    b.key("levels", levels).range(2, 256);
    b.key("solve", solve);
    b.key("medium", medium).choices({"qubit", "oscillator"});
    b.key("label", label);
    b.key("percents", percents).unit("%").max(100);
    b.key("names", names);
    b.key("beta", beta).unit("1/energy");
    grid.bind(b);
  }
};

Config config(const std::vector<std::string>& overrides) {
  Schema s;
  declare<Params>(s);
  return Config(s, read_raw("", overrides));
}

}  // namespace

BOOST_AUTO_TEST_CASE(declaration_carries_every_field_and_the_members_defaults) {
  Schema s;
  declare<Params>(s);
  BOOST_REQUIRE_EQUAL(s.keys().size(), 11u);
  const KeySpec* omega = s.find("model", "omega");
  BOOST_REQUIRE(omega);
  BOOST_TEST((omega->type == ValueType::real));
  BOOST_TEST(omega->default_value == "0.1");
  BOOST_TEST(omega->unit == "energy");
  BOOST_TEST(omega->meaning == "level spacing");
  BOOST_TEST(*omega->min == 0.0);
  BOOST_TEST(omega->min_exclusive);
  BOOST_TEST(!omega->max);
  BOOST_TEST(s.find("model", "tol")->default_value == "1e-6");
  BOOST_TEST((s.find("model", "levels")->type == ValueType::integer));
  BOOST_TEST(*s.find("model", "levels")->max == 256.0);
  BOOST_TEST(s.find("model", "solve")->default_value == "true");
  BOOST_TEST((s.find("model", "medium")->type == ValueType::choice));
  BOOST_TEST(s.find("model", "medium")->choices.size() == 2u);
  BOOST_TEST((s.find("model", "label")->type == ValueType::string));
  BOOST_TEST(s.find("model", "percents")->default_value == "25, 50.5");
  BOOST_TEST(s.find("model", "names")->default_value == "a, b");
  BOOST_TEST(s.find("model", "beta")->default_value == "");  // optional: no default
  BOOST_TEST(s.find("time", "t_final")->default_value == "10");
  BOOST_TEST(s.sections() == (std::vector<std::string>{"model", "time"}));
}

BOOST_AUTO_TEST_CASE(reading_fills_every_member_from_its_key) {
  const Params d = read<Params>(config({}));
  BOOST_TEST(d.omega == 0.1);
  BOOST_TEST(d.levels == 20);
  BOOST_TEST(!d.beta.has_value());
  BOOST_TEST(d.grid.samples == 201);

  const Params p = read<Params>(
      config({"model.omega=2.5", "model.levels=7", "model.solve=no", "model.medium=oscillator", "model.label=x y",
              "model.percents=10 20 30", "model.names=c", "model.beta=0.5", "time.t_final=3"}));
  BOOST_TEST(p.omega == 2.5);
  BOOST_TEST(p.levels == 7);
  BOOST_TEST(!p.solve);
  BOOST_TEST(p.medium == "oscillator");
  BOOST_TEST(p.label == "x y");
  BOOST_TEST(p.percents == (std::vector<double>{10, 20, 30}), boost::test_tools::per_element());
  BOOST_TEST(p.names == (std::vector<std::string>{"c"}), boost::test_tools::per_element());
  BOOST_REQUIRE(p.beta.has_value());
  BOOST_TEST(*p.beta == 0.5);
  BOOST_TEST(p.grid.t_final == 3.0);
}

BOOST_AUTO_TEST_CASE(declared_ranges_and_choices_are_enforced_by_the_config) {
  BOOST_CHECK_THROW(config({"model.omega=0"}), qtherm::InputError);
  BOOST_CHECK_THROW(config({"model.levels=300"}), qtherm::InputError);
  BOOST_CHECK_THROW(config({"model.medium=spin"}), qtherm::InputError);
  BOOST_CHECK_THROW(config({"model.percents=50, 150"}), qtherm::InputError);
}

BOOST_AUTO_TEST_CASE(choices_only_for_text_members) {
  struct Bad {
    double x = 1;
    void bind(Binder& b) { b.key("x", x).choices({"a"}); }
  };
  Schema s;
  BOOST_CHECK_THROW(declare<Bad>(s), qtherm::Error);
}

BOOST_AUTO_TEST_CASE(default_texts_read_as_written) {
  BOOST_TEST(default_text(0.1) == "0.1");
  BOOST_TEST(default_text(1e-10) == "1e-10");
  BOOST_TEST(default_text(1e-6) == "1e-6");
  BOOST_TEST(default_text(1e6) == "1e6");
  BOOST_TEST(default_text(1e22) == "1e22");
  BOOST_TEST(default_text(5000.0) == "5000");
  BOOST_TEST(default_text(1e-3) == "1e-3");
  BOOST_TEST(default_text(0.01) == "0.01");
  BOOST_TEST(default_text(0.25) == "0.25");
  BOOST_TEST(default_text(-2.5) == "-2.5");
  BOOST_TEST(default_text(0.0) == "0");
  BOOST_TEST(qtherm::parse_real(default_text(1.0 / 3)) == 1.0 / 3);  // round trip
}
