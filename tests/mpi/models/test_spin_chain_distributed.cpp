// The distributed pieces of the spin-chain erasure model against serial answers, at whatever rank
// count mpiexec gives (ctest: 1, 2, 3): Pauli-string sums assembled (full space and a magnetization
// sector) and as a shell, MFN evolution, the exact-environment route (Krylov and dense-spectral) against
// the dense route, and the typicality route (its samples do not depend on the rank count; it agrees
// with the exact answer within its reported error).
#define BOOST_TEST_MODULE spin_chain_distributed
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "petsc_fixture.hpp"
#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/dynamics/krylov.hpp"
#include "qtherm/models/spin_chain/spin_chain.hpp"

using namespace qtherm;
namespace sc = qtherm::models::spin_chain;
using cplx = std::complex<double>;

namespace {

// Every entry of a distributed vector, on every rank.
std::vector<cplx> gather(Vec x) {
  VecScatter sc = nullptr;
  Vec all = nullptr;
  QTHERM_PETSC(VecScatterCreateToAll(x, &sc, &all));
  parallel::Scatter s(sc, parallel::Ownership::take);
  parallel::Vector a(all, parallel::Ownership::take);
  QTHERM_PETSC(VecScatterBegin(s, x, a, INSERT_VALUES, SCATTER_FORWARD));
  QTHERM_PETSC(VecScatterEnd(s, x, a, INSERT_VALUES, SCATTER_FORWARD));
  PetscInt n = 0;
  QTHERM_PETSC(VecGetSize(a, &n));
  const PetscScalar* v = nullptr;
  QTHERM_PETSC(VecGetArrayRead(a, &v));
  std::vector<cplx> out(v, v + n);
  QTHERM_PETSC(VecRestoreArrayRead(a, &v));
  return out;
}

// A test vector from global indices only.
void fill(Vec x) {
  PetscInt lo = 0, hi = 0;
  QTHERM_PETSC(VecGetOwnershipRange(x, &lo, &hi));
  for (PetscInt g = lo; g < hi; ++g)
    QTHERM_PETSC(VecSetValue(x, g, cplx(std::sin(1.0 + g), std::cos(0.3 * g * g)), INSERT_VALUES));
  QTHERM_PETSC(VecAssemblyBegin(x));
  QTHERM_PETSC(VecAssemblyEnd(x));
}

operators::PauliSum test_sum(int n) {
  operators::PauliSum H(n);
  for (int j = 0; j + 1 < n; ++j) {
    H.add(0.7 + 0.1 * j, {{j, 'x'}, {j + 1, 'x'}});
    H.add(0.7 + 0.1 * j, {{j, 'y'}, {j + 1, 'y'}});
    H.add(-0.4, {{j, 'z'}, {j + 1, 'z'}});
    H.add(cplx(0.2, 0.3), {{j, '+'}, {j + 1, '-'}});
    H.add(cplx(0.2, -0.3), {{j, '-'}, {j + 1, '+'}});
  }
  for (int j = 0; j < n; ++j) H.add(0.3 * j - 0.5, {{j, 'z'}});
  H.add(0.25, {{0, 'x'}, {n - 1, 'y'}, {2, 'z'}});  // not magnetization-conserving: full space only
  return H;
}

void compare_mult(MPI_Comm comm, const operators::PauliSum& H, const space::BitBasis& basis) {
  const auto dense = H.dense(basis);
  const long n = basis.size();
  for (bool shell : {false, true}) {
    parallel::Matrix A = shell ? operators::assemble_shell(comm, H, basis) : operators::assemble(comm, H, basis);
    parallel::Vector x, y;
    QTHERM_PETSC(MatCreateVecs(A, x.out(), y.out()));
    fill(x);
    QTHERM_PETSC(MatMult(A, x, y));
    const auto xa = gather(x), ya = gather(y);
    double worst = 0;
    for (long i = 0; i < n; ++i) {
      cplx r = 0;
      for (long j = 0; j < n; ++j) r += dense[i * n + j] * xa[j];
      worst = std::max(worst, std::abs(r - ya[i]));
    }
    BOOST_TEST_CONTEXT("shell " << shell << " sector " << basis.is_sector()) { BOOST_TEST(worst < 1e-12); }
  }
}

void expect_close(const std::vector<sc::Snapshot>& a, const std::vector<sc::Snapshot>& b, double tol) {
  BOOST_REQUIRE_EQUAL(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) {
    BOOST_TEST(std::abs(a[k].heat - b[k].heat) < tol);
    BOOST_TEST((a[k].rho_S - b[k].rho_S).norm() < tol);
    BOOST_TEST((a[k].M - b[k].M).norm() < tol);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(pauli_sums_assembled_and_shell) {
  compare_mult(PETSC_COMM_WORLD, test_sum(7), space::BitBasis::full(7));
  // The magnetization-conserving part restricted to a sector (the extra string is dropped there
  // only in the sense of P H P; the comparison is with the same restriction done densely).
  compare_mult(PETSC_COMM_WORLD, test_sum(8), space::BitBasis::sector(8, 3));
}

BOOST_AUTO_TEST_CASE(mfn_is_unitary_and_matches_serial) {
  const auto H = test_sum(6);
  const auto basis = space::BitBasis::full(6);
  std::vector<cplx> results[2];
  int k = 0;
  for (MPI_Comm comm : {PETSC_COMM_WORLD, PETSC_COMM_SELF}) {
    parallel::Matrix A = operators::assemble(comm, H, basis);
    parallel::Vector x, y;
    QTHERM_PETSC(MatCreateVecs(A, x.out(), y.out()));
    fill(x);
    dynamics::KrylovExponential U(A, 1e-12, 0);
    U.apply(cplx(0, -1.7), x, y);
    PetscReal nx = 0, ny = 0;
    QTHERM_PETSC(VecNorm(x, NORM_2, &nx));
    QTHERM_PETSC(VecNorm(y, NORM_2, &ny));
    BOOST_TEST(std::abs(nx - ny) < 1e-10 * nx);
    U.apply_in_place(cplx(0, 1.7), y);  // back again
    QTHERM_PETSC(VecAXPY(y, -1.0, x));
    QTHERM_PETSC(VecNorm(y, NORM_2, &ny));
    BOOST_TEST(ny < 1e-10 * nx);
    U.apply(cplx(0, -1.7), x, y);
    results[k++] = gather(y);
  }
  double worst = 0;
  for (size_t i = 0; i < results[0].size(); ++i) worst = std::max(worst, std::abs(results[0][i] - results[1][i]));
  BOOST_TEST(worst < 1e-10);
}

BOOST_AUTO_TEST_CASE(exact_environment_route_equals_dense) {
  sc::Params p;
  p.N = 4, p.B0 = 0.9, p.B = 1.0, p.J0 = 0.4, p.J = 1.0, p.Delta = 0.5, p.beta = 1.2;
  Eigen::Matrix2cd rho;
  rho << 0.65, cplx(0.1, 0.3), cplx(0.1, -0.3), 0.35;
  p.rho_S = rho;
  const std::vector<double> times{0.0, 0.5, 1.5, 3.0};
  const auto dense = sc::dense_route(p, times);
  for (bool shell : {false, true}) {
    sc::DistributedOptions o;
    o.shell = shell;
    const auto d = sc::distributed_route(PETSC_COMM_WORLD, p, times, o);
    expect_close(dense, d.mean, 1e-10);
  }
  // The exact route evolved densely, as a mixed state (times in any order, t = 0 included).
  expect_close(dense, sc::spectral_route(p, times), 1e-10);
  p.rho_S = sc::pure_state(0.6);
  expect_close(sc::dense_route(p, {2.0, 0.7}), sc::spectral_route(p, {2.0, 0.7}), 1e-10);
}

BOOST_AUTO_TEST_CASE(typicality_is_rank_independent_and_within_error) {
  sc::Params p;
  p.N = 7, p.B0 = p.B = 1.0, p.J0 = 0.5, p.J = 1.0, p.beta = 0.8, p.rho_S = sc::pure_state(0.9);
  const std::vector<double> times{0.0, 1.0, 2.0};
  sc::DistributedOptions o;
  o.typicality = true, o.samples = 6, o.seed = 42;
  const auto world = sc::distributed_route(PETSC_COMM_WORLD, p, times, o);
  const auto self = sc::distributed_route(PETSC_COMM_SELF, p, times, o);
  expect_close(world.mean, self.mean, 1e-10);
  BOOST_REQUIRE_EQUAL(world.jackknife.size(), 6u);
  for (size_t r = 0; r < world.jackknife.size(); ++r) expect_close(world.jackknife[r], self.jackknife[r], 1e-10);
  // Within 4 jackknife errors of the free-fermion answer (Δ = 0).
  const auto exact = sc::free_fermion_route(p, times);
  for (size_t k = 1; k < times.size(); ++k) {
    double mean = world.mean[k].heat, var = 0;
    for (const auto& j : world.jackknife) var += std::pow(j[k].heat - mean, 2);
    const double err = std::sqrt(var * 5.0 / 6.0);
    BOOST_TEST_CONTEXT("t = " << times[k] << " Q = " << mean << " ± " << err << " exact " << exact[k].heat) {
      BOOST_TEST(err > 0);
      BOOST_TEST(std::abs(mean - exact[k].heat) < 4 * err + 1e-3);
    }
  }
}

BOOST_AUTO_TEST_CASE(lowest_eigenvalue_by_eps) {
  sc::Params p;
  p.N = 7, p.Delta = 0.4, p.B = 0.3;
  const auto HE = sc::environment_only(p);
  const auto basis = space::BitBasis::full(p.N);
  const auto d = HE.dense(basis);
  const long n = basis.size();
  Eigen::MatrixXcd D(n, n);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < n; ++j) D(i, j) = d[i * n + j];
  const double e0 = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(D).eigenvalues().minCoeff();
  for (bool shell : {false, true}) {
    parallel::Matrix A = shell ? operators::assemble_shell(PETSC_COMM_WORLD, HE, basis)
                               : operators::assemble(PETSC_COMM_WORLD, HE, basis);
    BOOST_TEST(std::abs(dynamics::lowest_eigenvalue(A) - e0) < 1e-8);
  }
}

BOOST_AUTO_TEST_CASE(typicality_at_low_temperature_does_not_overflow) {
  // β(E_max − E0)/2 ≈ 10³: without the ground-state shift e^{−βH_E/2} overflows.
  sc::Params p;
  p.N = 5, p.B0 = p.B = 0.3, p.J0 = 0.5, p.J = 1.0, p.beta = 200, p.rho_S = sc::pure_state(0.8);
  const std::vector<double> times{0.0, 1.0};
  sc::DistributedOptions o;
  o.typicality = true, o.samples = 4, o.seed = 3;
  const auto t = sc::distributed_route(PETSC_COMM_WORLD, p, times, o);
  const auto exact = sc::free_fermion_route(p, times);
  BOOST_TEST(std::isfinite(t.mean[1].heat));
  // Nondegenerate ground state: every sample projects onto it, the estimate is exact.
  BOOST_TEST(std::abs(t.mean[1].heat - exact[1].heat) < 1e-6);
  BOOST_TEST((t.mean[1].rho_S - exact[1].rho_S).norm() < 1e-6);
}
