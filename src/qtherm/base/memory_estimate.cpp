#include "qtherm/base/memory_estimate.hpp"

#include <cctype>
#include <cmath>
#include <stdexcept>

#include "qtherm/base/log.hpp"
#include "qtherm/base/parse.hpp"

namespace qtherm {

std::string format_bytes(double bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  int u = 0;
  while (std::fabs(bytes) >= 1000 && u < 6) bytes /= 1000, ++u;
  return format_number(bytes, 3) + " " + units[u];
}

double parse_bytes(const std::string& text) {
  const std::string t = trim(text);
  size_t end = 0;
  while (end < t.size() && (std::isdigit(static_cast<unsigned char>(t[end])) || t[end] == '.' || t[end] == 'e' ||
                            t[end] == 'E' || t[end] == '+' || t[end] == '-'))
    ++end;
  // "2e" would swallow the unit letter E of nothing; back off to the last digit.
  while (end > 0 && !std::isdigit(static_cast<unsigned char>(t[end - 1])) && t[end - 1] != '.') --end;
  if (end == 0) throw std::invalid_argument("expected a size such as 8G, 500MB or 2e9 (bytes), got '" + t + "'");
  const double number = parse_real(t.substr(0, end));
  std::string unit = lower(trim(t.substr(end)));
  double scale = 1;
  if (!unit.empty() && unit.back() == 'b') unit.pop_back();
  const bool binary = !unit.empty() && unit.back() == 'i';
  if (binary) unit.pop_back();
  const double base = binary ? 1024 : 1000;
  if (unit.empty())
    scale = 1;
  else if (unit == "k")
    scale = base;
  else if (unit == "m")
    scale = base * base;
  else if (unit == "g")
    scale = base * base * base;
  else if (unit == "t")
    scale = base * base * base * base;
  else
    throw std::invalid_argument("unknown unit '" + trim(t.substr(end)) + "' in '" + t +
                                "' (use B, K, M, G, T; KiB.. for powers of 1024)");
  if (number < 0) throw std::invalid_argument("a memory size must be >= 0, got '" + t + "'");
  return number * scale;
}

}  // namespace qtherm
