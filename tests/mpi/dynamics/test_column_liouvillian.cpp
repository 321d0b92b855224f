// The matrix-free column Liouvillian against the assembled one and the dense map, at whatever rank
// count mpiexec gives (ctest: 1, 2, 3): products, diagonals and the layout both share.
#define BOOST_TEST_MODULE column_liouvillian
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "dense_reference.hpp"
#include "petsc_fixture.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/space/vectorize.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/operators/column_liouvillian.hpp"
#include "qtherm/space/partial_trace.hpp"

using namespace qtherm;

namespace {

// ‖(A − S) x‖ / ‖A x‖ for a non-Hermitian random x, and the dense map's answer.
void check_products(const operators::SuperOperator& L, unsigned seed) {
  const space::LiouvilleSpace ls(L.space());
  const auto A = operators::assemble(PETSC_COMM_WORLD, L);
  const auto S = operators::make_column_liouvillian(PETSC_COMM_WORLD, L);
  const PetscInt d = L.space().dim();
  // A general matrix (not a state): Krylov vectors and tilted generators are not Hermitian.
  const Dense m = random_density_matrix(d, seed) + PetscScalar(0, 0.3) * random_density_matrix(d, seed + 1) +
                  Dense::Identity(d, d) * PetscScalar(0.2, -0.1);
  const auto x = space::vectorize(PETSC_COMM_WORLD, m, ls);
  auto ya = parallel::duplicate(x), ys = parallel::duplicate(x);
  QTHERM_PETSC(MatMult(A, x, ya));
  QTHERM_PETSC(MatMult(S, x, ys));
  PetscReal na = 0, diff = 0;
  QTHERM_PETSC(VecNorm(ya, NORM_2, &na));
  QTHERM_PETSC(VecAXPY(ys, -1.0, ya));
  QTHERM_PETSC(VecNorm(ys, NORM_2, &diff));
  BOOST_TEST(diff <= 1e-12 * na);
  BOOST_TEST((space::gather_density_matrix(ya, ls) - L.apply(m)).norm() <= 1e-12 * na);
  auto da = parallel::duplicate(x), ds = parallel::duplicate(x);
  QTHERM_PETSC(MatGetDiagonal(A, da));
  QTHERM_PETSC(MatGetDiagonal(S, ds));
  QTHERM_PETSC(VecAXPY(ds, -1.0, da));
  QTHERM_PETSC(VecNorm(ds, NORM_2, &diff));
  BOOST_TEST(diff <= 1e-12 * na);
}

}  // namespace

BOOST_AUTO_TEST_CASE(mixed_dimensions_jumps_cascades_and_gksl) {
  const space::TensorSpace h({3, 2, 4});
  operators::OperatorSum H(h);
  H.add("n", 0, 1.3).add("sz", 1, 0.4).add("sx", 1, 0.7);
  H.add(operators::local(h, "a", 0) * operators::local(h, "adag", 2), PetscScalar(0.2, 0.1));
  H.add(operators::local(h, "adag", 0) * operators::local(h, "a", 2), PetscScalar(0.2, -0.1));
  H.add(operators::local(h, "n", 2) * operators::local(h, "n", 2), 0.05);  // Kerr
  auto L = operators::hamiltonian_part(H);
  L.add(operators::dissipator(operators::local(h, "a", 0), 0.5));
  L.add(operators::dissipator(operators::local(h, "adag", 2), 0.1));
  L.add(operators::cascade(operators::local(h, "a", 0), operators::local(h, "a", 2), 0.5));
  L.add(operators::dissipator(operators::local(h, "sm", 1), 0.3));
  Eigen::MatrixXcd g(2, 2);
  g << 1.0, PetscScalar(0.3, 0.2), PetscScalar(0.3, -0.2), 0.5;
  L.add(operators::gksl({operators::local(h, "sm", 1), operators::local(h, "a", 2)}, g));
  check_products(L, 7);
}

BOOST_AUTO_TEST_CASE(dissipative_ising_chain) {
  // The benchmark family: transverse field, zz coupling, decay on every site (5 qubits: 32 columns, so
  // at 3 ranks the split is uneven and the top qubit's partner columns are remote).
  const int n = 5;
  const space::TensorSpace h(std::vector<PetscInt>(n, 2));
  operators::OperatorSum H(h);
  for (int k = 0; k < n; ++k) H.add("sx", k, 0.7).add("sz", k, 0.3);
  for (int k = 0; k + 1 < n; ++k) H.add(operators::local(h, "sz", k) * operators::local(h, "sz", k + 1), 1.0);
  auto L = operators::hamiltonian_part(H);
  for (int k = 0; k < n; ++k) L.add(operators::dissipator(operators::local(h, "sm", k), 0.1 + 0.05 * k));
  check_products(L, 11);
}

BOOST_AUTO_TEST_CASE(pure_hamiltonian_and_odd_dimension) {
  const space::TensorSpace h({5});
  operators::OperatorSum H(h);
  H.add("n", 0, 1.0).add("a", 0, 0.3).add("adag", 0, 0.3);
  check_products(operators::hamiltonian_part(H), 3);
}

