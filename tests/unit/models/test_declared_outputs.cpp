#define BOOST_TEST_MODULE declared_outputs
#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "qtherm/models/declared_outputs.hpp"

using namespace qtherm;

namespace {

// A model that declares a fixed list; only the output declaration matters here.
class Declares : public models::Model {
 public:
  std::string name() const override { return "declares"; }
  std::string summary() const override { return ""; }
  void declare(io::Schema&) const override {}
  std::vector<io::Quantity> observables() const override {
    return {{"J", "energy/time", "> 0: into the reservoir", "heat current"}, {"S_<X>, E_<X>", "", "", "per party X"}};
  }
  std::vector<io::Quantity> scalars() const override {
    return {{"Q_infinity", "energy", "", "released heat"}, {"tau_<p>", "time", "", "release time"}};
  }
  void validate(const io::Config&) const override {}
  MemoryEstimate memory_estimate(const io::Config&, int) const override { return {}; }
  io::RunRecord run(MPI_Comm, const io::Config&, models::RunContext&) const override { return {}; }
};

io::RunRecord record(std::vector<io::Quantity> observables, std::vector<io::Quantity> scalars) {
  io::RunRecord r;
  for (auto& q : observables) r.observables.push_back({q, {}});
  for (auto& q : scalars) r.scalars.push_back({q, 0.0});
  return r;
}

std::string failure(const io::RunRecord& r) {
  try {
    models::check_declared_outputs(Declares{}, r);
  } catch (const std::logic_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(declared_names_and_templates_pass) {
  auto r = record(
      {{"J", "energy/time", "> 0: into the reservoir", "heat current"},
       {"S_A", "nat", "", "entropy of A"},
       {"E_ancilla_2", "energy", "", "energy"}},
      {{"Q_infinity", "energy", "", "released heat"}, {"tau_50", "time", "", "t"}, {"tau_99p5", "time", "", ""}});
  BOOST_TEST(failure(r) == "");
}

BOOST_AUTO_TEST_CASE(undeclared_or_misspelt_output_is_named) {
  BOOST_TEST(failure(record({{"J_total", "energy/time", "", ""}}, {})) ==
             "model declares wrote the undeclared observable 'J_total'");
  BOOST_TEST(failure(record({}, {{"Q_inf", "energy", "", ""}})) ==
             "model declares wrote the undeclared scalar 'Q_inf'");
  // A template needs text in place of its placeholder, and the whole name must match.
  BOOST_TEST(failure(record({}, {{"tau_", "time", "", ""}})) != "");
  BOOST_TEST(failure(record({{"S_A_extra", "", "", ""}}, {})) == "");  // <X> may contain '_'
  BOOST_TEST(failure(record({{"XS_A", "", "", ""}}, {})) != "");
}

BOOST_AUTO_TEST_CASE(an_output_written_under_another_ones_label_is_caught) {
  // What a positional mix-up produces: Q_infinity's value under tau's unit.
  const auto e = failure(record({}, {{"Q_infinity", "time", "", "release time"}}));
  BOOST_TEST(e.find("'Q_infinity' in unit 'time'") != std::string::npos, e);
  BOOST_TEST(failure(record({{"J", "energy/time", "", "heat current"}}, {})) != "");  // sign lost
}
