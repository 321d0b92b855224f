// The matrix-free cascaded-oscillator Liouvillian and the Fock route at any rank count (ctest: 1, 2,
// 3) against the serial answer: MatMult of the shell against the assembled matrix (different
// layouts, compared after gathering), and whole runs on PETSC_COMM_WORLD against PETSC_COMM_SELF.
#define BOOST_TEST_MODULE cascaded_oscillators_mpi
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "petsc_fixture.hpp"
#include <petscksp.h>

#include "qtherm/base/check.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/operators/banded_liouvillian.hpp"
#include "run_comparison.hpp"
#include "run_model.hpp"

using namespace qtherm;

namespace {

// A rank-independent test vector: entry r depends on r only.
void fill(Vec x) {
  PetscInt r0, r1;
  QTHERM_PETSC(VecGetOwnershipRange(x, &r0, &r1));
  PetscScalar* a;
  QTHERM_PETSC(VecGetArray(x, &a));
  for (PetscInt r = r0; r < r1; ++r) a[r - r0] = PetscScalar(std::sin(0.37 * r + 0.1), std::cos(1.3 * r));
  QTHERM_PETSC(VecRestoreArray(x, &a));
}

std::vector<PetscScalar> gather(Vec x) {
  parallel::Scatter s;
  parallel::Vector all;
  QTHERM_PETSC(VecScatterCreateToAll(x, s.out(), all.out()));
  QTHERM_PETSC(VecScatterBegin(s, x, all, INSERT_VALUES, SCATTER_FORWARD));
  QTHERM_PETSC(VecScatterEnd(s, x, all, INSERT_VALUES, SCATTER_FORWARD));
  PetscInt n;
  QTHERM_PETSC(VecGetSize(all, &n));
  const PetscScalar* a;
  QTHERM_PETSC(VecGetArrayRead(all, &a));
  std::vector<PetscScalar> v(a, a + n);
  QTHERM_PETSC(VecRestoreArrayRead(all, &a));
  return v;
}

// Collective: L x for the test vector, gathered everywhere.
std::vector<PetscScalar> apply(const parallel::Matrix& A) {
  parallel::Vector x, y;
  QTHERM_PETSC(MatCreateVecs(A, x.out(), y.out()));
  fill(x);
  QTHERM_PETSC(MatMult(A, x, y));
  return gather(y);
}

// lab = false drops H: all coefficients real, which the shell applies with its fused kernel.
operators::BandedSuperOperator banded(const space::TensorSpace& hs, double N, bool lab = true) {
  using operators::Monomial;
  operators::BandedSuperOperator B(hs);
  const Monomial a1 = Monomial::local(hs, "a", 0), a2 = Monomial::local(hs, "a", 1);
  if (lab) B.add_hamiltonian(Monomial::local(hs, "n", 0), 1.1).add_hamiltonian(Monomial::local(hs, "n", 1), 0.9);
  B.add_dissipator(a1, N + 1).add_dissipator(a2, N + 1).add_dissipator(a1.adjoint(), N).add_dissipator(a2.adjoint(), N);
  B.add_cascade(a1, a2, N + 1).add_cascade(a1.adjoint(), a2.adjoint(), N);
  return B;
}

// The same Liouvillian (N = 0.3, H = 1.1 n1 + 0.9 n2) through the generic operator layer, for assembly.
operators::SuperOperator assembled_reference(const space::TensorSpace& hs, bool lab = true) {
  operators::OperatorSum H(hs);
  H.add("n", 0, lab ? 1.1 : 0.0).add("n", 1, lab ? 0.9 : 0.0);
  auto L = operators::hamiltonian_part(H);
  const auto o1 = operators::local(hs, "a", 0), o2 = operators::local(hs, "a", 1);
  const auto d1 = operators::local(hs, "adag", 0), d2 = operators::local(hs, "adag", 1);
  L.add(operators::dissipator(o1, 1.3)).add(operators::dissipator(o2, 1.3));
  L.add(operators::dissipator(d1, 0.3)).add(operators::dissipator(d2, 0.3));
  L.add(operators::cascade(o1, o2, 1.3)).add(operators::cascade(d1, d2, 0.3));
  return L;
}

}  // namespace

