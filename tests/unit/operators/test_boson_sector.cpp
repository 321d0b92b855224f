// Truncated bosonic sectors: the combinatorial rank/unrank is a bijection onto the occupation
// vectors found by brute-force enumeration (in increasing packed order), and the sector operators
// Σ T a_i†a_j + Σ V n_i n_j equal the blocks of an independent Kronecker construction with the
// truncated annihilator (sqrt(n) on the first off-diagonal) on every mode.
#define BOOST_TEST_MODULE boson_sector
#include <boost/test/unit_test.hpp>

#include <unsupported/Eigen/KroneckerProduct>

#include <set>
#include <stdexcept>

#include "qtherm/operators/boson_operator.hpp"
#include "qtherm/space/boson_sector.hpp"

using namespace qtherm;
using Eigen::MatrixXcd;

namespace {

// All occupation vectors of m modes in [0, c] (mode 0 first), as mixed-radix digits of 0..(c+1)^m − 1.
std::vector<std::vector<int>> all_vectors(int m, int c) {
  std::vector<std::vector<int>> out;
  long total = 1;
  for (int i = 0; i < m; ++i) total *= c + 1;
  for (long x = 0; x < total; ++x) {
    std::vector<int> v(m);
    long y = x;
    for (int i = m - 1; i >= 0; --i) v[i] = int(y % (c + 1)), y /= c + 1;
    out.push_back(v);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(rank_and_unrank_are_a_bijection) {
  for (int m : {1, 2, 3, 5})
    for (int c : {1, 2, 3, 4, 7}) {
      const auto vectors = all_vectors(m, c);
      for (int n = 0; n <= m * c; ++n) {
        const space::BosonBasis b(m, c, n);
        std::set<space::BosonState> want;  // the enumeration's sector, ordered by packed value
        for (const auto& v : vectors) {
          int s = 0;
          for (int x : v) s += x;
          if (s == n)
            want.insert(b.pack(v));
          else if (b.index(b.pack(v)) != -1)
            want.insert(~space::BosonState(0));  // poison: wrongly contained
        }
        bool ok = std::int64_t(want.size()) == b.size();
        std::int64_t i = 0;
        for (space::BosonState s : want) {
          ok = ok && b.state(i) == s && b.index(s) == i;
          ++i;
        }
        BOOST_TEST_CONTEXT("modes " << m << ", cutoff " << c << ", particles " << n) { BOOST_TEST(ok); }
      }
    }
  // A larger sector: unrank then rank over every index (no enumeration).
  const space::BosonBasis big(12, 3, 14);
  bool ok = true;
  space::BosonState previous = 0;
  for (std::int64_t i = 0; i < big.size(); ++i) {
    const space::BosonState s = big.state(i);
    ok = ok && big.index(s) == i && (i == 0 || s > previous);
    previous = s;
  }
  BOOST_TEST_MESSAGE("12 modes, cutoff 3, 14 bosons: " << big.size() << " states");
  BOOST_TEST(ok);
  BOOST_TEST(big.size() == 1024464);  // coefficient of x^14 in (1 + x + x^2 + x^3)^12
}

BOOST_AUTO_TEST_CASE(bad_sectors_are_refused) {
  BOOST_CHECK_THROW(space::BosonBasis(3, 2, 7), std::invalid_argument);
  BOOST_CHECK_THROW(space::BosonBasis(3, 0, 0), std::invalid_argument);
  BOOST_CHECK_THROW(space::BosonBasis(33, 3, 1), std::invalid_argument);  // 33 x 2 bits > 64
  BOOST_TEST(space::BosonBasis::fits(32, 3));
  BOOST_TEST(space::BosonBasis::field_bits(1) == 1);
  BOOST_TEST(space::BosonBasis::field_bits(4) == 3);
}

namespace {

MatrixXcd annihilator(int m, int c, int j) {
  MatrixXcd a = MatrixXcd::Zero(c + 1, c + 1);
  for (int n = 1; n <= c; ++n) a(n - 1, n) = std::sqrt(double(n));
  MatrixXcd out = MatrixXcd::Identity(1, 1);
  for (int i = 0; i < m; ++i) out = Eigen::kroneckerProduct(out, i == j ? a : MatrixXcd::Identity(c + 1, c + 1)).eval();
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sector_operators_match_kronecker_construction) {
  const int m = 4, c = 2;
  std::srand(5);
  operators::NumberConservingOperator op{MatrixXcd::Random(m, m), Eigen::MatrixXd::Random(m, m)};
  long dim = 1;
  for (int i = 0; i < m; ++i) dim *= c + 1;
  MatrixXcd ref = MatrixXcd::Zero(dim, dim);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < m; ++j) {
      const MatrixXcd ai = annihilator(m, c, i), aj = annihilator(m, c, j);
      ref += op.hopping(i, j) * ai.adjoint() * aj;
      if (i < j) ref += op.density(i, j) * (ai.adjoint() * ai) * (aj.adjoint() * aj);
    }
  // Truncation: a_i† a_j of the truncated a vanishes where it would leave [0, c], as in the sectors.
  for (int n = 0; n <= m * c; ++n) {
    const space::BosonBasis b(m, c, n);
    const MatrixXcd s = operators::dense_boson(b, op);
    auto full_index = [&](space::BosonState st) {
      long x = 0;
      for (int i = 0; i < m; ++i) x = x * (c + 1) + b.occupation(st, i);
      return x;
    };
    double worst = 0;
    for (std::int64_t r = 0; r < b.size(); ++r)
      for (std::int64_t q = 0; q < b.size(); ++q)
        worst = std::max(worst, std::abs(s(r, q) - ref(full_index(b.state(r)), full_index(b.state(q)))));
    BOOST_TEST_CONTEXT("particles " << n) { BOOST_TEST(worst < 1e-12); }
  }
}
