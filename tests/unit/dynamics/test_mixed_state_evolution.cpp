// dynamics/mixed_state_evolution against brute force: ρ(t) = e^{−iHt} ρ0 e^{iHt} with the
// propagator from Eigen's (unsupported) Padé matrix exponential, not from an eigendecomposition,
// for a complex problem (complex path), a real one (the real path: cosines and sines) and a real
// Hamiltonian with a complex start (real spectrum, complex phases); and the eigensolver itself on
// degenerate spectra.
#define BOOST_TEST_MODULE mixed_state_evolution
#include <boost/test/unit_test.hpp>

#include "qtherm/base/eigen_exp.hpp"
#include "qtherm/dynamics/hermitian_eigen.hpp"
#include "qtherm/dynamics/mixed_state_evolution.hpp"
#include "quantum_states.hpp"

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
  const dynamics::DenseSpectrum spectrum(H, sparse);
  // The start as sparse columns and as dense ones: the same evolution.
  const auto from_sparse = spectrum.evolve(dynamics::StateColumns(states.sparseView()), w, times);
  const auto from_dense = spectrum.evolve(states, w, times);
  const MatrixXcd rho0 = states * w.asDiagonal() * states.adjoint();
  double worst = 0, moved = 0;
  for (size_t j = 0; j < times.size(); ++j) {
    const MatrixXcd U = (cplx(0, -times[j]) * H).exp();
    const MatrixXcd rho = U * rho0 * U.adjoint();
    for (const auto* s : {&from_sparse, &from_dense}) {
      BOOST_TEST(std::abs(s->trace[j] - rho0.trace().real()) < 1e-12);
      for (size_t o = 0; o < O.size(); ++o) {
        const double want = (O[o] * rho).trace().real();
        worst = std::max(worst, std::abs(s->values[o][j] - want));
        moved = std::max(moved, std::abs(want - (O[o] * rho0).trace().real()));
      }
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
    return real ? MatrixXcd(Eigen::MatrixXd::Random(rows, cols).cast<cplx>())
                : MatrixXcd(MatrixXcd::Random(rows, cols));
  };
  const MatrixXcd H = hermitian(random(D, D, real_h));
  const MatrixXcd states = random(D, r, real_start);
  const Eigen::VectorXd w = Eigen::VectorXd::Random(r).cwiseAbs();
  const auto [worst, moved] =
      worst_error(H, states, w, {hermitian(random(D, D, real_h)), hermitian(random(D, D, real_h))});
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

BOOST_AUTO_TEST_CASE(real_problem_matches_the_matrix_exponential) { random_problem("real", 5, 15, 15, true, true); }

// dynamics/hermitian_eigen (tridiagonalization + LAPACK dstedc) on spectra with many exact
// degeneracies, as many-body Hamiltonians have: residual and orthonormality of the eigenvectors.
BOOST_AUTO_TEST_CASE(hermitian_eigen_is_orthonormal_on_degenerate_spectra) {
  std::srand(11);
  const long D = 60;
  Eigen::VectorXd levels(D);
  for (long a = 0; a < D; ++a) levels(a) = double(a % 4) - 1.5;  // four levels, 15-fold each
  auto check = [&](const auto& H) {
    using M = std::decay_t<decltype(H)>;
    Eigen::VectorXd E;
    M V;
    dynamics::hermitian_eigen(H, E, V);
    const double residual = (H * V - V * E.asDiagonal()).cwiseAbs().maxCoeff();
    const double orth = (V.adjoint() * V - M::Identity(D, D)).cwiseAbs().maxCoeff();
    BOOST_TEST_MESSAGE("residual " << residual << ", orthonormality " << orth);
    BOOST_TEST(residual < 1e-12);
    BOOST_TEST(orth < 1e-12);
    BOOST_TEST(std::is_sorted(E.data(), E.data() + D));
    BOOST_TEST(std::abs(E(0) + 1.5) < 1e-12);
    BOOST_TEST(std::abs(E(D - 1) - 1.5) < 1e-12);
  };
  const Eigen::MatrixXd Qr = random_orthogonal(D, 11);
  check(Eigen::MatrixXd(Qr * levels.asDiagonal() * Qr.transpose()));
  const MatrixXcd Qc = random_unitary(D, 12);
  check(MatrixXcd(Qc * levels.cast<cplx>().asDiagonal() * Qc.adjoint()));
}
