#include "qtherm/study/physics.hpp"

#include <cstdint>
#include <cstdio>
#include <map>
#include <sstream>

#include "qtherm/base/parse.hpp"

namespace qtherm::study {
namespace {

// What a checkpoint must agree on: the physics, and the output keys that shape the stored record
// (ρ(t) and the information measures cannot be added half-way through a trajectory).
bool is_physics(const std::string& section, const std::string& key) {
  if (section == "output") return key == "states" || key == "measures";
  if (section == "checkpoint") return false;
  if (section == "sweep") return key == "parameters" || key == "mode";
  return !(section == "time" && key == "progress_interval");
}

}  // namespace

std::string physics_text(const io::Config& config) {
  std::string out, section;
  std::istringstream in(config.to_ini());
  std::string line;
  while (std::getline(in, line)) {
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (t.front() == '[') {
      section = t.substr(1, t.size() - 2);
      continue;
    }
    const auto eq = t.find('=');
    if (eq != std::string::npos && is_physics(section, trim(t.substr(0, eq))))
      out += "[" + section + "] " + trim(t.substr(0, eq)) + " = " + trim(t.substr(eq + 1)) + "\n";
  }
  return out;
}

std::string physics_hash(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string physics_difference(const std::string& now, const std::string& before) {
  // physics_text lines are "[s] k = v": read them back as entries.
  auto parse = [](const std::string& text) {
    std::map<std::string, std::string> m;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      const auto eq = line.find(" = ");
      if (eq != std::string::npos) m[line.substr(0, eq)] = line.substr(eq + 3);
    }
    return m;
  };
  const auto a = parse(now), b = parse(before);
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end()) return k + ": '" + v + "' here, not set in the checkpoint";
    if (it->second != v) return k + ": '" + v + "' here, '" + it->second + "' in the checkpoint";
  }
  for (const auto& [k, v] : b)
    if (!a.count(k)) return k + ": not set here, '" + v + "' in the checkpoint";
  return "";
}

}  // namespace qtherm::study
