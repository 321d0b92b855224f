// Entropic measures: von Neumann entropy, relative entropy (incl. the +inf case and qubit closed
// forms), mutual information, conditional entropy and correlation information on Bell, GHZ,
// product, classically correlated and pure states; local-unitary invariance; party grouping;
// validation messages.
#define BOOST_TEST_MODULE info_entropy
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

#include "error_messages.hpp"
#include "qtherm/info/entropy.hpp"
#include "qtherm/info/trace_distance.hpp"
#include "qtherm/space/partial_trace.hpp"
#include "quantum_states.hpp"

using namespace qtherm::info;

namespace {
const std::complex<double> I(0, 1);
const double ln2 = std::log(2.0);
}  // namespace

BOOST_AUTO_TEST_CASE(entropy_known_values) {
  for (long d : {2L, 3L, 7L}) {
    BOOST_TEST(std::abs(von_neumann_entropy(Dense::Identity(d, d) / double(d)) - std::log(double(d))) < 1e-14);
    BOOST_TEST(std::abs(von_neumann_entropy(Dense::Identity(d, d) / double(d), 2.0) - std::log2(double(d))) < 1e-14);
  }
  BOOST_TEST(std::abs(von_neumann_entropy(bell_phi_plus())) < 1e-14);
  Dense diag = Dense::Zero(3, 3);
  diag.diagonal() << 0.2, 0.3, 0.5;
  const double h = -(0.2 * std::log(0.2) + 0.3 * std::log(0.3) + 0.5 * std::log(0.5));
  const Dense u = random_unitary(3, 1);
  BOOST_TEST(std::abs(von_neumann_entropy(Dense(u * diag * u.adjoint())) - h) < 1e-14);
  BOOST_TEST(std::abs(von_neumann_entropy(diag, 10.0) - h / std::log(10.0)) < 1e-14);
  BOOST_TEST(std::abs(purity(diag) - 0.38) < 1e-15);
  BOOST_TEST(std::abs(purity(bell_phi_plus()) - 1.0) < 1e-15);
  // A qubit with Bloch vector r: S = h((1 + |r|)/2).
  const double r = std::sqrt(0.09 + 0.16 + 0.25), p = 0.5 * (1 + r);
  BOOST_TEST(std::abs(von_neumann_entropy(qubit(0.3, 0.4, 0.5)) - (-p * std::log(p) - (1 - p) * std::log(1 - p))) <
             1e-14);
}

BOOST_AUTO_TEST_CASE(relative_entropy_closed_forms_and_support) {
  Dense p = Dense::Zero(3, 3), q = Dense::Zero(3, 3);
  p.diagonal() << 0.2, 0.3, 0.5;
  q.diagonal() << 0.5, 0.25, 0.25;
  const double kl = 0.2 * std::log(0.4) + 0.3 * std::log(1.2) + 0.5 * std::log(2.0);
  BOOST_TEST(std::abs(relative_entropy(p, q) - kl) < 1e-14);
  BOOST_TEST(std::abs(relative_entropy(p, q, 2.0) - kl / ln2) < 1e-14);
  BOOST_TEST(relative_entropy(p, p) < 1e-14);
  // Qubits: ln σ = a·1 + b ŝ·σ, a = ½ ln((1 − s²)/4), b = artanh s, so
  // D(ρ‖σ) = −S(ρ) − a − b r·ŝ.
  const Eigen::Vector3d rv(0.1, -0.5, 0.6), sv(0.4, 0.2, -0.3);
  const double s = sv.norm(), a = 0.5 * std::log((1 - s * s) / 4), b = std::atanh(s);
  const Dense rho = qubit(rv(0), rv(1), rv(2)), sigma = qubit(sv(0), sv(1), sv(2));
  const double closed = -von_neumann_entropy(rho) - a - b * rv.dot(sv) / s;
  BOOST_TEST(std::abs(relative_entropy(rho, sigma) - closed) < 1e-14);
  // Support: ρ outside supp σ gives +inf; inside a rank-deficient σ it is finite.
  const Dense e0 = qubit(0, 0, 1), e1 = qubit(0, 0, -1);
  BOOST_TEST(relative_entropy(e0, e1) == std::numeric_limits<double>::infinity());
  BOOST_TEST(relative_entropy(qubit(0.6, 0, 0), e1) == std::numeric_limits<double>::infinity());
  BOOST_TEST(std::abs(relative_entropy(e0, e0)) < 1e-14);
  Dense q0 = Dense::Zero(3, 3), p0 = Dense::Zero(3, 3);
  q0.diagonal() << 0.5, 0.5, 0;
  p0.diagonal() << 0.25, 0.75, 0;
  BOOST_TEST(std::abs(relative_entropy(p0, q0) - (0.25 * std::log(0.5) + 0.75 * std::log(1.5))) < 1e-14);
  // Weight below support_tolerance outside the support is dropped (documented), above it is not.
  Dense tiny = p0;
  tiny(2, 2) = 1e-14, tiny(1, 1) -= 1e-14;
  BOOST_TEST(std::isfinite(relative_entropy(tiny, q0)));
  tiny(2, 2) = 1e-9, tiny(1, 1) = 0.75 - 1e-9;
  BOOST_TEST(std::isinf(relative_entropy(tiny, q0)));
  BOOST_CHECK_EXCEPTION(relative_entropy(p, e0), std::invalid_argument,
                        starts("relative_entropy: states of different dimensions"));
}

