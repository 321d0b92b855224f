#include "qtherm/operators/pauli_sum.hpp"

#include <algorithm>
#include <stdexcept>

#include "qtherm/base/check.hpp"
#include "qtherm/operators/assemble.hpp"

namespace qtherm::operators {
namespace {

int popcount(space::BitString b) { return __builtin_popcountll(b); }

}  // namespace

void PauliSum::add(cplx coef, const std::vector<std::pair<int, char>>& ops) {
  Term t{coef};
  space::BitString used = 0;
  for (const auto& [site, op] : ops) {
    if (site < 0 || site >= sites_)
      throw std::invalid_argument("PauliSum: site " + std::to_string(site) + " out of range");
    const space::BitString m = space::BitString(1) << (sites_ - 1 - site);
    if (used & m) throw std::invalid_argument("PauliSum: site " + std::to_string(site) + " repeated in one string");
    used |= m;
    switch (op) {
      case 'x':
        t.flip |= m;
        break;
      case 'y':
        t.flip |= m, t.y |= m;
        break;
      case 'z':
        t.z |= m;
        break;
      case '+':
        t.flip |= m, t.plus |= m;
        break;
      case '-':
        t.flip |= m, t.minus |= m;
        break;
      default:
        throw std::invalid_argument(std::string("PauliSum: unknown operator '") + op + "'");
    }
  }
  if (coef != cplx(0)) terms_.push_back(t);
}

void PauliSum::add(const PauliSum& other) {
  if (other.sites_ != sites_) throw std::invalid_argument("PauliSum: adding sums on different numbers of sites");
  terms_.insert(terms_.end(), other.terms_.begin(), other.terms_.end());
}

PauliSum::cplx PauliSum::amplitude(const Term& t, space::BitString in) {
  if ((in & t.plus) != 0 || (in & t.minus) != t.minus) return 0;  // σ+ needs down, σ− needs up
  cplx a = t.coef;
  if (popcount(t.z & ~in) & 1) a = -a;  // σz = −1 on down
  // σy: +i on up (→ down), −i on down (→ up); i^u (−i)^d = i^(u − d).
  if (t.y) {
    const int u = popcount(t.y & in), d = popcount(t.y & ~in);
    static const cplx ipow[4] = {1, cplx(0, 1), -1, cplx(0, -1)};
    a *= ipow[((u - d) % 4 + 4) % 4];
  }
  return a;
}

void PauliSum::append_row(const space::BitBasis& basis, PetscInt row,
                          std::vector<std::pair<PetscInt, PetscScalar>>& out) const {
  const space::BitString r = basis.state(row);
  for (const Term& t : terms_) {
    const space::BitString c = r ^ t.flip;  // the only column this string connects to row r
    const cplx a = amplitude(t, c);
    if (a == cplx(0)) continue;
    const std::int64_t col = basis.is_sector() ? basis.index(c) : static_cast<std::int64_t>(c);
    if (col < 0) continue;
    out.emplace_back(static_cast<PetscInt>(col), a);
  }
}

std::vector<PauliSum::cplx> PauliSum::dense(const space::BitBasis& basis) const {
  const std::int64_t n = basis.size();
  std::vector<cplx> m(static_cast<std::size_t>(n * n));
  std::vector<std::pair<PetscInt, PetscScalar>> row;
  for (std::int64_t i = 0; i < n; ++i) {
    row.clear();
    append_row(basis, static_cast<PetscInt>(i), row);
    for (const auto& [c, v] : row) m[i * n + c] += v;
  }
  return m;
}

parallel::Matrix assemble(MPI_Comm comm, const PauliSum& H, const space::BitBasis& basis) {
  if (basis.sites() != H.sites()) throw std::invalid_argument("assemble: PauliSum and basis differ in sites");
  return assemble(comm, static_cast<PetscInt>(basis.size()),
                  [&](PetscInt r, Row& out) { H.append_row(basis, r, out); });
}

// ---------------------------------------------------------------- matrix-free shell
namespace {

struct ShellContext {
  ShellContext(PauliSum h, space::BitBasis b) : H(std::move(h)), basis(std::move(b)) {}
  PauliSum H;
  space::BitBasis basis;
  PetscInt lo = 0, hi = 0;  // owned rows
  // Ghost columns as sorted disjoint intervals [first, last) with their offsets in the buffer.
  std::vector<std::int64_t> first, last, offset;
  parallel::Vector ghost;
  parallel::Scatter scatter;
  double norm_bound = 0;
  // The strings that flip nothing, summed once per owned row; the others grouped by flip mask so
  // that each reached column is located once per row (σxσx and σyσy share their mask).
  std::vector<PetscScalar> diagonal;
  struct Group {
    space::BitString mask = 0;
    std::vector<PauliSum::Term> terms;
    // The summed amplitude depends only on the bits the terms touch (σxσx + σyσy: two), so it is
    // tabulated over them when they are few: table[Σ_i bit(c, bits[i]) << i].
    std::vector<int> bits;
    std::vector<PetscScalar> table;
    bool contiguous = false;  // bits = b0, b0+1, …: the index is (c >> b0) & low_mask
    space::BitString low_mask = 0;
    PetscScalar amplitude(space::BitString c) const {
      if (table.empty()) {
        PetscScalar a = 0;
        for (const auto& t : terms) a += PauliSum::amplitude(t, c);
        return a;
      }
      if (contiguous) return table[(c >> bits[0]) & low_mask];  // nearest neighbours: one shift
      std::size_t i = 0;
      for (std::size_t b = 0; b < bits.size(); ++b) i |= static_cast<std::size_t>((c >> bits[b]) & 1u) << b;
      return table[i];
    }
  };
  std::vector<Group> groups;
  // direct[g]: group g maps the owned rows onto themselves (full space, mask below the alignment of
  // [lo, hi)), so its columns sit at own_offset + (col − lo) without a search.
  std::vector<char> direct;
  std::int64_t own_offset = 0;

