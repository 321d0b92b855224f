#include "qtherm/operators/banded_liouvillian.hpp"

#include <algorithm>
#include <complex>
#include <map>
#include <memory>
#include <stdexcept>

#include "qtherm/base/check.hpp"

namespace qtherm::operators {

Monomial::Monomial(space::TensorSpace s) : space_(std::move(s)) {
  for (int p = 0; p < space_.parties(); ++p)
    factors_.push_back(LocalMonomial{0, std::vector<PetscScalar>(space_.local_dim(p), 1.0)});
}

Monomial Monomial::local(const space::TensorSpace& s, const std::string& name, int party) {
  const PetscInt n = s.local_dim(party);
  const Dense M = local_operator(name, n);
  Monomial out(s);
  bool found = false;
  LocalMonomial f{0, std::vector<PetscScalar>(n, 0.0)};
  for (PetscInt r = 0; r < n; ++r)
    for (PetscInt c = 0; c < n; ++c) {
      if (M(r, c) == 0.0) continue;
      if (found && c - r != f.offset)
        throw std::invalid_argument("operator " + name + " has more than one nonzero diagonal");
      found = true;
      f.offset = c - r;
      f.values[r] = M(r, c);
    }
  out.factors_[party] = f;
  return out;
}

Monomial Monomial::operator*(const Monomial& o) const {
  Monomial out(space_);
  for (int p = 0; p < space_.parties(); ++p) {
    const auto &a = factors_[p], &b = o.factors_[p];
    const PetscInt n = space_.local_dim(p);
    LocalMonomial f{a.offset + b.offset, std::vector<PetscScalar>(n, 0.0)};
    for (PetscInt m = 0; m < n; ++m) {
      const PetscInt k = m + a.offset;  // (AB)[m, m+oa+ob] = A[m, k] B[k, k+ob]
      if (k >= 0 && k < n) f.values[m] = a.values[m] * b.values[k];
    }
    out.factors_[p] = f;
  }
  return out;
}

Monomial Monomial::transpose() const {
  Monomial out(space_);
  for (int p = 0; p < space_.parties(); ++p) {
    const auto& a = factors_[p];
    const PetscInt n = space_.local_dim(p);
    LocalMonomial f{-a.offset, std::vector<PetscScalar>(n, 0.0)};
    for (PetscInt r = 0; r < n; ++r) {  // Aᵀ[r, r − o] = A[r − o, r]
      const PetscInt m = r - a.offset;
      if (m >= 0 && m < n) f.values[r] = a.values[m];
    }
    out.factors_[p] = f;
  }
  return out;
}

Dense Monomial::dense() const {
  const PetscInt d = space_.dim();
  Dense M = Dense::Zero(d, d);
  for (PetscInt i = 0; i < d; ++i) {
    PetscScalar v = 1.0;
    PetscInt j = 0;
    for (int p = 0; p < space_.parties() && v != 0.0; ++p) {
      const PetscInt m = space_.digit(i, p), c = m + factors_[p].offset;
      if (c < 0 || c >= space_.local_dim(p)) v = 0.0;
      else {
        v *= factors_[p].values[m];
        j += c * space_.stride(p);
      }
    }
    if (v != 0.0) M(i, j) = v;
  }
  return M;
}

Monomial Monomial::adjoint() const {
  Monomial t = transpose();
  for (auto& f : t.factors_)
    for (auto& v : f.values) v = std::conj(v);
  return t;
}

BandedSuperOperator& BandedSuperOperator::add(PetscScalar c, const Monomial& A, const Monomial& B) {
  terms_.push_back({c, A, B});
  return *this;
}

BandedSuperOperator& BandedSuperOperator::add_hamiltonian(const Monomial& H, double scale) {
  const Monomial I(space_);
  add(PetscScalar(0, -scale), H, I);
  add(PetscScalar(0, scale), I, H);
  return *this;
}

BandedSuperOperator& BandedSuperOperator::add_dissipator(const Monomial& c, double rate) {
  const Monomial I(space_), cd = c.adjoint(), cdc = cd * c;
  add(rate, c, cd);
  add(-0.5 * rate, cdc, I);
  add(-0.5 * rate, I, cdc);
  return *this;
}

BandedSuperOperator& BandedSuperOperator::add_cascade(const Monomial& x1, const Monomial& x2, double kappa) {
  const Monomial I(space_), x1d = x1.adjoint(), x2d = x2.adjoint();
  add(kappa, x1, x2d);         // x1 ρ x2†
  add(-kappa, x1 * x2d, I);    // − x1 x2† ρ
  add(kappa, x2, x1d);         // x2 ρ x1†
  add(-kappa, I, x2 * x1d);    // − ρ x2 x1†
  return *this;
}

Dense BandedSuperOperator::apply(const Dense& rho) const {
  Dense out = Dense::Zero(rho.rows(), rho.cols());
  for (const auto& t : terms_) out += t.c * t.A.dense() * rho * t.B.dense();
  return out;
}

PetscInt column_layout_local_size(MPI_Comm comm, PetscInt d) {
  PetscInt local = PETSC_DECIDE, global = d;
  QTHERM_PETSC(PetscSplitOwnership(comm, &local, &global));
  return local * d;
}

namespace {

// One shift pair (δA, δB) with its merged parts Σ_k aval_k[i] · bval_k[j].
struct Group {
  PetscInt dA = 0;  // source row = i + dA
  PetscInt dB = 0;  // source column = j + dB
  std::vector<std::vector<PetscScalar>> aval, bval;
  // The same coefficients when all are real (dissipators, cascade; the Hamiltonian part is
  // imaginary): real·complex costs half the flops of complex·complex.
  bool real = false;
  std::vector<std::vector<double>> ra, rb;
};

struct Shell {
  PetscInt d = 0, c0 = 0, c1 = 0;  // owned columns [c0, c1)
  std::vector<Group> groups;
  // Ghost columns [l0, c0) and [c1, r1), scattered into `ghost` (left block first).
  PetscInt l0 = 0, r1 = 0;
  parallel::Scatter scatter;
  parallel::Vector ghost;
};

// Π_p M_p[i_p, i_p + s_p] over the parties, 0 where a shifted digit leaves its range.
std::vector<PetscScalar> left_values(const Monomial& M) {
  const auto& s = M.space();
  std::vector<PetscScalar> v(s.dim());
  for (PetscInt i = 0; i < s.dim(); ++i) {
    PetscScalar x = 1.0;
    for (int p = 0; p < s.parties() && x != 0.0; ++p) {
      const auto& f = M.factor(p);
      const PetscInt m = s.digit(i, p);
      x = (m + f.offset < 0 || m + f.offset >= s.local_dim(p)) ? 0.0 : x * f.values[m];
    }
    v[i] = x;
  }
  return v;
}

// Π_p M_p[j_p − s_p, j_p], 0 where the source digit leaves its range.
std::vector<PetscScalar> right_values(const Monomial& M) {
  const auto& s = M.space();
  std::vector<PetscScalar> v(s.dim());
  for (PetscInt j = 0; j < s.dim(); ++j) {
    PetscScalar x = 1.0;
    for (int p = 0; p < s.parties() && x != 0.0; ++p) {
      const auto& f = M.factor(p);
      const PetscInt l = s.digit(j, p) - f.offset;
      x = (l < 0 || l >= s.local_dim(p)) ? 0.0 : x * f.values[l];
    }
    v[j] = x;
  }
  return v;
}

PetscInt linear_shift(const Monomial& M) {
  PetscInt s = 0;
  for (int p = 0; p < M.space().parties(); ++p) s += M.factor(p).offset * M.space().stride(p);
  return s;
}

std::vector<Group> build_groups(const BandedSuperOperator& L) {
  std::map<std::pair<PetscInt, PetscInt>, Group> by_shift;
  for (const auto& t : L.terms()) {
    Group& g = by_shift[{linear_shift(t.A), -linear_shift(t.B)}];
    g.dA = linear_shift(t.A);
    g.dB = -linear_shift(t.B);
    auto a = left_values(t.A);
    auto b = right_values(t.B);
    for (auto& x : b) x *= t.c;
    // Merge with a part that shares either factor (sums of left-only or right-only terms).
    bool merged = false;
    for (size_t k = 0; k < g.aval.size() && !merged; ++k) {
      if (g.aval[k] == a) {
        for (size_t j = 0; j < b.size(); ++j) g.bval[k][j] += b[j];
        merged = true;
      } else if (g.bval[k] == b) {
        for (size_t i = 0; i < a.size(); ++i) g.aval[k][i] += a[i];
        merged = true;
      }
    }
    if (!merged) {
      g.aval.push_back(std::move(a));
      g.bval.push_back(std::move(b));
    }
  }
  std::vector<Group> out;
  for (auto& [key, g] : by_shift) {
    g.real = true;
    for (const auto* v : {&g.aval, &g.bval})
      for (const auto& x : *v)
        for (const auto& e : x) g.real = g.real && e.imag() == 0.0;
    if (g.real) {
      // aval doubled (one per real and imaginary part) so the kernel is a plain loop over doubles.
      for (const auto& x : g.aval) {
        std::vector<double> r(2 * x.size());
        for (size_t i = 0; i < x.size(); ++i) r[2 * i] = r[2 * i + 1] = x[i].real();
        g.ra.push_back(std::move(r));
      }
      for (const auto& x : g.bval) {
        std::vector<double> r(x.size());
        for (size_t i = 0; i < x.size(); ++i) r[i] = x[i].real();
        g.rb.push_back(std::move(r));
      }
    }
    out.push_back(std::move(g));
  }
  return out;
}

// The real-coefficient kernels over interleaved (re, im) doubles: o += (Σ b_k a_k) ⊙ s. Compiled
// for AVX2+FMA (Haswell and later) as well as the baseline ISA (chosen at load time): the build does not use -march.
__attribute__((target_clones("arch=haswell", "default"))) void kernel1(double* __restrict o, const double* __restrict s,
                                                                const double* __restrict a, double b, PetscInt n) {
  for (PetscInt k = 0; k < n; ++k) o[k] += b * a[k] * s[k];
}
__attribute__((target_clones("arch=haswell", "default"))) void kernel2(double* __restrict o, const double* __restrict s,
                                                                const double* __restrict a0, const double* __restrict a1,
                                                                double b0, double b1, PetscInt n) {
  for (PetscInt k = 0; k < n; ++k) o[k] += (b0 * a0[k] + b1 * a1[k]) * s[k];
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
  const PetscInt d = sh->d;
  const PetscScalar* ghost = nullptr;
  if (sh->scatter) {
    PetscCall(VecScatterBegin(sh->scatter, x, sh->ghost, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterEnd(sh->scatter, x, sh->ghost, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecGetArrayRead(sh->ghost, &ghost));
  }
  const PetscScalar* xa = nullptr;
  PetscScalar* ya = nullptr;
  PetscCall(VecGetArrayRead(x, &xa));
  PetscCall(VecGetArrayWrite(y, &ya));
  const PetscInt left = sh->c0 - sh->l0;
  auto column = [&](PetscInt js) -> const PetscScalar* {
    if (js >= sh->c0 && js < sh->c1) return xa + (js - sh->c0) * d;
    if (js < sh->c0) return ghost + (js - sh->l0) * d;
    return ghost + (left + js - sh->c1) * d;
  };
  std::vector<PetscScalar> b;
  for (PetscInt j = sh->c0; j < sh->c1; ++j) {
    PetscScalar* out = ya + (j - sh->c0) * d;
    std::fill(out, out + d, PetscScalar(0.0));
    for (const auto& g : sh->groups) {
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
        if (K == 1) kernel1(o2, s2, g.ra[0].data() + 2 * lo, g.rb[0][j], 2 * (hi - lo));
        else kernel2(o2, s2, g.ra[0].data() + 2 * lo, g.ra[1].data() + 2 * lo, g.rb[0][j], g.rb[1][j], 2 * (hi - lo));
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
  PetscCall(VecRestoreArrayWrite(y, &ya));
  PetscCall(VecRestoreArrayRead(x, &xa));
  if (sh->scatter) PetscCall(VecRestoreArrayRead(sh->ghost, &ghost));
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
  sh->groups = build_groups(L);
  const PetscInt local = column_layout_local_size(comm, d);
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
    parallel::Vector like;
    QTHERM_PETSC(MatCreateVecs(A, like.out(), nullptr));
    QTHERM_PETSC(VecCreateSeq(PETSC_COMM_SELF, PetscInt(idx.size()), raw->ghost.out()));
    parallel::IndexSet from;
    QTHERM_PETSC(ISCreateGeneral(PETSC_COMM_SELF, PetscInt(idx.size()), idx.data(), PETSC_COPY_VALUES, from.out()));
    QTHERM_PETSC(VecScatterCreate(like, from, raw->ghost, nullptr, raw->scatter.out()));
  }
  return A;
}

namespace {

struct SectorShell {
  space::ChargeSectorLayout layout;
  std::vector<Group> groups;
  PetscInt c0 = 0, c1 = 0, l0 = 0, r1 = 0;  // owned columns [c0, c1), ghost columns [l0, c0) and [c1, r1)
  parallel::Scatter scatter;
  parallel::Vector ghost;
};

PetscErrorCode sector_destroy(void* ctx) {
  delete static_cast<SectorShell*>(ctx);
  return 0;
}

// Collective: y = L x on the stored entries (a gather per row: columns are short here).
PetscErrorCode sector_mult(Mat A, Vec x, Vec y) {
  PetscFunctionBeginUser;
  SectorShell* sh = nullptr;
  PetscCall(MatShellGetContext(A, &sh));
  const auto& lay = sh->layout;
  const PetscInt d = lay.hilbert().dim();
  const PetscScalar* ghost = nullptr;
  if (sh->scatter) {
    PetscCall(VecScatterBegin(sh->scatter, x, sh->ghost, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterEnd(sh->scatter, x, sh->ghost, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecGetArrayRead(sh->ghost, &ghost));
  }
  const PetscScalar* xa = nullptr;
  PetscScalar* ya = nullptr;
  PetscCall(VecGetArrayRead(x, &xa));
  PetscCall(VecGetArrayWrite(y, &ya));
  const PetscInt own0 = lay.column_begin(sh->c0), left = own0 - lay.column_begin(sh->l0);
  auto column = [&](PetscInt js) -> const PetscScalar* {
    if (js >= sh->c0 && js < sh->c1) return xa + (lay.column_begin(js) - own0);
    if (js < sh->c0) return ghost + (lay.column_begin(js) - lay.column_begin(sh->l0));
    return ghost + left + (lay.column_begin(js) - lay.column_begin(sh->c1));
  };
  for (PetscInt j = sh->c0; j < sh->c1; ++j) {
    const auto& R = lay.rows(j);
    PetscScalar* out = ya + (lay.column_begin(j) - own0);
    for (size_t r = 0; r < R.size(); ++r) out[r] = 0;
    for (const auto& g : sh->groups) {
      const PetscInt js = j + g.dB;
      if (js < 0 || js >= d || lay.rows(js).empty()) continue;  // also columns beyond the cutoff
      const PetscScalar* src = column(js);
      for (size_t k = 0; k < g.aval.size(); ++k) {
        if (g.real) {  // real coefficients: complex × real, no complex product (__muldc3)
          const double b = g.rb[k][j];
          if (b == 0.0) continue;
          const double* a = g.ra[k].data();  // doubled: a[2i] = a[2i + 1] = aval[i]
          for (size_t r = 0; r < R.size(); ++r) {
            const PetscInt i = R[r];
            if (a[2 * i] != 0.0) out[r] += src[lay.position(i + g.dA)] * (b * a[2 * i]);
          }
          continue;
        }
        const PetscScalar b = g.bval[k][j];
        if (b == 0.0) continue;
        const PetscScalar* a = g.aval[k].data();
        for (size_t r = 0; r < R.size(); ++r) {
          const PetscInt i = R[r];
          if (a[i] != 0.0) out[r] += b * a[i] * src[lay.position(i + g.dA)];
        }
      }
    }
  }
  PetscCall(VecRestoreArrayWrite(y, &ya));
  PetscCall(VecRestoreArrayRead(x, &xa));
  if (sh->scatter) PetscCall(VecRestoreArrayRead(sh->ghost, &ghost));
  PetscFunctionReturn(0);
}

PetscErrorCode sector_diagonal(Mat A, Vec diag) {
  PetscFunctionBeginUser;
  SectorShell* sh = nullptr;
  PetscCall(MatShellGetContext(A, &sh));
  const auto& lay = sh->layout;
  PetscScalar* v = nullptr;
  PetscCall(VecGetArrayWrite(diag, &v));
  const PetscInt own0 = lay.column_begin(sh->c0);
  for (PetscInt j = sh->c0; j < sh->c1; ++j) {
    const auto& R = lay.rows(j);
    for (size_t r = 0; r < R.size(); ++r) {
      PetscScalar s = 0;
      for (const auto& g : sh->groups)
        if (g.dA == 0 && g.dB == 0)
          for (size_t k = 0; k < g.aval.size(); ++k) s += g.aval[k][R[r]] * g.bval[k][j];
      v[lay.column_begin(j) - own0 + PetscInt(r)] = s;
    }
  }
  PetscCall(VecRestoreArrayWrite(diag, &v));
  PetscFunctionReturn(0);
}

PetscInt total_offset(const Monomial& M) {
  PetscInt s = 0;
  for (int p = 0; p < M.space().parties(); ++p) s += M.factor(p).offset;
  return s;
}

}  // namespace

parallel::Matrix make_sector_shell_liouvillian(MPI_Comm comm, const BandedSuperOperator& L,
                                               const space::ChargeSectorLayout& layout) {
  for (const auto& t : L.terms())
    if (total_offset(t.A) != -total_offset(t.B))
      throw std::invalid_argument("a term of the Liouvillian changes the ket-minus-bra excitation number");
  auto sh = std::make_unique<SectorShell>(SectorShell{layout, build_groups(L), 0, 0, 0, 0, {}, {}});
  const PetscInt d = layout.hilbert().dim(), total = layout.size();
  int rank = 0, size = 1;
  QTHERM_MPI(MPI_Comm_rank(comm, &rank));
  QTHERM_MPI(MPI_Comm_size(comm, &size));
  // Whole columns, rank r from the first column whose entries start at or after r·total/size.
  auto first_column = [&](int r) {
    if (r >= size) return d;
    const PetscInt target = PetscInt((long double)total * r / size);
    PetscInt j = 0;
    while (j < d && layout.column_begin(j) < target) ++j;
    return j;
  };
  sh->c0 = first_column(rank);
  sh->c1 = first_column(rank + 1);
  PetscInt min_dB = 0, max_dB = 0;
  for (const auto& g : sh->groups) min_dB = std::min(min_dB, g.dB), max_dB = std::max(max_dB, g.dB);
  sh->l0 = sh->c0, sh->r1 = sh->c1;
  if (sh->c1 > sh->c0) {
    sh->l0 = std::max<PetscInt>(0, sh->c0 + min_dB);
    sh->r1 = std::min<PetscInt>(d, sh->c1 + max_dB);
  }
  const PetscInt local = layout.column_begin(sh->c1) - layout.column_begin(sh->c0);
  parallel::Matrix A;
  QTHERM_PETSC(MatCreateShell(comm, local, local, total, total, sh.get(), A.out()));
  SectorShell* raw = sh.release();
  QTHERM_PETSC(MatShellSetContextDestroy(A, sector_destroy));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_MULT, reinterpret_cast<void (*)(void)>(sector_mult)));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_GET_DIAGONAL, reinterpret_cast<void (*)(void)>(sector_diagonal)));
  if (size > 1) {  // collective: every rank takes part in the scatter
    std::vector<PetscInt> idx;
    for (PetscInt r = layout.column_begin(raw->l0); r < layout.column_begin(raw->c0); ++r) idx.push_back(r);
    for (PetscInt r = layout.column_begin(raw->c1); r < layout.column_begin(raw->r1); ++r) idx.push_back(r);
    parallel::Vector like;
    QTHERM_PETSC(MatCreateVecs(A, like.out(), nullptr));
    QTHERM_PETSC(VecCreateSeq(PETSC_COMM_SELF, PetscInt(idx.size()), raw->ghost.out()));
    parallel::IndexSet from;
    QTHERM_PETSC(ISCreateGeneral(PETSC_COMM_SELF, PetscInt(idx.size()), idx.data(), PETSC_COPY_VALUES, from.out()));
    QTHERM_PETSC(VecScatterCreate(like, from, raw->ghost, nullptr, raw->scatter.out()));
  }
  return A;
}

}  // namespace qtherm::operators
