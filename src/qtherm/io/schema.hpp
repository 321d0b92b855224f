#pragma once
// What a configuration may contain: every key with its type, default, unit, meaning and range.
// Models and the study driver declare their keys here; `qtherm describe` prints them.
#include <Eigen/Dense>

#include <optional>
#include <string>
#include <vector>

namespace qtherm::io {

enum class ValueType {
  real,         // 1.5, -2e-3, inf is refused
  integer,      // 42
  boolean,      // true/false/yes/no/on/off/1/0
  string,       // free text
  choice,       // one of KeySpec::choices
  real_list,    // 0.25, 0.5, 0.75   (commas and/or spaces)
  string_list,  // a, b, c
  matrix,       // [[1, 0.5-0.1i], [0.5+0.1i, 2]]  (complex entries allowed)
};
std::string to_string(ValueType t);

struct KeySpec {
  std::string section;
  std::string key;
  ValueType type = ValueType::real;
  std::string default_value;  // INI text of the default; "" means "no value" (optional key)
  std::string unit;           // "" for dimensionless
  std::string meaning;
  std::vector<std::string> choices;  // for ValueType::choice
  // Range for real/integer/real_list entries; bounds are inclusive unless *_exclusive.
  std::optional<double> min, max;
  bool min_exclusive = false, max_exclusive = false;
  // For a value that names files: rewrites its relative paths against a directory, that of the
  // configuration file the value was written in (the current directory for a command-line value).
  // The resolved configuration (to_ini, a checkpoint's stored configuration) then names the same
  // files wherever it is read from.
  std::function<std::string(const std::string& value, const std::string& directory)> resolve_paths;
};

// A key in one expression; the range arguments follow KeySpec's meaning (inclusive unless
// min_exclusive), `choices` for ValueType::choice.
KeySpec make_key(std::string section, std::string key, ValueType type, std::string default_value, std::string unit,
                 std::string meaning, std::optional<double> min = {}, bool min_exclusive = false,
                 std::optional<double> max = {}, std::vector<std::string> choices = {});

class Schema {
 public:
  void add(KeySpec spec);
  // Takes back a declared key (a model that sets it itself, e.g. a time grid it derives).
  void remove(const std::string& section, const std::string& key);
  const KeySpec* find(const std::string& section, const std::string& key) const;
  bool has_section(const std::string& section) const;
  // Sections in the order of their first key; keys in declaration order.
  std::vector<std::string> sections() const;
  const std::vector<KeySpec>& keys() const { return keys_; }

 private:
  std::vector<KeySpec> keys_;
};

}  // namespace qtherm::io