namespace {

// The fused shell of L_0 and the parts L_n at coefficients a against L_0 x + Σ a_n L_n x from one
// shell per part (the unfused route of a driven evolution): products and diagonals.
void check_fused(const std::vector<operators::SuperOperator>& parts, const std::vector<std::vector<double>>& times,
                 unsigned seed) {
  const space::LiouvilleSpace ls(parts.front().space());
  std::vector<operators::LiouvillianParts> grouped;
  for (const auto& L : parts) grouped.emplace_back(L);
  std::vector<const operators::LiouvillianParts*> all;
  std::vector<parallel::Matrix> single;
  for (const auto& g : grouped) {
    all.push_back(&g);
    single.push_back(operators::make_column_liouvillian(PETSC_COMM_WORLD, g));
  }
  const auto F = operators::make_column_liouvillian(PETSC_COMM_WORLD, all);
  const PetscInt d = parts.front().space().dim();
  const Dense m = random_density_matrix(d, seed) + PetscScalar(0, 0.3) * random_density_matrix(d, seed + 1);
  const auto x = space::vectorize(PETSC_COMM_WORLD, m, ls);
  auto want = parallel::duplicate(x), got = parallel::duplicate(x), work = parallel::duplicate(x);
  auto dwant = parallel::duplicate(x), dgot = parallel::duplicate(x);
  for (const auto& a : times) {
    BOOST_TEST_CONTEXT("a_1 = " << a.front()) {
      operators::set_column_coefficients(F, a);
      QTHERM_PETSC(MatMult(F, x, got));
      QTHERM_PETSC(MatGetDiagonal(F, dgot));
      QTHERM_PETSC(MatMult(single[0], x, want));
      QTHERM_PETSC(MatGetDiagonal(single[0], dwant));
      for (size_t n = 1; n < parts.size(); ++n) {
        QTHERM_PETSC(MatMult(single[n], x, work));
        QTHERM_PETSC(VecAXPY(want, a[n - 1], work));
        QTHERM_PETSC(MatGetDiagonal(single[n], work));
        QTHERM_PETSC(VecAXPY(dwant, a[n - 1], work));
      }
      PetscReal norm = 0, diff = 0, dnorm = 0, ddiff = 0;
      QTHERM_PETSC(VecNorm(want, NORM_INFINITY, &norm));
      QTHERM_PETSC(VecAXPY(got, -1.0, want));
      QTHERM_PETSC(VecNorm(got, NORM_INFINITY, &diff));
      BOOST_TEST(diff <= 1e-13 * norm);
      QTHERM_PETSC(VecNorm(dwant, NORM_INFINITY, &dnorm));
      QTHERM_PETSC(VecAXPY(dgot, -1.0, dwant));
      QTHERM_PETSC(VecNorm(dgot, NORM_INFINITY, &ddiff));
      BOOST_TEST(ddiff <= 1e-13 * dnorm);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(fused_time_dependent_shell_equals_the_sum_of_its_parts) {
  // A driven dissipative chain (the benchmark's family, 5 qubits: remote columns at 2 and 3 ranks)
  // with two drives (a transverse field, a longitudinal one on the top qubit) and two rates of t,
  // one of them a cascade (its sandwich shares a left factor with a fixed jump).
  const int n = 5;
  const space::TensorSpace h(std::vector<PetscInt>(n, 2));
  operators::OperatorSum H0(h), Hx(h), Hz(h);
  for (int k = 0; k < n; ++k) H0.add("sz", k, 0.15);
  for (int k = 0; k + 1 < n; ++k) H0.add(operators::local(h, "sz", k) * operators::local(h, "sz", k + 1), 0.5);
  for (int k = 0; k < n; ++k) Hx.add("sx", k, 1.0);
  Hz.add("sz", n - 1, 1.0).add("sy", n - 1, 0.3);
  auto L0 = operators::hamiltonian_part(H0);
  for (int k = 0; k < n; ++k) L0.add(operators::dissipator(operators::local(h, "sm", k), 0.1));
  std::vector<operators::SuperOperator> parts{L0, operators::hamiltonian_part(Hx), operators::hamiltonian_part(Hz)};
  parts.push_back(operators::dissipator(operators::local(h, "sp", 2), 1.0));
  parts.push_back(operators::cascade(operators::local(h, "sm", 0), operators::local(h, "sm", n - 1), 1.0));
  const std::vector<std::vector<double>> times = {
      {0.0, 0.0, 0.0, 0.0}, {0.8, -0.3, 0.05, 0.2}, {-1.0, 0.0, 0.3, 0.0}, {std::sin(2.7), 1.5, 0.01, 0.07}};
  check_fused(parts, times, 13);
}

BOOST_AUTO_TEST_CASE(fused_shell_of_mixed_dimensions) {
  const space::TensorSpace h({3, 2, 4});
  operators::OperatorSum H0(h), H1(h);
  H0.add("n", 0, 1.3).add("sz", 1, 0.4).add("n", 2, 0.7);
  H1.add(operators::local(h, "a", 0) * operators::local(h, "adag", 2), PetscScalar(0.2, 0.1));
  H1.add(operators::local(h, "adag", 0) * operators::local(h, "a", 2), PetscScalar(0.2, -0.1));
  H1.add("sx", 1, 0.5);
  auto L0 = operators::hamiltonian_part(H0);
  L0.add(operators::dissipator(operators::local(h, "a", 0), 0.5));
  std::vector<operators::SuperOperator> parts{L0, operators::hamiltonian_part(H1),
                                              operators::dissipator(operators::local(h, "adag", 2), 1.0)};
  check_fused(parts, {{0.0, 0.0}, {0.6, 0.2}, {-2.0, 0.0}}, 5);
  // Coefficients are checked against the number of parts.
  std::vector<const operators::LiouvillianParts*> none;
  BOOST_CHECK_THROW(operators::make_column_liouvillian(PETSC_COMM_WORLD, none), Error);
  const operators::LiouvillianParts g(L0);
  const auto F =
      operators::make_column_liouvillian(PETSC_COMM_WORLD, std::vector<const operators::LiouvillianParts*>{&g});
  BOOST_CHECK_THROW(operators::set_column_coefficients(F, {1.0}), Error);
}
