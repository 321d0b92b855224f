// Concurrence (Wootters), negativity and logarithmic negativity: Bell, Werner, pure, product and
// X states against closed forms; qubit-qutrit pure states via their Schmidt coefficients;
// bipartitions of three parties against an explicit partial transpose; local-unitary invariance;
// validation messages.
#define BOOST_TEST_MODULE info_entanglement
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "error_messages.hpp"
#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/info/entanglement.hpp"
#include "quantum_states.hpp"

using namespace qtherm::info;

namespace {
const std::complex<double> I(0, 1);
const double ln2 = std::log(2.0);
const std::vector<long> qq{2, 2};

// Partial transpose of party 0 of a (dA·dB) matrix by blocks: (ρ^{T_A})_{(i,k),(j,l)} = ρ_{(j,k),(i,l)}.
Dense pt_first(const Dense& r, long da, long db) {
  Dense out(r.rows(), r.cols());
  for (long i = 0; i < da; ++i)
    for (long j = 0; j < da; ++j) out.block(i * db, j * db, db, db) = r.block(j * db, i * db, db, db);
  return out;
}
double trace_norm(const Dense& h) { return Eigen::SelfAdjointEigenSolver<Dense>(h).eigenvalues().cwiseAbs().sum(); }
}  // namespace

BOOST_AUTO_TEST_CASE(bell_werner_and_product_states) {
  for (Eigen::Vector4cd v :
       {Eigen::Vector4cd(1, 0, 0, 1), Eigen::Vector4cd(0, 1, -1, 0), Eigen::Vector4cd(0, 1, I, 0)}) {
    const Dense b = pure(v);
    BOOST_TEST(std::abs(concurrence(b) - 1) < 1e-12);
    BOOST_TEST(std::abs(negativity(b, qq, {0}, {1}) - 0.5) < 1e-14);
    BOOST_TEST(std::abs(log_negativity(b, qq, {0}, {1}) - ln2) < 1e-14);
    BOOST_TEST(std::abs(log_negativity(b, qq, {0}, {1}, 2.0) - 1.0) < 1e-14);
  }
  // Werner: C = max(0, (3p − 1)/2), the partial transpose has eigenvalue (1 − 3p)/4, so
  // N = max(0, (3p − 1)/4) and E_N = ln(1 + 2N).
  double worst = 0;
  for (int k = 0; k <= 30; ++k) {
    const double p = k / 30.0, c = std::max(0.0, (3 * p - 1) / 2), n = std::max(0.0, (3 * p - 1) / 4);
    worst = std::max({worst, std::abs(concurrence(werner(p)) - c), std::abs(negativity(werner(p), qq, {0}, {1}) - n),
                      std::abs(log_negativity(werner(p), qq, {0}, {1}) - std::log(1 + 2 * n))});
  }
  BOOST_TEST(worst < 1e-12);
  BOOST_TEST_MESSAGE("Werner: worst error " << worst);
  for (unsigned seed = 1; seed <= 5; ++seed) {
    const Dense prod = kron(random_density_matrix(2, seed), random_density_matrix(2, seed + 10));
    BOOST_TEST(concurrence(prod) < 1e-12);
    BOOST_TEST(negativity(prod, qq, {0}, {1}) < 1e-14);
    const Dense prod23 = kron(random_density_matrix(2, seed), random_density_matrix(3, seed + 10));
    BOOST_TEST(log_negativity(prod23, {2, 3}, {1}, {0}) < 1e-14);
  }
}

