#include "json_output.hpp"

#include <nlohmann/json.hpp>

#include "qtherm/info/measures.hpp"
#include "qtherm/study/study.hpp"

namespace qtherm::app {
namespace {

// ordered_json keeps the declaration order, which is the order `describe` prints.
using Json = nlohmann::ordered_json;

Json optional_number(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json key_json(const io::KeySpec& k) {
  return {{"section", k.section},
          {"key", k.key},
          {"type", io::to_string(k.type)},
          {"default", k.default_value.empty() ? Json(nullptr) : Json(k.default_value)},
          {"unit", k.unit},
          {"meaning", k.meaning},
          {"choices", k.choices},
          {"min", optional_number(k.min)},
          {"max", optional_number(k.max)},
          {"min_exclusive", k.min_exclusive},
          {"max_exclusive", k.max_exclusive}};
}

Json quantities_json(const std::vector<io::Quantity>& qs) {
  Json out = Json::array();
  for (const auto& q : qs)
    out.push_back(
        {{"name", q.name}, {"unit", q.unit.empty() ? "1" : q.unit}, {"sign", q.sign}, {"meaning", q.meaning}});
  return out;
}

}  // namespace

std::string models_json() {
  Json out = Json::array();
  for (const auto& m : models::registry()) out.push_back({{"name", m->name()}, {"summary", m->summary()}});
  return out.dump(2) + "\n";
}

std::string describe_json(const models::Model& model) {
  const io::Schema schema = study::schema_for(model);
  Json keys = Json::array();
  for (const auto& k : schema.keys()) keys.push_back(key_json(k));
  Json measures = Json::array();
  if (schema.find("output", "measures"))
    for (const auto& m : info::measure_catalog())
      measures.push_back({{"syntax", m.syntax}, {"unit", m.unit.empty() ? "1" : m.unit}, {"meaning", m.meaning}});
  const Json out = {{"name", model.name()},
                    {"summary", model.summary()},
                    {"conventions", study::describe_conventions()},
                    {"keys", keys},
                    {"observables", quantities_json(model.observables())},
                    {"scalars", quantities_json(model.scalars())},
                    {"measures", measures}};
  return out.dump(2) + "\n";
}

}  // namespace qtherm::app
