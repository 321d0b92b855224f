#include "qtherm/io/config.hpp"

#include "qtherm/base/parse.hpp"

#include <algorithm>
#include <boost/program_options/errors.hpp>
#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace qtherm::io {
namespace {

const char* const kWhitespace = " \t\r\n\f\v";
const char* const kCommandLine = "command line";
const char* const kDefault = "default";

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

// Shortest text that reads back as the same double, so messages show "0.1", not "0.1000000000000000055".
std::string format_real(double v) {
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

// "section.key" -> (section, key), split at the last dot (keys never contain one; see Schema::add).
// Returns false when there is no dot.
bool split_name(const std::string& name, std::string& section, std::string& key) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  section = trim(name.substr(0, dot));
  key = trim(name.substr(dot + 1));
  return true;
}

// ---------------------------------------------------------------------------------------------
// Reading the file

// Boost.Program_options strips only '#' comments; INI files also use ';'. A ';' can't be stripped
// everywhere because matrix values use it as a row separator, so only whole-line ';' comments go.
// The UTF-8 byte order mark some editors write would otherwise make the first line invalid.
std::string strip_semicolon_comments(std::string text) {
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  std::string out;
  for (const auto& line : split(text, '\n')) {
    const auto first = line.find_first_not_of(kWhitespace);
    if (first == std::string::npos || line[first] != ';') out += line;
    out += '\n';
  }
  return out;
}

// The meaningful content of an INI line: without its '#' comment, trimmed (as Program_options sees it).
std::string content_of(const std::string& line) { return trim(line.substr(0, line.find('#'))); }

// Program_options reads "k = v" before any [section] as an option named "k", indistinguishable from
// "a.k" only by the missing dot; "a.k = v" there would silently become [a] k. Look at the lines
// themselves so that every key before the first header is refused.
void check_keys_inside_sections(const std::string& file, const std::string& text) {
  for (const auto& line : split(text, '\n')) {
    const std::string c = content_of(line);
    if (c.empty() || c.front() == ';') continue;
    if (c.front() == '[') return;
    const auto eq = c.find('=');
    if (eq != std::string::npos) throw InputError(file, "", trim(c.substr(0, eq)), "key outside a [section]");
    return;  // not a key line: Program_options reports the syntax error
  }
}

int line_number_of(const std::string& text, const std::string& content) {
  int n = 0;
  for (const auto& line : split(text, '\n')) {
    ++n;
    if (content_of(line) == content) return n;
  }
  return 0;
}

std::string read_file_text(const std::string& file) {
  const auto cannot_open = [&](int err) {
    return InputError(file, "", "", std::string("cannot open configuration file: ") + std::strerror(err));
  };
  // A directory opens like an empty file; say what it is instead.
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw cannot_open(EISDIR);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw cannot_open(errno);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw InputError(file, "", "", std::string("cannot read configuration file: ") + std::strerror(errno));
  return text;
}

std::vector<boost::program_options::option> parse_ini(const std::string& file, const std::string& text) {
  namespace po = boost::program_options;
  std::istringstream in(text);
  po::options_description none;  // every key is "unregistered": the Schema validates them later
  try {
    return po::parse_config_file(in, none, /*allow_unregistered=*/true).options;
  } catch (const po::invalid_config_file_syntax& e) {
    const int line = line_number_of(text, e.tokens());
    throw InputError(file, "", "",
                     (line ? "line " + std::to_string(line) + ": " : std::string()) +
                         "expected 'key = value' or '[section]', got '" + e.tokens() + "'");
  } catch (const po::error& e) {
    throw InputError(file, "", "", std::string("syntax error: ") + e.what());
  }
}

void read_file_into(RawConfig& raw, const std::string& file) {
  const std::string text = strip_semicolon_comments(read_file_text(file));
  check_keys_inside_sections(file, text);
  for (const auto& opt : parse_ini(file, text)) {
    std::string section, key;
    if (!split_name(opt.string_key, section, key)) {
      const std::string name = trim(opt.string_key);
      throw InputError(file, "", name, name.empty() ? "missing key name before '='" : "key outside a [section]");
    }
    if (section.empty()) throw InputError(file, "", key, "empty section name []");
    if (key.empty()) throw InputError(file, section, "", "missing key name before '='");
    auto& entries = raw.values[section];
    if (entries.count(key)) throw InputError(file, section, key, "given more than once in the file");
    entries[key] = RawConfig::Entry{opt.value.empty() ? "" : opt.value.front(), file};
  }
}

void apply_override(RawConfig& raw, const std::string& arg) {
  const std::string s = arg.compare(0, 2, "--") == 0 ? arg.substr(2) : arg;
  const auto eq = s.find('=');
  std::string section, key;
  if (eq == std::string::npos || !split_name(s.substr(0, eq), section, key) || section.empty() || key.empty())
    throw InputError(kCommandLine, "", arg, "expected --section.key=value");
  const std::string value = trim(s.substr(eq + 1));
  // The resolved configuration is written as INI, where '#' would start a comment.
  if (value.find('#') != std::string::npos)
    throw InputError(kCommandLine, section, key, "'#' cannot appear in a value (it starts a comment in INI files)");
  raw.values[section][key] = RawConfig::Entry{value, kCommandLine};  // a later override wins
}

// ---------------------------------------------------------------------------------------------
// Validation

// "> 0", "in [-1, 1)", ...: the allowed range as the user should read it.
std::string describe_range(const KeySpec& spec) {
  if (spec.min && spec.max)
    return "in " + std::string(spec.min_exclusive ? "(" : "[") + format_real(*spec.min) + ", " +
           format_real(*spec.max) + (spec.max_exclusive ? ")" : "]");
  if (spec.min) return std::string(spec.min_exclusive ? "> " : ">= ") + format_real(*spec.min);
  return std::string(spec.max_exclusive ? "< " : "<= ") + format_real(*spec.max);
}

bool in_range(const KeySpec& spec, double v) {
  if (spec.min && (spec.min_exclusive ? !(v > *spec.min) : !(v >= *spec.min))) return false;
  if (spec.max && (spec.max_exclusive ? !(v < *spec.max) : !(v <= *spec.max))) return false;
  return true;
}

// Throws std::invalid_argument with the reason the text is not a valid value of `spec`.
void validate(const KeySpec& spec, const std::string& text) {
  const auto check_range = [&](double v, const std::string& shown, const std::string& prefix) {
    if (!in_range(spec, v)) throw std::invalid_argument(prefix + "must be " + describe_range(spec) + ", got " + shown);
  };
  switch (spec.type) {
    case ValueType::real:
      check_range(parse_real(text), trim(text), "");
      break;
    case ValueType::integer:
      check_range(static_cast<double>(parse_integer(text)), trim(text), "");
      break;
    case ValueType::boolean:
      parse_boolean(text);
      break;
    case ValueType::string:
      break;
    case ValueType::choice:
      if (std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end())
        throw std::invalid_argument("must be one of: " + join(spec.choices, ", ") + "; got '" + text + "'");
      break;
    case ValueType::real_list: {
      const auto values = parse_real_list(text);
      for (std::size_t i = 0; i < values.size(); ++i)
        check_range(values[i], format_real(values[i]), "element " + std::to_string(i + 1) + " ");
      break;
    }
    case ValueType::string_list:
      parse_string_list(text);
      break;
    case ValueType::matrix:
      parse_matrix(text);
      break;
  }
}

// Values are kept as one trimmed INI line so that to_ini() reads back unchanged.
std::string normalize(const std::string& text) {
  std::string s = trim(text);
  std::replace_if(
      s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return s;
}

std::vector<std::string> keys_of_section(const std::vector<KeySpec>& specs, const std::string& section) {
  std::vector<std::string> keys;
  for (const auto& s : specs)
    if (s.section == section) keys.push_back(s.key);
  return keys;
}

void check_known(const Schema& schema, const RawConfig& raw) {
  for (const auto& [section, entries] : raw.values) {
    for (const auto& [key, entry] : entries) {
      if (!schema.has_section(section)) {
        const std::string guess = nearest(section, schema.sections());
        throw InputError(entry.origin, section, "",
                         "unknown section" + (guess.empty() ? "" : "; did you mean [" + guess + "]?"));
      }
      if (!schema.find(section, key)) {
        const std::string guess = nearest(key, keys_of_section(schema.keys(), section));
        throw InputError(entry.origin, section, key,
                         "unknown key" + (guess.empty() ? "" : "; did you mean '" + guess + "'?"));
      }
    }
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// RawConfig and read_raw

const RawConfig::Entry* RawConfig::find(const std::string& section, const std::string& key) const {
  const auto s = values.find(section);
  if (s == values.end()) return nullptr;
  const auto k = s->second.find(key);
  return k == s->second.end() ? nullptr : &k->second;
}

RawConfig read_raw(const std::string& file, const std::vector<std::string>& overrides) {
  RawConfig raw;
  raw.file = file;
  if (!file.empty()) read_file_into(raw, file);
  for (const auto& arg : overrides) apply_override(raw, arg);
  return raw;
}

// ---------------------------------------------------------------------------------------------
// Config

Config::Config(const Schema& schema, const RawConfig& raw) : file_(raw.file), specs_(schema.keys()) {
  check_known(schema, raw);
  for (const auto& spec : specs_) {
    const RawConfig::Entry* given = raw.find(spec.section, spec.key);
    if (!given && spec.default_value.empty()) continue;  // optional key without a value
    const std::string text = normalize(given ? given->value : spec.default_value);
    const std::string origin = given ? given->origin : kDefault;
    try {
      validate(spec, text);
    } catch (const std::invalid_argument& e) {
      // A bad default is a bug in the schema, not the user's fault.
      if (!given) throw Error("schema default of [" + spec.section + "] " + spec.key + " is invalid: " + e.what());
      throw InputError(origin, spec.section, spec.key, e.what());
    }
    if (given && spec.resolve_paths) {
      std::error_code ec;
      const bool from_file = !raw.file.empty() && origin == raw.file;
      std::filesystem::path dir = from_file ? std::filesystem::path(raw.file).parent_path() : ".";
      dir = std::filesystem::absolute(dir.empty() ? "." : dir, ec);
      values_[{spec.section, spec.key}] = {spec.resolve_paths(text, dir.lexically_normal().string()), origin};
      continue;
    }
    values_[{spec.section, spec.key}] = {text, origin};
  }
}

const KeySpec* Config::find_spec(const std::string& section, const std::string& key) const {
  for (const auto& s : specs_)
    if (s.section == section && s.key == key) return &s;
  return nullptr;
}

const KeySpec& Config::spec(const std::string& section, const std::string& key) const {
  if (const KeySpec* s = find_spec(section, key)) return *s;
  throw Error("Config: the schema has no key [" + section + "] " + key);
}

bool Config::has(const std::string& section, const std::string& key) const {
  spec(section, key);  // a typo in the caller must not read as "not given"
  return values_.count({section, key}) > 0;
}

bool Config::declares(const std::string& section, const std::string& key) const {
  return find_spec(section, key) != nullptr;
}

const std::string& Config::text(const std::string& section, const std::string& key) const {
  spec(section, key);
  const auto it = values_.find({section, key});
  if (it == values_.end()) throw Error("Config: [" + section + "] " + key + " has no value (check has() first)");
  return it->second.first;
}

namespace {
// Accessors must match the declared type: reading a string key as a number is a caller bug.
void require_type(const KeySpec& spec, std::initializer_list<ValueType> allowed, const char* accessor) {
  if (std::find(allowed.begin(), allowed.end(), spec.type) == allowed.end())
    throw Error(std::string("Config::") + accessor + ": [" + spec.section + "] " + spec.key + " is a " +
                to_string(spec.type));
}
}  // namespace

double Config::real(const std::string& section, const std::string& key) const {
  require_type(spec(section, key), {ValueType::real, ValueType::integer}, "real");
  return parse_real(text(section, key));
}

long Config::integer(const std::string& section, const std::string& key) const {
  require_type(spec(section, key), {ValueType::integer}, "integer");
  return parse_integer(text(section, key));
}

bool Config::boolean(const std::string& section, const std::string& key) const {
  require_type(spec(section, key), {ValueType::boolean}, "boolean");
  return parse_boolean(text(section, key));
}

std::vector<double> Config::real_list(const std::string& section, const std::string& key) const {
  require_type(spec(section, key), {ValueType::real_list}, "real_list");
  return parse_real_list(text(section, key));
}

std::vector<std::string> Config::string_list(const std::string& section, const std::string& key) const {
  require_type(spec(section, key), {ValueType::string_list}, "string_list");
  return parse_string_list(text(section, key));
}

Eigen::MatrixXcd Config::matrix(const std::string& section, const std::string& key) const {
  require_type(spec(section, key), {ValueType::matrix}, "matrix");
  return parse_matrix(text(section, key));
}

// Lenient on purpose: it is called while reporting a problem (possibly about a whole section, with
// an empty key), and must not replace that report with a programming error.
InputError Config::error(const std::string& section, const std::string& key, const std::string& reason) const {
  const auto it = values_.find({section, key});
  return InputError(it != values_.end() ? it->second.second : file_, section, key, reason);
}

std::string Config::to_ini() const {
  std::string out = "# resolved qtherm configuration\n";
  std::vector<std::string> sections;
  for (const auto& s : specs_)
    if (std::find(sections.begin(), sections.end(), s.section) == sections.end()) sections.push_back(s.section);
  bool first = true;
  for (const auto& section : sections) {
    std::string block;
    for (const auto& s : specs_) {
      if (s.section != section) continue;
      const auto it = values_.find({s.section, s.key});
      if (it == values_.end()) continue;
      const std::string& value = it->second.first;
      block += s.key + (value.empty() ? " =" : " = " + value) + "\n";
    }
    if (block.empty()) continue;
    out += (first ? "" : "\n") + ("[" + section + "]\n") + block;
    first = false;
  }
  return out;
}

}  // namespace qtherm::io
