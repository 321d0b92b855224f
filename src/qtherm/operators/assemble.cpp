#include "qtherm/operators/assemble.hpp"

#include <algorithm>

#include "qtherm/base/check.hpp"
#include "qtherm/parallel/vec_array.hpp"

namespace qtherm::operators {
namespace {

// Sorts by column, sums duplicates, drops exact zeros (keeping the diagonal).
void merge(Row& row, PetscInt diagonal) {
  std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Row merged;
  for (const auto& e : row) {
    if (!merged.empty() && merged.back().first == e.first)
      merged.back().second += e.second;
    else
      merged.push_back(e);
  }
  row.clear();
  bool has_diagonal = false;
  for (const auto& e : merged) {
    if (e.first == diagonal) has_diagonal = true;
    if (e.second != PetscScalar(0) || e.first == diagonal) row.push_back(e);
  }
  if (!has_diagonal) {
    row.emplace_back(diagonal, 0.0);
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  }
}

}  // namespace

RowRange owned_rows(MPI_Comm comm, PetscInt n, PetscInt nlocal) {
  PetscInt ntotal = n;
  QTHERM_PETSC(PetscSplitOwnership(comm, &nlocal, &ntotal));
  PetscInt lo = 0;
  QTHERM_MPI(MPI_Exscan(&nlocal, &lo, 1, MPIU_INT, MPI_SUM, comm));
  int rank = 0;
  QTHERM_MPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) lo = 0;  // MPI_Exscan leaves rank 0's result undefined
  return {lo, lo + nlocal};
}

parallel::Matrix assemble(MPI_Comm comm, PetscInt n, const RowFunction& row_fn, PetscInt local) {
  const RowRange own = owned_rows(comm, n, local);
  const PetscInt lo = own.lo, nlocal = own.hi - own.lo;

  // Local CSR with global column indices: exact preallocation, values set in the same call.
  std::vector<PetscInt> ia(1, 0), ja;
  std::vector<PetscScalar> va;
  Row row;
  for (PetscInt r = lo; r < lo + nlocal; ++r) {
    row.clear();
    row_fn(r, row);
    merge(row, r);
    for (const auto& [c, v] : row) {
      ja.push_back(c);
      va.push_back(v);
    }
    ia.push_back(static_cast<PetscInt>(ja.size()));
  }
  parallel::Matrix A;
  QTHERM_PETSC(MatCreate(comm, A.out()));
  QTHERM_PETSC(MatSetSizes(A, nlocal, nlocal, n, n));
  QTHERM_PETSC(MatSetType(A, MATAIJ));
  QTHERM_PETSC(MatSeqAIJSetPreallocationCSR(A, ia.data(), ja.data(), va.data()));
  QTHERM_PETSC(MatMPIAIJSetPreallocationCSR(A, ia.data(), ja.data(), va.data()));
  QTHERM_PETSC(MatSetOption(A, MAT_NO_OFF_PROC_ENTRIES, PETSC_TRUE));
  return A;
}

parallel::Matrix assemble(MPI_Comm comm, const SuperOperator& L) {
  return assemble(
      comm, L.liouville().dim(), [&L](PetscInt r, Row& out) { L.append_row(r, out); }, L.liouville().local_size(comm));
}

parallel::Matrix assemble(MPI_Comm comm, const OperatorSum& H) {
  return assemble(comm, H.space().dim(), [&H](PetscInt r, Row& out) { H.append_row(r, out); });
}

parallel::Vector functional(const OperatorSum& O, Vec like) {
  parallel::Vector w = parallel::duplicate(like);
  const PetscInt d = O.space().dim();
  PetscInt lo = 0, hi = 0;
  QTHERM_PETSC(VecGetOwnershipRange(w, &lo, &hi));
  {
    const parallel::ReadWriteArray x(w);
    Row row;
    // w[c + d·j] = O[j, c], so that Σ_r w_r vec(ρ)_r = Σ_{j,c} O[j,c] ρ[c,j] = tr(Oρ).
    for (PetscInt j = lo / d; hi > lo && j <= (hi - 1) / d; ++j) {
      row.clear();
      O.append_row(j, row);
      for (const auto& [c, v] : row) {
        const PetscInt r = c + d * j;
        if (r >= lo && r < hi) x[r - lo] += v;
      }
    }
  }
  return w;
}

double expectation(Vec functional, Vec rho) {
  PetscScalar v = 0;
  QTHERM_PETSC(VecTDot(rho, functional, &v));
  return PetscRealPart(v);
}

}  // namespace qtherm::operators
