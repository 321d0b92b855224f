#include "qtherm/io/time_expression.hpp"

#include <muParser.h>

#include <cctype>
#include <cmath>
#include <stdexcept>

#include "qtherm/base/parse.hpp"

namespace qtherm::io {

struct TimeExpression::Impl {
  std::string text;
  mu::Parser parser;
  double t = 0;
  bool constant = false;  // t does not appear: every derivative is exactly 0
  double eval(double at) {
    t = at;
    return parser.Eval();
  }
};

namespace {

// A one-line reason from a muparser error: an unknown name says whether it was used as a function.
std::string reason(const mu::Parser::exception_type& e, const std::string& text) {
  const std::string token = e.GetToken();
  if (e.GetCode() == mu::ecUNASSIGNABLE_TOKEN && !token.empty() && (std::isalpha(static_cast<unsigned char>(token[0])) || token[0] == '_')) {
    // Which is it: the text after the name starts with '(' for a function.
    const auto at = text.find(token);
    size_t next = at == std::string::npos ? std::string::npos : text.find_first_not_of(" \t", at + token.size());
    const bool function = next != std::string::npos && text[next] == '(';
    return std::string(function ? "unknown function '" : "unknown variable '") + token + "' in '" + text +
           (function ? "' (functions: sin cos tan asin acos atan sinh cosh tanh exp ln log log10 sqrt abs sign rint min max)"
                     : "' (the only variable is t; constants: pi)");
  }
  return "cannot read '" + text + "' as an expression of t: " + e.GetMsg();
}

}  // namespace

TimeExpression::TimeExpression(const std::string& text) : impl_(std::make_shared<Impl>()) {
  impl_->text = text;
  try {
    impl_->parser.DefineVar("t", &impl_->t);
    impl_->parser.DefineConst("pi", M_PI);
    impl_->parser.SetExpr(text);
    impl_->eval(0.0);  // muparser parses on the first evaluation: unknown names surface here
  } catch (const mu::Parser::exception_type& e) {
    throw std::invalid_argument(reason(e, text));
  }
  impl_->constant = impl_->parser.GetUsedVar().empty();
  if (impl_->parser.GetNumResults() != 1) throw std::invalid_argument("'" + text + "' gives several values (use one expression)");
}

const std::string& TimeExpression::text() const { return impl_->text; }

double TimeExpression::operator()(double t) const {
  try {
    return impl_->eval(t);
  } catch (const mu::Parser::exception_type& e) {
    throw std::invalid_argument(reason(e, impl_->text));
  }
}

double TimeExpression::derivative(double t, int order, int side) const {
  if (order < 1 || order > 3) throw std::invalid_argument("derivative order must be 1, 2 or 3");
  if (impl_->constant) return 0.0;
  const auto& f = *this;
  if (side == 0) {
    const double h = step;
    const double m2 = f(t - 2 * h), m1 = f(t - h), p1 = f(t + h), p2 = f(t + 2 * h);
    switch (order) {
      case 1: return (m2 - 8 * m1 + 8 * p1 - p2) / (12 * h);
      case 2: return (-m2 + 16 * m1 - 30 * f(t) + 16 * p1 - p2) / (12 * h * h);
      default: return (-m2 + 2 * m1 - 2 * p1 + p2) / (2 * h * h * h);
    }
  }
  // One-sided five-point stencils on t, t ± h, ..., t ± 4h (the sign of `side`).
  const double h = side > 0 ? step : -step;
  const double f0 = f(t), f1 = f(t + h), f2 = f(t + 2 * h), f3 = f(t + 3 * h), f4 = f(t + 4 * h);
  switch (order) {
    case 1: return (-25 * f0 + 48 * f1 - 36 * f2 + 16 * f3 - 3 * f4) / (12 * h);
    case 2: return (35 * f0 - 104 * f1 + 114 * f2 - 56 * f3 + 11 * f4) / (12 * h * h);
    default: return (-5 * f0 + 18 * f1 - 24 * f2 + 14 * f3 - 3 * f4) / (2 * h * h * h);
  }
}

std::array<double, 3> TimeExpression::with_derivatives(double t, int side) const {
  return {(*this)(t), derivative(t, 1, side), derivative(t, 2, side)};
}

std::shared_ptr<TimeExpression> parse_time_function(const std::string& text, double& constant) {
  try {
    constant = parse_real(text);
    return nullptr;
  } catch (const std::invalid_argument&) {
  }
  return std::make_shared<TimeExpression>(text);
}

}  // namespace qtherm::io
