// dynamics/mixed_state_evolution against brute force: ρ(t) = e^{−iHt} ρ0 e^{iHt} with the
// propagator from Eigen's (unsupported) Padé matrix exponential, not from an eigendecomposition,
// for a complex problem (complex path), a real one (the real path: cosines and sines) and a real
// Hamiltonian with a complex start (real spectrum, complex phases).
#define BOOST_TEST_MODULE mixed_state_evolution
#include <boost/test/unit_test.hpp>

#include <unsupported/Eigen/MatrixFunctions>

#include "qtherm/dynamics/mixed_state_evolution.hpp"

using namespace qtherm;
using Eigen::MatrixXcd;
using cplx = std::complex<double>;

namespace {

// The largest |tr(O ρ(t)) − reference| over observables and times, and how far the values move.
std::pair<double, double> worst_error(const MatrixXcd& H, const MatrixXcd& states, const Eigen::VectorXd& w,
                                      const std::vector<MatrixXcd>& O) {
  const std::vector<double> times = {0, 0.7, 2.5, 9.0};
  std::vector<operators::SparseSectorMatrix> sparse;
  for (const auto& o : O) sparse.push_back(o.sparseView());
  const auto s = dynamics::DenseSpectrum(H, sparse).evolve(states.sparseView(), w, times);
  const MatrixXcd rho0 = states * w.asDiagonal() * states.adjoint();
  double worst = 0, moved = 0;
  for (size_t j = 0; j < times.size(); ++j) {
    const MatrixXcd U = (cplx(0, -times[j]) * H).exp();
    const MatrixXcd rho = U * rho0 * U.adjoint();
    BOOST_TEST(std::abs(s.trace[j] - rho0.trace().real()) < 1e-12);
    for (size_t o = 0; o < O.size(); ++o) {
      const double want = (O[o] * rho).trace().real();
      worst = std::max(worst, std::abs(s.values[o][j] - want));
      moved = std::max(moved, std::abs(want - (O[o] * rho0).trace().real()));
    }
  }
  return {worst, moved};
}

MatrixXcd hermitian(const MatrixXcd& a) { return (a + a.adjoint()) / 2; }

}  // namespace

BOOST_AUTO_TEST_CASE(complex_problem_matches_the_matrix_exponential) {
  std::srand(3);
  const long D = 12, r = 5;
  const MatrixXcd H = hermitian(MatrixXcd::Random(D, D));
  const MatrixXcd states = MatrixXcd::Random(D, r);
  const Eigen::VectorXd w = Eigen::VectorXd::Random(r).cwiseAbs();
  const auto [worst, moved] = worst_error(H, states, w, {hermitian(MatrixXcd::Random(D, D)), hermitian(MatrixXcd::Random(D, D))});
  BOOST_TEST_MESSAGE("complex: max error " << worst << ", values move by " << moved);
  BOOST_TEST(worst < 1e-11);
  BOOST_TEST(moved > 0.1);
}

BOOST_AUTO_TEST_CASE(real_hamiltonian_with_a_complex_start_matches_the_matrix_exponential) {
  std::srand(7);
  const long D = 10, r = 4;
  const MatrixXcd H = hermitian(Eigen::MatrixXd::Random(D, D).cast<cplx>());
  const MatrixXcd states = MatrixXcd::Random(D, r);
  const Eigen::VectorXd w = Eigen::VectorXd::Random(r).cwiseAbs();
  const auto [worst, moved] = worst_error(H, states, w, {hermitian(Eigen::MatrixXd::Random(D, D).cast<cplx>())});
  BOOST_TEST_MESSAGE("real H, complex start: max error " << worst << ", values move by " << moved);
  BOOST_TEST(worst < 1e-11);
  BOOST_TEST(moved > 0.1);
}

BOOST_AUTO_TEST_CASE(real_problem_matches_the_matrix_exponential) {
  std::srand(5);
  const long D = 15, r = 15;
  const MatrixXcd H = hermitian(Eigen::MatrixXd::Random(D, D).cast<cplx>());
  const MatrixXcd states = Eigen::MatrixXd::Random(D, r).cast<cplx>();
  const Eigen::VectorXd w = Eigen::VectorXd::Random(r).cwiseAbs();
  const auto [worst, moved] = worst_error(H, states, w, {hermitian(Eigen::MatrixXd::Random(D, D).cast<cplx>())});
  BOOST_TEST_MESSAGE("real: max error " << worst << ", values move by " << moved);
  BOOST_TEST(worst < 1e-11);
  BOOST_TEST(moved > 0.1);
}
