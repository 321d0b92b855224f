#include "qtherm/operators/csr.hpp"

#include <algorithm>

namespace qtherm::operators {

Csr to_csr(const OperatorSum& O) {
  Csr m;
  m.rows = O.space().dim();
  m.ptr.reserve(m.rows + 1);
  Row row;
  for (PetscInt i = 0; i < m.rows; ++i) {
    row.clear();
    O.append_row(i, row);
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t k = 0; k < row.size();) {
      PetscScalar v = 0;
      const PetscInt c = row[k].first;
      for (; k < row.size() && row[k].first == c; ++k) v += row[k].second;
      if (v == PetscScalar(0)) continue;
      m.col.push_back(c);
      m.val.push_back(v);
    }
    m.ptr.push_back(m.nnz());
  }
  return m;
}

std::vector<PetscScalar> diagonal(const Csr& m) {
  std::vector<PetscScalar> d(m.rows, 0.0);
  for (PetscInt i = 0; i < m.rows; ++i)
    for (PetscInt k = m.ptr[i]; k < m.ptr[i + 1]; ++k)
      if (m.col[k] == i) d[i] = m.val[k];
  return d;
}

Csr off_diagonal(const Csr& m) {
  Csr out;
  out.rows = m.rows;
  for (PetscInt i = 0; i < m.rows; ++i) {
    for (PetscInt k = m.ptr[i]; k < m.ptr[i + 1]; ++k)
      if (m.col[k] != i) out.col.push_back(m.col[k]), out.val.push_back(m.val[k]);
    out.ptr.push_back(out.nnz());
  }
  return out;
}

}  // namespace qtherm::operators
