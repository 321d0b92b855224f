#include "qtherm/study/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "qtherm/base/progress.hpp"

namespace qtherm::study {

std::string summary_table(const std::string& model, const io::RunRecord& rec, double wall, const std::string& file) {
  std::string s;
  char line[512];
  std::snprintf(line, sizeof line, "\n%s: %zu output times from t = %g to %g in %s\n", model.c_str(), rec.t.size(),
                rec.t.empty() ? 0.0 : rec.t.front(), rec.t.empty() ? 0.0 : rec.t.back(), format_duration(wall).c_str());
  s += line;
  std::snprintf(line, sizeof line, "  %-22s %14s %14s %14s  %s\n", "observable", "t = 0", "t = end", "max |.|", "unit");
  s += line;
  for (const auto& o : rec.observables) {
    if (o.values.empty()) continue;
    double mx = 0;
    for (double v : o.values)
      if (std::isfinite(v)) mx = std::max(mx, std::abs(v));
    std::snprintf(line, sizeof line, "  %-22s %14.6e %14.6e %14.6e  %s\n", o.what.name.c_str(), o.values.front(),
                  o.values.back(), mx, o.what.unit.c_str());
    s += line;
  }
  s += "  scalars:\n";
  for (const auto& sc : rec.scalars) {
    std::snprintf(line, sizeof line, "  %-22s %14.8g  %s\n", sc.what.name.c_str(), sc.value, sc.what.unit.c_str());
    s += line;
  }
  s += "wrote " + file + " (/runs/0)\n";
  return s;
}

std::string sweep_table(const std::vector<std::string>& labels, const std::vector<io::RunRecord>& records, double wall,
                        const std::string& file) {
  std::string s = "\nstudy: " + std::to_string(records.size()) + " points in " + format_duration(wall) + "\n";
  const size_t shown = records.empty() ? 0 : std::min<size_t>(4, records.front().scalars.size());
  char cell[64];
  s += "  " + std::string(48, ' ').replace(0, 5, "point");
  for (size_t j = 0; j < shown; ++j) {
    std::snprintf(cell, sizeof cell, " %16s", records.front().scalars[j].what.name.c_str());
    s += cell;
  }
  s += "\n";
  for (size_t i = 0; i < records.size(); ++i) {
    std::string label = labels[i].substr(0, 48);
    s += "  " + label + std::string(48 - label.size(), ' ');
    for (size_t j = 0; j < shown && j < records[i].scalars.size(); ++j) {
      std::snprintf(cell, sizeof cell, " %16.8g", records[i].scalars[j].value);
      s += cell;
    }
    s += "\n";
  }
  return s + "wrote " + file + " (" + std::to_string(records.size()) + " runs, /runs/<k> by point index)\n";
}

}  // namespace qtherm::study
