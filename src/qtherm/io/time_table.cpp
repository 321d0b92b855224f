#include "qtherm/io/time_table.hpp"

#include <Eigen/Sparse>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "qtherm/base/log.hpp"
#include "qtherm/base/parse.hpp"

namespace qtherm::io {
namespace {

// The second derivatives M of the not-a-knot spline through (t, y): the usual continuity of S'
// at the inner nodes, h_{i-1} M_{i-1} + 2(h_{i-1} + h_i) M_i + h_i M_{i+1} = 6(d_i − d_{i-1}) with
// d_i the slopes, and S''' continuous at the second and the last-but-one node (which gives M_0 and
// M_{n-1} in terms of their neighbours, eliminated from the first and last rows). Solved by sparse
// LU with pivoting (the eliminated rows are not diagonally dominant on very uneven grids).
std::vector<double> not_a_knot(const std::vector<double>& t, const std::vector<double>& y) {
  const std::size_t n = t.size();
  std::vector<double> M(n, 0.0);
  if (n == 2) return M;  // the straight line
  std::vector<double> h(n - 1), d(n - 1);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    h[i] = t[i + 1] - t[i];
    d[i] = (y[i + 1] - y[i]) / h[i];
  }
  if (n == 3) {  // not-a-knot at the only inner node: the parabola through the three points
    std::fill(M.begin(), M.end(), 2 * (d[1] - d[0]) / (h[0] + h[1]));
    return M;
  }
  const int N = int(n) - 2;  // unknowns M_1 .. M_{n-2}
  std::vector<Eigen::Triplet<double>> a;
  Eigen::VectorXd rhs(N);
  for (int r = 0; r < N; ++r) {
    const std::size_t i = std::size_t(r) + 1;
    double lower = h[i - 1], diag = 2 * (h[i - 1] + h[i]), upper = h[i];
    rhs(r) = 6 * (d[i] - d[i - 1]);
    if (r == 0) {  // M_0 = ((h0 + h1) M_1 − h0 M_2) / h1
      diag += h[0] * (h[0] + h[1]) / h[1];
      upper -= h[0] * h[0] / h[1];
      lower = 0;
    }
    if (r == N - 1) {  // M_{n-1} = ((a + b) M_{n-2} − b M_{n-3}) / a, a = h_{n-3}, b = h_{n-2}
      const double p = h[n - 3], q = h[n - 2];
      diag += q * (p + q) / p;
      lower -= q * q / p;
      upper = 0;
    }
    a.emplace_back(r, r, diag);
    if (r > 0) a.emplace_back(r, r - 1, lower);
    if (r + 1 < N) a.emplace_back(r, r + 1, upper);
  }
  Eigen::SparseMatrix<double> A(N, N);
  A.setFromTriplets(a.begin(), a.end());
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
  lu.compute(A);
  if (lu.info() != Eigen::Success)
    throw std::invalid_argument("the spline's equations are singular (times too uneven?)");
  const Eigen::VectorXd m = lu.solve(rhs);
  for (int r = 0; r < N; ++r) M[std::size_t(r) + 1] = m(r);
  M[0] = ((h[0] + h[1]) * M[1] - h[0] * M[2]) / h[1];
  M[n - 1] = ((h[n - 3] + h[n - 2]) * M[n - 2] - h[n - 2] * M[n - 3]) / h[n - 3];
  return M;
}

}  // namespace

TimeTable::TimeTable(std::vector<double> t, std::vector<double> value, std::string source)
    : t_(std::move(t)), y_(std::move(value)), source_(std::move(source)) {
  if (t_.size() != y_.size()) throw std::invalid_argument("a table needs as many values as times");
  if (t_.size() < 2) throw std::invalid_argument("a table needs at least two points, got " + std::to_string(t_.size()));
  for (std::size_t i = 0; i < t_.size(); ++i) {
    if (!std::isfinite(t_[i]) || !std::isfinite(y_[i]))
      throw std::invalid_argument("point " + std::to_string(i + 1) + " is not finite");
    if (i > 0 && !(t_[i] > t_[i - 1]))
      throw std::invalid_argument("point " + std::to_string(i + 1) + ": t = " + format_number(t_[i], 17) +
                                  " does not increase (the times must increase strictly)");
  }
  m_ = not_a_knot(t_, y_);
}

TimeTable TimeTable::read(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw std::invalid_argument("cannot read '" + path + "': it is a directory");
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("cannot open '" + path + "': " + std::strerror(errno));
  std::vector<double> t, y;
  std::vector<int> line_of;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string content = trim(line.substr(0, line.find('#')));
    if (content.empty()) continue;
    std::string spaced = content;
    std::replace(spaced.begin(), spaced.end(), ',', ' ');
    std::istringstream words(spaced);
    std::vector<std::string> w;
    for (std::string s; words >> s;) w.push_back(s);
    const auto where = "'" + path + "' line " + std::to_string(number) + ": ";
    if (w.size() != 2) throw std::invalid_argument(where + "expected two numbers 't value', got '" + content + "'");
    double a = 0, b = 0;
    try {
      a = parse_real(w[0]);
      b = parse_real(w[1]);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(where + e.what());
    }
    if (!t.empty() && !(a > t.back()))
      throw std::invalid_argument(where + "t = " + w[0] + " does not increase (line " + std::to_string(line_of.back()) +
                                  " has t = " + format_number(t.back(), 17) + "; the times must increase strictly)");
    t.push_back(a);
    y.push_back(b);
    line_of.push_back(number);
  }
  if (in.bad()) throw std::invalid_argument("cannot read '" + path + "': " + std::strerror(errno));
  if (t.size() < 2)
    throw std::invalid_argument("'" + path + "' has " + std::to_string(t.size()) +
                                " point(s); a table needs at least two");
  return TimeTable(std::move(t), std::move(y), path);
}

double TimeTable::operator()(double x) const {
  const std::size_t n = t_.size();
  std::size_t i = std::size_t(std::upper_bound(t_.begin(), t_.end(), x) - t_.begin());
  i = std::min(std::max<std::size_t>(i, 1), n - 1) - 1;  // the piece [t_i, t_{i+1}]; the end pieces continue outside
  const double h = t_[i + 1] - t_[i], A = t_[i + 1] - x, B = x - t_[i];
  return (m_[i] * A * A * A + m_[i + 1] * B * B * B) / (6 * h) + (y_[i] - m_[i] * h * h / 6) * A / h +
         (y_[i + 1] - m_[i + 1] * h * h / 6) * B / h;
}

std::string TimeTable::fingerprint() const {
  std::uint64_t h = 1469598103934665603ull;
  for (const auto* v : {&t_, &y_})
    for (unsigned char c : std::string_view(reinterpret_cast<const char*>(v->data()), v->size() * sizeof(double)))
      h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string resolve_table_paths(const std::string& value, const std::string& directory) {
  std::string out;
  for (const auto& piece : split(value, ';')) {
    std::string item = trim(piece);
    if (item.empty()) continue;
    const auto colon = item.find(':');
    if (colon != std::string::npos) {
      const std::string file = trim(item.substr(colon + 1));
      std::filesystem::path p(file);
      if (!file.empty() && p.is_relative()) p = (std::filesystem::path(directory) / p).lexically_normal();
      item = trim(item.substr(0, colon)) + " : " + p.string();
    }
    out += (out.empty() ? "" : "; ") + item;
  }
  return out;
}

}  // namespace qtherm::io
