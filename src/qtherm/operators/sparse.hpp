#pragma once
// Operators of a TensorSpace as d×d compressed sparse rows (Eigen, duplicates summed, exact zeros
// dropped), for the column Liouvillian, its dual and expectation values: for local operator sums the
// whole pattern is O(d · terms) entries, while the d² Liouville vector it acts on is far larger.
#include <Eigen/SparseCore>
#include <vector>

#include "qtherm/operators/operator_sum.hpp"

namespace qtherm::operators {

using Sparse = Eigen::SparseMatrix<PetscScalar, Eigen::RowMajor, PetscInt>;

// Not collective: O as a compressed d×d matrix (d = O.space().dim()).
Sparse to_sparse(const OperatorSum& O);
// The diagonal of m (zeros where a row has none), and m without it.
std::vector<PetscScalar> diagonal(const Sparse& m);
Sparse off_diagonal(const Sparse& m);
bool same(const Sparse& a, const Sparse& b);

}  // namespace qtherm::operators
