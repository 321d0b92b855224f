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

}  // namespace qtherm::study
