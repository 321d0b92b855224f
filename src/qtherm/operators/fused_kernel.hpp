#pragma once
// Internal to banded_shell.cpp, its only includer: the vectorized row kernel of the fused full-space
// shell and the non-temporal copy of its output columns. Definitions in an unnamed namespace, in the
// includer's translation unit on purpose: with the kernel in a .cpp of its own, 16 paired runs of
// one application at n = 30 were ~3 % slower (medians 1.42 against 1.38 ms; small beside the
// run-to-run spread, but the bandwidth margin is small too).
#include <immintrin.h>  // non-temporal stores: SSE2 (x86-64 baseline), AVX-512
#include <petscsys.h>

#include <algorithm>
#include <cstdint>

#include "qtherm/operators/cpu_level.hpp"

namespace qtherm::operators::detail {
// One includer by design (above), so definitions here are no ODR hazard.
// NOLINTBEGIN(misc-definitions-in-headers)
namespace {

// One source stream of an output row block: out[i] += s · a[i] · x[i] over complex entries i (x and
// out interleaved (re, im) doubles; a real, nullptr for the identity).
struct Stream {
  const double* x;
  const double* a;
  double s;
};

// Vectors of doubles (GCC/Clang vector extension), written out because auto-vectorization of the
// stream loop picks the wrong dimension (gathers across streams instead of loads along i).
typedef double v8d __attribute__((vector_size(64)));  // one AVX-512 register
typedef double v4d __attribute__((vector_size(32)));  // one AVX2 register
template <class V>
__attribute__((always_inline)) inline V load(const double* p) {
  V v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
// The table entries a[0..W) of a vector of 2W doubles, each twice: (a0, a0, a1, a1, ...).
template <int half>
__attribute__((always_inline)) inline v8d spread(v8d a) {
  if constexpr (half == 0)
    return __builtin_shufflevector(a, a, 0, 0, 1, 1, 2, 2, 3, 3);
  else
    return __builtin_shufflevector(a, a, 4, 4, 5, 5, 6, 6, 7, 7);
}
template <int half>
__attribute__((always_inline)) inline v4d spread(v4d a) {
  if constexpr (half == 0)
    return __builtin_shufflevector(a, a, 0, 0, 1, 1);
  else
    return __builtin_shufflevector(a, a, 2, 2, 3, 3);
}

// out = Σ_t s_t · a_t ⊙ x_t over n complex entries, the first `plain` streams without a table. Two
// vectors of outputs (W complex each) stay in registers while every stream adds to them; a table entry
// serves both the real and the imaginary part (one load, permutes).
template <class V>
__attribute__((always_inline)) inline void fused_row_body(double* __restrict o, const Stream* __restrict st, int plain,
                                                          int ns, PetscInt n) {
  constexpr PetscInt W = sizeof(V) / 16;
  PetscInt i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    V acc0 = {}, acc1 = {};
    for (int t = 0; t < plain; ++t) {
      const V s = st[t].s - (V){};
      acc0 += s * load<V>(st[t].x + 2 * i);
      acc1 += s * load<V>(st[t].x + 2 * i + 2 * W);
    }
    for (int t = plain; t < ns; ++t) {
      const V a = st[t].s * load<V>(st[t].a + i);
      acc0 += spread<0>(a) * load<V>(st[t].x + 2 * i);
      acc1 += spread<1>(a) * load<V>(st[t].x + 2 * i + 2 * W);
    }
    __builtin_memcpy(o + 2 * i, &acc0, sizeof acc0);
    __builtin_memcpy(o + 2 * i + 2 * W, &acc1, sizeof acc1);
  }
  // The rest in blocks of W; the last block may overlap the previous one (outputs are written, not
  // accumulated, so entries computed twice come out the same). Rows shorter than W: scalar. The
  // table is read W at a time from a V-sized load of which half is used; rows need ≥ 2W entries.
  for (; i < n && n >= 2 * W; i += W) {
    if (i + W > n) i = n - W;
    V acc = {};
    for (int t = 0; t < plain; ++t) acc += (st[t].s - (V){}) * load<V>(st[t].x + 2 * i);
    for (int t = plain; t < ns; ++t) {
      const V a = st[t].s * load<V>(st[t].a + i - W);  // entries i − W .. i + W; the upper half is wanted
      acc += spread<1>(a) * load<V>(st[t].x + 2 * i);
    }
    __builtin_memcpy(o + 2 * i, &acc, sizeof acc);
  }
  for (; i < n; ++i) {
    double re = 0, im = 0;
    for (int t = 0; t < ns; ++t) {
      const double w = st[t].a ? st[t].s * st[t].a[i] : st[t].s;
      re += w * st[t].x[2 * i];
      im += w * st[t].x[2 * i + 1];
    }
    o[2 * i] = re;
    o[2 * i + 1] = im;
  }
}

// `rows` consecutive row blocks from out: streams start at row 0 and advance one row (n complex)
// per block, stream t taking s = scale[t][I] in block I. One call per column keeps the per-row set-up
// to a few instructions inside the vectorized function. `ahead` (or nullptr): a column to prefetch,
// row I of it while block I is computed.
template <class V>
__attribute__((always_inline)) inline void fused_rows_body(double* out, Stream* st, const double* const* scale,
                                                           int plain, int ns, PetscInt n, PetscInt rows,
                                                           const double* ahead) {
  for (PetscInt I = 0; I < rows; ++I) {
    if (ahead)
      for (PetscInt k = 0; k < 2 * n; k += 8) __builtin_prefetch(ahead + 2 * I * n + k);
    for (int t = 0; t < ns; ++t) st[t].s = scale[t][I];
    fused_row_body<V>(out + 2 * I * n, st, plain, ns, n);
    for (int t = 0; t < ns; ++t) st[t].x += 2 * n;
  }
}

// The kernel for AVX-512 (x86-64-v4), and for AVX2+FMA (x86-64-v3) or the baseline ISA; chosen at
// run time (the build does not use -march).
__attribute__((target("arch=x86-64-v4"))) void fused_rows_avx512(double* out, Stream* st, const double* const* scale,
                                                                 int plain, int ns, PetscInt n, PetscInt rows,
                                                                 const double* ahead) {
  fused_rows_body<v8d>(out, st, scale, plain, ns, n, rows, ahead);
}
__attribute__((target_clones("arch=x86-64-v3", "default"))) void fused_rows_avx2(double* out, Stream* st,
                                                                                 const double* const* scale, int plain,
                                                                                 int ns, PetscInt n, PetscInt rows,
                                                                                 const double* ahead) {
  fused_rows_body<v4d>(out, st, scale, plain, ns, n, rows, ahead);
}
// fused_rows_body for the CPU at hand.
void fused_rows(double* out, Stream* st, const double* const* scale, int plain, int ns, PetscInt n, PetscInt rows,
                const double* ahead = nullptr) {
  static const bool avx512 = cpu_has_x86_64_v4();
  if (avx512)
    fused_rows_avx512(out, st, scale, plain, ns, n, rows, ahead);
  else
    fused_rows_avx2(out, st, scale, plain, ns, n, rows, ahead);
}

// `lines` whole cache lines to a 64-byte aligned dst as whole-line non-temporal stores (16-byte ones
// fill the write-combining buffers more slowly).
__attribute__((target("avx512f"))) void stream_lines_avx512(double* dst, const double* src, PetscInt lines) {
  for (PetscInt k = 0; k < lines; ++k) _mm512_stream_pd(dst + 8 * k, _mm512_loadu_pd(src + 8 * k));
}

// dst = src over `count` doubles (even) with non-temporal stores; src 16-byte aligned (dst too,
// unless it is a user's array placed into a Vec: then plain copies). With AVX-512 the aligned middle
// goes a line at a time, everything else 16 bytes at a time. Callers _mm_sfence() after the last one,
// before the data is handed on.
void stream_copy(double* dst, const double* src, PetscInt count) {
  if (reinterpret_cast<std::uintptr_t>(dst) % 16 != 0) {
    std::copy(src, src + count, dst);
    return;
  }
  static const bool avx512 = __builtin_cpu_supports("avx512f");
  PetscInt i = 0;
  if (avx512) {
    for (; i < count && reinterpret_cast<std::uintptr_t>(dst + i) % 64 != 0; i += 2)
      _mm_stream_pd(dst + i, _mm_load_pd(src + i));
    const PetscInt lines = (count - i) / 8;
    stream_lines_avx512(dst + i, src + i, lines);
    i += 8 * lines;
  }
  for (; i < count; i += 2) _mm_stream_pd(dst + i, _mm_load_pd(src + i));
}

}  // namespace
// NOLINTEND(misc-definitions-in-headers)
}  // namespace qtherm::operators::detail
