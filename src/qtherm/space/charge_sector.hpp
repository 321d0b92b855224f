#pragma once
// The entries ρ[i, j] of a tensor space with N(i) − N(j) = k, N(i) = Σ_p digit_p(i) (the total
// excitation number of a Fock basis state): a Liouvillian whose every term shifts ket and bra by
// the same number of excitations (phase-covariant generators: damping, pumping, cascades, H
// diagonal in N) never leaves this set, so a state that starts in it (thermal, Fock products, the
// beam-splitter family of correlated states for k = 0) is stored in O(d·n) instead of O(d²)
// entries. Stored column by column (column j holds its rows i with N(i) = N(j) + k, ascending).
// Optionally only basis states with N ≤ max_charge are kept (a total-excitation cutoff: exact where
// the dynamics never raises N, e.g. damping into a zero-temperature reservoir).
#include <petscsys.h>

#include <vector>

#include "qtherm/space/tensor_space.hpp"

namespace qtherm::space {

class ChargeSectorLayout {
 public:
  ChargeSectorLayout(TensorSpace space, PetscInt k, PetscInt max_charge = -1);  // −1: no cutoff
  const TensorSpace& hilbert() const { return h_; }
  PetscInt k() const { return k_; }
  PetscInt size() const { return offset_.back(); }  // number of stored entries
  PetscInt charge(PetscInt i) const { return charge_[i]; }
  bool kept(PetscInt i) const { return max_ < 0 || charge_[i] <= max_; }  // basis state within the cutoff
  PetscInt max_charge() const { return max_; }
  PetscInt column_begin(PetscInt j) const { return offset_[j]; }
  PetscInt column_end(PetscInt j) const { return offset_[j + 1]; }
  // Row indices of column j, ascending (empty if no row has charge N(j) + k).
  const std::vector<PetscInt>& rows(PetscInt j) const;
  // The stored index of ρ[i, j], or −1 if N(i) − N(j) ≠ k.
  PetscInt index(PetscInt i, PetscInt j) const;
  PetscInt column_of(PetscInt r) const;                         // the column holding stored entry r
  PetscInt position(PetscInt i) const { return position_[i]; }  // index(i, j) − column_begin(j)

 private:
  TensorSpace h_;
  PetscInt k_, max_;
  std::vector<PetscInt> charge_, position_;  // per Hilbert index: N(i), rank of i among rows of charge N(i)
  std::vector<std::vector<PetscInt>> by_charge_;
  std::vector<PetscInt> offset_;
  std::vector<PetscInt> empty_;
};

}  // namespace qtherm::space
