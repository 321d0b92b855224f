#include "qtherm/io/schema.hpp"

#include <algorithm>

#include "qtherm/base/error.hpp"

namespace qtherm::io {

std::string to_string(ValueType t) {
  switch (t) {
    case ValueType::real:
      return "real";
    case ValueType::integer:
      return "integer";
    case ValueType::boolean:
      return "boolean";
    case ValueType::string:
      return "string";
    case ValueType::choice:
      return "choice";
    case ValueType::real_list:
      return "list of reals";
    case ValueType::string_list:
      return "list of strings";
    case ValueType::matrix:
      return "complex matrix";
  }
  return "unknown";
}

namespace {

// Names end up in INI files and in "--section.key=value" overrides, so they must survive both:
// no separators, comment characters, brackets or spaces. A key may not contain '.', because an
// override "a.b.c" is split at its last dot.
bool valid_name(const std::string& name, bool allow_dot) {
  if (name.empty()) return false;
  return std::none_of(name.begin(), name.end(), [&](char c) {
    return c == '=' || c == '#' || c == ';' || c == '[' || c == ']' || c == ' ' || c == '\t' || c == '\n' ||
           c == '\r' || (c == '.' && !allow_dot);
  });
}

}  // namespace

KeySpec make_key(std::string section, std::string key, ValueType type, std::string default_value, std::string unit,
                 std::string meaning, std::optional<double> min, bool min_exclusive, std::optional<double> max,
                 std::vector<std::string> choices) {
  KeySpec k;
  k.section = std::move(section), k.key = std::move(key), k.type = type, k.default_value = std::move(default_value);
  k.unit = std::move(unit), k.meaning = std::move(meaning);
  k.min = min, k.min_exclusive = min_exclusive, k.max = max, k.choices = std::move(choices);
  return k;
}

void Schema::add(KeySpec spec) {
  const std::string where = "[" + spec.section + "] " + spec.key;
  if (!valid_name(spec.section, true) || !valid_name(spec.key, false))
    throw Error("Schema::add: invalid section or key name: " + where);
  if (find(spec.section, spec.key)) throw Error("Schema::add: key declared twice: " + where);
  if (spec.type == ValueType::choice && spec.choices.empty())
    throw Error("Schema::add: choice key without choices: " + where);
  keys_.push_back(std::move(spec));
}

void Schema::remove(const std::string& section, const std::string& key) {
  const auto it =
      std::find_if(keys_.begin(), keys_.end(), [&](const KeySpec& k) { return k.section == section && k.key == key; });
  if (it == keys_.end()) throw Error("Schema::remove: no key [" + section + "] " + key);
  keys_.erase(it);
}

const KeySpec* Schema::find(const std::string& section, const std::string& key) const {
  for (const auto& k : keys_)
    if (k.section == section && k.key == key) return &k;
  return nullptr;
}

bool Schema::has_section(const std::string& section) const {
  return std::any_of(keys_.begin(), keys_.end(), [&](const KeySpec& k) { return k.section == section; });
}

std::vector<std::string> Schema::sections() const {
  std::vector<std::string> out;
  for (const auto& k : keys_)
    if (std::find(out.begin(), out.end(), k.section) == out.end()) out.push_back(k.section);
  return out;
}

}  // namespace qtherm::io