BOOST_AUTO_TEST_CASE(shell_matmult_equals_assembled_and_serial) {
  for (bool lab : {true, false})
    for (PetscInt n : {3, 5, 7, 11}) {  // n = 3: 9 columns on 3 ranks, ghosts reach past the neighbour
      const space::TensorSpace hs({n, n});
      const auto B = banded(hs, 0.3, lab);
      const auto L = assembled_reference(hs, lab);
      const auto shell = apply(operators::make_shell_liouvillian(PETSC_COMM_WORLD, B));
      const auto serial = apply(operators::make_shell_liouvillian(PETSC_COMM_SELF, B));
      const auto assembled = apply(operators::assemble(PETSC_COMM_WORLD, L));
      BOOST_REQUIRE_EQUAL(shell.size(), assembled.size());
      double w1 = 0, w2 = 0;
      for (size_t i = 0; i < shell.size(); ++i) {
        w1 = std::max(w1, std::abs(shell[i] - assembled[i]));
        w2 = std::max(w2, std::abs(shell[i] - serial[i]));
      }
      BOOST_TEST(w1 < 1e-12);
      BOOST_TEST(w2 == 0.0);  // same arithmetic in the same order on every layout
    }
}

BOOST_AUTO_TEST_CASE(sector_shell_is_the_restriction_of_the_full_shell) {
  for (PetscInt n : {3, 6}) {
    const space::TensorSpace hs({n, n});
    const PetscInt d = hs.dim();
    const space::ChargeSectorLayout lay(hs, 0);
    const auto B = banded(hs, 0.3);
    auto full = operators::make_shell_liouvillian(PETSC_COMM_WORLD, B);
    auto sec = operators::make_sector_shell_liouvillian(PETSC_COMM_WORLD, B, lay);
    auto value = [](PetscInt i, PetscInt j) { return PetscScalar(std::sin(0.3 * i + 0.7 * j), std::cos(0.2 * i * j)); };
    parallel::Vector xf, yf, xs, ys;
    QTHERM_PETSC(MatCreateVecs(full, xf.out(), yf.out()));
    QTHERM_PETSC(MatCreateVecs(sec, xs.out(), ys.out()));
    PetscInt r0, r1;
    PetscScalar* a;
    QTHERM_PETSC(VecGetOwnershipRange(xf, &r0, &r1));
    QTHERM_PETSC(VecGetArray(xf, &a));
    for (PetscInt r = r0; r < r1; ++r) a[r - r0] = lay.index(r % d, r / d) >= 0 ? value(r % d, r / d) : 0.0;
    QTHERM_PETSC(VecRestoreArray(xf, &a));
    QTHERM_PETSC(VecGetOwnershipRange(xs, &r0, &r1));
    QTHERM_PETSC(VecGetArray(xs, &a));
    for (PetscInt r = r0; r < r1; ++r) {
      const PetscInt j = lay.column_of(r), i = lay.rows(j)[r - lay.column_begin(j)];
      a[r - r0] = value(i, j);
    }
    QTHERM_PETSC(VecRestoreArray(xs, &a));
    QTHERM_PETSC(MatMult(full, xf, yf));
    QTHERM_PETSC(MatMult(sec, xs, ys));
    const auto F = gather(yf), S = gather(ys);
    BOOST_REQUIRE_EQUAL(PetscInt(S.size()), lay.size());
    double worst = 0, outside = 0;
    for (PetscInt j = 0; j < d; ++j)
      for (PetscInt i = 0; i < d; ++i) {
        const PetscInt r = lay.index(i, j);
        if (r >= 0)
          worst = std::max(worst, std::abs(S[r] - F[i + d * j]));
        else
          outside = std::max(outside, std::abs(F[i + d * j]));
      }
    BOOST_TEST(worst < 1e-13);
    BOOST_TEST(outside == 0.0);  // the generator does not leave the sector
  }
}

