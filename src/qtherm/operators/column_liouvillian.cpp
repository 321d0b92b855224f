#include "qtherm/operators/column_liouvillian.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/operators/column_kernel.hpp"
#include "qtherm/operators/ghosts.hpp"

namespace qtherm::operators {

namespace {

using detail::ColumnPlan;
using detail::Source;

struct Shell {
  ColumnPlan plan;
  // Per part: the diagonals of K_n and of R_n (owned columns), summed into the plan's at each
  // set_column_coefficients.
  std::vector<std::vector<PetscScalar>> kdiag, rdiag;
  // Per sandwich group (all parts'), for the diagonal: Bᵀ (row j: the columns l feeding column j), A's
  // diagonal, and the group's part.
  std::vector<Sparse> bt;
  std::vector<std::vector<PetscScalar>> adiag;
  std::vector<PetscInt> group_part;
  detail::Ghosts ghosts;
};

// A matrix whose row j lists the source columns of output column j: a part's Rᵀ (term −1, its
// diagonal excluded: it is in the plan's rdiag) or a sandwich group's Bᵀ.
struct Feeder {
  const Sparse* m;
  PetscInt term, part;
};

// The ghost columns of the owned columns [c0, c1): every source column a right or sandwich term reads
// outside them, ascending.
std::vector<PetscInt> ghost_columns(const ColumnPlan& p, const std::vector<Feeder>& feeders) {
  std::vector<PetscInt> g;
  for (const Feeder& f : feeders)
    for (PetscInt j = p.c0; j < p.c1; ++j)
      for (Sparse::InnerIterator it(*f.m, j); it; ++it)
        if (it.col() < p.c0 || it.col() >= p.c1) g.push_back(it.col());
  std::sort(g.begin(), g.end());
  g.erase(std::unique(g.begin(), g.end()), g.end());
  return g;
}

// Per owned column, the (source column, term, part, coefficient) entries in source order, split into
// owned and ghost sources.
void fill_sources(ColumnPlan& p, const std::vector<Feeder>& feeders, const std::vector<PetscInt>& ghosts) {
  const PetscInt d = p.d;
  p.owned_ptr.assign(1, 0);
  p.ghost_ptr.assign(1, 0);
  std::vector<std::pair<PetscInt, Source>> col;
  for (PetscInt j = p.c0; j < p.c1; ++j) {
    col.clear();
    for (const Feeder& f : feeders)
      for (Sparse::InnerIterator it(*f.m, j); it; ++it)
        if (f.term >= 0 || it.col() != j) col.push_back({it.col(), Source{0, f.term, f.part, it.value()}});
    std::stable_sort(col.begin(), col.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [l, s] : col) {
      if (l >= p.c0 && l < p.c1) {
        s.offset = (l - p.c0) * d;
        p.owned.push_back(s);
      } else {
        s.offset = PetscInt(std::lower_bound(ghosts.begin(), ghosts.end(), l) - ghosts.begin()) * d;
        p.ghost.push_back(s);
      }
    }
    p.owned_ptr.push_back(PetscInt(p.owned.size()));
    p.ghost_ptr.push_back(PetscInt(p.ghost.size()));
  }
}

PetscErrorCode shell_destroy(void* ctx) {
  delete static_cast<Shell*>(ctx);
  return 0;
}

// Collective: y = L x. The owned-source part runs while the ghost columns are in flight.
PetscErrorCode shell_mult(Mat A, Vec x, Vec y) {
  PetscFunctionBeginUser;
  Shell* sh = nullptr;
  PetscCall(MatShellGetContext(A, &sh));
  PetscCall(sh->ghosts.start(x));
  const PetscScalar* xa = nullptr;
  PetscScalar* ya = nullptr;
  PetscCall(VecGetArrayRead(x, &xa));
  PetscCall(VecGetArrayWrite(y, &ya));
  detail::apply_owned(sh->plan, xa, ya);
  const PetscScalar* ghost = nullptr;
  PetscCall(sh->ghosts.finish(x, &ghost));
  if (ghost) detail::apply_ghosts(sh->plan, ghost, ya);
  PetscCall(sh->ghosts.release(&ghost));
  PetscCall(VecRestoreArrayWrite(y, &ya));
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscFunctionReturn(0);
}

PetscErrorCode shell_diagonal(Mat A, Vec diag) {
  PetscFunctionBeginUser;
  Shell* sh = nullptr;
  PetscCall(MatShellGetContext(A, &sh));
  const ColumnPlan& p = sh->plan;
  PetscScalar* v = nullptr;
  PetscCall(VecGetArrayWrite(diag, &v));
  const auto& adiag = sh->adiag;
  for (PetscInt j = p.c0; j < p.c1; ++j) {
    PetscScalar* out = v + (j - p.c0) * p.d;
    for (PetscInt i = 0; i < p.d; ++i) out[i] = p.kdiag[i] + p.rdiag[j - p.c0];
    for (size_t g = 0; g < sh->bt.size(); ++g) {
      const PetscScalar b = p.a[sh->group_part[g]] * sh->bt[g].coeff(j, j);
      if (b != PetscScalar(0))
        for (PetscInt i = 0; i < p.d; ++i) out[i] += adiag[g][i] * b;
    }
  }
  PetscCall(VecRestoreArrayWrite(diag, &v));
  PetscFunctionReturn(0);
}

}  // namespace

parallel::Matrix make_column_liouvillian(MPI_Comm comm, const SuperOperator& L) {
  return make_column_liouvillian(comm, LiouvillianParts(L));
}

parallel::Matrix make_column_liouvillian(MPI_Comm comm, const LiouvillianParts& L) {
  return make_column_liouvillian(comm, std::vector<const LiouvillianParts*>{&L});
}

parallel::Matrix make_column_liouvillian(MPI_Comm comm, const std::vector<const LiouvillianParts*>& parts) {
  if (parts.empty()) throw Error("a column Liouvillian needs at least one part");
  const PetscInt d = parts.front()->dim();
  for (const auto* L : parts)
    if (L->dim() != d) throw Error("the parts of a column Liouvillian act on spaces of different dimensions");
  auto sh = std::make_unique<Shell>();
  ColumnPlan& p = sh->plan;
  p.d = d;
  const PetscInt local = space::LiouvilleSpace(space::TensorSpace({d})).local_size(comm);
  PetscInt end_rows = 0;
  QTHERM_MPI(MPI_Scan(&local, &end_rows, 1, MPIU_INT, MPI_SUM, comm));
  p.c1 = end_rows / d;
  p.c0 = p.c1 - local / d;
  std::vector<Feeder> feeders;
  for (size_t n = 0; n < parts.size(); ++n) {
    const LiouvillianParts& L = *parts[n];
    sh->kdiag.push_back(diagonal(L.K));
    p.k.push_back(detail::diagonal_runs(off_diagonal(L.K)));
    const auto rdiag = diagonal(L.Rt);
    sh->rdiag.emplace_back(rdiag.begin() + p.c0, rdiag.begin() + p.c1);
    feeders.push_back({&L.Rt, -1, PetscInt(n)});
    for (const auto& s : L.sandwiches) {
      feeders.push_back({&s.Bt, PetscInt(p.sandwich.size()), PetscInt(n)});
      p.sandwich.push_back(detail::diagonal_runs(s.A));
      sh->bt.push_back(s.Bt);
      sh->adiag.push_back(diagonal(s.A));
      sh->group_part.push_back(PetscInt(n));
    }
  }
  p.a.assign(parts.size(), 0.0);
  p.a[0] = 1;
  p.kdiag = sh->kdiag[0];
  p.rdiag = sh->rdiag[0];
  const auto ghosts = ghost_columns(p, feeders);
  fill_sources(p, feeders, ghosts);

  parallel::Matrix A;
  QTHERM_PETSC(MatCreateShell(comm, local, local, d * d, d * d, sh.get(), A.out()));
  Shell* raw = sh.release();  // owned by the matrix from here on
  QTHERM_PETSC(MatShellSetContextDestroy(A, shell_destroy));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_MULT, reinterpret_cast<void (*)(void)>(shell_mult)));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_GET_DIAGONAL, reinterpret_cast<void (*)(void)>(shell_diagonal)));
  const PetscInt mine = PetscInt(ghosts.size());
  PetscInt nghost = 0;
  QTHERM_MPI(MPI_Allreduce(&mine, &nghost, 1, MPIU_INT, MPI_MAX, comm));
  if (nghost > 0) {
    std::vector<PetscInt> idx;
    idx.reserve(ghosts.size() * d);
    for (PetscInt l : ghosts)
      for (PetscInt i = 0; i < d; ++i) idx.push_back(l * d + i);
    raw->ghosts.create(A, idx);
  }
  return A;
}

