#include <cmath>
#include <sstream>

#include "qtherm/info/measures.hpp"
#include "qtherm/study/study.hpp"

namespace qtherm::study {
namespace {

std::string range_of(const io::KeySpec& k) {
  std::ostringstream s;
  if (!k.choices.empty()) {
    s << "one of: ";
    for (size_t i = 0; i < k.choices.size(); ++i) s << (i ? ", " : "") << k.choices[i];
    return s.str();
  }
  if (!k.min && !k.max) return "";
  s << (k.min ? (k.min_exclusive ? "(" : "[") : "(");
  if (k.min)
    s << *k.min;
  else
    s << "-inf";
  s << ", ";
  if (k.max)
    s << *k.max;
  else
    s << "inf";
  s << (k.max ? (k.max_exclusive ? ")" : "]") : ")");
  return s.str();
}

// Every sign names the section of docs/physics.md that fixes it (the guide has one section per
// model, titled by the model's name), so a reader can check a convention against its derivation.
void quantities(std::ostringstream& s, const std::vector<io::Quantity>& qs, const std::string& section) {
  for (const auto& q : qs) {
    s << "  " << q.name << "  [" << (q.unit.empty() ? "1" : q.unit) << "]\n";
    s << "      " << q.meaning << "\n";
    if (!q.sign.empty()) s << "      sign: " << q.sign << " (" << section << ")\n";
  }
}

}  // namespace

std::string describe_conventions() {
  return "Units: hbar = k_B = 1. 'energy' is the unit of the model's energies (e.g. omega), 'time' its inverse;\n"
         "rates are 1/time. Heat currents are positive when energy flows into the environment\n"
         "(docs/physics.md, section Conventions).";
}

std::string describe(const models::Model& model) {
  std::ostringstream s;
  const std::string section = "docs/physics.md, section " + model.name();
  s << model.name() << ": " << model.summary() << "\n\n"
    << describe_conventions() << "\n(formulas, signs and seed equations: " << section << ").\n\n"
    << "Keys (section.key, type, default, unit, range; then meaning):\n";
  const io::Schema schema = schema_for(model);
  for (const auto& sec : schema.sections()) {
    s << "[" << sec << "]\n";
    for (const auto& k : schema.keys()) {
      if (k.section != sec) continue;
      s << "  " << k.key << "  (" << io::to_string(k.type)
        << "; default: " << (k.default_value.empty() ? "none" : "'" + k.default_value + "'");
      if (!k.unit.empty()) s << "; unit: " << k.unit;
      const std::string r = range_of(k);
      if (!r.empty()) s << "; " << r;
      s << ")\n      " << k.meaning << "\n";
    }
  }
  s << "\nObservables (/runs/<k>/observables/<name>, float64 aligned with /runs/<k>/t):\n";
  quantities(s, model.observables(), section);
  s << "\nScalars (/runs/<k>/scalars/<name>, float64):\n";
  quantities(s, model.scalars(), section);
  if (schema.find("output", "measures")) {
    s << "\nInformation measures ([output] measures; each is written as an observable named as written):\n";
    for (const auto& m : info::measure_catalog())
      s << "  " << m.syntax << "  [" << (m.unit.empty() ? "1" : m.unit) << "]\n      " << m.meaning << "\n";
  }
  return s.str();
}

}  // namespace qtherm::study
