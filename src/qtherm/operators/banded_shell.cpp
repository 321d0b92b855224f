// The full-space matrix-free Liouvillian (make_shell_liouvillian in banded_liouvillian.hpp).
// Two kernels: a fused one for real coefficients whose fastest party is a real monomial (the
// rotating-frame oscillator cascade), and the general one (complex coefficients, any parties).
#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>

#include "qtherm/base/check.hpp"
#include "qtherm/operators/banded_groups.hpp"
#include "qtherm/operators/banded_liouvillian.hpp"
#include "qtherm/operators/fused_kernel.hpp"

namespace qtherm::operators {

namespace {

using detail::fused_rows;
using detail::Group;
using detail::Stream;
using detail::stream_copy;

// The fused form. The linear row index is i = I·n_in + i1 (I over all parties but the last, i1 the
// last party's digit), and every left factor is separable: A[i, i+δA] = outer(I) · inner(i1). A term
// c·AρB then adds  c·B[j−δB, j] · outer(I) · inner(i1) · ρ[i+δA, j−δB]  to out[i, j]: per output
// column j and row block I all terms reduce to one scalar times a short inner table, so each output
// block is written once, from registers, with every term's source block read from cache, instead of one
// read-modify-write pass over the column per shift pair with a stored d-long coefficient array.
struct Part {
  std::vector<double> inner;                      // inner factor inner(i1), 0 where i1 + d_in leaves the range
  bool identity = false;                          // inner = 1 everywhere: no table to read
  std::vector<std::vector<double>> outer, right;  // per merged term: outer(I); c·B[j−δB, j]
};
struct FusedGroup {
  PetscInt dB = 0, d_out = 0, d_in = 0;  // source column j + dB, source row (I + d_out, i1 + d_in)
  std::vector<Part> parts;
};
struct Fused {
  PetscInt n_in = 0, n_out = 0;
  std::vector<FusedGroup> groups;
};

struct Shell {
  PetscInt d = 0, c0 = 0, c1 = 0;  // owned columns [c0, c1)
  std::vector<Group> groups;
  std::optional<Fused> fused;
  // Ghost columns [l0, c0) and [c1, r1), left block first.
  PetscInt l0 = 0, r1 = 0;
  detail::Ghosts ghosts;
};

// The fused form of L, or nothing where a coefficient or a local value is complex.
std::optional<Fused> build_fused(const BandedSuperOperator& L) {
  const auto& s = L.space();
  const int last = s.parties() - 1;
  Fused f;
  f.n_in = s.local_dim(last);
  f.n_out = s.dim() / f.n_in;
  for (const auto& t : L.terms()) {
    if (t.c.imag() != 0.0) return std::nullopt;
    for (const Monomial* M : {&t.A, &t.B})
      for (int p = 0; p <= last; ++p)
        for (const auto& v : M->factor(p).values)
          if (v.imag() != 0.0) return std::nullopt;
    const auto& fin = t.A.factor(last);
    const PetscInt d_in = fin.offset, d_out = (detail::linear_shift(t.A) - d_in) / f.n_in;
    const PetscInt dB = -detail::linear_shift(t.B);
    std::vector<double> inner(f.n_in, 0.0), outer(f.n_out), right(s.dim());
    for (PetscInt i1 = 0; i1 < f.n_in; ++i1)
      if (i1 + d_in >= 0 && i1 + d_in < f.n_in) inner[i1] = fin.values[i1].real();
    for (PetscInt I = 0; I < f.n_out; ++I) {
      double x = 1.0;
      for (int p = 0; p < last && x != 0.0; ++p) {
        const auto& fp = t.A.factor(p);
        const PetscInt m = s.digit(I * f.n_in, p);
        x = (m + fp.offset < 0 || m + fp.offset >= s.local_dim(p)) ? 0.0 : x * fp.values[m].real();
      }
      outer[I] = x;
    }
    const auto rv = detail::right_values(t.B);
    for (PetscInt j = 0; j < s.dim(); ++j) right[j] = t.c.real() * rv[j].real();
    auto g = std::find_if(f.groups.begin(), f.groups.end(),
                          [&](const FusedGroup& x) { return x.dB == dB && x.d_out == d_out && x.d_in == d_in; });
    if (g == f.groups.end()) g = f.groups.insert(f.groups.end(), FusedGroup{dB, d_out, d_in, {}});
    auto p = std::find_if(g->parts.begin(), g->parts.end(), [&](const Part& x) { return x.inner == inner; });
    if (p == g->parts.end()) {
      const bool identity = std::all_of(inner.begin(), inner.end(), [](double v) { return v == 1.0; });
      p = g->parts.insert(g->parts.end(), Part{inner, identity, {}, {}});
    }
    // Merge with a term sharing either factor (left-only or right-only sums).
    bool merged = false;
    for (size_t k = 0; k < p->outer.size() && !merged; ++k) {
      if (p->outer[k] == outer) {
        for (PetscInt j = 0; j < s.dim(); ++j) p->right[k][j] += right[j];
        merged = true;
      } else if (p->right[k] == right) {
        for (PetscInt I = 0; I < f.n_out; ++I) p->outer[k][I] += outer[I];
        merged = true;
      }
    }
    if (!merged) {
      p->outer.push_back(std::move(outer));
      p->right.push_back(std::move(right));
    }
  }
  // Identity parts first: the kernel takes them without a table.
  for (auto& g : f.groups)
    std::stable_partition(g.parts.begin(), g.parts.end(), [](const Part& p) { return p.identity; });
  return f;
}

// Where the owned and ghost columns of the input are, and the buffer each lies in.
struct Columns {
  const PetscScalar* owned;
  const PetscScalar* ghost;
  PetscInt d, c0, c1, l0, r1;
  const PetscScalar* operator()(PetscInt js) const {
    if (js >= c0 && js < c1) return owned + (js - c0) * d;
    if (js < c0) return ghost + (js - l0) * d;
    return ghost + (c0 - l0 + js - c1) * d;
  }
  std::pair<const double*, const double*> buffer(PetscInt js) const {
    const auto* b = reinterpret_cast<const double*>(js >= c0 && js < c1 ? owned : ghost);
    return {b, b + 2 * d * (js >= c0 && js < c1 ? c1 - c0 : c0 - l0 + r1 - c1)};
  }
};

// One output column of the fused kernel: its sources (parts with a nonzero right factor here), their
// row scalars s(I) = Σ_k right_k[j] outer_k(I), and whether every row reads inside its buffer.
struct ColumnPlan {
  struct Source {
    const double *src, *begin, *end;  // the source column and the buffer it lies in
    const double* a;                  // inner table, nullptr for the identity
    PetscInt d_out, d_in;
    size_t s;  // s(I) at scale[s + I]
  };
  double* out = nullptr;
  std::vector<Source> sources, tabled;
  std::vector<double> scale;
  int plain = 0;
  bool inside = true;

