#include "qtherm/study/sweep.hpp"

#include <cmath>
#include <cstdio>

#include "qtherm/base/parse.hpp"
#include "qtherm/study/study_keys.hpp"

namespace qtherm::study {
namespace {

// Sections whose keys are about how a study runs, not about the physics of a point.
bool sweepable(const std::string& section) {
  return section != "sweep" && section != "output" && section != "checkpoint" && section != "run";
}

std::string text_of(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// linspace(a, b, n) / logspace(a, b, n) (geometric from a to b), else a comma-separated list.
std::vector<std::string> values_of(const io::Config& c, const std::string& text) {
  const std::string t = trim(text);
  for (const char* fn : {"linspace", "logspace"}) {
    const std::string f = fn;
    if (t.rfind(f + "(", 0) != 0) continue;
    if (t.back() != ')') throw c.error("sweep", "parameters", "missing ')' in '" + t + "'");
    const auto args = split(t.substr(f.size() + 1, t.size() - f.size() - 2), ',');
    if (args.size() != 3) throw c.error("sweep", "parameters", f + " takes (start, stop, count), got '" + t + "'");
    double a = 0, b = 0;
    long n = 0;
    try {
      a = parse_real(args[0]), b = parse_real(args[1]), n = parse_integer(args[2]);
    } catch (const std::invalid_argument& e) {
      throw c.error("sweep", "parameters", "'" + t + "': " + e.what());
    }
    if (n < 1) throw c.error("sweep", "parameters", "empty range '" + t + "' (count must be >= 1)");
    if (f == "logspace" && (a <= 0 || b <= 0))
      throw c.error("sweep", "parameters", "logspace needs positive start and stop, got '" + t + "'");
    std::vector<std::string> v;
    for (long k = 0; k < n; ++k) {
      const double s = n == 1 ? 0.0 : double(k) / double(n - 1);
      v.push_back(text_of(f == "linspace" ? a + s * (b - a) : a * std::pow(b / a, s)));
    }
    return v;
  }
  std::vector<std::string> v;
  for (const auto& item : split(t, ','))
    if (!trim(item).empty()) v.push_back(trim(item));
  if (v.empty()) throw c.error("sweep", "parameters", "empty list of values");
  return v;
}

}  // namespace

std::vector<SweepAxis> sweep_axes(const io::Config& c, const io::Schema& schema) {
  std::vector<SweepAxis> axes;
  const auto keys = io::read<StudyKeys>(c);
  if (trim(keys.sweep_parameters).empty()) return axes;
  std::vector<std::string> valid;
  for (const auto& k : schema.keys())
    if (sweepable(k.section)) valid.push_back(k.section + "." + k.key);
  for (const auto& entry : split(keys.sweep_parameters, ';')) {
    if (trim(entry).empty()) continue;
    const auto colon = entry.find(':');
    if (colon == std::string::npos)
      throw c.error("sweep", "parameters", "expected section.key : values, got '" + trim(entry) + "'");
    const std::string name = trim(entry.substr(0, colon));
    const auto dot = name.rfind('.');
    SweepAxis axis;
    if (dot != std::string::npos) axis.section = name.substr(0, dot), axis.key = name.substr(dot + 1);
    const auto* spec = schema.find(axis.section, axis.key);
    if (!spec || !sweepable(axis.section)) {
      const std::string near = nearest(name, valid);
      throw c.error("sweep", "parameters",
                    "cannot sweep '" + name + "': " + (spec ? "it is not a physics parameter" : "unknown key") +
                        (near.empty() ? "" : "; did you mean '" + near + "'?"));
    }
    if (axis.section == "model" && axis.key == "name")  // one study file holds one model's runs
      throw c.error("sweep", "parameters",
                    "cannot sweep 'model.name': a study runs one model (its keys, outputs and "
                    "checkpoints are that model's); run one study per model");
    for (const auto& a : axes)
      if (a.section == axis.section && a.key == axis.key)
        throw c.error("sweep", "parameters", "'" + name + "' is swept twice");
    axis.values = values_of(c, entry.substr(colon + 1));
    axes.push_back(std::move(axis));
  }
  if (keys.sweep_mode == "zip")
    for (const auto& a : axes)
      if (a.values.size() != axes.front().values.size())
        throw c.error("sweep", "parameters",
                      "zip needs equally long value lists: " + axes.front().section + "." + axes.front().key + " has " +
                          std::to_string(axes.front().values.size()) + ", " + a.section + "." + a.key + " has " +
                          std::to_string(a.values.size()));
  return axes;
}

std::vector<std::vector<std::pair<std::string, std::string>>> sweep_points(const std::vector<SweepAxis>& axes,
                                                                           const std::string& mode) {
  std::vector<std::vector<std::pair<std::string, std::string>>> points;
  if (axes.empty()) return {{}};
  if (mode == "zip") {
    for (size_t k = 0; k < axes.front().values.size(); ++k) {
      points.emplace_back();
      for (const auto& a : axes) points.back().emplace_back(a.section + "." + a.key, a.values[k]);
    }
    return points;
  }
  std::vector<size_t> idx(axes.size(), 0);  // an odometer, the last axis fastest
  for (;;) {
    points.emplace_back();
    for (size_t a = 0; a < axes.size(); ++a)
      points.back().emplace_back(axes[a].section + "." + axes[a].key, axes[a].values[idx[a]]);
    size_t a = axes.size();
    while (a > 0 && ++idx[a - 1] == axes[a - 1].values.size()) idx[--a] = 0;
    if (a == 0) return points;
  }
}

std::pair<long, long> parse_slice(const io::Config& c, long points) {
  const std::string slice = io::read<StudyKeys>(c).slice;
  if (trim(slice).empty()) return {0, points};
  const auto parts = split(slice, '/');
  long i = -1, n = 0;
  try {
    if (parts.size() == 2) i = parse_integer(parts[0]), n = parse_integer(parts[1]);
  } catch (const std::invalid_argument&) {
  }
  if (parts.size() != 2 || n < 1 || i < 0 || i >= n)
    throw c.error("sweep", "slice",
                  "expected i/n with 0 <= i < n (this task's share of the points), got '" + slice + "'");
  return {i * points / n, (i + 1) * points / n};
}

}  // namespace qtherm::study
