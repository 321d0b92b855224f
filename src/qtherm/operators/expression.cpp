#include "qtherm/operators/expression.hpp"

#include <cctype>

#include "qtherm/base/parse.hpp"
#include <stdexcept>

namespace qtherm::operators {
namespace {

class Parser {
 public:
  Parser(const std::string& s, const space::TensorSpace& space, const std::map<std::string, Dense>& user)
      : s_(s), space_(space), user_(user) {}

  OperatorSum parse() {
    OperatorSum out(space_);
    skip();
    if (pos_ == s_.size()) fail("empty operator expression");
    double sign = 1;
    if (peek('+') || peek('-')) sign = s_[pos_++] == '-' ? -1 : 1;
    out.add(term(), sign);
    while (skip(), pos_ < s_.size()) {
      if (!peek('+') && !peek('-')) fail("expected '+' or '-'");
      sign = s_[pos_++] == '-' ? -1 : 1;
      out.add(term(), sign);
    }
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::invalid_argument(why + " at character " + std::to_string(pos_ + 1) + " of '" + s_ + "'");
  }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool peek(char c) {
    skip();
    return pos_ < s_.size() && s_[pos_] == c;
  }

  OperatorSum term() {
    OperatorSum t = OperatorSum::identity(space_);
    factor(t);
    while (peek('*')) {
      ++pos_;
      factor(t);
    }
    return t;
  }

  void factor(OperatorSum& t) {
    skip();
    if (pos_ >= s_.size()) fail("expected a number or an operator");
    const char c = s_[pos_];
    if (c == '(') {
      const size_t close = s_.find(')', pos_);
      if (close == std::string::npos) fail("unclosed '('");
      t = t.scaled(complex_number(s_.substr(pos_ + 1, close - pos_ - 1)));
      pos_ = close + 1;
    } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      size_t used = 0;
      const double v = std::stod(s_.substr(pos_), &used);
      pos_ += used;
      if (pos_ < s_.size() && (s_[pos_] == 'i' || s_[pos_] == 'j') &&
          (pos_ + 1 == s_.size() || !std::isalnum(static_cast<unsigned char>(s_[pos_ + 1])))) {
        ++pos_;
        t = t.scaled(std::complex<double>(0, v));
      } else {
        t = t.scaled(v);
      }
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      const size_t start = pos_;
      while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
      const std::string name = s_.substr(start, pos_ - start);
      if (!peek('(')) fail("expected '(' and a party number after '" + name + "'");
      ++pos_;
      skip();
      size_t used = 0;
      int party = -1;
      try {
        party = std::stoi(s_.substr(pos_), &used);
      } catch (const std::exception&) {
        fail("expected a party number");
      }
      pos_ += used;
      if (!peek(')')) fail("expected ')'");
      ++pos_;
      if (party < 0 || party >= space_.parties())
        fail("party " + std::to_string(party) + " does not exist (parties 0.." + std::to_string(space_.parties() - 1) +
             ")");
      OperatorSum f(space_);
      auto it = user_.find(name);
      if (it != user_.end()) {
        ProductTerm p;
        p.factors[party] = it->second;
        f.add(std::move(p));
      } else {
        f.add(name, party);
      }
      t = t * f;
    } else {
      fail(std::string("unexpected '") + c + "'");
    }
  }

  std::complex<double> complex_number(const std::string& text) {
    try {
      return parse_complex(text);
    } catch (const std::invalid_argument& e) {
      fail(e.what());
    }
  }

  const std::string& s_;
  const space::TensorSpace& space_;
  const std::map<std::string, Dense>& user_;
  size_t pos_ = 0;
};

}  // namespace

OperatorSum parse_operator(const std::string& text, const space::TensorSpace& space,
                           const std::map<std::string, Dense>& user) {
  try {
    return Parser(text, space, user).parse();
  } catch (const std::invalid_argument&) {
    throw;
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string(e.what()) + " in '" + text + "'");
  }
}

}  // namespace qtherm::operators
