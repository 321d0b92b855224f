// The column Liouvillian's inner loops, on interleaved (re, im) doubles: std::complex's
// multiplication keeps a NaN-recovery branch that stops GCC from vectorising these loops. Every
// sparse factor is applied as runs along its diagonals (diagonal_runs.hpp): unit-stride loops.
#include "qtherm/operators/column_kernel.hpp"

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
    if (r.constant) axpy(out + 2 * r.row, cr * a[0] - ci * a[1], cr * a[1] + ci * a[0], s, r.len);
    else scaled_vaxpy(out + 2 * r.row, cr, ci, a, s, r.len);
  }
}

inline void add_sources(const ColumnPlan& p, const Source* begin, const Source* end, const double* base, double* out) {
  for (const Source* s = begin; s != end; ++s) {
    const double a = p.a[s->part];
    if (a == 0) continue;  // a part switched off at this time, as its skipped product would be
    const double* src = base + 2 * s->offset;
    if (s->term < 0) axpy(out, a * s->v.real(), a * s->v.imag(), src, p.d);
    else add_runs(p.sandwich[s->term], a * s->v.real(), a * s->v.imag(), src, out);
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
    const double* __restrict xc = xa + 2 * jl * d;
    double* __restrict out = reinterpret_cast<double*>(y) + 2 * jl * d;
    const double rr = p.rdiag[jl].real(), ri = p.rdiag[jl].imag();
    for (PetscInt i = 0; i < d; ++i) {
      const double dr = kd[2 * i] + rr, di = kd[2 * i + 1] + ri;
      out[2 * i] = dr * xc[2 * i] - di * xc[2 * i + 1];
      out[2 * i + 1] = dr * xc[2 * i + 1] + di * xc[2 * i];
    }
    for (size_t n = 0; n < p.k.size(); ++n)
      if (p.a[n] != 0) add_runs(p.k[n], p.a[n], 0.0, xc, out);
    add_sources(p, p.owned.data() + p.owned_ptr[jl], p.owned.data() + p.owned_ptr[jl + 1], xa, out);
  }
}

QTHERM_KERNEL_CLONES void apply_ghosts(const ColumnPlan& p, const PetscScalar* ghost, PetscScalar* y) {
  const double* g = reinterpret_cast<const double*>(ghost);
  for (PetscInt jl = 0; jl < p.c1 - p.c0; ++jl)
    add_sources(p, p.ghost.data() + p.ghost_ptr[jl], p.ghost.data() + p.ghost_ptr[jl + 1], g,
                reinterpret_cast<double*>(y) + 2 * jl * p.d);
}

}  // namespace qtherm::operators::detail
