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

// A random D×D problem with r start columns and two observables; real_h: H and the observables
// real; real_start: the columns real too. Checks the error and that the values do move.
void random_problem(const char* what, unsigned seed, long D, long r, bool real_h, bool real_start) {
  std::srand(seed);
  auto random = [&](long rows, long cols, bool real) {
    return real ? MatrixXcd(Eigen::MatrixXd::Random(rows, cols).cast<cplx>()) : MatrixXcd(MatrixXcd::Random(rows, cols));
  };
  const MatrixXcd H = hermitian(random(D, D, real_h));
  const MatrixXcd states = random(D, r, real_start);
  const Eigen::VectorXd w = Eigen::VectorXd::Random(r).cwiseAbs();
  const auto [worst, moved] = worst_error(H, states, w, {hermitian(random(D, D, real_h)), hermitian(random(D, D, real_h))});
  BOOST_TEST_MESSAGE(what << ": max error " << worst << ", values move by " << moved);
  BOOST_TEST(worst < 1e-11);
  BOOST_TEST(moved > 0.1);
}

}  // namespace

BOOST_AUTO_TEST_CASE(complex_problem_matches_the_matrix_exponential) {
  random_problem("complex", 3, 12, 5, false, false);
}

BOOST_AUTO_TEST_CASE(real_hamiltonian_with_a_complex_start_matches_the_matrix_exponential) {
  random_problem("real H, complex start", 7, 10, 4, true, false);
}

BOOST_AUTO_TEST_CASE(real_problem_matches_the_matrix_exponential) {
  random_problem("real", 5, 15, 15, true, true);
}
