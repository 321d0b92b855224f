#include "qtherm/base/parse.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace qtherm {

namespace {
const char* const kWhitespace = " \t\r\n\f\v";
}  // namespace

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(kWhitespace);
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(kWhitespace);
  return s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string::size_type start = 0;
  for (;;) {
    const auto p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) return out;
    start = p + 1;
  }
}

namespace {
// ---------------------------------------------------------------------------------------------
// Value parsing helpers

[[noreturn]] void bad_complex(const std::string& text) {
  throw std::invalid_argument("expected a complex number (e.g. 1, -2i, 0.5+1e-3i), got '" + trim(text) + "'");
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.'; }
bool is_imaginary_unit(char c) { return c == 'i' || c == 'j' || c == 'I' || c == 'J'; }

// Drops spaces from a complex literal ("2 + 3i", "( 1 - i )"), but refuses spaces inside a number
// ("1 2", "1e 5"), which would otherwise silently join into another number. "2 i" is allowed.
std::string compact_complex(const std::string& text) {
  const std::string t = trim(text);
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!std::isspace(static_cast<unsigned char>(t[i]))) {
      out += t[i];
      continue;
    }
    const auto next = t.find_first_not_of(kWhitespace, i);  // exists: t is trimmed
    const auto after = t.find_first_not_of(kWhitespace, next + 1);
    const bool unit_at_end = is_imaginary_unit(t[next]) && (after == std::string::npos || t[after] == ')');
    if (!out.empty() && is_word_char(out.back()) && is_word_char(t[next]) && !unit_at_end) bad_complex(text);
    i = next - 1;
  }
  return out;
}

// The imaginary coefficient written before the unit: "" or "+" is 1, "-" is -1.
double imaginary_coefficient(const std::string& s) {
  if (s.empty() || s == "+") return 1.0;
  if (s == "-") return -1.0;
  return parse_real(s);
}

// Splits "a+b" at the sign that starts the second term (not one after an exponent 'e').
std::string::size_type second_term_start(const std::string& s) {
  for (auto p = s.size(); p-- > 1;)
    if ((s[p] == '+' || s[p] == '-') && s[p - 1] != 'e' && s[p - 1] != 'E') return p;
  return std::string::npos;
}

using Rows = std::vector<std::vector<std::string>>;

std::string entries(std::size_t n) { return std::to_string(n) + (n == 1 ? " entry" : " entries"); }

// "[[a, b], [c, d]]" -> {{a, b}, {c, d}} (entries untrimmed).
Rows split_bracket_rows(const std::string& t) {
  if (t.back() != ']') throw std::invalid_argument("unbalanced brackets in matrix");
  const std::string inner = t.substr(1, t.size() - 2);
  Rows rows;
  std::string::size_type pos = inner.find_first_not_of(kWhitespace);
  if (pos == std::string::npos) throw std::invalid_argument("empty matrix");
  for (;;) {
    const std::string row_no = std::to_string(rows.size() + 1);
    if (pos == std::string::npos || inner[pos] != '[')
      throw std::invalid_argument("expected '[' to start row " + row_no + " (matrix form: [[a, b], [c, d]])");
    const auto close = inner.find(']', pos + 1);
    const auto open = inner.find('[', pos + 1);
    if (close == std::string::npos || (open != std::string::npos && open < close))
      throw std::invalid_argument("unbalanced brackets in row " + row_no);
    rows.push_back(split(inner.substr(pos + 1, close - pos - 1), ','));
    pos = inner.find_first_not_of(kWhitespace, close + 1);
    if (pos == std::string::npos) return rows;
    if (inner[pos] != ',')
      throw std::invalid_argument("unexpected '" + inner.substr(pos, 1) + "' after row " + row_no +
                                  " (matrix form: [[a, b], [c, d]])");
    pos = inner.find_first_not_of(kWhitespace, pos + 1);
  }
}

