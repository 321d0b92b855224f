#pragma once
// A model's memory needs, declared from sizes alone (nothing allocated): a few terms, each driven by
// one configuration key. The engine (study/memory_check) sums them, compares the sum with the memory
// a rank may use and, when it does not fit, names the key of the largest term and the largest value of
// it that fits. Models declare terms; none of them compares, prints or refuses anything itself.
#include <functional>
#include <string>
#include <vector>

namespace qtherm {

struct MemoryTerm {
  std::string what;          // "state and integrator vectors (Liouville unknowns)"
  std::string section, key;  // the key whose value drives the term
  double value = 0;          // the size that key sets now (e.g. a Hilbert dimension, a sample count)
  std::string quantity;      // what `value` is, when it is not the key's own value ("Hilbert dimension")
  // Bytes on each rank as a function of `value`, everything else as configured; non-decreasing.
  std::function<double(double)> bytes;
  double now() const { return bytes(value); }
};

using MemoryEstimate = std::vector<MemoryTerm>;

// Bytes of `count` complex (16-byte) or real (8-byte) numbers.
inline double complex_bytes(double count) { return 16.0 * count; }
inline double real_bytes(double count) { return 8.0 * count; }

// "1.25 GB", "830 MB", "12 kB" (decimal units, three significant digits).
std::string format_bytes(double bytes);
// "8G", "500 MB", "2e9", "1.5GiB": bytes; throws std::invalid_argument with a short reason.
double parse_bytes(const std::string& text);

}  // namespace qtherm
