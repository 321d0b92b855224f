#include "qtherm/space/charge_sector.hpp"

#include <algorithm>

namespace qtherm::space {

ChargeSectorLayout::ChargeSectorLayout(TensorSpace s, PetscInt k, PetscInt max_charge)
    : h_(std::move(s)), k_(k), max_(max_charge) {
  const PetscInt d = h_.dim();
  PetscInt highest = 0;
  for (int p = 0; p < h_.parties(); ++p) highest += h_.local_dim(p) - 1;
  by_charge_.resize(highest + 1);
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
  for (PetscInt j = 0; j < d; ++j) offset_[j + 1] = offset_[j] + (kept(j) ? PetscInt(rows(j).size()) : 0);
}

const std::vector<PetscInt>& ChargeSectorLayout::rows(PetscInt j) const {
  const PetscInt q = charge_[j] + k_;
  const bool out = q < 0 || q >= PetscInt(by_charge_.size()) || (max_ >= 0 && (q > max_ || charge_[j] > max_));
  return out ? empty_ : by_charge_[q];
}

PetscInt ChargeSectorLayout::index(PetscInt i, PetscInt j) const {
  if (charge_[i] - charge_[j] != k_ || !kept(i) || !kept(j)) return -1;
  return offset_[j] + position_[i];
}

PetscInt ChargeSectorLayout::column_of(PetscInt r) const {
  return PetscInt(std::upper_bound(offset_.begin(), offset_.end(), r) - offset_.begin()) - 1;
}

}  // namespace qtherm::space
