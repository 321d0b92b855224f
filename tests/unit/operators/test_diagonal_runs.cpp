// Diagonal runs (the column Liouvillian's form of a sparse factor) hold exactly the matrix they came
// from: every entry once, zeros only in joined gaps, constant runs only where all values agree.
#define BOOST_TEST_MODULE diagonal_runs
#include <boost/test/unit_test.hpp>

#include <random>

#include "qtherm/operators/diagonal_runs.hpp"

using namespace qtherm::operators;

namespace {

Eigen::MatrixXcd dense_of(const detail::DiagonalRuns& m, PetscInt d) {
  Eigen::MatrixXcd out = Eigen::MatrixXcd::Zero(d, d);
  for (const auto& r : m.runs)
    for (PetscInt t = 0; t < r.len; ++t) {
      BOOST_REQUIRE(r.row + t + r.offset >= 0 && r.row + t + r.offset < d);
      out(r.row + t, r.row + t + r.offset) += m.values[r.constant ? r.val : r.val + t];
    }
  return out;
}

Sparse from_dense(const Eigen::MatrixXcd& a) { return Eigen::MatrixXcd(a).sparseView(); }

}  // namespace

BOOST_AUTO_TEST_CASE(local_flips_give_runs_of_their_stride) {
  // σx on the middle of three qubits (stride 2): runs of length 2 at offsets ±2, all equal to 0.7.
  const PetscInt d = 8, stride = 2;
  Eigen::MatrixXcd a = Eigen::MatrixXcd::Zero(d, d);
  for (PetscInt i = 0; i < d; ++i) a(i, i ^ stride) = 0.7;
  for (PetscInt gap : {0, 2}) {
    const auto runs = detail::diagonal_runs(from_dense(a), gap);
    BOOST_TEST((dense_of(runs, d) - a).norm() == 0.0);
    for (const auto& r : runs.runs) BOOST_TEST(std::abs(r.offset) == stride);
    if (gap == 0) {
      BOOST_TEST(runs.runs.size() == 4u);
      for (const auto& r : runs.runs) BOOST_TEST((r.len == stride && r.constant));
    } else {  // the gaps of length 2 are joined: one run per diagonal, zeros inside, not constant
      BOOST_TEST(runs.runs.size() == 2u);
      for (const auto& r : runs.runs) BOOST_TEST((r.len == d - stride && !r.constant));
    }
  }
}

BOOST_AUTO_TEST_CASE(random_sparse_matrices_round_trip) {
  std::mt19937 gen(7);
  std::uniform_real_distribution<double> u(-1, 1);
  for (PetscInt d : {1, 5, 24, 60})
    for (double fill : {0.05, 0.3, 1.0})
      for (PetscInt gap : {0, 1, 3}) {
        Eigen::MatrixXcd a = Eigen::MatrixXcd::Zero(d, d);
        for (PetscInt i = 0; i < d; ++i)
          for (PetscInt j = 0; j < d; ++j)
            if ((u(gen) + 1) / 2 < fill) a(i, j) = u(gen) < 0 ? PetscScalar(0.5, -0.25) : PetscScalar(u(gen), u(gen));
        const auto runs = detail::diagonal_runs(from_dense(a), gap);
        BOOST_TEST((dense_of(runs, d) - a).norm() == 0.0);
      }
}
