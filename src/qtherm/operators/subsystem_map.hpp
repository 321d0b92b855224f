#pragma once
// Liouville-space matrices of maps that act on a few parties only, built row by row from dense
// blocks (no product decomposition needed, so any entangling matrix on a subset works):
//   left(M):   ρ ↦ (M ⊗ 1) ρ        right(M): ρ ↦ ρ (M ⊗ 1)
//   reset(η):  ρ ↦ tr_p(ρ) ⊗ η on party p (a fresh state of p, e.g. a collision-model ancilla).
// M acts on `parties` (ascending; the first is the most significant digit of M's index, as in a
// Kronecker product). A unitary conjugation U ρ U† is right(U†) after left(U): two sparse factors with
// d_sub nonzeros per row each instead of one with d_sub².
#include <vector>

#include "qtherm/operators/assemble.hpp"
#include "qtherm/operators/local_operator.hpp"
#include "qtherm/space/tensor_space.hpp"

namespace qtherm::operators {

// The index of `parties`' digits of a full index i (parties ascending, first most significant).
class SubsystemIndex {
 public:
  SubsystemIndex(const space::TensorSpace& space, std::vector<int> parties);
  PetscInt dim() const { return dim_; }
  PetscInt of(PetscInt i) const;                  // sub index of full index i
  PetscInt with(PetscInt i, PetscInt sub) const;  // i with its subset digits replaced by sub's

 private:
  const space::TensorSpace& space_;
  std::vector<int> parties_;
  std::vector<PetscInt> sub_strides_;
  PetscInt dim_ = 1;
};

// Collective on comm (assembly of owned rows).
parallel::Matrix assemble_left(MPI_Comm comm, const space::TensorSpace& space, const std::vector<int>& parties,
                               const Dense& M);
parallel::Matrix assemble_right(MPI_Comm comm, const space::TensorSpace& space, const std::vector<int>& parties,
                                const Dense& M);
parallel::Matrix assemble_reset(MPI_Comm comm, const space::TensorSpace& space, int party, const Dense& eta);

}  // namespace qtherm::operators
