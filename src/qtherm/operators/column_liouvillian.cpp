#include "qtherm/operators/column_liouvillian.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "qtherm/base/check.hpp"
#include "qtherm/operators/column_kernel.hpp"
#include "qtherm/operators/ghosts.hpp"

namespace qtherm::operators {

namespace {

using detail::ColumnPlan;
using detail::Source;

struct Shell {
  ColumnPlan plan;
  // Per sandwich group, for the diagonal: Bᵀ (row j: the columns l feeding column j) and A's diagonal.
  std::vector<Sparse> bt;
  std::vector<std::vector<PetscScalar>> adiag;
  detail::Ghosts ghosts;
};

// The ghost columns of the owned columns [c0, c1): every source column a right or sandwich term reads
// outside them, ascending.
std::vector<PetscInt> ghost_columns(const ColumnPlan& p, const Sparse& rt, const std::vector<Sparse>& bt) {
  std::vector<PetscInt> g;
  auto collect = [&](const Sparse& m) {
    for (PetscInt j = p.c0; j < p.c1; ++j)
      for (Sparse::InnerIterator it(m, j); it; ++it)
        if (it.col() < p.c0 || it.col() >= p.c1) g.push_back(it.col());
  };
  collect(rt);
  for (const auto& m : bt) collect(m);
  std::sort(g.begin(), g.end());
  g.erase(std::unique(g.begin(), g.end()), g.end());
  return g;
}

// Per owned column, the (source column, term, coefficient) entries in source order, split into
// owned and ghost sources.
void fill_sources(ColumnPlan& p, const Sparse& rt, const std::vector<Sparse>& bt, const std::vector<PetscInt>& ghosts) {
  const PetscInt d = p.d;
  p.owned_ptr.assign(1, 0);
  p.ghost_ptr.assign(1, 0);
  std::vector<std::pair<PetscInt, Source>> col;
  for (PetscInt j = p.c0; j < p.c1; ++j) {
    col.clear();
    for (Sparse::InnerIterator it(rt, j); it; ++it)
      if (it.col() != j) col.push_back({it.col(), Source{0, -1, it.value()}});
    for (size_t g = 0; g < bt.size(); ++g)
      for (Sparse::InnerIterator it(bt[g], j); it; ++it) col.push_back({it.col(), Source{0, PetscInt(g), it.value()}});
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
      const PetscScalar b = sh->bt[g].coeff(j, j);
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
  const PetscInt d = L.dim();
  auto sh = std::make_unique<Shell>();
  ColumnPlan& p = sh->plan;
  p.d = d;
  const PetscInt local = space::LiouvilleSpace(space::TensorSpace({d})).local_size(comm);
  PetscInt end_rows = 0;
  QTHERM_MPI(MPI_Scan(&local, &end_rows, 1, MPIU_INT, MPI_SUM, comm));
  p.c1 = end_rows / d;
  p.c0 = p.c1 - local / d;
  p.kdiag = diagonal(L.K);
  p.k = detail::diagonal_runs(off_diagonal(L.K));
  const auto rdiag = diagonal(L.Rt);
  p.rdiag.assign(rdiag.begin() + p.c0, rdiag.begin() + p.c1);
  for (const auto& s : L.sandwiches) {
    p.sandwich.push_back(detail::diagonal_runs(s.A));
    sh->bt.push_back(s.Bt);
    sh->adiag.push_back(diagonal(s.A));
  }
  const auto ghosts = ghost_columns(p, L.Rt, sh->bt);
  fill_sources(p, L.Rt, sh->bt, ghosts);

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
