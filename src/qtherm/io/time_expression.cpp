#include "qtherm/io/time_expression.hpp"

#include <muParser.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <limits>
#include <stdexcept>

#include "qtherm/base/log.hpp"
#include "qtherm/base/parse.hpp"

namespace qtherm::io {
namespace {

struct TableBinding {  // a table as muparser's user data
  std::string name;
  std::shared_ptr<const TimeTable> table;
  const double* slack;  // the owning expression's
};

}  // namespace

struct TimeExpression::Impl {
  std::string text;
  mu::Parser parser;
  double t = 0;
  bool constant = false;  // t does not appear: every derivative is exactly 0
  // How far beyond its ends a table may be evaluated: 0, 2h inside a derivative's stencil, unbounded
  // while muparser parses (its first evaluation at t = 0 only surfaces unknown names).
  double slack = 0;
  std::deque<TableBinding> tables;  // a deque: the addresses given to muparser stay valid
  double eval(double at) {
    t = at;
    return parser.Eval();
  }
};

namespace {

double call_table(void* data, double t) {
  const auto& b = *static_cast<const TableBinding*>(data);
  const TimeTable& table = *b.table;
  const double rounding = 1e-12 * std::max({1.0, std::abs(table.first()), std::abs(table.last())});
  const double reach = *b.slack + rounding;
  if (!(t >= table.first() - reach && t <= table.last() + reach))  // NaN is outside too
    throw OutsideTable("table " + b.name + " ('" + table.source() + "') covers t in [" +
                           format_number(table.first(), 10) + ", " + format_number(table.last(), 10) +
                           "], evaluated at t = " + format_number(t, 10),
                       t);
  return table(t);
}

// A one-line reason from a muparser error: an unknown name says whether it was used as a function.
std::string reason(const mu::Parser::exception_type& e, const std::string& text, const TimeTables& tables,
                   bool t_final = false) {
  const std::string& token = e.GetToken();
  if (e.GetCode() == mu::ecUNASSIGNABLE_TOKEN && !token.empty() &&
      (std::isalpha(static_cast<unsigned char>(token[0])) || token[0] == '_')) {
    // Which is it: the text after the name starts with '(' for a function.
    const auto at = text.find(token);
    size_t next = at == std::string::npos ? std::string::npos : text.find_first_not_of(" \t", at + token.size());
    const bool function = next != std::string::npos && text[next] == '(';
    std::string own;
    for (const auto& [name, table] : tables) own += " " + name;
    return std::string(function ? "unknown function '" : "unknown variable '") + token + "' in '" + text +
           (function ? "' (functions: sin cos tan asin acos atan sinh cosh tanh exp ln log log10 sqrt abs sign rint "
                       "min max" +
                           (own.empty() ? std::string(")") : "; tables:" + own + ")")
                     : std::string("' (the only variable is t; constants: pi") + (t_final ? ", t_final)" : ")"));
  }
  return "cannot read '" + text + "' as an expression of t: " + e.GetMsg();
}

}  // namespace

TimeExpression::TimeExpression(const std::string& text, const TimeTables& tables, std::optional<double> t_final)
    : impl_(std::make_shared<Impl>()) {
  impl_->text = text;
  try {
    impl_->parser.DefineVar("t", &impl_->t);
    impl_->parser.DefineConst("pi", M_PI);
    if (t_final) impl_->parser.DefineConst("t_final", *t_final);
    for (const auto& [name, table] : tables) {
      impl_->tables.push_back({name, table, &impl_->slack});
      // Not optimisable: NAME(5) must be evaluated (and range-checked) at every evaluation, not
      // folded into a constant while parsing.
      impl_->parser.DefineFunUserData(name, call_table, &impl_->tables.back(), false);
    }
    impl_->parser.SetExpr(text);
    impl_->slack = std::numeric_limits<double>::infinity();
    impl_->eval(0.0);  // muparser parses on the first evaluation: unknown names surface here
    impl_->slack = 0;
  } catch (const mu::Parser::exception_type& e) {
    throw std::invalid_argument(reason(e, text, tables, t_final.has_value()));
  }
  impl_->constant = impl_->parser.GetUsedVar().empty();
  if (impl_->parser.GetNumResults() != 1)
    throw std::invalid_argument("'" + text + "' gives several values (use one expression)");
}

const std::string& TimeExpression::text() const { return impl_->text; }

double TimeExpression::operator()(double t) const {
  try {
    return impl_->eval(t);
  } catch (const mu::Parser::exception_type& e) {
    throw std::invalid_argument(reason(e, impl_->text, {}));
  }
}

std::array<double, 4> TimeExpression::derivatives(double t, int side) const {
  const auto& f = *this;
  const double f0 = f(t);  // t itself must be inside the tables; only the stencil may reach beyond their ends
  if (impl_->constant) return {f0, 0.0, 0.0, 0.0};
  if (!impl_->tables.empty()) impl_->slack = (side == 0 ? 2 : 4) * step;
  struct Reset {
    Impl& impl;
    ~Reset() { impl.slack = 0; }
  } reset{*impl_};
  if (side == 0) {
    const double h = step;
    const double m2 = f(t - 2 * h), m1 = f(t - h), p1 = f(t + h), p2 = f(t + 2 * h);
    return {f0, (m2 - 8 * m1 + 8 * p1 - p2) / (12 * h), (-m2 + 16 * m1 - 30 * f0 + 16 * p1 - p2) / (12 * h * h),
            (-m2 + 2 * m1 - 2 * p1 + p2) / (2 * h * h * h)};
  }
  // One-sided five-point stencils on t, t ± h, ..., t ± 4h (the sign of `side`).
  const double h = side > 0 ? step : -step;
  const double f1 = f(t + h), f2 = f(t + 2 * h), f3 = f(t + 3 * h), f4 = f(t + 4 * h);
  return {f0, (-25 * f0 + 48 * f1 - 36 * f2 + 16 * f3 - 3 * f4) / (12 * h),
          (35 * f0 - 104 * f1 + 114 * f2 - 56 * f3 + 11 * f4) / (12 * h * h),
          (-5 * f0 + 18 * f1 - 24 * f2 + 14 * f3 - 3 * f4) / (2 * h * h * h)};
}

double TimeExpression::derivative(double t, int order, int side) const {
  if (order < 1 || order > 3) throw std::invalid_argument("derivative order must be 1, 2 or 3");
  if (impl_->constant) return 0.0;
  return derivatives(t, side)[order];
}

std::array<double, 3> TimeExpression::with_derivatives(double t, int side) const {
  const auto d = derivatives(t, side);
  return {d[0], d[1], d[2]};
}

std::shared_ptr<TimeExpression> parse_time_function(const std::string& text, double& constant, const TimeTables& tables,
                                                    std::optional<double> t_final) {
  try {
    constant = parse_real(text);
    return nullptr;
  } catch (const std::invalid_argument&) {
  }
  return std::make_shared<TimeExpression>(text, tables, t_final);
}

void check_table_name(const std::string& name) {
  const bool word = !name.empty() && std::isalpha(static_cast<unsigned char>(name[0])) &&
                    std::all_of(name.begin(), name.end(),
                                [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
  if (!word)
    throw std::invalid_argument("table name '" + name + "': use letters, digits and _, starting with a letter");
  if (name == "t") throw std::invalid_argument("table name 't' is the variable of time; choose another name");
  mu::Parser parser;
  if (name == "pi" || name == "t_final" || parser.GetConst().count(name))
    throw std::invalid_argument("table name '" + name + "' is a constant of expressions; choose another name");
  if (parser.GetFunDef().count(name))
    throw std::invalid_argument("table name '" + name + "' is a built-in function of expressions; choose another name");
}

}  // namespace qtherm::io
