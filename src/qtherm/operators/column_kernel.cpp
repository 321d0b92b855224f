// The column Liouvillian's inner loops, on interleaved (re, im) doubles: std::complex's
// multiplication keeps a NaN-recovery branch that stops GCC from vectorising these loops.
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

// out += v · A src.
inline void spmv_add(const ColumnPlan::Entries& a, double vr, double vi, const double* __restrict src,
                     double* __restrict out) {
  const double* val = reinterpret_cast<const double*>(a.val.data());
  const PetscInt *col = a.col.data(), *row = a.row.data();
  const size_t n = a.row.size();
  for (size_t k = 0; k < n; ++k) {
    const double ar = vr * val[2 * k] - vi * val[2 * k + 1], ai = vr * val[2 * k + 1] + vi * val[2 * k];
    const double sr = src[2 * col[k]], si = src[2 * col[k] + 1];
    out[2 * row[k]] += ar * sr - ai * si;
    out[2 * row[k] + 1] += ar * si + ai * sr;
  }
}

inline void add_sources(const ColumnPlan& p, const Source* begin, const Source* end, const double* base, double* out) {
  for (const Source* s = begin; s != end; ++s) {
    const double* src = base + 2 * s->offset;
    if (s->term < 0) axpy(out, s->v.real(), s->v.imag(), src, p.d);
    else spmv_add(p.sandwich[s->term], s->v.real(), s->v.imag(), src, out);
  }
}

}  // namespace

// Compiled for AVX-512 and AVX2 (with FMA) besides the baseline; the loader picks one per CPU.
#define QTHERM_KERNEL_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

QTHERM_KERNEL_CLONES void apply_owned(const ColumnPlan& p, const PetscScalar* x, PetscScalar* y) {
  const PetscInt d = p.d;
  const double* kd = reinterpret_cast<const double*>(p.kdiag.data());
  const double* kv = reinterpret_cast<const double*>(p.k.valuePtr());
  const PetscInt *kc = p.k.innerIndexPtr(), *kp = p.k.outerIndexPtr();
  const double* xa = reinterpret_cast<const double*>(x);
  for (PetscInt jl = 0; jl < p.c1 - p.c0; ++jl) {
    const double* xc = xa + 2 * jl * d;
    double* out = reinterpret_cast<double*>(y) + 2 * jl * d;
    const double rr = p.rdiag[jl].real(), ri = p.rdiag[jl].imag();
    for (PetscInt i = 0; i < d; ++i) {
      const double dr = kd[2 * i] + rr, di = kd[2 * i + 1] + ri;
      double sr = dr * xc[2 * i] - di * xc[2 * i + 1], si = dr * xc[2 * i + 1] + di * xc[2 * i];
      for (PetscInt k = kp[i]; k < kp[i + 1]; ++k) {
        const double ar = kv[2 * k], ai = kv[2 * k + 1], xr = xc[2 * kc[k]], xi = xc[2 * kc[k] + 1];
        sr += ar * xr - ai * xi;
        si += ar * xi + ai * xr;
      }
      out[2 * i] = sr;
      out[2 * i + 1] = si;
    }
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
