// The sector shell: the banded Liouvillian restricted to the entries of one ket-minus-bra
// excitation-number sector (make_sector_shell_liouvillian in banded_liouvillian.hpp).
#include <algorithm>
#include <memory>
#include <stdexcept>

#include "qtherm/base/check.hpp"
#include "qtherm/operators/banded_groups.hpp"
#include "qtherm/operators/banded_liouvillian.hpp"

namespace qtherm::operators {

namespace {

struct SectorShell {
  space::ChargeSectorLayout layout;
  std::vector<detail::Group> groups;
  PetscInt c0 = 0, c1 = 0, l0 = 0, r1 = 0;  // owned columns [c0, c1), ghost columns [l0, c0) and [c1, r1)
  detail::Ghosts ghosts;
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
  PetscCall(sh->ghosts.gather(x, &ghost));
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
  PetscCall(sh->ghosts.release(&ghost));
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
  auto sh = std::make_unique<SectorShell>(SectorShell{layout, detail::build_groups(L), 0, 0, 0, 0, {}});
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
    raw->ghosts.create(A, idx);
  }
  return A;
}

}  // namespace qtherm::operators
