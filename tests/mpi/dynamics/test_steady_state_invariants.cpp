// dynamics::steady_state and dynamics::InvariantMonitor on their own, at whatever rank count
// mpiexec gives (1, 2, 3):
//  - a qubit and a three-level ladder, each damped and pumped with detailed balance
//    (γ↓/γ↑ = e^{βω}), have the product of their Gibbs states as the one stationary state: both
//    methods find it, with a one-dimensional kernel (direct) and a small residual;
//  - a dephasing-only qubit keeps both populations: the direct route reports a degenerate kernel;
//  - the monitor's trace error, Hermiticity error and lowest eigenvalue of a deliberately
//    unphysical matrix equal the dense values, on both of its paths (gathered, distributed).
#define BOOST_TEST_MODULE steady_state_invariants
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>
#include <unsupported/Eigen/KroneckerProduct>

#include "dense_reference.hpp"
#include "petsc_fixture.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/dynamics/eigenbasis_preconditioner.hpp"
#include "qtherm/dynamics/invariants.hpp"
#include "qtherm/dynamics/state.hpp"
#include "qtherm/space/vectorize.hpp"
#include "qtherm/dynamics/steady_state.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/operators/column_liouvillian.hpp"
#include "qtherm/operators/local_operator.hpp"
#include "qtherm/operators/operator_sum.hpp"
#include "qtherm/operators/superoperator.hpp"
#include "qtherm/space/partial_trace.hpp"

using namespace qtherm;

namespace {

const double kBeta = 0.8, kOmega[2] = {1.0, 0.6}, kGamma[2] = {0.5, 0.3};

// e^{−βωn}/Z for the number operator n = a†a of `lowering` (a dense d×d matrix).
Dense gibbs(const Dense& lowering, double omega) {
  return dynamics::gibbs(omega * lowering.adjoint() * lowering, kBeta);
}

operators::SuperOperator thermalizing(const space::TensorSpace& h) {
  const char* lowering[2] = {"sm", "a"};  // a qubit, then a ladder truncated at 3 levels
  operators::OperatorSum H(h);
  for (int k = 0; k < 2; ++k) {
    const auto a = operators::local(h, lowering[k], k);
    H.add(operators::local(h, k == 0 ? "sp" : "adag", k) * a, kOmega[k]);
  }
  auto L = operators::hamiltonian_part(H);
  for (int k = 0; k < 2; ++k) {
    const auto down = operators::local(h, lowering[k], k), up = operators::local(h, k == 0 ? "sp" : "adag", k);
    L.add(operators::dissipator(down, kGamma[k]));
    L.add(operators::dissipator(up, kGamma[k] * std::exp(-kBeta * kOmega[k])));
  }
  return L;
}

}  // namespace

