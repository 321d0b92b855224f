// Partial trace and partial transpose of a distributed vectorized state against the dense
// results (ctest runs this at 1, 2 and 3 ranks), the dense partial transpose against Kronecker
// products (A⊗B⊗C ↦ A⊗Bᵀ⊗C), and the measure registry driven by the distributed reduction.
#define BOOST_TEST_MODULE partial_transpose
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "dense_reference.hpp"
#include "petsc_fixture.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/space/vectorize.hpp"
#include "qtherm/info/measures.hpp"
#include "qtherm/space/partial_trace.hpp"

using namespace qtherm;

namespace {
// Every subset of {0..n-1} as a sorted list (bit k = party k).
std::vector<std::vector<int>> subsets(int n, bool with_empty) {
  std::vector<std::vector<int>> out;
  for (int mask = with_empty ? 0 : 1; mask < (1 << n); ++mask) {
    std::vector<int> s;
    for (int k = 0; k < n; ++k)
      if (mask >> k & 1) s.push_back(k);
    out.push_back(s);
  }
  return out;
}
bool contains(const std::vector<int>& s, int k) { return std::find(s.begin(), s.end(), k) != s.end(); }
}  // namespace

BOOST_AUTO_TEST_CASE(dense_partial_transpose_against_kronecker_products) {
  const std::vector<long> dims{2, 3, 2};
  const space::TensorSpace h({2, 3, 2});
  std::mt19937 g(1);
  std::vector<std::array<Dense, 3>> terms;
  Dense op = Dense::Zero(12, 12);
  for (int t = 0; t < 4; ++t) {
    std::array<Dense, 3> f{random_ginibre(2, g), random_ginibre(3, g), random_ginibre(2, g)};
    op += Eigen::kroneckerProduct(Eigen::kroneckerProduct(f[0], f[1]).eval(), f[2]).eval();
    terms.push_back(f);
  }
  for (const auto& tr : subsets(3, true)) {
    Dense ref = Dense::Zero(12, 12);
    for (const auto& f : terms) {
      std::array<Dense, 3> t = f;
      for (int k : tr) t[k] = Dense(t[k].transpose());
      ref += Eigen::kroneckerProduct(Eigen::kroneckerProduct(t[0], t[1]).eval(), t[2]).eval();
    }
    const Dense pt = space::partial_transpose(op, h, tr);
    BOOST_TEST((pt - ref).norm() < 1e-12 * ref.norm());
    BOOST_TEST((space::partial_transpose(pt, h, tr) - op).norm() == 0.0);  // an involution
  }
  BOOST_TEST((space::partial_transpose(op, h, {0, 1, 2}) - Dense(op.transpose())).norm() == 0.0);
  BOOST_TEST((space::partial_transpose(op, h, {2, 0, 2}) - space::partial_transpose(op, h, {0, 2})).norm() == 0.0);
  BOOST_CHECK_THROW(space::partial_transpose(op, h, {3}), qtherm::Error);
  BOOST_CHECK_THROW(space::partial_transpose(Dense(Dense::Zero(6, 6)), h, {0}), qtherm::Error);
}

BOOST_AUTO_TEST_CASE(distributed_reductions_equal_dense) {
  for (const std::vector<PetscInt>& d : {std::vector<PetscInt>{2, 3, 2}, std::vector<PetscInt>{3, 2, 2, 2}}) {
    const space::TensorSpace h(d);
    const space::LiouvilleSpace ls(h);
    const Dense rho = random_density_matrix(h.dim(), 7 + unsigned(d.size()));
    const auto x = space::vectorize(PETSC_COMM_WORLD, rho, ls);
    double worst_trace = 0, worst_pt = 0;
    for (const auto& keep : subsets(h.parties(), false)) {
      const Dense reduced = space::partial_trace(rho, h, keep);
      worst_trace = std::max(worst_trace, (space::partial_trace(x, ls, keep) - reduced).cwiseAbs().maxCoeff());
      std::vector<PetscInt> rd;
      for (int k : keep) rd.push_back(d[k]);
      const space::TensorSpace hr(rd);
      // Every subset of the kept parties transposed (original labels), against the dense route.
      for (const auto& local : subsets(int(keep.size()), true)) {
        std::vector<int> tr;
        for (int j : local) tr.push_back(keep[j]);
        const Dense expected = space::partial_transpose(reduced, hr, local);
        worst_pt = std::max(worst_pt, (space::partial_transpose(x, ls, keep, tr) - expected).cwiseAbs().maxCoeff());
      }
    }
    for (const auto& tr : subsets(h.parties(), true))
      worst_pt = std::max(
          worst_pt, (space::partial_transpose(x, ls, tr) - space::partial_transpose(rho, h, tr)).cwiseAbs().maxCoeff());
    BOOST_TEST(worst_trace < 1e-12);
    BOOST_TEST(worst_pt < 1e-12);
    BOOST_TEST_MESSAGE("dims of size " << d.size() << ": worst |distributed - dense| partial trace " << worst_trace
                                       << ", partial transpose " << worst_pt);
    // A transposed party must be kept.
    BOOST_CHECK_THROW(space::partial_transpose(x, ls, {0}, {1}), qtherm::Error);
    BOOST_CHECK_THROW(space::partial_transpose(x, ls, {0, 9}, {0}), qtherm::Error);
  }
}

BOOST_AUTO_TEST_CASE(measures_from_the_distributed_state) {
  const std::vector<long> dims{2, 3, 2};
  const space::TensorSpace h({2, 3, 2});
  const space::LiouvilleSpace ls(h);
  const Dense rho = random_density_matrix(12, 21);
  const auto x = space::vectorize(PETSC_COMM_WORLD, rho, ls);
  const info::ReduceFn distributed = [&](const std::vector<int>& k) { return space::partial_trace(x, ls, k); };
  const info::ReduceFn dense = [&](const std::vector<int>& k) { return space::partial_trace(rho, h, k); };
  for (const char* text :
       {"entropy(0,2)", "mutual_information(0:1,2)", "conditional_entropy(1|2)", "negativity(1:0)",
        "log_negativity(0:1,2)", "concurrence(0:2)", "discord(2:1)", "correlation_information(0:1:2)",
        "coherence_l1(1)", "purity(0,1)", "min_eigenvalue(0,1,2)"}) {
    const info::MeasureSpec s = info::parse_measure(text, dims);
    BOOST_TEST_CONTEXT(text) {
      BOOST_TEST(std::abs(info::evaluate(s, distributed, dims) - info::evaluate(s, dense, dims)) < 1e-12);
    }
  }
}