BOOST_AUTO_TEST_CASE(mutual_information_conditional_entropy_correlation_information) {
  const std::vector<long> qq{2, 2};
  BOOST_TEST(std::abs(mutual_information(bell_phi_plus(), qq, {0}, {1}) - 2 * ln2) < 1e-14);
  BOOST_TEST(std::abs(conditional_entropy(bell_phi_plus(), qq, {0}, {1}) + ln2) < 1e-14);
  Dense classical = Dense::Zero(4, 4);
  classical(0, 0) = classical(3, 3) = 0.5;
  BOOST_TEST(std::abs(mutual_information(classical, qq, {0}, {1}) - ln2) < 1e-14);
  BOOST_TEST(std::abs(conditional_entropy(classical, qq, {0}, {1})) < 1e-14);
  BOOST_TEST(std::abs(mutual_information(classical, qq, {0}, {1}, 2.0) - 1.0) < 1e-14);
  const Dense prod = kron(kron(random_density_matrix(2, 1), random_density_matrix(3, 2)), random_density_matrix(2, 3));
  const std::vector<long> d3{2, 3, 2};
  BOOST_TEST(std::abs(mutual_information(prod, d3, {0}, {1, 2})) < 1e-13);
  BOOST_TEST(std::abs(correlation_information(prod, d3, {{0}, {1}, {2}})) < 1e-13);
  // GHZ: every single-qubit marginal is maximally mixed, the whole state pure.
  Eigen::VectorXcd ghz = Eigen::VectorXcd::Zero(8);
  ghz(0) = ghz(7) = 1;
  const std::vector<long> q3{2, 2, 2};
  BOOST_TEST(std::abs(correlation_information(pure(ghz), q3, {{0}, {1}, {2}}) - 3 * ln2) < 1e-13);
  BOOST_TEST(std::abs(correlation_information(pure(ghz), q3, {{0}, {1, 2}}) - 2 * ln2) < 1e-13);
  BOOST_TEST(std::abs(correlation_information(pure(ghz), q3, {{0}, {2}}) - ln2) < 1e-13);  // party 1 traced
  // Pure bipartite state: S(A) = S(B), I = 2 S(A), S(A|B) = −S(B).
  Eigen::VectorXcd v(6);
  v << 0.3, I * 0.2, -0.5, 0.1, 0.7, 0.25 * I;
  const Dense psi = pure(v);
  const qtherm::space::TensorSpace h23({2, 3});
  const double sa = von_neumann_entropy(qtherm::space::partial_trace(psi, h23, {0}));
  const double sb = von_neumann_entropy(qtherm::space::partial_trace(psi, h23, {1}));
  BOOST_TEST(std::abs(sa - sb) < 1e-14);
  BOOST_TEST(sa > 0.1);
  BOOST_TEST(std::abs(mutual_information(psi, {2, 3}, {0}, {1}) - 2 * sa) < 1e-14);
  BOOST_TEST(std::abs(conditional_entropy(psi, {2, 3}, {0}, {1}) + sb) < 1e-14);
  // Random three-party state: groups in any order equal the explicit partial traces.
  const Dense r = random_density_matrix(12, 9);
  const qtherm::space::TensorSpace h3({2, 3, 2});
  const auto S = [&](std::vector<int> keep) { return von_neumann_entropy(qtherm::space::partial_trace(r, h3, keep)); };
  BOOST_TEST(std::abs(mutual_information(r, d3, {2}, {1, 0}) - (S({2}) + S({0, 1}) - S({0, 1, 2}))) < 1e-13);
  BOOST_TEST(std::abs(conditional_entropy(r, d3, {2}, {0}) - (S({0, 2}) - S({0}))) < 1e-13);
  BOOST_TEST(std::abs(correlation_information(r, d3, {{1}, {2}, {0}}) - (S({0}) + S({1}) + S({2}) - S({0, 1, 2}))) <
             1e-13);
  // Local unitaries leave all of them unchanged.
  const Dense u = kron(kron(random_unitary(2, 4), random_unitary(3, 5)), random_unitary(2, 6));
  const Dense ru = u * r * u.adjoint();
  BOOST_TEST(std::abs(mutual_information(ru, d3, {0}, {1, 2}) - mutual_information(r, d3, {0}, {1, 2})) < 1e-13);
  BOOST_TEST(std::abs(correlation_information(ru, d3, {{0}, {1}, {2}}) -
                      correlation_information(r, d3, {{0}, {1}, {2}})) < 1e-13);
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_measure) {
  Dense nonherm = random_density_matrix(4, 1);
  nonherm(0, 1) += 1e-3;
  BOOST_CHECK_EXCEPTION(von_neumann_entropy(nonherm), std::invalid_argument,
                        starts("entropy: density matrix is not Hermitian"));
  BOOST_CHECK_EXCEPTION(purity(Dense(0.5 * random_density_matrix(3, 1))), std::invalid_argument,
                        starts("purity: density matrix has trace 0.5"));
  BOOST_CHECK_EXCEPTION(von_neumann_entropy(Dense::Identity(2, 3)), std::invalid_argument,
                        starts("entropy: density matrix must be square"));
  BOOST_CHECK_EXCEPTION(mutual_information(random_density_matrix(6, 1), {2, 2}, {0}, {1}), std::invalid_argument,
                        starts("mutual_information: parties of dimensions 2x2 need a 4x4 state, got 6x6"));
  BOOST_CHECK_EXCEPTION(mutual_information(bell_phi_plus(), {2, 2}, {0}, {0}), std::invalid_argument,
                        starts("mutual_information: the groups of parties overlap"));
  BOOST_CHECK_EXCEPTION(conditional_entropy(bell_phi_plus(), {2, 2}, {0}, {2}), std::invalid_argument,
                        starts("conditional_entropy: no party 2"));
  BOOST_CHECK_EXCEPTION(correlation_information(bell_phi_plus(), {2, 2}, {{0, 1}}), std::invalid_argument,
                        starts("correlation_information: needs at least two groups"));
  BOOST_CHECK_EXCEPTION(relative_entropy(nonherm, nonherm), std::invalid_argument,
                        starts("relative_entropy: density matrix is not Hermitian"));
  BOOST_CHECK_EXCEPTION(von_neumann_entropy(bell_phi_plus(), 1.0), std::invalid_argument,
                        starts("entropy: logarithm base"));
  // The trace-distance functions validate their states too.
  BOOST_CHECK_EXCEPTION(trace_distance(nonherm, bell_phi_plus()), std::invalid_argument,
                        starts("trace_distance: density matrix is not Hermitian"));
  BOOST_CHECK_EXCEPTION(trace_distance(bell_phi_plus(), Dense(Dense::Identity(2, 2) / 2.0)), std::invalid_argument,
                        starts("trace_distance: states of different dimensions 4 and 2"));
  BOOST_CHECK_EXCEPTION(trace_distance_discord_x(Dense(2.0 * bell_phi_plus())), std::invalid_argument,
                        starts("trace_distance_discord: density matrix has trace 2"));
  // Tolerances: 1e-12 relative non-Hermiticity and trace error pass, as documented.
  Dense nearly = random_density_matrix(4, 1);
  nearly(0, 1) += 1e-13;
  nearly(0, 0) += 1e-12;
  BOOST_CHECK_NO_THROW(von_neumann_entropy(nearly));
}
