#include "qtherm/space/fermion_sector.hpp"

#include <stdexcept>

namespace qtherm::space {

SectorIndex::SectorIndex(const BitBasis& basis) {
  if (!basis.is_sector()) throw std::invalid_argument("SectorIndex needs a fixed particle-number sector");
  const int n = basis.sites(), k = basis.set_bits();
  low_bits_ = n / 2;
  const int high_bits = n - low_bits_;
  low_mask_ = (BitString(1) << low_bits_) - 1;
  low_rank_.assign(std::size_t(1) << low_bits_, 0);
  std::vector<std::int64_t> seen(low_bits_ + 1, 0);  // low halves met so far, per popcount
  for (BitString l = 0; l <= low_mask_; ++l) low_rank_[l] = seen[__builtin_popcountll(l)]++;
  prefix_.assign(std::size_t(1) << high_bits, 0);
  std::int64_t acc = 0;
  for (BitString h = 0; h < (BitString(1) << high_bits); ++h) {
    prefix_[h] = acc;
    const int rest = k - __builtin_popcountll(h);
    if (rest >= 0 && rest <= low_bits_) acc += binomial(low_bits_, rest);
  }
}

}  // namespace qtherm::space
