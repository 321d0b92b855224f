#include "qtherm/io/parameters.hpp"

#include <charconv>
#include <regex>

#include "qtherm/base/error.hpp"

namespace qtherm::io {

KeyBuilder& KeyBuilder::unit(std::string u) {
  spec_.unit = std::move(u);
  return *this;
}

KeyBuilder& KeyBuilder::meaning(std::string m) {
  spec_.meaning = std::move(m);
  return *this;
}

KeyBuilder& KeyBuilder::choices(std::vector<std::string> names) {
  if (spec_.type != ValueType::string) throw Error("KeyBuilder::choices: [" + spec_.section + "] " + spec_.key + " is not text");
  spec_.type = ValueType::choice;
  spec_.choices = std::move(names);
  return *this;
}

KeyBuilder& KeyBuilder::min(double v, bool exclusive) {
  spec_.min = v, spec_.min_exclusive = exclusive;
  return *this;
}

KeyBuilder& KeyBuilder::max(double v, bool exclusive) {
  spec_.max = v, spec_.max_exclusive = exclusive;
  return *this;
}

KeyBuilder& KeyBuilder::resolve_paths(std::function<std::string(const std::string&, const std::string&)> f) {
  spec_.resolve_paths = std::move(f);
  return *this;
}

std::string default_text(double v) {
  char b[40];
  const auto end = std::to_chars(b, b + sizeof b, v).ptr;
  // to_chars writes the exponent as e-06 / e+06; users (and the schema's texts) write e-6 / e6.
  return std::regex_replace(std::string(b, end), std::regex("e\\+?(-?)0*([0-9])"), "e$1$2");
}
std::string default_text(long v) { return std::to_string(v); }
std::string default_text(bool v) { return v ? "true" : "false"; }
std::string default_text(const std::string& v) { return v; }
std::string default_text(const std::vector<double>& v) {
  std::string s;
  for (double x : v) s += (s.empty() ? "" : ", ") + default_text(x);
  return s;
}
std::string default_text(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

Binder::Entry& Binder::push(const std::string& name, ValueType type, std::string default_value) {
  Entry& e = entries_.emplace_back();
  e.spec.section = section_, e.spec.key = name, e.spec.type = type, e.spec.default_value = std::move(default_value);
  return e;
}

void Binder::declare(Schema& schema) const {
  for (const auto& e : entries_) schema.add(e.spec);
}

void Binder::read(const Config& config) const {
  for (const auto& e : entries_) e.read(config, e.spec);
}

}  // namespace qtherm::io