BOOST_AUTO_TEST_CASE(pure_and_x_states) {
  double worst_pure = 0;
  for (unsigned seed = 1; seed <= 10; ++seed) {
    // a|00> + b|01> + c|10> + d|11>: C = 2|ad − bc|; for pure two-qubit states N = C/2.
    const Eigen::VectorXcd v = random_state_vector(4, seed);
    const Dense psi = v * v.adjoint();
    const double c = 2 * std::abs(v(0) * v(3) - v(1) * v(2));
    worst_pure = std::max(worst_pure, std::abs(concurrence(psi) - c));
    BOOST_TEST(std::abs(negativity(psi, qq, {0}, {1}) - c / 2) < 1e-13);
    // Qubit ⊗ qutrit pure state with Schmidt coefficients s_k: ‖ρ^{T_A}‖₁ = (Σ s_k)².
    const Eigen::VectorXcd w = random_state_vector(6, seed + 20);
    const Eigen::Map<const Eigen::Matrix<std::complex<double>, 3, 2>> m(w.data());  // m(k, i) = w(i·3 + k)
    const Eigen::Vector2d s = Eigen::JacobiSVD<Eigen::Matrix<std::complex<double>, 3, 2>>(m).singularValues();
    BOOST_TEST(std::abs(log_negativity(Dense(w * w.adjoint()), {2, 3}, {0}, {1}) - 2 * std::log(s.sum())) < 1e-13);
  }
  // Rank-one states: a route through √eig(ρρ̃) would lose half the digits here (~1e-8).
  BOOST_TEST(worst_pure < 1e-13);
  BOOST_TEST_MESSAGE("pure-state concurrence: worst error " << worst_pure);
  // X states, seed 002 Eq. (F15): C = 2 max(0, |w| − √(bc), |z| − √(ad)).
  std::mt19937 gen(3);
  std::uniform_real_distribution<double> u(0.02, 1), ph(0, 2 * M_PI);
  int entangled = 0;
  for (int k = 0; k < 30; ++k) {
    Eigen::Vector4d p(u(gen), u(gen), u(gen), u(gen));
    p /= p.sum();
    const std::complex<double> w = u(gen) * std::sqrt(p(0) * p(3)) * std::exp(I * ph(gen));
    const std::complex<double> z = u(gen) * std::sqrt(p(1) * p(2)) * std::exp(I * ph(gen));
    const Dense r = x_state(p, std::conj(w), std::conj(z));  // ρ41 = w, ρ32 = z
    const double c =
        2 * std::max({0.0, std::abs(r(3, 0)) - std::sqrt(p(1) * p(2)), std::abs(r(2, 1)) - std::sqrt(p(0) * p(3))});
    BOOST_TEST(std::abs(concurrence(r) - c) < 1e-12);
    if (c > 0) ++entangled;
    // Two-qubit X states: the negative eigenvalue of ρ^{T_A} is the smaller of
    // ½[(a + d) − √((a − d)² + 4|z|²)] and ½[(b + c) − √((b − c)² + 4|w|²)].
    const double e1 = 0.5 * (p(0) + p(3) - std::sqrt(std::pow(p(0) - p(3), 2) + 4 * std::norm(r(2, 1))));
    const double e2 = 0.5 * (p(1) + p(2) - std::sqrt(std::pow(p(1) - p(2), 2) + 4 * std::norm(r(3, 0))));
    BOOST_TEST(std::abs(negativity(r, qq, {0}, {1}) - std::max(0.0, -std::min(e1, e2))) < 1e-14);
  }
  BOOST_TEST(entangled > 3);
}

BOOST_AUTO_TEST_CASE(bipartitions_and_local_unitary_invariance) {
  const std::vector<long> dims{2, 3, 2};
  const Dense r = random_density_matrix(12, 4);
  // A = {0}, B = {1, 2}: the whole state, transposing party 0.
  BOOST_TEST(std::abs(partial_transpose_trace_norm(r, dims, {0}, {1, 2}) - trace_norm(pt_first(r, 2, 6))) < 1e-13);
  // Transposing either side gives the same spectrum: (ρ^{T_A})^T = ρ^{T_B}.
  BOOST_TEST(std::abs(negativity(r, dims, {1, 2}, {0}) - negativity(r, dims, {0}, {1, 2})) < 1e-14);
  // A pure entangled state between party 1 and parties {0, 2} has positive negativity; a random
  // mixed one of this size usually not — just compare with the explicit construction.
  const Dense psi = random_pure(12, 8);
  BOOST_TEST(negativity(psi, dims, {1}, {0, 2}) > 0.1);
  // Local unitaries.
  for (unsigned seed = 1; seed <= 8; ++seed) {
    const Dense s = random_density_matrix(4, seed);
    const Dense u = kron(random_unitary(2, seed + 40), random_unitary(2, seed + 80));
    const Dense su = u * s * u.adjoint();
    BOOST_TEST(std::abs(concurrence(su) - concurrence(s)) < 1e-12);
    BOOST_TEST(std::abs(negativity(su, qq, {0}, {1}) - negativity(s, qq, {0}, {1})) < 1e-13);
    const Eigen::VectorXcd w = random_state_vector(6, seed + 3);
    const Dense t = 0.7 * w * w.adjoint() + 0.3 * random_density_matrix(6, seed);
    const Dense ut = kron(random_unitary(2, seed + 5), random_unitary(3, seed + 6));
    BOOST_TEST(std::abs(log_negativity(Dense(ut * t * ut.adjoint()), {2, 3}, {0}, {1}) -
                        log_negativity(t, {2, 3}, {0}, {1})) < 1e-13);
  }
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_measure) {
  BOOST_CHECK_EXCEPTION(concurrence(random_density_matrix(6, 1)), std::invalid_argument,
                        starts("concurrence: needs two qubits (4x4 state), got 6x6"));
  Dense bad = werner(0.5);
  bad(0, 3) = 0.2;  // not Hermitian
  BOOST_CHECK_EXCEPTION(concurrence(bad), std::invalid_argument,
                        starts("concurrence: density matrix is not Hermitian"));
  BOOST_CHECK_EXCEPTION(negativity(Dense(3.0 * werner(0.5)), qq, {0}, {1}), std::invalid_argument,
                        starts("negativity: density matrix has trace 3"));
  BOOST_CHECK_EXCEPTION(log_negativity(werner(0.5), {2, 3}, {0}, {1}), std::invalid_argument,
                        starts("log_negativity: parties of dimensions 2x3 need a 6x6 state, got 4x4"));
  BOOST_CHECK_EXCEPTION(negativity(werner(0.5), qq, {0}, {}), std::invalid_argument, starts("negativity: both groups"));
  BOOST_CHECK_EXCEPTION(negativity(werner(0.5), qq, {0}, {0}), std::invalid_argument,
                        starts("negativity: the groups of parties overlap"));
}
