// LindbladEvolution on its own, against closed forms: two independent damped qubits,
//   L = Σ_k −i[ω_k σ+σ−(k), ·] + γ_k D[σ−(k)],
// from a product of random qubit states. Each qubit decays as
//   ρ(t) = e^{−γt} P_e ρ0 P_e + P_g ρ0 P_g + (1 − e^{−γt}) σ− P_e ρ0 P_e σ+
//          + e^{−(iω+γ/2)t} P_e ρ0 P_g + e^{(iω−γ/2)t} P_g ρ0 P_e,
// and the time integral of its excited population is p_e(0)(1 − e^{−γt})/γ. Both integrators,
// the assembled and the matrix-free Liouvillian, at whatever rank count mpiexec gives (1, 2, 3).
#define BOOST_TEST_MODULE lindblad_evolution
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <complex>
#include <unsupported/Eigen/KroneckerProduct>

#include "dense_reference.hpp"
#include "petsc_fixture.hpp"
#include "qtherm/dynamics/lindblad_evolution.hpp"
#include "qtherm/space/vectorize.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/operators/column_liouvillian.hpp"
#include "qtherm/operators/liouvillian_parts.hpp"
#include "qtherm/operators/local_operator.hpp"
#include "qtherm/operators/operator_sum.hpp"
#include "qtherm/operators/superoperator.hpp"
#include "qtherm/space/partial_trace.hpp"

using namespace qtherm;

namespace {

const double kOmega[2] = {1.3, 0.7}, kGamma[2] = {0.4, 0.9};

// σ+σ−: the projector on the excited state, in whatever basis order local_operator uses.
Dense excited_projector() {
  const Dense sm = operators::local_operator("sm", 2);
  return sm.adjoint() * sm;
}

Dense damped_qubit(const Dense& rho0, double omega, double gamma, double t) {
  const Dense sm = operators::local_operator("sm", 2);
  const Dense Pe = excited_projector(), Pg = Dense::Identity(2, 2) - Pe;
  const std::complex<double> i(0, 1);
  const double decay = std::exp(-gamma * t);
  const Dense ee = Pe * rho0 * Pe;
  return decay * ee + Pg * rho0 * Pg + (1 - decay) * sm * ee * sm.adjoint() +
         std::exp(-(i * omega + gamma / 2) * t) * Pe * rho0 * Pg +
         std::exp((i * omega - gamma / 2) * t) * Pg * rho0 * Pe;
}

struct Case {
  std::string integrator;
  bool shell;
};

void check(const Case& c) {
  BOOST_TEST_CONTEXT("integrator " << c.integrator << (c.shell ? ", matrix-free" : ", assembled")) {
    const space::TensorSpace h({2, 2});
    const space::LiouvilleSpace ls(h);
    operators::OperatorSum H(h);
    for (int k = 0; k < 2; ++k) H.add(operators::local(h, "sp", k) * operators::local(h, "sm", k), kOmega[k]);
    auto L = operators::hamiltonian_part(H);
    for (int k = 0; k < 2; ++k) L.add(operators::dissipator(operators::local(h, "sm", k), kGamma[k]));
    const operators::LiouvillianParts parts(L);
    const auto A = c.shell ? operators::make_column_liouvillian(PETSC_COMM_WORLD, parts)
                           : operators::assemble(PETSC_COMM_WORLD, L);

    const std::vector<Dense> rho0 = {random_density_matrix(2, 11), random_density_matrix(2, 12)};
    auto rho = space::vectorize_product(PETSC_COMM_WORLD, rho0, ls);
    // ∫ p_e(0) dt and ∫ p_e(1) dt.
    const std::vector<operators::Sparse> integrands = {
        operators::to_sparse(operators::local(h, "sp", 0) * operators::local(h, "sm", 0)),
        operators::to_sparse(operators::local(h, "sp", 1) * operators::local(h, "sm", 1))};
    dynamics::EvolutionSettings s;
    s.integrator = c.integrator;
    s.atol = 1e-13;
    s.rtol = 1e-11;
    s.progress_interval = 0;
    dynamics::LindbladEvolution evolution(PETSC_COMM_WORLD, A, s, integrands, &parts);

    const std::vector<double> times = {0, 0.5, 1.7, 4.0};
    const Dense Pe = excited_projector();
    int sampled = 0;
    double worst_state = 0, worst_integral = 0;
    const bool finished = evolution.evolve(rho, times, [&](double t, Vec x, const std::vector<double>& integrals) {
      BOOST_TEST(t == times[sampled]);
      const Dense exact = Eigen::kroneckerProduct(damped_qubit(rho0[0], kOmega[0], kGamma[0], t),
                                                  damped_qubit(rho0[1], kOmega[1], kGamma[1], t));
      worst_state = std::max(worst_state, (space::gather_density_matrix(x, ls) - exact).norm());
      BOOST_REQUIRE_EQUAL(integrals.size(), 2u);
      for (int k = 0; k < 2; ++k) {
        const double pe0 = (Pe * rho0[k]).trace().real();
        const double exact_integral = pe0 * (1 - std::exp(-kGamma[k] * t)) / kGamma[k];
        worst_integral = std::max(worst_integral, std::abs(integrals[k] - exact_integral));
      }
      ++sampled;
    });
    BOOST_TEST(finished);
    BOOST_TEST(sampled == int(times.size()));
    BOOST_TEST(worst_state < 1e-9);
    BOOST_TEST(worst_integral < 1e-9);
    BOOST_TEST(evolution.state().t == times.back());
    BOOST_TEST(evolution.cost().applications > 0);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(taylor_assembled) { check({"taylor", false}); }
BOOST_AUTO_TEST_CASE(taylor_matrix_free) { check({"taylor", true}); }
BOOST_AUTO_TEST_CASE(rk_assembled) { check({"rk", false}); }
BOOST_AUTO_TEST_CASE(rk_matrix_free) { check({"rk", true}); }
