#pragma once
// Fermionic modes on a BitBasis (mode m = site m, Jordan–Wigner order: mode 0 first) and an O(1)
// rank for particle-number sectors, for the many-body route of the interacting reservoirs.
#include <cstdint>
#include <vector>

#include "qtherm/space/bit_basis.hpp"

namespace qtherm::space {

// The rank of a state within a BitBasis sector in O(1), identical to BitBasis::index, through two
// tables over the high and low halves of the bit string (2^(sites/2) entries each): the rank of
// s = (h, l) is prefix[h] (sector states whose high half is smaller) plus the rank of l among the
// low halves with the same number of set bits.
class SectorIndex {
 public:
  explicit SectorIndex(const BitBasis& basis);  // basis.is_sector() required (std::invalid_argument)
  std::int64_t operator()(BitString s) const { return prefix_[s >> low_bits_] + low_rank_[s & low_mask_]; }

 private:
  int low_bits_ = 0;
  BitString low_mask_ = 0;
  std::vector<std::int64_t> prefix_, low_rank_;
};

// c_to† c_from |s> = sign |s'> for from ≠ to with `from` occupied and `to` empty (otherwise 0; the
// caller checks occupation). sign = (−1)^(occupied modes strictly between from and to).
struct Hop {
  BitString state;
  int sign;
};
inline Hop hop(const BitBasis& b, BitString s, int from, int to) {
  const int pf = b.sites() - 1 - from, pt = b.sites() - 1 - to;  // bit positions
  const int lo = pf < pt ? pf : pt, hi = pf < pt ? pt : pf;
  const BitString between = ((BitString(1) << hi) - 1) & ~((BitString(2) << lo) - 1);
  const int parity = __builtin_popcountll(s & between) & 1;
  return {(s & ~b.site_mask(from)) | b.site_mask(to), parity ? -1 : 1};
}

}  // namespace qtherm::space
