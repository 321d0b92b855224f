#include "qtherm/info/state_checks.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/space/partial_trace.hpp"

namespace qtherm::info {
namespace {
std::string shape(const Eigen::MatrixXcd& m) { return std::to_string(m.rows()) + "x" + std::to_string(m.cols()); }
std::string num(double x) {
  std::ostringstream o;
  o << std::setprecision(12) << x;
  return o.str();
}
}  // namespace

long product(const std::vector<long>& dims) {
  long d = 1;
  for (long k : dims) d *= k;
  return d;
}

void check_state(const Eigen::MatrixXcd& rho, const std::string& measure) {
  if (rho.rows() != rho.cols() || rho.rows() == 0)
    throw std::invalid_argument(measure + ": density matrix must be square and non-empty, got " + shape(rho));
  if (!rho.allFinite()) throw std::invalid_argument(measure + ": density matrix has non-finite entries");
  const double skew = (rho - rho.adjoint()).norm(), size = rho.norm();
  if (skew > hermitian_tolerance * size)
    throw std::invalid_argument(
        measure + ": density matrix is not Hermitian (|rho - rho^dagger|/|rho| = " + num(skew / size) + ")");
  const std::complex<double> tr = rho.trace();
  if (std::abs(tr - 1.0) > trace_tolerance)
    throw std::invalid_argument(measure + ": density matrix has trace " + num(tr.real()) +
                                (tr.imag() != 0 ? " + " + num(tr.imag()) + "i" : "") + ", not one");
}

void check_state(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::string& measure) {
  const long d = product(dims);
  if (rho.rows() != d || rho.cols() != d) {
    std::string ds;
    for (size_t k = 0; k < dims.size(); ++k) ds += (k ? "x" : "") + std::to_string(dims[k]);
    throw std::invalid_argument(measure + ": parties of dimensions " + ds + " need a " + std::to_string(d) + "x" +
                                std::to_string(d) + " state, got " + shape(rho));
  }
  check_state(rho, measure);
}

double log_scale(double base, const std::string& measure) {
  if (!(base > 0) || base == 1 || !std::isfinite(base))
    throw std::invalid_argument(measure + ": logarithm base must be positive, finite and not 1");
  return base == nat ? 1.0 : 1.0 / std::log(base);
}

Eigen::VectorXd eigenvalues(const Eigen::MatrixXcd& rho) {
  const Eigen::MatrixXcd h = 0.5 * (rho + rho.adjoint());
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(h, Eigen::EigenvaluesOnly).eigenvalues();
}

Eigen::MatrixXcd permute_parties(const Eigen::MatrixXcd& rho, const std::vector<long>& dims,
                                 const std::vector<int>& order) {
  const int n = static_cast<int>(dims.size());
  std::vector<long> out_dims(n), in_stride(n, 1);
  for (int k = n - 2; k >= 0; --k) in_stride[k] = in_stride[k + 1] * dims[k + 1];
  for (int k = 0; k < n; ++k) out_dims[k] = dims.at(order.at(k));
  // Input index of every output index: read the output digits (least significant last) and
  // place each at its original party's stride.
  const long d = product(dims);
  std::vector<long> map(d);
  for (long out = 0; out < d; ++out) {
    long rest = out, in = 0;
    for (int k = n - 1; k >= 0; --k) {
      in += (rest % out_dims[k]) * in_stride[order[k]];
      rest /= out_dims[k];
    }
    map[out] = in;
  }
  Eigen::MatrixXcd r(d, d);
  for (long j = 0; j < d; ++j)
    for (long i = 0; i < d; ++i) r(i, j) = rho(map[i], map[j]);
  return r;
}

Eigen::MatrixXcd bipartite_state(const Eigen::MatrixXcd& rho, const std::vector<long>& dims, const std::vector<int>& a,
                                 const std::vector<int>& b, long& dim_a, long& dim_b, const std::string& measure) {
  std::vector<int> keep = a;
  keep.insert(keep.end(), b.begin(), b.end());
  if (a.empty() || b.empty()) throw std::invalid_argument(measure + ": both groups of parties must be non-empty");
  for (int k : keep)
    if (k < 0 || k >= int(dims.size()))
      throw std::invalid_argument(measure + ": no party " + std::to_string(k) + " (the state has " +
                                  std::to_string(dims.size()) + " parties)");
  std::vector<int> sorted = keep;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    throw std::invalid_argument(measure + ": the groups of parties overlap or repeat a party");
  check_state(rho, dims, measure);
  dim_a = dim_b = 1;
  for (int k : a) dim_a *= dims[k];
  for (int k : b) dim_b *= dims[k];
  std::vector<PetscInt> pd(dims.begin(), dims.end());
  const Eigen::MatrixXcd reduced =
      sorted.size() == dims.size() ? rho : space::partial_trace(rho, space::TensorSpace(pd), sorted);
  std::vector<long> reduced_dims;
  for (int k : sorted) reduced_dims.push_back(dims[k]);
  std::vector<int> order;
  for (int k : keep) order.push_back(int(std::lower_bound(sorted.begin(), sorted.end(), k) - sorted.begin()));
  return permute_parties(reduced, reduced_dims, order);
}

}  // namespace qtherm::info
