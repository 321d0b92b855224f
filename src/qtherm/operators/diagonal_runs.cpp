#include "qtherm/operators/diagonal_runs.hpp"

#include <algorithm>
#include <map>

namespace qtherm::operators::detail {

DiagonalRuns diagonal_runs(const Sparse& m, PetscInt max_gap) {
  // Per diagonal offset, its entries by ascending row.
  std::map<PetscInt, std::vector<std::pair<PetscInt, PetscScalar>>> diagonals;
  for (PetscInt i = 0; i < m.outerSize(); ++i)
    for (Sparse::InnerIterator it(m, i); it; ++it) diagonals[it.col() - i].push_back({i, it.value()});
  DiagonalRuns out;
  for (const auto& [offset, entries] : diagonals) {
    size_t a = 0;
    while (a < entries.size()) {
      size_t b = a + 1;
      while (b < entries.size() && entries[b].first - entries[b - 1].first <= max_gap + 1) ++b;
      DiagonalRuns::Run r;
      r.row = entries[a].first;
      r.len = entries[b - 1].first - r.row + 1;
      r.offset = offset;
      r.val = PetscInt(out.values.size());
      r.constant =
          PetscInt(b - a) == r.len && std::all_of(entries.begin() + a, entries.begin() + b,
                                                  [v = entries[a].second](const auto& e) { return e.second == v; });
      if (r.constant) {
        out.values.push_back(entries[a].second);
      } else {
        out.values.resize(out.values.size() + r.len, PetscScalar(0));
        for (size_t k = a; k < b; ++k) out.values[r.val + entries[k].first - r.row] = entries[k].second;
      }
      out.runs.push_back(r);
      a = b;
    }
  }
  return out;
}

}  // namespace qtherm::operators::detail
