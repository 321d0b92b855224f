// Trace distance and the closed-form trace-distance discord of X states (docs/physics.md) against
// known values and against the upper bound ½‖ρ − Π_A(ρ)‖₁ given by every projective measurement
// on A (its post-measurement state is classical-quantum).
#define BOOST_TEST_MODULE trace_distance
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "qtherm/info/trace_distance.hpp"
#include "quantum_states.hpp"

using qtherm::info::trace_distance;
using qtherm::info::trace_distance_discord_x;

namespace {
const std::complex<double> I(0, 1);

// min over measurement bases of A (grid in θ, φ) of ½‖ρ − Π_A(ρ)‖₁.
double measured_bound(const Dense& rho) {
  double best = 1e300;
  for (int a = 0; a <= 60; ++a)
    for (int b = 0; b < 60; ++b) {
      const double th = M_PI * a / 60, ph = 2 * M_PI * b / 60;
      Eigen::Vector2cd u(std::cos(th / 2), std::exp(I * ph) * std::sin(th / 2));
      Eigen::Vector2cd v(-std::exp(-I * ph) * std::sin(th / 2), std::cos(th / 2));
      Dense chi = Dense::Zero(4, 4);
      for (const auto& e : {u, v}) {
        const Dense P = kron(e * e.adjoint(), Dense::Identity(2, 2));
        chi += P * rho * P;
      }
      best = std::min(best, trace_distance(rho, chi));
    }
  return best;
}

}  // namespace

BOOST_AUTO_TEST_CASE(known_values) {
  BOOST_TEST(std::abs(trace_distance_discord_x(bell_phi_plus()) - 0.5) < 1e-14);
  for (double p : {0.0, 0.3, 1.0}) BOOST_TEST(std::abs(trace_distance_discord_x(werner(p)) - p / 2) < 1e-14);
  Dense diag_a = Dense::Zero(2, 2), diag_b = Dense::Zero(2, 2);
  diag_a(0, 0) = 0.3, diag_a(1, 1) = 0.7, diag_b(0, 0) = 0.9, diag_b(1, 1) = 0.1;
  BOOST_TEST(trace_distance_discord_x(kron(diag_a, diag_b)) < 1e-15);  // product: 0
  BOOST_TEST(std::abs(trace_distance(bell_phi_plus(), Dense::Identity(4, 4) / 4.0) - 0.75) < 1e-14);
}

BOOST_AUTO_TEST_CASE(closed_form_is_below_every_measured_cq_state_and_tight_for_bell_diagonal_states) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    const Dense r = random_x_state(seed);
    const double d = trace_distance_discord_x(r);
    BOOST_TEST_CONTEXT("seed " << seed) {
      BOOST_TEST(d >= 0.0);
      BOOST_TEST(d <= measured_bound(r) + 1e-12);
      // Only |ρ23| and |ρ14| matter: local phase rotations leave D-> unchanged.
      Dense rot = r;
      rot(1, 2) *= std::exp(I * 0.7), rot(2, 1) = std::conj(rot(1, 2));
      BOOST_TEST(std::abs(trace_distance_discord_x(rot) - d) < 1e-15);
    }
  }
  // Werner states (a degenerate case of the closed form): the bound p/2 is attained.
  for (double p : {0.2, 0.6, 0.9})
    BOOST_TEST(std::abs(trace_distance_discord_x(werner(p)) - measured_bound(werner(p))) < 1e-12);
  BOOST_CHECK_THROW(trace_distance_discord_x(random_density_matrix(4, 5)), std::exception);  // not an X state
}