  std::int64_t position(std::int64_t col) const {
    const auto it = std::upper_bound(first.begin(), first.end(), col);
    const std::size_t k = static_cast<std::size_t>(it - first.begin()) - 1;
    return offset[k] + (col - first[k]);
  }
};

PetscErrorCode shell_mult(Mat A, Vec x, Vec y) {
  PetscFunctionBeginUser;
  ShellContext* ctx = nullptr;
  PetscCall(MatShellGetContext(A, &ctx));
  Vec source = x;  // every column owned on every rank (one rank, or block-diagonal): no copy
  if (ctx->scatter) {
    PetscCall(VecScatterBegin(ctx->scatter, x, ctx->ghost, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterEnd(ctx->scatter, x, ctx->ghost, INSERT_VALUES, SCATTER_FORWARD));
    source = ctx->ghost;
  }
  const PetscScalar* g = nullptr;
  PetscScalar* out = nullptr;
  PetscCall(VecGetArrayRead(source, &g));
  PetscCall(VecGetArray(y, &out));
  const bool sector = ctx->basis.is_sector();
  for (PetscInt r = ctx->lo; r < ctx->hi; ++r) {
    const space::BitString s = sector ? ctx->basis.state(r) : static_cast<space::BitString>(r);
    const std::int64_t own = ctx->own_offset - ctx->lo;  // g[own + col] for owned columns
    PetscScalar acc = ctx->diagonal.empty() ? PetscScalar(0) : ctx->diagonal[r - ctx->lo] * g[own + r];
    for (std::size_t k = 0; k < ctx->groups.size(); ++k) {
      const space::BitString c = s ^ ctx->groups[k].mask;
      const PetscScalar a = ctx->groups[k].amplitude(c);
      if (ctx->direct[k]) {  // no branch on a == 0: half the rows of a hopping are zero, unpredictably
        acc += a * g[own + static_cast<std::int64_t>(c)];
        continue;
      }
      if (a == PetscScalar(0)) continue;
      const std::int64_t col = sector ? ctx->basis.index(c) : static_cast<std::int64_t>(c);
      if (col < 0) continue;
      acc += a * g[ctx->position(col)];
    }
    out[r - ctx->lo] = acc;
  }
  PetscCall(VecRestoreArray(y, &out));
  PetscCall(VecRestoreArrayRead(source, &g));
  PetscFunctionReturn(0);
}

// An upper bound of the 1- and ∞-norms (Σ|coef|): what Krylov exponentials use to pick steps.
PetscErrorCode shell_norm(Mat A, NormType type, PetscReal* nrm) {
  PetscFunctionBeginUser;
  ShellContext* ctx = nullptr;
  PetscCall(MatShellGetContext(A, &ctx));
  PetscCheck(type == NORM_1 || type == NORM_INFINITY, PETSC_COMM_SELF, PETSC_ERR_SUP,
             "Pauli shell: only the 1- and infinity-norm bounds are available");
  *nrm = ctx->norm_bound;
  PetscFunctionReturn(0);
}

PetscErrorCode shell_destroy(Mat A) {
  PetscFunctionBeginUser;
  ShellContext* ctx = nullptr;
  PetscCall(MatShellGetContext(A, &ctx));
  delete ctx;
  PetscFunctionReturn(0);
}

// The columns reached from the owned rows, as merged intervals. Full space: [lo, hi) is split into
// aligned power-of-two blocks, and an aligned block XOR a mask is again an aligned block, so each
// flip mask adds O(log n) intervals. Sector: the columns are enumerated.
void ghost_intervals(ShellContext& ctx) {
  std::vector<std::pair<std::int64_t, std::int64_t>> iv;
  if (!ctx.basis.is_sector()) {
    std::vector<space::BitString> masks{0};
    for (const auto& t : ctx.H.terms()) masks.push_back(t.flip);
    std::sort(masks.begin(), masks.end());
    masks.erase(std::unique(masks.begin(), masks.end()), masks.end());
    std::int64_t b = ctx.lo;
    while (b < ctx.hi) {
      std::int64_t len = 1;
      while ((b % (2 * len)) == 0 && b + 2 * len <= ctx.hi) len *= 2;
      for (const auto m : masks) {
        const std::int64_t start =
            static_cast<std::int64_t>((static_cast<space::BitString>(b) ^ m) & ~static_cast<space::BitString>(len - 1));
        iv.emplace_back(start, start + len);
      }
      b += len;
    }
  } else {
    std::vector<std::int64_t> cols;
    for (PetscInt r = ctx.lo; r < ctx.hi; ++r) {
      const space::BitString s = ctx.basis.state(r);
      cols.push_back(r);
      for (const auto& t : ctx.H.terms()) {
        const std::int64_t c = ctx.basis.index(s ^ t.flip);
        if (c >= 0) cols.push_back(c);
      }
    }
    std::sort(cols.begin(), cols.end());
    cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
    for (const auto c : cols) iv.emplace_back(c, c + 1);
  }
  std::sort(iv.begin(), iv.end());
  std::int64_t total = 0;
  for (const auto& [a, z] : iv) {
    if (!ctx.first.empty() && a <= ctx.last.back()) {
      if (z > ctx.last.back()) {
        total += z - ctx.last.back();
        ctx.last.back() = z;
      }
      continue;
    }
    ctx.first.push_back(a), ctx.last.push_back(z), ctx.offset.push_back(total);
    total += z - a;
  }
}

}  // namespace

parallel::Matrix assemble_shell(MPI_Comm comm, const PauliSum& H, const space::BitBasis& basis) {
  if (basis.sites() != H.sites()) throw std::invalid_argument("assemble_shell: PauliSum and basis differ in sites");
  const PetscInt n = static_cast<PetscInt>(basis.size());
  const RowRange own = owned_rows(comm, n);
  const PetscInt lo = own.lo, nlocal = own.hi - own.lo;

  auto* ctx = new ShellContext(H, basis);
  ctx->lo = lo, ctx->hi = own.hi;
  parallel::Matrix A;
  try {
    for (const auto& t : H.terms()) {
      ctx->norm_bound += std::abs(t.coef);
      if (t.flip == 0) continue;
      auto it = std::find_if(ctx->groups.begin(), ctx->groups.end(), [&](const auto& g) { return g.mask == t.flip; });
      if (it == ctx->groups.end()) {
        ctx->groups.emplace_back();
        ctx->groups.back().mask = t.flip;
        ctx->groups.back().terms = {t};
      } else {
        it->terms.push_back(t);
      }
    }
    for (auto& grp : ctx->groups) {
      space::BitString support = 0;
      for (const auto& t : grp.terms) support |= t.flip | t.z | t.y | t.plus | t.minus;
      for (int b = 0; b < 64; ++b)
        if ((support >> b) & 1u) grp.bits.push_back(b);
      if (grp.bits.size() > 8) continue;  // evaluated term by term
      grp.table.resize(std::size_t(1) << grp.bits.size());
      grp.contiguous = !grp.bits.empty() && grp.bits.back() - grp.bits.front() + 1 == static_cast<int>(grp.bits.size());
      grp.low_mask = (space::BitString(1) << grp.bits.size()) - 1;
      for (std::size_t i = 0; i < grp.table.size(); ++i) {
        space::BitString c = 0;
        for (std::size_t b = 0; b < grp.bits.size(); ++b)
          if ((i >> b) & 1u) c |= space::BitString(1) << grp.bits[b];
        for (const auto& t : grp.terms) grp.table[i] += PauliSum::amplitude(t, c);
      }
    }
    for (const auto& grp : ctx->groups) {
      // r ^ mask stays in [lo, hi) for every owned r when lo and hi are multiples of 2^(msb(mask)+1).
      std::int64_t span = 1;
      while (span <= static_cast<std::int64_t>(grp.mask)) span *= 2;
      ctx->direct.push_back(!basis.is_sector() && lo % span == 0 && (lo + nlocal) % span == 0);
    }
    const bool has_diagonal =
        std::any_of(H.terms().begin(), H.terms().end(), [](const auto& t) { return t.flip == 0; });
    if (has_diagonal) ctx->diagonal.assign(static_cast<std::size_t>(nlocal), 0.0);
    for (PetscInt r = lo; r < lo + nlocal && has_diagonal; ++r) {
      const space::BitString s = basis.state(r);
      for (const auto& t : H.terms())
        if (t.flip == 0) ctx->diagonal[r - lo] += PauliSum::amplitude(t, s);
    }
    ghost_intervals(*ctx);
    if (nlocal > 0) ctx->own_offset = ctx->position(lo);
    // Collective decision (VecScatterCreate is collective): skip the gather when no rank needs it.
    const bool own_only =
        ctx->first.empty() || (ctx->first.size() == 1 && ctx->first[0] == lo && ctx->last[0] == lo + nlocal);
    int local_only = own_only ? 1 : 0, all_local = 0;
    QTHERM_MPI(MPI_Allreduce(&local_only, &all_local, 1, MPI_INT, MPI_LAND, comm));
    if (all_local) {
      QTHERM_PETSC(MatCreateShell(comm, nlocal, nlocal, n, n, ctx, A.out()));
      ctx = nullptr;  // owned by A from here
    }
  } catch (...) {
    delete ctx;
    throw;
  }
  if (ctx) try {
      std::vector<PetscInt> idx;
      for (std::size_t k = 0; k < ctx->first.size(); ++k)
        for (std::int64_t c = ctx->first[k]; c < ctx->last[k]; ++c) idx.push_back(static_cast<PetscInt>(c));
      parallel::IndexSet from;
      QTHERM_PETSC(ISCreateGeneral(PETSC_COMM_SELF, static_cast<PetscInt>(idx.size()), idx.data(), PETSC_COPY_VALUES,
                                   from.out()));
      QTHERM_PETSC(VecCreateSeq(PETSC_COMM_SELF, static_cast<PetscInt>(idx.size()), ctx->ghost.out()));
      parallel::Vector layout;
      QTHERM_PETSC(VecCreateMPI(comm, nlocal, n, layout.out()));
      QTHERM_PETSC(VecScatterCreate(layout, from, ctx->ghost, nullptr, ctx->scatter.out()));
      QTHERM_PETSC(MatCreateShell(comm, nlocal, nlocal, n, n, ctx, A.out()));
    } catch (...) {
      delete ctx;
      throw;
    }
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_DESTROY, reinterpret_cast<void (*)(void)>(shell_destroy)));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_MULT, reinterpret_cast<void (*)(void)>(shell_mult)));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_NORM, reinterpret_cast<void (*)(void)>(shell_norm)));
  return A;
}

}  // namespace qtherm::operators
