#include "qtherm/space/boson_sector.hpp"

#include <climits>
#include <stdexcept>
#include <string>

namespace qtherm::space {

int BosonBasis::field_bits(int cutoff) {
  int b = 1;
  while (b < 31 && (cutoff >> b) != 0) ++b;
  return b;
}

BosonBasis::BosonBasis(int modes, int cutoff, int particles)
    : modes_(modes), cutoff_(cutoff), particles_(particles), bits_(field_bits(cutoff)) {
  if (!fits(modes, cutoff))
    throw std::invalid_argument(std::to_string(modes) + " bosonic modes with cutoff " + std::to_string(cutoff) +
                                " do not fit a 64-bit state word (modes x " + std::to_string(bits_) + " bits > 64)");
  if (particles < 0 || particles > modes * cutoff)
    throw std::invalid_argument("sector with " + std::to_string(particles) + " bosons does not exist on " +
                                std::to_string(modes) + " modes with cutoff " + std::to_string(cutoff));
  field_mask_ = (BosonState(1) << bits_) - 1;
  const std::size_t row = std::size_t(particles) + 1;
  table_.assign((std::size_t(modes) + 1) * row, 0);
  table_[0] = 1;  // zero modes: only the empty vector, with sum 0
  // count(m, n) = Σ_{v=0}^{min(cutoff, n)} count(m − 1, n − v): the first mode holds v.
  for (int m = 1; m <= modes; ++m)
    for (int n = 0; n <= particles; ++n) {
      __int128 c = 0;
      for (int v = 0; v <= cutoff && v <= n; ++v) c += table_[std::size_t(m - 1) * row + std::size_t(n - v)];
      if (c > INT64_MAX)
        throw std::overflow_error("bosonic sector of " + std::to_string(modes) + " modes and " +
                                  std::to_string(particles) + " particles has more than 2^63 states");
      table_[std::size_t(m) * row + std::size_t(n)] = static_cast<std::int64_t>(c);
    }
  // offset(m, n, v): the vectors of m + 1 modes summing to n with first entry < v come first.
  below_.assign(std::size_t(modes) * row * std::size_t(cutoff + 1), 0);
  for (int m = 0; m < modes; ++m)
    for (int n = 0; n <= particles; ++n) {
      std::int64_t acc = 0;
      for (int v = 0; v <= cutoff; ++v) {
        below_[(std::size_t(m) * row + std::size_t(n)) * (cutoff + 1) + std::size_t(v)] = acc;
        acc += count(m, n - v);
      }
    }
}

bool BosonBasis::contains(BosonState s) const {
  if (bits_ * modes_ < 64 && (s >> (bits_ * modes_)) != 0) return false;
  int total = 0;
  for (int i = 0; i < modes_; ++i) {
    const int v = occupation(s, i);
    if (v > cutoff_) return false;
    total += v;
  }
  return total == particles_;
}

BosonState BosonBasis::pack(const std::vector<int>& n) const {
  if (int(n.size()) != modes_) throw std::invalid_argument("occupation vector of the wrong length");
  BosonState s = 0;
  for (int i = 0; i < modes_; ++i) {
    if (n[i] < 0 || n[i] > cutoff_) throw std::invalid_argument("occupation outside [0, cutoff]");
    s |= BosonState(n[i]) << shift(i);
  }
  return s;
}

BosonState BosonBasis::state(std::int64_t index) const {
  if (index < 0 || index >= size()) throw std::out_of_range("basis index " + std::to_string(index) + " out of range");
  // Unrank: mode i takes the largest v whose offset does not exceed the remaining index.
  BosonState s = 0;
  std::int64_t r = index;
  int rest = particles_;
  for (int i = 0; i < modes_; ++i) {
    const int m = modes_ - 1 - i;  // modes after i
    int v = 0;
    while (v < cutoff_ && v < rest && offset(m, rest, v + 1) <= r) ++v;
    r -= offset(m, rest, v);
    s |= BosonState(v) << shift(i);
    rest -= v;
  }
  return s;
}

std::int64_t BosonBasis::index(BosonState s) const { return contains(s) ? rank(s) : -1; }

std::int64_t BosonBasis::rank(BosonState s) const {
  std::int64_t r = 0;
  int rest = particles_;
  for (int i = 0; i < modes_; ++i) {
    const int v = occupation(s, i);
    r += offset(modes_ - 1 - i, rest, v);
    rest -= v;
  }
  return r;
}

}  // namespace qtherm::space