BOOST_AUTO_TEST_CASE(detailed_balance_gives_the_gibbs_product_by_both_methods) {
  const space::TensorSpace h({2, 3});
  const space::LiouvilleSpace ls(h);
  const auto L = thermalizing(h);
  const Dense exact = Eigen::kroneckerProduct(gibbs(operators::local_operator("sm", 2), kOmega[0]),
                                              gibbs(operators::local_operator("a", 3), kOmega[1]));
  const auto shell = operators::make_column_liouvillian(PETSC_COMM_WORLD, L);
  for (const std::string method : {"direct", "iterative"}) {
    BOOST_TEST_CONTEXT("method " << method) {
      dynamics::SteadyStateSettings s;
      s.method = method;
      dynamics::SteadyStateInfo info;
      const auto rho = dynamics::steady_state(
          shell, [&] { return operators::assemble(PETSC_COMM_WORLD, L); }, h.dim(), s, &info);
      BOOST_TEST((space::gather_density_matrix(rho, ls) - exact).norm() < 1e-10);
      BOOST_TEST(std::abs(dynamics::liouville_trace(rho, h.dim()) - PetscScalar(1.0)) < 1e-12);
      BOOST_TEST(info.residual_norm < 1e-10);
      BOOST_TEST(!info.solver.empty());
      if (method == "direct") {
        BOOST_TEST(info.kernel_dimension == 1);
        BOOST_TEST(info.next_eigenvalue > 1e-3);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(dephasing_alone_has_a_degenerate_kernel) {
  const space::TensorSpace h({2});
  auto L = operators::hamiltonian_part(operators::local(h, "sz", 0, 0.5));
  L.add(operators::dissipator(operators::local(h, "sz", 0), 0.3));
  const auto A = operators::assemble(PETSC_COMM_WORLD, L);
  dynamics::SteadyStateSettings s;
  s.method = "direct";
  try {
    dynamics::steady_state(
        A, [&] { return operators::assemble(PETSC_COMM_WORLD, L); }, h.dim(), s);
    BOOST_FAIL("a degenerate kernel was not reported");
  } catch (const dynamics::NotUnique& e) {
    BOOST_TEST(e.info.kernel_dimension >= 2);
  }
}

BOOST_AUTO_TEST_CASE(monitor_values_equal_the_dense_ones) {
  const space::TensorSpace h({2, 3});
  const space::LiouvilleSpace ls(h);
  // Hermitian with trace 1.1 and a negative eigenvalue, then a small anti-Hermitian part.
  Dense m = random_density_matrix(h.dim(), 5);
  m += 0.1 * Dense::Identity(h.dim(), h.dim()) / double(h.dim());
  m(0, 0) -= 0.3;
  m(1, 1) += 0.3;
  std::mt19937 gen(6);
  const Dense g = random_ginibre(h.dim(), gen);
  const Dense bad = m + 1e-3 * (g - g.adjoint());  // the same on every rank (fixed seed)

  const auto x = space::vectorize(PETSC_COMM_WORLD, bad, ls);
  const Dense herm = 0.5 * (bad + bad.adjoint());
  auto lowest_of = [&](std::vector<Dense> states) {
    double lowest = 1e300;
    for (const Dense& r : states)
      lowest = std::min(lowest, Eigen::SelfAdjointEigenSolver<Dense>(r).eigenvalues().minCoeff());
    return lowest;
  };
  const Dense r0 = space::partial_trace(herm, h, {0}), r1 = space::partial_trace(herm, h, {1});
  // The full state checked (ρ gathered once), the same from ρ given dense, and only the parties
  // (the distributed reads: trace, block exchange, reduced states).
  const dynamics::InvariantMonitor full(PETSC_COMM_WORLD, ls, x), parties(PETSC_COMM_WORLD, ls, x, 256, 1);
  BOOST_TEST(lowest_of({r0, r1, herm}) < 0);
  BOOST_TEST(full.checks_full_state());
  BOOST_TEST(!parties.checks_full_state());
  const std::pair<dynamics::InvariantValues, double> cases[] = {{full.measure(x), lowest_of({r0, r1, herm})},
                                                                {full.measure(bad), lowest_of({r0, r1, herm})},
                                                                {parties.measure(x), lowest_of({r0, r1})}};
  for (const auto& [v, lowest] : cases) {
    BOOST_TEST(std::abs(v.trace_error - std::abs(bad.trace() - 1.0)) < 1e-12);
    BOOST_TEST(std::abs(v.hermiticity_error - (bad - bad.adjoint()).norm() / bad.norm()) < 1e-12);
    BOOST_TEST(std::abs(v.min_eigenvalue - lowest) < 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(eigenbasis_preconditioner_inverts_what_is_diagonal_in_the_eigenbasis) {
  // L = −i[H, ·] − 0.3 (H² ρ + ρ H²) − 0.7 ρ is diagonal in H's eigenbasis (W_ab = −i(E_a − E_b) −
  // 0.3 (E_a² + E_b²) − 0.7 ≠ 0), so P⁻¹ L x = x exactly: on the column shell and on the assembled L,
  // whose row split (d² = 144 entries over the ranks) cuts columns.
  const space::TensorSpace h({2, 3, 2});
  operators::OperatorSum H(h);
  H.add(operators::local(h, "sx", 0, 0.7))
      .add(operators::local(h, "a", 1, 0.4))
      .add(operators::local(h, "adag", 1, 0.4))
      .add(operators::local(h, "sz", 2, 0.3))
      .add(operators::local(h, "sy", 0) * operators::local(h, "sx", 2), 0.5);
  const auto I = operators::OperatorSum::identity(h);
  auto L = operators::hamiltonian_part(H);
  L.add(-0.3, H * H, I).add(-0.3, I, H * H).add(-0.7, I, I);
  const dynamics::EigenbasisPreconditioner P(PETSC_COMM_WORLD, H, L);
  std::mt19937 gen(3);
  const Dense x0 = random_ginibre(h.dim(), gen);  // not Hermitian: a Krylov vector is not
  for (bool shell : {true, false}) BOOST_TEST_CONTEXT((shell ? "shell" : "assembled")) {
      const auto A =
          shell ? operators::make_column_liouvillian(PETSC_COMM_WORLD, L) : operators::assemble(PETSC_COMM_WORLD, L);
      parallel::Vector x, y, z;
      QTHERM_PETSC(MatCreateVecs(A, x.out(), y.out()));
      QTHERM_PETSC(VecDuplicate(x, z.out()));
      const auto xv = space::vectorize(PETSC_COMM_WORLD, x0, space::LiouvilleSpace(h));
      QTHERM_PETSC(VecCopy(xv, x));
      QTHERM_PETSC(MatMult(A, x, y));
      P.apply(y, z);
      QTHERM_PETSC(VecAXPY(z, -1.0, x));
      PetscReal err = 0, norm = 0;
      QTHERM_PETSC(VecNorm(z, NORM_INFINITY, &err));
      QTHERM_PETSC(VecNorm(x, NORM_INFINITY, &norm));
      BOOST_TEST(err < 1e-12 * norm);
    }
}
