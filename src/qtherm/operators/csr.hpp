#pragma once
// An operator of a TensorSpace as compressed sparse rows (duplicates merged, exact zeros dropped),
// for the column Liouvillian and for expectation values: with d ≤ 2^15 or so the whole d×d pattern
// of a local operator sum is a few MB, while the d² Liouville vector it acts on is GBs.
#include <vector>

#include "qtherm/operators/operator_sum.hpp"

namespace qtherm::operators {

struct Csr {
  PetscInt rows = 0;
  std::vector<PetscInt> ptr{0}, col;  // row i: entries ptr[i] .. ptr[i+1]-1
  std::vector<PetscScalar> val;
  PetscInt nnz() const { return PetscInt(col.size()); }
};

// Not collective: the rows of O (O is d×d with d = O.space().dim()).
Csr to_csr(const OperatorSum& O);
// The diagonal of m (zeros where a row has no diagonal entry), and m without it.
std::vector<PetscScalar> diagonal(const Csr& m);
Csr off_diagonal(const Csr& m);

}  // namespace qtherm::operators
