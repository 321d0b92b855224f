#include "qtherm/operators/sparse.hpp"

#include <algorithm>

namespace qtherm::operators {

Sparse to_sparse(const OperatorSum& O) {
  const PetscInt d = O.space().dim();
  std::vector<Eigen::Triplet<PetscScalar, PetscInt>> entries;
  Row row;
  for (PetscInt i = 0; i < d; ++i) {
    row.clear();
    O.append_row(i, row);
    for (const auto& [c, v] : row) entries.emplace_back(i, c, v);
  }
  Sparse m(d, d);
  m.setFromTriplets(entries.begin(), entries.end());
  m.prune(PetscScalar(0), 0.0);  // exact cancellations (e.g. a commutator's diagonal)
  m.makeCompressed();
  return m;
}

std::vector<PetscScalar> diagonal(const Sparse& m) {
  std::vector<PetscScalar> d(m.rows(), 0.0);
  for (PetscInt i = 0; i < m.outerSize(); ++i)
    for (Sparse::InnerIterator it(m, i); it; ++it)
      if (it.col() == i) d[i] = it.value();
  return d;
}

Sparse off_diagonal(const Sparse& m) {
  Sparse out = m;
  out.prune([](PetscInt i, PetscInt j, const PetscScalar&) { return i != j; });
  out.makeCompressed();
  return out;
}

bool same(const Sparse& a, const Sparse& b) {
  return a.rows() == b.rows() && a.nonZeros() == b.nonZeros() &&
         std::equal(a.outerIndexPtr(), a.outerIndexPtr() + a.outerSize() + 1, b.outerIndexPtr()) &&
         std::equal(a.innerIndexPtr(), a.innerIndexPtr() + a.nonZeros(), b.innerIndexPtr()) &&
         std::equal(a.valuePtr(), a.valuePtr() + a.nonZeros(), b.valuePtr());
}

}  // namespace qtherm::operators
