// The column Liouvillian's inner loops, on interleaved (re, im) doubles: std::complex's
// multiplication keeps a NaN-recovery branch that stops GCC from vectorising these loops. Every
// sparse factor is applied as runs along its diagonals (diagonal_runs.hpp): unit-stride loops.
#include "qtherm/operators/column_kernel.hpp"

#include "qtherm/operators/cpu_level.hpp"

namespace qtherm::operators::detail {
namespace {

// out[i] += v · src[i], i < n (complex entries).
inline void axpy(double* __restrict out, double vr, double vi, const double* __restrict src, PetscInt n) {
  for (PetscInt i = 0; i < n; ++i) {
    const double sr = src[2 * i], si = src[2 * i + 1];
    out[2 * i] += vr * sr - vi * si;
    out[2 * i + 1] += vr * si + vi * sr;
  }
}

// out[i] += (c · a[i]) · src[i], i < n.
inline void scaled_vaxpy(double* __restrict out, double cr, double ci, const double* __restrict a,
                         const double* __restrict src, PetscInt n) {
  for (PetscInt i = 0; i < n; ++i) {
    const double vr = cr * a[2 * i] - ci * a[2 * i + 1], vi = cr * a[2 * i + 1] + ci * a[2 * i];
    const double sr = src[2 * i], si = src[2 * i + 1];
    out[2 * i] += vr * sr - vi * si;
    out[2 * i + 1] += vr * si + vi * sr;
  }
}

// out += c · M src, M given by its diagonal runs.
inline void add_runs(const DiagonalRuns& m, double cr, double ci, const double* __restrict src,
                     double* __restrict out) {
  const double* val = reinterpret_cast<const double*>(m.values.data());
  for (const DiagonalRuns::Run& r : m.runs) {
    const double* a = val + 2 * r.val;
    const double* s = src + 2 * (r.row + r.offset);
    if (r.constant)
      axpy(out + 2 * r.row, cr * a[0] - ci * a[1], cr * a[1] + ci * a[0], s, r.len);
    else
      scaled_vaxpy(out + 2 * r.row, cr, ci, a, s, r.len);
  }
}

// A whole source column of a right term: out += (vr + i vi) · src.
struct Column {
  const double* src;
  double vr, vi;
};

// out += Σ_m c_m (M ≤ 4 columns in one pass, the output read and written once), or with `diag` (the
// column's own values x and the diagonal kd + r): out = (kd + r) ⊙ x + Σ_m c_m. The coefficients
// are copied to locals and the sources passed one by one, so that nothing may alias out.
// (re, im) += (vr + i vi) · s[i].
__attribute__((always_inline)) inline void madd(double& re, double& im, double vr, double vi,
                                                const double* __restrict s, PetscInt i) {
  const double sr = s[2 * i], si = s[2 * i + 1];
  re += vr * sr - vi * si;
  im += vr * si + vi * sr;
}

template <int M, bool diag>
__attribute__((always_inline)) inline void sum_columns(double* __restrict out, const double* __restrict s0,
                                                       const double* __restrict s1, const double* __restrict s2,
                                                       const double* __restrict s3, double v0r, double v0i, double v1r,
                                                       double v1i, double v2r, double v2i, double v3r, double v3i,
                                                       const double* __restrict x, const double* __restrict kd,
                                                       double rr, double ri, PetscInt n) {
  for (PetscInt i = 0; i < n; ++i) {
    double re, im;
    if constexpr (diag) {
      const double dr = kd[2 * i] + rr, di = kd[2 * i + 1] + ri, xr = x[2 * i], xi = x[2 * i + 1];
      re = dr * xr - di * xi;
      im = dr * xi + di * xr;
    } else {
      re = out[2 * i];
      im = out[2 * i + 1];
    }
    if constexpr (M > 0) madd(re, im, v0r, v0i, s0, i);
    if constexpr (M > 1) madd(re, im, v1r, v1i, s1, i);
    if constexpr (M > 2) madd(re, im, v2r, v2i, s2, i);
    if constexpr (M > 3) madd(re, im, v3r, v3i, s3, i);
    out[2 * i] = re;
    out[2 * i + 1] = im;
  }
}

// sum_columns for m ≤ 4 columns, compiled for AVX-512 and AVX2+FMA besides the baseline; a function of
// its own (not inlined into the clones below), so that its __restrict parameters hold and the loops
// vectorise at full width.
#define QTHERM_COLUMNS_BODY                                                                                \
  switch (m) {                                                                                             \
    case 0:                                                                                                \
      sum_columns<0, diag>(out, s0, s1, s2, s3, v0r, v0i, v1r, v1i, v2r, v2i, v3r, v3i, x, kd, rr, ri, n); \
      break;                                                                                               \
    case 1:                                                                                                \
      sum_columns<1, diag>(out, s0, s1, s2, s3, v0r, v0i, v1r, v1i, v2r, v2i, v3r, v3i, x, kd, rr, ri, n); \
      break;                                                                                               \
    case 2:                                                                                                \
      sum_columns<2, diag>(out, s0, s1, s2, s3, v0r, v0i, v1r, v1i, v2r, v2i, v3r, v3i, x, kd, rr, ri, n); \
      break;                                                                                               \
    case 3:                                                                                                \
      sum_columns<3, diag>(out, s0, s1, s2, s3, v0r, v0i, v1r, v1i, v2r, v2i, v3r, v3i, x, kd, rr, ri, n); \
      break;                                                                                               \
    default:                                                                                               \
      sum_columns<4, diag>(out, s0, s1, s2, s3, v0r, v0i, v1r, v1i, v2r, v2i, v3r, v3i, x, kd, rr, ri, n); \
      break;                                                                                               \
  }
#define QTHERM_COLUMNS_PARAMS                                                                                   \
  int m, double *__restrict out, const double *__restrict s0, const double *__restrict s1,                      \
      const double *__restrict s2, const double *__restrict s3, double v0r, double v0i, double v1r, double v1i, \
      double v2r, double v2i, double v3r, double v3i, const double *__restrict x, const double *__restrict kd,  \
      double rr, double ri, PetscInt n
template <bool diag>
__attribute__((target("arch=x86-64-v4"), noinline)) void sum_columns_avx512(QTHERM_COLUMNS_PARAMS) {
  QTHERM_COLUMNS_BODY
}
template <bool diag>
__attribute__((target("arch=x86-64-v3"), noinline)) void sum_columns_avx2(QTHERM_COLUMNS_PARAMS) {
  QTHERM_COLUMNS_BODY
}
template <bool diag>
__attribute__((noinline)) void sum_columns_baseline(QTHERM_COLUMNS_PARAMS) {
  QTHERM_COLUMNS_BODY
}
#undef QTHERM_COLUMNS_BODY
#undef QTHERM_COLUMNS_PARAMS

template <bool diag>
inline void sum_columns(double* out, const Column* c, int m, const double* x, const double* kd, double rr, double ri,
                        PetscInt n) {
  static const bool avx512 = cpu_has_x86_64_v4(), avx2 = cpu_has_x86_64_v3();
  Column e[4] = {};
  for (int k = 0; k < m; ++k) e[k] = c[k];
  auto* f = avx512 ? sum_columns_avx512<diag> : avx2 ? sum_columns_avx2<diag> : sum_columns_baseline<diag>;
  f(m, out, e[0].src, e[1].src, e[2].src, e[3].src, e[0].vr, e[0].vi, e[1].vr, e[1].vi, e[2].vr, e[2].vi, e[3].vr,
    e[3].vi, x, kd, rr, ri, n);
}

// The right terms among the sources [begin, end), whole columns four at a time; the first four with
// the diagonal when x is given (out is then written, not added to).
__attribute__((always_inline)) inline void add_right(const ColumnPlan& p, const Source* begin, const Source* end,
                                                     const double* base, double* out, const double* x = nullptr,
                                                     const double* kd = nullptr, double rr = 0, double ri = 0) {
  Column c[4];
  int m = 0;
  bool first = x != nullptr;
  auto flush = [&] {
    if (first)
      sum_columns<true>(out, c, m, x, kd, rr, ri, p.d);
    else
      sum_columns<false>(out, c, m, nullptr, nullptr, 0, 0, p.d);
    first = false;
    m = 0;
  };
  for (const Source* s = begin; s != end; ++s) {
    const double a = p.a[s->part];
    if (s->term >= 0 || a == 0) continue;  // a == 0: a part switched off at this time
    c[m++] = Column{base + 2 * s->offset, a * s->v.real(), a * s->v.imag()};
    if (m == 4) flush();
  }
  if (m > 0 || first) flush();
}

// The sandwich terms among the sources [begin, end).
__attribute__((always_inline)) inline void add_sandwiches(const ColumnPlan& p, const Source* begin, const Source* end,
                                                          const double* base, double* out) {
  for (const Source* s = begin; s != end; ++s) {
    const double a = p.a[s->part];
    if (s->term < 0 || a == 0) continue;
    add_runs(p.sandwich[s->term], a * s->v.real(), a * s->v.imag(), base + 2 * s->offset, out);
  }
}

}  // namespace

// Compiled for AVX-512 and AVX2 (with FMA) besides the baseline; the loader picks one per CPU.
#define QTHERM_KERNEL_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

QTHERM_KERNEL_CLONES void apply_owned(const ColumnPlan& p, const PetscScalar* x, PetscScalar* y) {
  const PetscInt d = p.d;
  const double* kd = reinterpret_cast<const double*>(p.kdiag.data());
  const double* xa = reinterpret_cast<const double*>(x);
  for (PetscInt jl = 0; jl < p.c1 - p.c0; ++jl) {
    const double* xc = xa + 2 * jl * d;
    double* out = reinterpret_cast<double*>(y) + 2 * jl * d;
    // The diagonal and the owned right-term columns in one pass, then K, then the sandwiches.
    const Source *begin = p.owned.data() + p.owned_ptr[jl], *end = p.owned.data() + p.owned_ptr[jl + 1];
    add_right(p, begin, end, xa, out, xc, kd, p.rdiag[jl].real(), p.rdiag[jl].imag());
    for (size_t n = 0; n < p.k.size(); ++n)
      if (p.a[n] != 0) add_runs(p.k[n], p.a[n], 0.0, xc, out);
    add_sandwiches(p, begin, end, xa, out);
  }
}

QTHERM_KERNEL_CLONES void apply_ghosts(const ColumnPlan& p, const PetscScalar* ghost, PetscScalar* y) {
  const double* g = reinterpret_cast<const double*>(ghost);
  for (PetscInt jl = 0; jl < p.c1 - p.c0; ++jl) {
    const Source *begin = p.ghost.data() + p.ghost_ptr[jl], *end = p.ghost.data() + p.ghost_ptr[jl + 1];
    double* out = reinterpret_cast<double*>(y) + 2 * jl * p.d;
    add_right(p, begin, end, g, out);
    add_sandwiches(p, begin, end, g, out);
  }
}

}  // namespace qtherm::operators::detail
