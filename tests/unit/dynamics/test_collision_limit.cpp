// The continuous limit of a collision model: a trace- and Hermiticity-preserving generator whose
// stationary state is the Gibbs state for an energy-preserving coupling, refused where it does not
// exist, and the limit of the finite-δt map as δt → 0 with g = g0/√δt at the expected order.
#define BOOST_TEST_MODULE collision_limit
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/dynamics/state.hpp"
#include "qtherm/operators/local_operator.hpp"
#include "qtherm/dynamics/collision_limit.hpp"
#include "qtherm/dynamics/collision_map.hpp"

using Dense = Eigen::MatrixXcd;
using qtherm::dynamics::CollisionLimit;
using qtherm::dynamics::CollisionModel;

namespace {
Dense pauli(const char* n) { return qtherm::operators::local_operator(n, 2); }
Dense kron(const Dense& a, const Dense& b) { return Eigen::kroneckerProduct(a, b).eval(); }
const Dense Hs = 0.5 * pauli("sz"), Ha = 0.5 * pauli("sz");
// J_x σx⊗σx + J_y σy⊗σy + J_zy σz⊗σy (seed 004 Eq. 29).
Dense coupling(double jx, double jy, double jzy) {
  return jx * kron(pauli("sx"), pauli("sx")) + jy * kron(pauli("sy"), pauli("sy")) +
         jzy * kron(pauli("sz"), pauli("sy"));
}
Dense start() {
  Dense r(2, 2);
  r << 0.7, std::complex<double>(0.2, -0.1), std::complex<double>(0.2, 0.1), 0.3;
  return r;
}
}  // namespace

BOOST_AUTO_TEST_CASE(generator_is_trace_and_hermiticity_preserving) {
  const CollisionLimit lim(Hs, Ha, coupling(1, -0.5, 0.6), 1.0, 1.0);
  const Dense rho = lim.evolve(start(), 0.7);
  BOOST_TEST(std::abs(rho.trace() - std::complex<double>(1)) < 1e-13);
  BOOST_TEST((rho - rho.adjoint()).norm() < 1e-13);
  BOOST_TEST(Eigen::SelfAdjointEigenSolver<Dense>(rho).eigenvalues().minCoeff() > 0);
}

BOOST_AUTO_TEST_CASE(energy_preserving_coupling_thermalizes_with_no_currents) {
  const CollisionLimit lim(Hs, Ha, coupling(1, 1, 0), 1.0, 1.3);
  const Dense rho = lim.evolve(start(), 60);
  BOOST_TEST((rho - qtherm::dynamics::gibbs(Hs, 1.3)).norm() < 1e-10);
  BOOST_TEST(std::abs(lim.heat_current(rho)) < 1e-10);
  BOOST_TEST(std::abs(lim.work_current(rho)) < 1e-10);
}

BOOST_AUTO_TEST_CASE(no_limit_for_a_coupling_with_a_thermal_mean) {
  BOOST_CHECK_THROW(CollisionLimit(Hs, Ha, kron(pauli("sx"), pauli("sz")), 1.0, 1.0), std::invalid_argument);
  BOOST_CHECK_NO_THROW(CollisionLimit(Hs, Ha, kron(pauli("sz"), pauli("sy")), 1.0, 1.0));
}

BOOST_AUTO_TEST_CASE(finite_dt_map_converges_to_the_limit_at_first_order) {
  const double g0 = 1.0, beta = 1.0, t = 2.0;
  const Dense V = coupling(1, -0.5, 0.6);
  const CollisionLimit lim(Hs, Ha, V, g0, beta);
  const Dense exact = lim.evolve(start(), t);
  std::vector<double> state_err, heat_err;
  for (double dt : {0.02, 0.01, 0.005, 0.0025}) {
    const CollisionModel m(Hs, Ha, V, g0 / std::sqrt(dt), dt, beta);
    Dense rho = start();
    for (long k = 0; k < std::lround(t / dt); ++k) rho = m.apply(rho);
    state_err.push_back((rho - exact).norm());
    // Q = tr[(ρ_SA' − ρ_S ⊗ ρ_A) (1 ⊗ H_A)] of one collision from ρ.
    const Dense HA_joint = Eigen::kroneckerProduct(Dense::Identity(2, 2), Ha).eval();
    const Dense before = Eigen::kroneckerProduct(rho, m.ancilla_state()).eval();
    const double heat = ((m.step(rho).joint_after - before) * HA_joint).trace().real();
    heat_err.push_back(std::abs(heat / dt - lim.heat_current(exact)));
    BOOST_TEST_MESSAGE("dt = " << dt << ": |rho - rho_limit| = " << state_err.back()
                               << ", |Q/dt - Qdot_limit| = " << heat_err.back());
  }
  for (size_t k = 1; k < state_err.size(); ++k) {
    BOOST_TEST_CONTEXT("halving dt, step " << k << ": " << state_err[k - 1] << " -> " << state_err[k]) {
      const double ratio = state_err[k - 1] / state_err[k];
      BOOST_TEST(ratio > 1.8);  // first order: the error halves with dt
      BOOST_TEST(ratio < 2.2);
      BOOST_TEST(heat_err[k] < heat_err[k - 1]);
    }
  }
  BOOST_TEST(state_err.back() < 1e-2);
  BOOST_TEST(heat_err.back() < 1e-2);
}
