// dynamics::KrylovExponential against the dense exponential (Eigen's Padé, not an eigendecomposition)
// of a disordered Heisenberg chain: the dense path (one rank, dimension <= kDenseMax) for assembled
// and matrix-free operators, and the MFN path just above the limit or with -mfn_dense_max 0, in real
// and imaginary time.
#define BOOST_TEST_MODULE krylov_exponential
#include <boost/test/unit_test.hpp>

#include <random>

#include "petsc_fixture.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/base/eigen_exp.hpp"
#include "qtherm/dynamics/krylov.hpp"
#include "qtherm/operators/pauli_sum.hpp"
#include "qtherm/parallel/vec_array.hpp"
#include "qtherm/parallel/vector_ops.hpp"

using namespace qtherm;
using Eigen::MatrixXcd;
using Eigen::VectorXcd;
using cplx = std::complex<double>;

namespace {

operators::PauliSum chain(int sites) {
  std::mt19937 gen(11);
  std::uniform_real_distribution<double> field(-1, 1);
  operators::PauliSum H(sites);
  for (int j = 0; j < sites; ++j) {
    H.add(field(gen), {{j, 'z'}});
    H.add(0.3 * field(gen), {{j, 'x'}});
    if (j + 1 < sites)
      for (char c : {'x', 'y', 'z'}) H.add(1.0, {{j, c}, {j + 1, c}});
  }
  return H;
}

// max_k |(exp(alpha H) b)_k − reference_k| / ||b|| for a random b.
double worst(int sites, bool shell, cplx alpha, bool expect_dense) {
  const auto basis = space::BitBasis::full(sites);
  const auto H = chain(sites);
  const parallel::Matrix A =
      shell ? operators::assemble_shell(PETSC_COMM_SELF, H, basis) : operators::assemble(PETSC_COMM_SELF, H, basis);
  const dynamics::KrylovExponential U(A, 1e-13);
  BOOST_TEST(U.dense() == expect_dense);
  const long n = basis.size();
  const std::vector<cplx> rows = H.dense(basis);
  const MatrixXcd Hd =
      Eigen::Map<const Eigen::Matrix<cplx, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(rows.data(), n, n);
  const MatrixXcd E = (alpha * Hd).exp();
  std::mt19937 gen(5);
  std::normal_distribution<double> g;
  VectorXcd b(n);
  for (long k = 0; k < n; ++k) b(k) = {g(gen), g(gen)};
  parallel::Vector vb, vx;
  parallel::make_vectors(A, vb, vx);
  {
    const parallel::WriteArray w(vb);
    for (long k = 0; k < n; ++k) w[k] = b(k);
  }
  U.apply(alpha, vb, vx);
  const VectorXcd want = E * b;
  const parallel::ReadArray x(vx);
  double err = 0;
  for (long k = 0; k < n; ++k) err = std::max(err, std::abs(x[k] - want(k)) / want.norm());
  return err;
}

}  // namespace

BOOST_AUTO_TEST_CASE(dense_path_equals_the_exponential) {
  for (bool shell : {false, true}) {
    BOOST_TEST(worst(6, shell, cplx(0, -1.7), true) < 1e-12);  // real time, d = 64
    BOOST_TEST(worst(8, shell, cplx(0, -0.9), true) < 1e-12);  // d = 256 = kDenseMax
    BOOST_TEST(worst(7, shell, cplx(-0.8, 0), true) < 1e-12);  // imaginary time
  }
}

BOOST_AUTO_TEST_CASE(krylov_path_above_the_limit) {
  BOOST_TEST(worst(9, false, cplx(0, -0.9), false) < 1e-10);  // d = 512
  BOOST_TEST(worst(9, true, cplx(-0.5, 0), false) < 1e-10);
}

BOOST_AUTO_TEST_CASE(option_keeps_krylov_for_small_operators) {
  QTHERM_PETSC(PetscOptionsSetValue(nullptr, "-mfn_dense_max", "0"));
  BOOST_TEST(worst(6, false, cplx(0, -1.7), false) < 1e-10);
  BOOST_TEST(worst(6, true, cplx(-0.8, 0), false) < 1e-10);
  QTHERM_PETSC(PetscOptionsClearValue(nullptr, "-mfn_dense_max"));
}
