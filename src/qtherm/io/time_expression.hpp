#pragma once
// A real function of time written in a configuration, e.g. "0.5*sin(2*t)" or "(t < 1 ? t : 1)":
// parsed once by muparser (the variable t, the constant pi; functions sin cos tan asin acos atan
// sinh cosh tanh exp ln log log10 sqrt abs sign rint min max, operators + - * / ^, comparisons,
// && || and the conditional c ? a : b), then evaluated as often as needed.
//
// Derivatives (for the power tr(ρ dH/dt) and the heat quadrature) by central differences with the
// fixed step h = 1e-3 (muparser has no symbolic derivative): f' by the five-point stencil, error
// h⁴|f⁽⁵⁾|/30 + ~3ε|f|/(2h) (ε = 2.2e-16): about 3e-13·|f|·max(1, (ω/1)⁵/100) for a drive of
// angular frequency ω; f'' and f''' by the five-point stencils of errors h⁴|f⁽⁶⁾|/90 + ~6ε|f|/h² and
// h²|f⁽⁵⁾|/4 + ~3ε|f|/h³ (these enter the heat quadrature only with weights h_step², h_step³, so their
// larger errors do not show). Central differences evaluate f at t ± 2h: at a corner of a piecewise f
// they average over it, so the time integrals use the one-sided forms below at the ends of each step.
//
// Tables (io/time_table.hpp) given to the constructor are functions NAME(t) of the expression. A
// table is evaluated only inside the times it covers (to rounding, 1e-12 relative): elsewhere the
// evaluation throws OutsideTable. Only the difference stencil of a derivative at a t inside may reach
// up to 2h (central) or 4h (one-sided) beyond an end, where the spline's end piece continues.
#include <array>
#include <memory>
#include <optional>
#include <string>

#include "qtherm/base/error.hpp"
#include "qtherm/io/time_table.hpp"

namespace qtherm::io {

// An expression evaluated a table where it has no data: bad input (the same on every rank), one line
// naming the table, its file, the times it covers and the time asked. Callers that know the key
// rethrow it naming the key.
class OutsideTable : public InputError {
 public:
  OutsideTable(const std::string& reason, double t) : InputError("", "", "", reason), t_(t) {}
  double time() const { return t_; }

 private:
  double t_;
};

class TimeExpression {
 public:
  // Throws std::invalid_argument with a one-line reason (an unknown function or variable, a syntax
  // error) when `text` is not an expression of t; `tables` are its functions NAME(t) besides the
  // built-in ones (names checked by check_table_name); `t_final`, when given, is the constant of that
  // name (the run's end time, so that a protocol can scale with it, e.g. 10*t/t_final).
  explicit TimeExpression(const std::string& text, const TimeTables& tables = {},
                          std::optional<double> t_final = std::nullopt);
  const std::string& text() const;
  double operator()(double t) const;
  // d^order f / dt^order, order 1, 2 or 3, by the central differences above (side 0), or from the
  // right (side > 0) or the left (side < 0) by one-sided five-point stencils on t ± kh, k ≤ 4: the
  // derivative within a time step that starts or ends at a corner of a piecewise f. Errors
  // h⁴|f⁽⁵⁾|/5 + ~11ε|f|/h, 5h³|f⁽⁵⁾|/6 + ~27ε|f|/h², 7h²|f⁽⁵⁾|/4 + ~32ε|f|/h³.
  double derivative(double t, int order, int side = 0) const;
  // f and its first three derivatives at t from one evaluation of the stencil (`side` as above).
  std::array<double, 4> derivatives(double t, int side = 0) const;
  // f, f', f'' at t (derivatives from `side`, as above).
  std::array<double, 3> with_derivatives(double t, int side = 0) const;
  static constexpr double step = 1e-3;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;  // copies share the parser (evaluation is single-threaded per process)
};

// Parses `text` as a number when it is one, else as an expression of t (nullptr for a number):
// lets a configuration value be "0.3" or "0.3*(1 + sin(t))" alike.
std::shared_ptr<TimeExpression> parse_time_function(const std::string& text, double& constant,
                                                    const TimeTables& tables = {},
                                                    std::optional<double> t_final = std::nullopt);

// Throws std::invalid_argument (one line) unless `name` can name a table in an expression: letters,
// digits and _, starting with a letter, and not t, pi, t_final or a built-in function of muparser.
void check_table_name(const std::string& name);

}  // namespace qtherm::io
