#pragma once
// A tensor product of parties with any local dimensions. Party 0 is the most significant digit
// (the order of a Kronecker product A0 ⊗ A1 ⊗ ...), as in QuTiP.
#include <petscsys.h>

#include <vector>

namespace qtherm::space {

class TensorSpace {
 public:
  explicit TensorSpace(std::vector<PetscInt> local_dims);
  int parties() const { return static_cast<int>(dims_.size()); }
  PetscInt local_dim(int party) const { return dims_.at(party); }
  const std::vector<PetscInt>& local_dims() const { return dims_; }
  PetscInt dim() const { return dim_; }
  PetscInt stride(int party) const { return strides_.at(party); }
  PetscInt digit(PetscInt index, int party) const { return (index / strides_[party]) % dims_[party]; }
  // The index with party's digit replaced by `value`.
  PetscInt with_digit(PetscInt index, int party, PetscInt value) const {
    return index + (value - digit(index, party)) * strides_[party];
  }

 private:
  std::vector<PetscInt> dims_, strides_;
  PetscInt dim_ = 1;
};

// Liouville space of a TensorSpace: vectorized density matrices by column stacking,
// vec(ρ)[i + d·j] = ρ[i, j].
class LiouvilleSpace {
 public:
  explicit LiouvilleSpace(TensorSpace hilbert) : h_(std::move(hilbert)) {}
  const TensorSpace& hilbert() const { return h_; }
  PetscInt dim() const { return h_.dim() * h_.dim(); }
  PetscInt index(PetscInt i, PetscInt j) const { return i + h_.dim() * j; }
  PetscInt row_of(PetscInt r) const { return r % h_.dim(); }
  PetscInt col_of(PetscInt r) const { return r / h_.dim(); }
  // Collective on comm: the layout of every Liouville-space vector and Liouvillian (shell or
  // assembled): whole columns of ρ per rank, PETSc's even split of the d columns. The local row count.
  PetscInt local_size(MPI_Comm comm) const;

 private:
  TensorSpace h_;
};

}  // namespace qtherm::space
