#include "qtherm/operators/liouvillian_parts.hpp"

#include <algorithm>

namespace qtherm::operators {

LiouvillianParts::LiouvillianParts(const SuperOperator& L) {
  const auto& space = L.space();
  OperatorSum left(space), right_t(space);
  std::vector<OperatorSum> bt;
  for (const auto& t : L.terms()) {
    if (t.B.is_identity()) {
      left.add(t.A, t.c);
    } else if (t.A.is_identity()) {
      right_t.add(t.Bt, t.c);
    } else {
      Sparse a = to_sparse(t.A);
      auto it = std::find_if(sandwiches.begin(), sandwiches.end(), [&](const Sandwich& s) { return same(s.A, a); });
      if (it == sandwiches.end()) {
        it = sandwiches.insert(sandwiches.end(), Sandwich());
        it->A.swap(a);  // Eigen's SparseMatrix has no move constructor: swap, not copy
        bt.emplace_back(space);
      }
      bt[it - sandwiches.begin()].add(t.Bt, t.c);
    }
  }
  K = to_sparse(left);
  Rt = to_sparse(right_t);
  for (size_t g = 0; g < sandwiches.size(); ++g) sandwiches[g].Bt = to_sparse(bt[g]);
}

Sparse LiouvillianParts::dual(const Sparse& O) const {
  // Each product is materialised in row-major form before summing: Eigen will not add mixed orders.
  const Sparse R = Rt.transpose();
  Sparse out = Sparse(O * K);
  out += Sparse(R * O);
  for (const auto& s : sandwiches) {
    const Sparse B = s.Bt.transpose(), BO = B * O;
    out += Sparse(BO * s.A);
  }
  out.prune(PetscScalar(0), 0.0);
  out.makeCompressed();
  return out;
}

}  // namespace qtherm::operators