  void build(const Fused& f, const Columns& column, PetscInt j, double* out_column) {
    const PetscInt n_in = f.n_in, n_out = f.n_out;
    out = out_column;
    sources.clear();
    tabled.clear();
    scale.clear();
    for (const auto& g : f.groups) {
      const PetscInt js = j + g.dB;
      if (js < 0 || js >= column.d) continue;
      const double* src = reinterpret_cast<const double*>(column(js));
      const auto [begin, end] = column.buffer(js);
      for (const auto& p : g.parts) {
        bool any = false;
        for (const auto& r : p.right) any = any || r[j] != 0.0;
        if (!any) continue;
        const size_t at = scale.size();
        scale.resize(at + n_out, 0.0);
        for (size_t k = 0; k < p.right.size(); ++k)
          for (PetscInt I = std::max<PetscInt>(0, -g.d_out); I < std::min(n_out, n_out - g.d_out); ++I)
            scale[at + I] += p.right[k][j] * p.outer[k][I];
        (p.identity ? sources : tabled)
            .push_back({src, begin, end, p.identity ? nullptr : p.inner.data(), g.d_out, g.d_in, at});
      }
    }
    plain = int(sources.size());
    sources.insert(sources.end(), tabled.begin(), tabled.end());
    // Every row inside its buffer? Then rows whose source row leaves the column read the neighbouring
    // column with s(I) = 0, and digits i1 + d_in outside the row meet a zero inner factor (identity
    // parts have d_in = 0): no branches at all.
    inside = true;
    for (const auto& x : sources)
      inside = inside && x.src + 2 * (x.d_out * n_in + x.d_in) >= x.begin &&
               x.src + 2 * ((n_out + x.d_out) * n_in + x.d_in) <= x.end;
  }

