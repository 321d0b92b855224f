#include "qtherm/space/bit_basis.hpp"

#include <algorithm>
#include <climits>
#include <stdexcept>
#include <string>

namespace qtherm::space {

std::int64_t binomial(int n, int k) {
  if (k < 0 || n < 0 || k > n) return 0;
  k = std::min(k, n - k);
  // c · (n − k + i) / i is exact at every step; the product is taken in 128 bits.
  __int128 c = 1;
  for (int i = 1; i <= k; ++i) {
    c = c * (n - k + i) / i;
    if (c > INT64_MAX)
      throw std::overflow_error("binomial(" + std::to_string(n) + ", " + std::to_string(k) + ") overflows");
  }
  return static_cast<std::int64_t>(c);
}

BitBasis::BitBasis(int sites, int set_bits) : sites_(sites), set_bits_(set_bits) {
  if (sites < 1 || sites > kMaxSites)
    throw std::invalid_argument("number of sites " + std::to_string(sites) + " is outside [1, " +
                                std::to_string(kMaxSites) + "]");
  if (set_bits > sites)
    throw std::invalid_argument("sector with " + std::to_string(set_bits) + " set bits does not exist on " +
                                std::to_string(sites) + " sites");
  table_.assign(std::size_t(sites + 1) * std::size_t(sites + 1), 0);
  for (int n = 0; n <= sites; ++n)
    for (int k = 0; k <= n; ++k) table_[n * (sites + 1) + k] = binomial(n, k);
  size_ = set_bits < 0 ? (std::int64_t(1) << sites) : choose(sites, set_bits);
}

BitBasis BitBasis::full(int sites) { return BitBasis(sites, -1); }

BitBasis BitBasis::sector(int sites, int set_bits) {
  if (set_bits < 0) throw std::invalid_argument("a sector needs a number of set bits >= 0");
  return BitBasis(sites, set_bits);
}

bool BitBasis::contains(BitString s) const {
  if (sites_ < 64 && (s >> sites_) != 0) return false;
  return set_bits_ < 0 || __builtin_popcountll(s) == set_bits_;
}

BitString BitBasis::state(std::int64_t index) const {
  if (index < 0 || index >= size_) throw std::out_of_range("basis index " + std::to_string(index) + " out of range");
  if (set_bits_ < 0) return static_cast<BitString>(index);
  // Unrank: the largest bit position p with C(p, k) ≤ remaining index holds the k-th set bit.
  BitString s = 0;
  std::int64_t r = index;
  int p = sites_ - 1;
  for (int k = set_bits_; k > 0; --k) {
    while (choose(p, k) > r) --p;
    s |= BitString(1) << p;
    r -= choose(p, k);
    --p;
  }
  return s;
}

std::int64_t BitBasis::index(BitString s) const {
  if (!contains(s)) return -1;
  if (set_bits_ < 0) return static_cast<std::int64_t>(s);
  std::int64_t r = 0;
  int k = 0;
  for (BitString rest = s; rest != 0; rest &= rest - 1) r += choose(__builtin_ctzll(rest), ++k);
  return r;
}

}  // namespace qtherm::space