void set_column_coefficients(Mat shell, const std::vector<double>& a) {
  Shell* sh = nullptr;
  QTHERM_PETSC(MatShellGetContext(shell, &sh));
  ColumnPlan& p = sh->plan;
  if (a.size() + 1 != p.a.size())
    throw Error("a column Liouvillian of " + std::to_string(p.a.size()) + " parts takes " +
                std::to_string(p.a.size() - 1) + " coefficients, not " + std::to_string(a.size()));
  std::copy(a.begin(), a.end(), p.a.begin() + 1);
  // Summed in part order from the fixed part's values, so that all-zero coefficients give them back.
  p.kdiag = sh->kdiag[0];
  p.rdiag = sh->rdiag[0];
  for (size_t n = 1; n < p.a.size(); ++n) {
    if (p.a[n] == 0) continue;
    for (size_t i = 0; i < p.kdiag.size(); ++i) p.kdiag[i] += p.a[n] * sh->kdiag[n][i];
    for (size_t i = 0; i < p.rdiag.size(); ++i) p.rdiag[i] += p.a[n] * sh->rdiag[n][i];
  }
}

ColumnTraffic column_liouvillian_traffic(Mat shell) {
  Shell* sh = nullptr;
  QTHERM_PETSC(MatShellGetContext(shell, &sh));
  const ColumnPlan& p = sh->plan;
  ColumnTraffic t;
  t.owned_bytes = 2.0 * sizeof(PetscScalar) * double(p.c1 - p.c0) * double(p.d);
  PetscInt n = 0;
  if (sh->ghosts.ghost) QTHERM_PETSC(VecGetLocalSize(sh->ghosts.ghost, &n));
  t.ghost_bytes = sizeof(PetscScalar) * double(n);
  return t;
}

}  // namespace qtherm::operators
