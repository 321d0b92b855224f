#include "qtherm/io/parameters.hpp"

#include <charconv>
#include <cmath>
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
  if (spec_.type != ValueType::string)
    throw Error("KeyBuilder::choices: [" + spec_.section + "] " + spec_.key + " is not text");
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
  // The shortest text that reads back as v, fixed or scientific; users write 1e-6, not 1e-06.
  auto shortest = [v](std::chars_format f) {
    char b[40];
    return std::string(b, std::to_chars(b, b + sizeof b, v, f).ptr);
  };
  const std::string fixed = shortest(std::chars_format::fixed);
  if (v == std::trunc(v) && std::abs(v) < 1e5) return fixed;  // 5000, not 5e3
  const std::string sci =
      std::regex_replace(shortest(std::chars_format::scientific), std::regex("e\\+?(-?)0*([0-9])"), "e$1$2");
  return sci.size() < fixed.size() ? sci : fixed;
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
