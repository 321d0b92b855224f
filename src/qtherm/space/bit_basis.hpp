#pragma once
// Many-body basis of `sites` two-level sites (spin-1/2 or fermionic modes) as bit strings: the whole
// 2^sites space, or the sector with exactly k bits set (fixed magnetization / particle number).
// Site j is bit (sites − 1 − j), so site 0 is the most significant digit as in TensorSpace. A set bit
// means up / occupied. States are ordered by increasing integer value; in a sector the index is the
// rank in the combinatorial number system, computed in O(sites) with a binomial table, so any rank
// can map its owned rows to states and back without storing the basis.
#include <cstdint>

#include <vector>

namespace qtherm::space {

using BitString = std::uint64_t;

// C(n, k) exactly; throws std::overflow_error beyond 2^63.
std::int64_t binomial(int n, int k);

class BitBasis {
 public:
  static constexpr int kMaxSites = 62;
  // Throws std::invalid_argument for sites outside [1, kMaxSites] or set_bits outside [0, sites].
  static BitBasis full(int sites);
  static BitBasis sector(int sites, int set_bits);

  int sites() const { return sites_; }
  bool is_sector() const { return set_bits_ >= 0; }
  int set_bits() const { return set_bits_; }  // −1 for the full space
  std::int64_t size() const { return size_; }

  BitString state(std::int64_t index) const;  // the index-th state
  std::int64_t index(BitString state) const;  // its rank; −1 when the state is not in this basis
  bool contains(BitString state) const;

  BitString site_mask(int site) const { return BitString(1) << (sites_ - 1 - site); }
  bool occupied(BitString state, int site) const { return (state & site_mask(site)) != 0; }

 private:
  BitBasis(int sites, int set_bits);
  int sites_ = 0, set_bits_ = -1;
  std::int64_t size_ = 0;
  std::vector<std::int64_t> table_;  // table_[n * (sites+1) + k] = C(n, k), n, k ≤ sites
  std::int64_t choose(int n, int k) const { return k < 0 || k > n ? 0 : table_[n * (sites_ + 1) + k]; }
};

}  // namespace qtherm::space