// "a, b; c, d" -> {{a, b}, {c, d}}.
Rows split_plain_rows(const std::string& t) {
  if (t.find_first_of("[]") != std::string::npos) throw std::invalid_argument("unbalanced brackets in matrix");
  Rows rows;
  for (const auto& row : split(t, ';')) rows.push_back(split(row, ','));
  return rows;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Value parsers

double parse_real(const std::string& text) {
  const std::string t = trim(text);
  const char* b = t.data();
  const char* const e = b + t.size();
  // from_chars refuses a leading '+', which users write ("+0.5").
  if (b != e && *b == '+' && b + 1 != e && b[1] != '+' && b[1] != '-') ++b;
  double v = 0;
  const auto [end, ec] = std::from_chars(b, e, v, std::chars_format::general);
  if (t.empty() || ec == std::errc::invalid_argument || end != e)
    throw std::invalid_argument("expected a real number, got '" + t + "'");
  if (ec == std::errc::result_out_of_range) throw std::invalid_argument("real number out of range: '" + t + "'");
  if (!std::isfinite(v)) throw std::invalid_argument("expected a finite real number, got '" + t + "'");
  return v;
}

long parse_integer(const std::string& text) {
  const std::string t = trim(text);
  const char* b = t.data();
  const char* const e = b + t.size();
  if (b != e && *b == '+' && b + 1 != e && b[1] != '+' && b[1] != '-') ++b;
  long v = 0;
  const auto [end, ec] = std::from_chars(b, e, v);
  if (t.empty() || ec == std::errc::invalid_argument || end != e)
    throw std::invalid_argument("expected an integer, got '" + t + "'");
  if (ec == std::errc::result_out_of_range) throw std::invalid_argument("integer out of range: '" + t + "'");
  return v;
}

bool parse_boolean(const std::string& text) {
  const std::string t = lower(trim(text));
  if (t == "true" || t == "yes" || t == "on" || t == "1") return true;
  if (t == "false" || t == "no" || t == "off" || t == "0") return false;
  throw std::invalid_argument("expected a boolean (true/false, yes/no, on/off, 1/0), got '" + trim(text) + "'");
}

std::vector<double> parse_real_list(const std::string& text) {
  std::vector<double> out;
  if (trim(text).empty()) return out;
  // Commas separate; whitespace also separates within a comma-separated piece. An empty piece
  // ("1,,2", "1, 2,") is more likely a forgotten number than intended, so it is refused.
  for (const auto& piece : split(text, ',')) {
    std::istringstream words(piece);
    std::string word;
    bool any = false;
    while (words >> word) {
      any = true;
      try {
        out.push_back(parse_real(word));
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("element " + std::to_string(out.size() + 1) + ": " + e.what());
      }
    }
    if (!any)
      throw std::invalid_argument("empty element " + std::to_string(out.size() + 1) + " in list '" + trim(text) + "'");
  }
  return out;
}

std::vector<std::string> parse_string_list(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& item : split(text, ',')) {
    std::string t = trim(item);
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

std::complex<double> parse_complex(const std::string& text) {
  std::string s = compact_complex(text);
  if (!s.empty() && s.front() == '(') {
    if (s.back() != ')') bad_complex(text);
    s = s.substr(1, s.size() - 2);
  }
  if (s.empty() || s.find_first_of("()") != std::string::npos) bad_complex(text);
  try {
    if (!is_imaginary_unit(s.back())) return {parse_real(s), 0.0};
    s.pop_back();
    const auto split_at = second_term_start(s);
    if (split_at == std::string::npos) return {0.0, imaginary_coefficient(s)};
    return {parse_real(s.substr(0, split_at)), imaginary_coefficient(s.substr(split_at))};
  } catch (const std::invalid_argument&) {
    bad_complex(text);
  }
}

Eigen::MatrixXcd parse_matrix(const std::string& text) {
  const std::string t = trim(text);
  if (t.empty()) throw std::invalid_argument("empty matrix");
  const Rows rows = t.front() == '[' ? split_bracket_rows(t) : split_plain_rows(t);
  const std::size_t ncols = rows.front().size();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() == 1 && trim(rows[r][0]).empty())
      throw std::invalid_argument("row " + std::to_string(r + 1) + " is empty");
    if (rows[r].size() != ncols)
      throw std::invalid_argument("row " + std::to_string(r + 1) + " has " + entries(rows[r].size()) + ", row 1 has " +
                                  entries(ncols));
  }
  Eigen::MatrixXcd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(ncols));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < ncols; ++c) {
      const std::string where = "entry (" + std::to_string(r + 1) + ", " + std::to_string(c + 1) + "): ";
      if (trim(rows[r][c]).empty()) throw std::invalid_argument(where + "empty");
      try {
        m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = parse_complex(rows[r][c]);
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(where + e.what());
      }
    }
  }
  return m;
}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
  // Classic Levenshtein distance with one rolling row.
  const auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diag = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diag = up;
      }
    }
    return row[b.size()];
  };
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    const std::size_t d = distance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace qtherm
