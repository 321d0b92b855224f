#include "qtherm/models/declared_outputs.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "qtherm/base/parse.hpp"
#include "qtherm/info/measures.hpp"
#include "qtherm/io/schema.hpp"

namespace qtherm::models {

namespace {

// A declared name is one name, a template ("tau_<p>": any text in place of <p>), or a
// comma-separated list of those for quantities documented together.
bool matches_template(const std::string& pattern, const std::string& name) {
  const auto open = pattern.find('<');
  const auto close = pattern.find('>', open);
  if (open == std::string::npos || close == std::string::npos) return pattern == name;
  const std::string head = pattern.substr(0, open);
  const std::string tail = pattern.substr(close + 1);
  if (name.size() <= head.size() || name.compare(0, head.size(), head) != 0) return false;
  for (size_t end = name.size(); end > head.size(); --end)  // the placeholder stands for ≥ 1 character
    if (matches_template(tail, name.substr(end))) return true;
  return false;
}

// [output] measures are written as observables named as the user wrote them, e.g. discord(0:1);
// `describe` lists them from the catalog.
bool is_measure(const io::Quantity& written) {
  for (const auto& m : info::measure_catalog())
    if (written.name.size() > m.name.size() + 1 && written.name.compare(0, m.name.size() + 1, m.name + "(") == 0 &&
        written.name.back() == ')' && written.unit == m.unit)
      return true;
  return false;
}

void check_one(const std::string& model, const char* kind, const io::Quantity& written,
               const std::vector<io::Quantity>& declared, bool measures) {
  if (measures && is_measure(written)) return;
  for (const auto& d : declared) {
    if (d.name == written.name) {
      // A quantity declared on its own is written exactly as declared.
      if (d.unit == written.unit && d.sign == written.sign) return;
      throw std::logic_error("model " + model + " wrote " + kind + " '" + written.name + "' in unit '" + written.unit +
                             "' with sign '" + written.sign + "', but declares unit '" + d.unit + "' with sign '" +
                             d.sign + "'");
    }
    for (const auto& piece : split(d.name, ',')) {
      const auto n = trim(piece);
      if (!n.empty() && n != "..." && matches_template(n, written.name)) return;
    }
  }
  throw std::logic_error("model " + model + " wrote the undeclared " + kind + " '" + written.name + "'");
}

}  // namespace

void check_declared_outputs(const Model& model, const io::RunRecord& record) {
  const auto observables = model.observables();
  const auto scalars = model.scalars();
  io::Schema schema;
  model.declare(schema);
  const bool measures = schema.find("output", "measures") != nullptr;
  for (const auto& s : record.observables) check_one(model.name(), "observable", s.what, observables, measures);
  for (const auto& s : record.scalars) check_one(model.name(), "scalar", s.what, scalars, false);
}

}  // namespace qtherm::models
