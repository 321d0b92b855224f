// Liouville-space maps on a subset of parties (operators/subsystem_map.hpp), distributed over the
// ranks mpiexec gives (ctest: 1, 2, 3), against dense matrices built digit by digit here:
// left(M) rho = (M on P) rho, right(M) rho = rho (M on P), reset(eta) rho = tr_p(rho) with eta on p.
#define BOOST_TEST_MODULE subsystem_map
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "dense_reference.hpp"
#include "petsc_fixture.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/operators/subsystem_map.hpp"
#include "qtherm/space/partial_trace.hpp"

using namespace qtherm;

namespace {

// Three parties of dimensions 2, 3, 2 (d = 12, 144 Liouville unknowns): uneven across 2 and 3 ranks.
const space::TensorSpace kSpace({2, 3, 2});

// M (on `parties`, first most significant) as an operator on the whole space: M(sub i, sub j) where the
// other digits of i and j agree.
Dense on_parties(const Dense& M, const std::vector<int>& parties) {
  const long d = kSpace.dim();
  Dense F = Dense::Zero(d, d);
  for (long i = 0; i < d; ++i)
    for (long j = 0; j < d; ++j) {
      long si = 0, sj = 0;
      bool rest_equal = true;
      for (int p = 0; p < kSpace.parties(); ++p) {
        const bool in = std::find(parties.begin(), parties.end(), p) != parties.end();
        if (in) {
          si = si * kSpace.local_dim(p) + kSpace.digit(i, p);
          sj = sj * kSpace.local_dim(p) + kSpace.digit(j, p);
        } else if (kSpace.digit(i, p) != kSpace.digit(j, p)) {
          rest_equal = false;
        }
      }
      if (rest_equal) F(i, j) = M(si, sj);
    }
  return F;
}

// Collective: A applied to vec(rho), gathered as a matrix on every rank.
Dense applied(Mat A, const Dense& rho) {
  parallel::Vector x, y;
  QTHERM_PETSC(MatCreateVecs(A, x.out(), y.out()));
  PetscInt r0, r1;
  QTHERM_PETSC(VecGetOwnershipRange(x, &r0, &r1));
  const Eigen::VectorXcd v = vec(rho);
  for (PetscInt r = r0; r < r1; ++r) QTHERM_PETSC(VecSetValue(x, r, v(r), INSERT_VALUES));
  QTHERM_PETSC(VecAssemblyBegin(x));
  QTHERM_PETSC(VecAssemblyEnd(x));
  QTHERM_PETSC(MatMult(A, x, y));
  return space::gather_density_matrix(y, space::LiouvilleSpace(kSpace));
}

}  // namespace

BOOST_AUTO_TEST_CASE(left_and_right_factors_on_non_adjacent_parties) {
  std::mt19937 gen(7);
  const std::vector<int> parties = {0, 2};  // skips the middle party
  const Dense M = random_ginibre(4, gen);
  const Dense rho = random_density_matrix(kSpace.dim(), 11);
  const Dense F = on_parties(M, parties);
  const auto L = operators::assemble_left(PETSC_COMM_WORLD, kSpace, parties, M);
  const auto R = operators::assemble_right(PETSC_COMM_WORLD, kSpace, parties, M);
  BOOST_TEST(double((applied(L, rho) - F * rho).norm()) < 1e-12);
  BOOST_TEST(double((applied(R, rho) - rho * F).norm()) < 1e-12);
  // A unitary conjugation as right(U^dagger) after left(U), as the collision engine uses them.
  const Dense U = Eigen::HouseholderQR<Dense>(random_ginibre(3, gen)).householderQ();
  const auto LU = operators::assemble_left(PETSC_COMM_WORLD, kSpace, {1}, U);
  const auto RU = operators::assemble_right(PETSC_COMM_WORLD, kSpace, {1}, Dense(U.adjoint()));
  const Dense FU = on_parties(U, {1});
  BOOST_TEST(double((applied(RU, applied(LU, rho)) - FU * rho * FU.adjoint()).norm()) < 1e-12);
}

BOOST_AUTO_TEST_CASE(reset_replaces_one_party_by_a_fresh_state) {
  const Dense rho = random_density_matrix(kSpace.dim(), 5);
  const Dense eta = random_density_matrix(3, 9);
  const auto reset = operators::assemble_reset(PETSC_COMM_WORLD, kSpace, 1, eta);
  const Dense out = applied(reset, rho);
  // tr_1(rho) on parties (0, 2), with eta in the middle: out(i, j) = rest(i0 i2, j0 j2) eta(i1, j1).
  const Dense rest = space::partial_trace(rho, kSpace, {0, 2});
  Dense expected(kSpace.dim(), kSpace.dim());
  for (long i = 0; i < kSpace.dim(); ++i)
    for (long j = 0; j < kSpace.dim(); ++j)
      expected(i, j) = rest(2 * kSpace.digit(i, 0) + kSpace.digit(i, 2), 2 * kSpace.digit(j, 0) + kSpace.digit(j, 2)) *
                       eta(kSpace.digit(i, 1), kSpace.digit(j, 1));
  BOOST_TEST(double((out - expected).norm()) < 1e-12);
  BOOST_TEST(double(std::abs(out.trace() - 1.0)) < 1e-12);
}
