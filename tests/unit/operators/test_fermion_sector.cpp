// Fermionic sectors: O(1) ranking against BitBasis::index, and the Jordan–Wigner signs of the
// sector operators against an independent construction c_j = Z⊗…⊗Z⊗c⊗1⊗… by Kronecker products.
#define BOOST_TEST_MODULE fermion_sector
#include <boost/test/unit_test.hpp>

#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/operators/fermion_operator.hpp"
#include "qtherm/space/fermion_sector.hpp"

using namespace qtherm;
using Eigen::MatrixXcd;

BOOST_AUTO_TEST_CASE(sector_index_equals_bit_basis_rank) {
  for (int n : {1, 2, 5, 8, 11})
    for (int k = 0; k <= n; ++k) {
      const auto b = space::BitBasis::sector(n, k);
      const space::SectorIndex idx(b);
      bool ok = true;
      for (std::int64_t i = 0; i < b.size(); ++i) ok = ok && idx(b.state(i)) == i;
      BOOST_TEST_CONTEXT("n = " << n << ", k = " << k) { BOOST_TEST(ok); }
    }
}

namespace {

// Annihilator of mode j on n modes, mode 0 the most significant factor, local |1> = occupied.
MatrixXcd annihilator(int n, int j) {
  MatrixXcd Z = MatrixXcd::Identity(2, 2), c = MatrixXcd::Zero(2, 2), I = MatrixXcd::Identity(2, 2);
  Z(1, 1) = -1;
  c(0, 1) = 1;
  MatrixXcd out = MatrixXcd::Identity(1, 1);
  for (int m = 0; m < n; ++m) out = Eigen::kroneckerProduct(out, m < j ? Z : m == j ? c : I).eval();
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(jordan_wigner_signs_match_kronecker_construction) {
  const int n = 5;
  std::srand(3);
  operators::NumberConservingOperator op{MatrixXcd::Random(n, n), Eigen::MatrixXd::Random(n, n)};
  MatrixXcd ref = MatrixXcd::Zero(1 << n, 1 << n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const MatrixXcd ci = annihilator(n, i), cj = annihilator(n, j);
      ref += op.hopping(i, j) * ci.adjoint() * cj;
      if (i < j) ref += op.density(i, j) * (ci.adjoint() * ci) * (cj.adjoint() * cj);
    }
  const MatrixXcd full = operators::dense_fermion(space::BitBasis::full(n), op);
  BOOST_TEST((full - ref).norm() < 1e-12);
  // The sector blocks are the rows/columns of the full matrix with that many set bits.
  for (int k = 0; k <= n; ++k) {
    const auto b = space::BitBasis::sector(n, k);
    const MatrixXcd s = operators::dense_fermion(b, op);
    double worst = 0;
    for (std::int64_t r = 0; r < b.size(); ++r)
      for (std::int64_t c = 0; c < b.size(); ++c)
        worst = std::max(worst, std::abs(s(r, c) - ref(b.state(r), b.state(c))));
    BOOST_TEST(worst < 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(hop_gives_the_kronecker_matrix_element) {
  const int n = 6;
  const auto full = space::BitBasis::full(n);
  bool ok = true;
  for (int from = 0; from < n; ++from)
    for (int to = 0; to < n; ++to) {
      if (from == to) continue;
      const MatrixXcd op = annihilator(n, to).adjoint() * annihilator(n, from);
      for (space::BitString s = 0; s < (space::BitString(1) << n); ++s) {
        if (!full.occupied(s, from) || full.occupied(s, to)) continue;
        const space::Hop h = space::hop(full, s, from, to);
        ok = ok && std::abs(op(h.state, s) - double(h.sign)) < 1e-15;
      }
    }
  BOOST_TEST(ok);
}
