#pragma once
// A real function of time tabulated in a text file, for the expressions of t of a configuration
// ([model] tables = NAME : FILE; the expressions then call NAME(t)).
//
// File: one point per line, "t value", separated by spaces, tabs or a comma; '#' starts a comment;
// blank lines are skipped; t strictly increasing; at least two points.
//
// Interpolation: the not-a-knot cubic spline (de Boor): C² everywhere (the power tr(ρ dH/dt) takes
// five-point differences of f, so f must be smooth), exact for a cubic polynomial, and O(Δ⁴) accurate
// up to the ends for smooth data (a natural spline forces f'' = 0 at the ends and loses two orders
// there). Two points give the straight line, three the parabola through them. Beyond the ends the
// end pieces continue as polynomials: the caller decides how far that may be used (TimeExpression
// allows it only to the difference stencil of a derivative, 2e-3).
#include <memory>
#include <map>
#include <string>
#include <vector>

namespace qtherm::io {

class TimeTable {
 public:
  // Throws std::invalid_argument (one line) unless there are >= 2 points with t strictly increasing
  // and every number finite.
  TimeTable(std::vector<double> t, std::vector<double> value, std::string source = "");
  // Reads `path` in the format above. Throws std::invalid_argument with one line naming the path
  // and, for a bad line, its number: cannot open, not two numbers, t not increasing, too few points.
  static TimeTable read(const std::string& path);

  double operator()(double t) const;
  double first() const { return t_.front(); }
  double last() const { return t_.back(); }
  std::size_t size() const { return t_.size(); }
  const std::string& source() const { return source_; }  // the file, "" when built from vectors
  // 16 hex digits of a 64-bit FNV-1a hash of the points (not of the file's text: comments and
  // spacing do not count), to tell whether a table changed between a checkpoint and its restart.
  std::string fingerprint() const;

 private:
  std::vector<double> t_, y_, m_;  // nodes, values, the spline's second derivatives at the nodes
  std::string source_;
};

// Tables by the name the expressions call them with.
using TimeTables = std::map<std::string, std::shared_ptr<const TimeTable>>;

// The value of a key "NAME : FILE; NAME : FILE" with every relative FILE made absolute against
// `directory` (the directory of the configuration file the value was written in): the resolved
// configuration, stored with checkpoints and records, then names the same files from anywhere.
// Items without ':' are left as they are (the model reports them).
std::string resolve_table_paths(const std::string& value, const std::string& directory);

}  // namespace qtherm::io