BOOST_AUTO_TEST_CASE(fock_route_runs_equal_serial) {
  const std::vector<std::vector<std::string>> cases = {
      {"--model.initial=correlated", "--model.N_s=0.4", "--model.c13=0.3", "--model.c24=0.3", "--model.N=0.2"},
      {"--model.initial=coherent", "--model.alpha=0.6-0.2i, 0.3", "--model.N=0.1"},
      {"--model.initial=thermal", "--model.N_s=0.4", "--model.N=0.1", "--model.liouvillian=assembled"},
      {"--model.initial=correlated", "--model.N_s=0.4", "--model.c13=-0.3", "--model.c24=-0.3", "--model.N=0.2",
       "--model.liouvillian=shell", "--model.frame=lab"},
      {"--model.initial=fock", "--model.fock=2, 1", "--model.N=0.3", "--model.liouvillian=sector"},
      {"--model.initial=thermal", "--model.N_s=0.3", "--model.N=0", "--model.max_excitations=5"},
      // <a1 a2> != 0: built column by column on each rank's part of the full space.
      {"--model.initial=squeezed_thermal", "--model.N_s=0.3", "--model.squeezing=0.2", "--model.N=0.2"},
      {"--model.initial=correlated", "--model.N_s=0.4", "--model.c13=0.5", "--model.c24=-0.5", "--model.N=0.1",
       "--model.liouvillian=assembled"},
      {"--model.initial=correlated", "--model.N_s=0.4", "--model.c13=0.3", "--model.c24=-0.1", "--model.N=0",
       "--model.frame=lab"},
  };
  for (auto o : cases) {
    o.insert(o.begin(), "--model.name=cascaded_oscillators");
    o.insert(o.end(), {"--model.route=fock", "--model.cutoff=7", "--time.t_final=2", "--time.samples=5",
                       "--model.truncation_tolerance=1e-2"});
    const auto dist = run_model(PETSC_COMM_WORLD, o), serial = run_model(PETSC_COMM_SELF, o);
    BOOST_TEST_CONTEXT(o[1]) { expect_equal_runs(serial, dist, 1e-10, {}); }  // every scalar, step counts too
  }
}

BOOST_AUTO_TEST_CASE(shell_is_usable_by_ksp) {
  // An implicit-Euler step (1 − hL) x = b with GMRES + Jacobi (MatGetDiagonal of the shell, with
  // MatScale/MatShift applied by MATSHELL) against the same solve with the assembled matrix.
  const PetscInt n = 5;
  const space::TensorSpace hs({n, n});
  const auto B = banded(hs, 0.3);
  const auto L = assembled_reference(hs);
  auto solve = [](parallel::Matrix A) {
    QTHERM_PETSC(MatScale(A, -0.1));
    QTHERM_PETSC(MatShift(A, 1.0));
    parallel::Vector x, b;
    QTHERM_PETSC(MatCreateVecs(A, x.out(), b.out()));
    fill(b);
    parallel::LinearSolver ksp;
    QTHERM_PETSC(KSPCreate(PETSC_COMM_WORLD, ksp.out()));
    QTHERM_PETSC(KSPSetOperators(ksp, A, A));
    QTHERM_PETSC(KSPSetType(ksp, KSPGMRES));
    PC pc;
    QTHERM_PETSC(KSPGetPC(ksp, &pc));
    QTHERM_PETSC(PCSetType(pc, PCJACOBI));
    QTHERM_PETSC(KSPSetTolerances(ksp, 1e-13, 1e-50, PETSC_DEFAULT, 1000));
    QTHERM_PETSC(KSPSolve(ksp, b, x));
    KSPConvergedReason reason;
    QTHERM_PETSC(KSPGetConvergedReason(ksp, &reason));
    BOOST_TEST(int(reason) > 0);
    return gather(x);
  };
  const auto xs = solve(operators::make_shell_liouvillian(PETSC_COMM_WORLD, B));
  const auto xa = solve(operators::assemble(PETSC_COMM_WORLD, L));
  double worst = 0;
  for (size_t i = 0; i < xs.size(); ++i) worst = std::max(worst, std::abs(xs[i] - xa[i]));
  BOOST_TEST(worst < 1e-10);
}
