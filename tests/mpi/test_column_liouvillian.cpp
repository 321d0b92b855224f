// The matrix-free column Liouvillian against the assembled one and the dense map, at whatever rank
// count mpiexec gives (ctest: 1, 2, 3): products, diagonals and the layout both share.
#define BOOST_TEST_MODULE column_liouvillian
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "dense_reference.hpp"
#include "petsc_fixture.hpp"
#include "qtherm/dynamics/state.hpp"
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
  const auto x = dynamics::vectorize(PETSC_COMM_WORLD, m, ls);
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
