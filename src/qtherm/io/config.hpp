#pragma once
// Configuration: an INI file plus "--section.key=value" overrides, read with
// Boost.Program_options, validated against a Schema, resolved (every key has a value).
// Errors are InputError naming the file (or "command line"), the section, the key and the reason;
// an unknown section or key names the nearest valid one.
#include <complex>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "qtherm/base/error.hpp"
#include "qtherm/base/parse.hpp"
#include "qtherm/io/schema.hpp"

namespace qtherm::io {

// What the user wrote, before validation: section -> key -> (text, where it came from).
struct RawConfig {
  std::string file;  // "" when no file was given
  struct Entry {
    std::string value;
    std::string origin;  // the file path or "command line"
  };
  std::map<std::string, std::map<std::string, Entry>> values;
  const Entry* find(const std::string& section, const std::string& key) const;
};

// Reads `file` (if not empty) and then applies `overrides` ("section.key=value", the leading
// "--" already stripped or not). A key given twice in one file is an error; an override wins over
// the file. Throws InputError for unreadable files and malformed lines or overrides.
RawConfig read_raw(const std::string& file, const std::vector<std::string>& overrides);

// The validated, fully resolved configuration.
class Config {
 public:
  Config() = default;
  Config(const Schema& schema, const RawConfig& raw);  // validates; throws InputError

  const std::string& file() const { return file_; }
  bool has(const std::string& section, const std::string& key) const;  // a value (given or default)
  // The schema has this key: for readers shared by models that declare optional sections.
  bool declares(const std::string& section, const std::string& key) const;
  const std::string& text(const std::string& section, const std::string& key) const;
  double real(const std::string& section, const std::string& key) const;
  long integer(const std::string& section, const std::string& key) const;
  bool boolean(const std::string& section, const std::string& key) const;
  std::vector<double> real_list(const std::string& section, const std::string& key) const;
  std::vector<std::string> string_list(const std::string& section, const std::string& key) const;
  Eigen::MatrixXcd matrix(const std::string& section, const std::string& key) const;

  // An InputError about this key, attributed to wherever its value came from.
  InputError error(const std::string& section, const std::string& key, const std::string& reason) const;

  // The fully resolved configuration as INI text (every key of the schema that has a value, in
  // schema order). Reading it back gives the same Config.
  std::string to_ini() const;

 private:
  const KeySpec* find_spec(const std::string& section, const std::string& key) const;
  const KeySpec& spec(const std::string& section, const std::string& key) const;
  std::string file_;
  std::vector<KeySpec> specs_;
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> values_;  // text, origin
};

// The value parsers live in base/ (operators/ parses expressions with them too); io:: names kept
// for callers that read configuration values.
using qtherm::nearest;
using qtherm::parse_boolean;
using qtherm::parse_complex;
using qtherm::parse_integer;
using qtherm::parse_matrix;
using qtherm::parse_real;
using qtherm::parse_real_list;
using qtherm::parse_string_list;

}  // namespace qtherm::io
