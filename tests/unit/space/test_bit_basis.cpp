// Bit-string bases: the sector ranking is the position in the sorted list of states, both ways.
#define BOOST_TEST_MODULE bit_basis
#include <boost/test/unit_test.hpp>

#include "qtherm/space/bit_basis.hpp"

using namespace qtherm::space;

BOOST_AUTO_TEST_CASE(binomials) {
  BOOST_TEST(binomial(27, 13) == 20058300);
  BOOST_TEST(binomial(5, 0) == 1);
  BOOST_TEST(binomial(5, 6) == 0);
  BOOST_TEST(binomial(62, 31) == 465428353255261088LL);
  BOOST_CHECK_THROW(binomial(70, 35), std::overflow_error);
}

BOOST_AUTO_TEST_CASE(sector_rank_is_sorted_position) {
  for (int n = 1; n <= 10; ++n)
    for (int k = 0; k <= n; ++k) {
      const auto b = BitBasis::sector(n, k);
      std::int64_t expected = 0;
      for (BitString s = 0; s < (BitString(1) << n); ++s) {
        if (__builtin_popcountll(s) != k) {
          BOOST_TEST(b.index(s) == -1);
          continue;
        }
        BOOST_TEST(b.index(s) == expected);
        BOOST_TEST(b.state(expected) == s);
        ++expected;
      }
      BOOST_TEST(expected == b.size());
    }
}

BOOST_AUTO_TEST_CASE(full_space_and_sites) {
  const auto b = BitBasis::full(4);
  BOOST_TEST(b.size() == 16);
  BOOST_TEST(b.index(13) == 13);
  BOOST_TEST(b.index(16) == -1);
  BOOST_TEST(b.occupied(0b1000, 0));  // site 0 is the most significant bit
  BOOST_TEST(!b.occupied(0b1000, 3));
  const auto big = BitBasis::sector(27, 13);
  BOOST_TEST(big.size() == 20058300);
  BOOST_TEST(big.index(big.state(12345678)) == 12345678);
  BOOST_CHECK_THROW(BitBasis::sector(4, 5), std::invalid_argument);
  BOOST_CHECK_THROW(BitBasis::full(0), std::invalid_argument);
  BOOST_CHECK_THROW(b.state(16), std::out_of_range);
}
