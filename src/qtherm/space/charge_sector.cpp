#include "qtherm/space/charge_sector.hpp"

#include <algorithm>

namespace qtherm::space {

ChargeSectorLayout::ChargeSectorLayout(TensorSpace s, PetscInt k) : h_(std::move(s)), k_(k) {
  const PetscInt d = h_.dim();
  PetscInt max_charge = 0;
  for (int p = 0; p < h_.parties(); ++p) max_charge += h_.local_dim(p) - 1;
  by_charge_.resize(max_charge + 1);
  charge_.resize(d);
  position_.resize(d);
  for (PetscInt i = 0; i < d; ++i) {
    PetscInt q = 0;
    for (int p = 0; p < h_.parties(); ++p) q += h_.digit(i, p);
    charge_[i] = q;
    position_[i] = PetscInt(by_charge_[q].size());
    by_charge_[q].push_back(i);
  }
  offset_.assign(d + 1, 0);
  for (PetscInt j = 0; j < d; ++j) offset_[j + 1] = offset_[j] + PetscInt(rows(j).size());
}

const std::vector<PetscInt>& ChargeSectorLayout::rows(PetscInt j) const {
  const PetscInt q = charge_[j] + k_;
  return (q < 0 || q >= PetscInt(by_charge_.size())) ? empty_ : by_charge_[q];
}

PetscInt ChargeSectorLayout::index(PetscInt i, PetscInt j) const {
  if (charge_[i] - charge_[j] != k_) return -1;
  return offset_[j] + position_[i];
}

PetscInt ChargeSectorLayout::column_of(PetscInt r) const {
  return PetscInt(std::upper_bound(offset_.begin(), offset_.end(), r) - offset_.begin()) - 1;
}

}  // namespace qtherm::space
