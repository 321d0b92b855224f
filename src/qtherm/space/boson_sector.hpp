#pragma once
// Truncated bosonic Fock space in a particle-number sector: occupation vectors (n_0, …, n_{M−1})
// with 0 ≤ n_i ≤ cutoff and Σ n_i = N, for the bosonic many-body route of the interacting
// reservoirs. A state is packed into one 64-bit word, `bits` = bit width of the cutoff per mode,
// mode 0 in the most significant field (as site 0 of BitBasis), so a hop is an add and a subtract.
// States are ordered by increasing packed value (lexicographic in n_0, n_1, …); the rank is
// computed in O(M) from a table of bounded-composition counts, and unranking in O(M·cutoff), so
// any rank maps its owned rows to states and back without storing the basis.
#include <cstdint>
#include <vector>

namespace qtherm::space {

using BosonState = std::uint64_t;

class BosonBasis {
 public:
  // Bit width of one occupation field for this cutoff (cutoff 1: 1 bit, 2–3: 2 bits, …).
  static int field_bits(int cutoff);
  // Whether modes × field_bits(cutoff) fits in the 64-bit word.
  static bool fits(int modes, int cutoff) { return modes >= 1 && cutoff >= 1 && modes * field_bits(cutoff) <= 64; }
  // Throws std::invalid_argument unless fits(modes, cutoff) and 0 ≤ particles ≤ modes·cutoff;
  // std::overflow_error when the sector has more than 2^63 states.
  BosonBasis(int modes, int cutoff, int particles);

  int modes() const { return modes_; }
  int cutoff() const { return cutoff_; }
  int particles() const { return particles_; }
  int bits() const { return bits_; }
  std::int64_t size() const { return count(modes_, particles_); }

  BosonState state(std::int64_t index) const;  // the index-th state
  std::int64_t index(BosonState s) const;      // its rank; −1 when s is not in this sector
  std::int64_t rank(BosonState s) const;       // the same without the membership check (s in the sector)
  bool contains(BosonState s) const;

  int shift(int mode) const { return bits_ * (modes_ - 1 - mode); }
  int occupation(BosonState s, int mode) const { return int((s >> shift(mode)) & field_mask_); }
  BosonState quantum(int mode) const { return BosonState(1) << shift(mode); }  // adds one boson to `mode`
  BosonState pack(const std::vector<int>& n) const;

  // Number of occupation vectors of `m` ≤ modes() modes, each in [0, cutoff], summing to
  // `n` ≤ particles() (0 for n < 0 or n > m·cutoff).
  std::int64_t count(int m, int n) const {
    return m < 0 || n < 0 || n > m * cutoff_ ? 0 : table_[std::size_t(m) * (particles_ + 1) + std::size_t(n)];
  }

 private:
  int modes_, cutoff_, particles_, bits_;
  BosonState field_mask_;
  // table_[m * (N+1) + n] = count(m, n) for n ≤ N; below_[(m * (N+1) + n) * (cutoff+1) + v] = the
  // number of vectors of m + 1 modes summing to n whose first entry is < v (the rank offset).
  std::vector<std::int64_t> table_, below_;
  std::int64_t offset(int m, int n, int v) const {
    return below_[(std::size_t(m) * (particles_ + 1) + std::size_t(n)) * (cutoff_ + 1) + std::size_t(v)];
  }
};

}  // namespace qtherm::space