  // The whole output column.
  void apply(PetscInt n_in, PetscInt n_out, std::vector<Stream>& streams, std::vector<const double*>& scales,
             std::vector<double>& padded, const double* ahead) const {
    const int ns = int(sources.size());
    streams.resize(ns);
    scales.resize(ns);
    for (int k = 0; k < ns; ++k) {
      const auto& x = sources[k];
      streams[k] = {x.src + 2 * (x.d_out * n_in + x.d_in), x.a, 0.0};
      scales[k] = scale.data() + x.s;
    }
    if (inside) {
      fused_rows(out, streams.data(), scales.data(), plain, ns, n_in, n_out, ahead);
      return;
    }
    // A column at the edge of its buffer: row by row, the kernel reads copies padded with zeros (the
    // same arithmetic as everywhere else, so results do not depend on the layout).
    padded.resize(size_t(ns) * 2 * n_in);
    for (PetscInt I = 0; I < n_out; ++I) {
      std::fill(padded.begin(), padded.end(), 0.0);
      for (int k = 0; k < ns; ++k) {
        const auto& x = sources[k];
        double* r = padded.data() + size_t(k) * 2 * n_in;
        const double* row = x.src + 2 * ((I + x.d_out) * n_in + x.d_in);
        if (I + x.d_out >= 0 && I + x.d_out < n_out)
          for (PetscInt i1 = std::max<PetscInt>(0, -x.d_in); i1 < std::min(n_in, n_in - x.d_in); ++i1)
            r[2 * i1] = row[2 * i1], r[2 * i1 + 1] = row[2 * i1 + 1];
        streams[k].x = r;
        scales[k] = scale.data() + x.s + I;
      }
      fused_rows(out + 2 * I * n_in, streams.data(), scales.data(), plain, ns, n_in, 1);
    }
  }
};

void fused_columns(const Shell& sh, const Columns& column, PetscScalar* ya) {
  const Fused& f = *sh.fused;
  // Column by column, each output column written once, row block by row block. (Tiles of several
  // output columns sharing source rows in L1, strips of columns, and streaming a column out a few
  // rows at a time all measured slower.) A column is computed into a buffer that stays in L1 and
  // then streamed to y with non-temporal stores: y is not read here, and ordinary stores would first
  // load every line of it. The one source column the next output column reads first is prefetched
  // while this one is computed; every other source column is already in L2.
  ColumnPlan plan;
  std::vector<Stream> streams;
  std::vector<const double*> scales;
  std::vector<double> padded, buffer(2 * sh.d);
  PetscInt max_dB = 0;
  for (const auto& g : f.groups) max_dB = std::max(max_dB, g.dB);
  for (PetscInt j = sh.c0; j < sh.c1; ++j) {
    plan.build(f, column, j, buffer.data());
    const PetscInt next = j + 1 + max_dB;
    plan.apply(f.n_in, f.n_out, streams, scales, padded,
               next < sh.r1 ? reinterpret_cast<const double*>(column(next)) : nullptr);
    stream_copy(reinterpret_cast<double*>(ya + (j - sh.c0) * sh.d), buffer.data(), 2 * sh.d);
  }
  _mm_sfence();  // the streamed stores are weakly ordered: complete them before y is handed back
}

// The general path's real-coefficient kernels over interleaved (re, im) doubles: o += (Σ b_k a_k) ⊙ s. Compiled
// for AVX2+FMA (Haswell and later) as well as the baseline ISA (chosen at load time): the build does not use -march.
__attribute__((target_clones("arch=x86-64-v3", "default"))) void kernel1(double* __restrict o,
                                                                         const double* __restrict s,
                                                                         const double* __restrict a, double b,
                                                                         PetscInt n) {
  for (PetscInt k = 0; k < n; ++k) o[k] += b * a[k] * s[k];
}
__attribute__((target_clones("arch=x86-64-v3", "default"))) void kernel2(double* __restrict o,
                                                                         const double* __restrict s,
                                                                         const double* __restrict a0,
                                                                         const double* __restrict a1, double b0,
                                                                         double b1, PetscInt n) {
  for (PetscInt k = 0; k < n; ++k) o[k] += (b0 * a0[k] + b1 * a1[k]) * s[k];
}

void general_columns(const Shell& sh, const Columns& column, PetscScalar* ya) {
  const PetscInt d = sh.d;
  std::vector<PetscScalar> b;
  for (PetscInt j = sh.c0; j < sh.c1; ++j) {
    PetscScalar* out = ya + (j - sh.c0) * d;
    std::fill(out, out + d, PetscScalar(0.0));
    for (const auto& g : sh.groups) {
      const PetscInt js = j + g.dB;
      if (js < 0 || js >= d) continue;
      const size_t K = g.aval.size();
      b.resize(K);
      bool any = false;
      for (size_t k = 0; k < K; ++k) any |= (b[k] = g.bval[k][j]) != 0.0;
      if (!any) continue;
      const PetscScalar* src = column(js) + g.dA;
      const PetscInt lo = std::max<PetscInt>(0, -g.dA), hi = std::min<PetscInt>(d, d - g.dA);
      if (g.real && K <= 2) {
        const double* s2 = reinterpret_cast<const double*>(src) + 2 * lo;
        double* o2 = reinterpret_cast<double*>(out) + 2 * lo;
        if (K == 1)
          kernel1(o2, s2, g.ra[0].data() + 2 * lo, g.rb[0][j], 2 * (hi - lo));
        else
          kernel2(o2, s2, g.ra[0].data() + 2 * lo, g.ra[1].data() + 2 * lo, g.rb[0][j], g.rb[1][j], 2 * (hi - lo));
        continue;
      }
      // Real arithmetic on (re, im) pairs: std::complex products call __muldc3 (NaN handling) and
      // would make this loop compute-bound.
      const double* s2 = reinterpret_cast<const double*>(src);
      double* o2 = reinterpret_cast<double*>(out);
      if (K == 1) {
        const double br = b[0].real(), bi = b[0].imag();
        const double* a = reinterpret_cast<const double*>(g.aval[0].data());
        for (PetscInt i = lo; i < hi; ++i) {
          const double cr = br * a[2 * i] - bi * a[2 * i + 1], ci = br * a[2 * i + 1] + bi * a[2 * i];
          o2[2 * i] += cr * s2[2 * i] - ci * s2[2 * i + 1];
          o2[2 * i + 1] += cr * s2[2 * i + 1] + ci * s2[2 * i];
        }
      } else {
        for (PetscInt i = lo; i < hi; ++i) {
          double cr = 0, ci = 0;
          for (size_t k = 0; k < K; ++k) {
            const double ar = g.aval[k][i].real(), ai = g.aval[k][i].imag();
            cr += b[k].real() * ar - b[k].imag() * ai;
            ci += b[k].real() * ai + b[k].imag() * ar;
          }
          o2[2 * i] += cr * s2[2 * i] - ci * s2[2 * i + 1];
          o2[2 * i + 1] += cr * s2[2 * i + 1] + ci * s2[2 * i];
        }
      }
    }
  }
}

PetscErrorCode shell_destroy(void* ctx) {
  delete static_cast<Shell*>(ctx);
  return 0;
}

// Collective: y = L x.
PetscErrorCode shell_mult(Mat A, Vec x, Vec y) {
  PetscFunctionBeginUser;
  Shell* sh = nullptr;
  PetscCall(MatShellGetContext(A, &sh));
  const PetscScalar* ghost = nullptr;
  PetscCall(sh->ghosts.gather(x, &ghost));
  const PetscScalar* xa = nullptr;
  PetscScalar* ya = nullptr;
  PetscCall(VecGetArrayRead(x, &xa));
  PetscCall(VecGetArrayWrite(y, &ya));
  const Columns column{xa, ghost, sh->d, sh->c0, sh->c1, sh->l0, sh->r1};
  if (sh->fused)
    fused_columns(*sh, column, ya);
  else
    general_columns(*sh, column, ya);
  PetscCall(VecRestoreArrayWrite(y, &ya));
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscCall(sh->ghosts.release(&ghost));
  PetscFunctionReturn(0);
}

PetscErrorCode shell_diagonal(Mat A, Vec diag) {
  PetscFunctionBeginUser;
  Shell* sh = nullptr;
  PetscCall(MatShellGetContext(A, &sh));
  PetscScalar* v = nullptr;
  PetscCall(VecGetArrayWrite(diag, &v));
  const PetscInt d = sh->d;
  for (PetscInt j = sh->c0; j < sh->c1; ++j)
    for (PetscInt i = 0; i < d; ++i) {
      PetscScalar s = 0;
      for (const auto& g : sh->groups)
        if (g.dA == 0 && g.dB == 0)
          for (size_t k = 0; k < g.aval.size(); ++k) s += g.aval[k][i] * g.bval[k][j];
      v[(j - sh->c0) * d + i] = s;
    }
  PetscCall(VecRestoreArrayWrite(diag, &v));
  PetscFunctionReturn(0);
}

}  // namespace

parallel::Matrix make_shell_liouvillian(MPI_Comm comm, const BandedSuperOperator& L) {
  auto sh = std::make_unique<Shell>();
  const PetscInt d = L.space().dim();
  sh->d = d;
  sh->groups = detail::build_groups(L);
  sh->fused = build_fused(L);
  const PetscInt local = space::LiouvilleSpace(L.space()).local_size(comm);
  PetscInt end_rows = 0;
  QTHERM_MPI(MPI_Scan(&local, &end_rows, 1, MPIU_INT, MPI_SUM, comm));
  sh->c1 = end_rows / d;
  sh->c0 = sh->c1 - local / d;
  PetscInt min_dB = 0, max_dB = 0;
  for (const auto& g : sh->groups) min_dB = std::min(min_dB, g.dB), max_dB = std::max(max_dB, g.dB);
  sh->l0 = sh->c0, sh->r1 = sh->c1;
  if (sh->c1 > sh->c0) {
    sh->l0 = std::max<PetscInt>(0, sh->c0 + min_dB);
    sh->r1 = std::min<PetscInt>(d, sh->c1 + max_dB);
  }
  parallel::Matrix A;
  QTHERM_PETSC(MatCreateShell(comm, local, local, d * d, d * d, sh.get(), A.out()));
  Shell* raw = sh.release();
  QTHERM_PETSC(MatShellSetContextDestroy(A, shell_destroy));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_MULT, reinterpret_cast<void (*)(void)>(shell_mult)));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_GET_DIAGONAL, reinterpret_cast<void (*)(void)>(shell_diagonal)));

  // Collective even where a rank needs no ghosts: every rank takes part in the scatter.
  int size = 1;
  QTHERM_MPI(MPI_Comm_size(comm, &size));
  if (size > 1) {
    std::vector<PetscInt> idx;
    for (PetscInt c = raw->l0; c < raw->c0; ++c)
      for (PetscInt i = 0; i < d; ++i) idx.push_back(c * d + i);
    for (PetscInt c = raw->c1; c < raw->r1; ++c)
      for (PetscInt i = 0; i < d; ++i) idx.push_back(c * d + i);
    raw->ghosts.create(A, idx);
  }
  return A;
}

}  // namespace qtherm::operators
