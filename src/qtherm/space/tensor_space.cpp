#include "qtherm/space/tensor_space.hpp"

#include <limits>
#include <string>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"

namespace qtherm::space {

TensorSpace::TensorSpace(std::vector<PetscInt> local_dims) : dims_(std::move(local_dims)) {
  if (dims_.empty()) throw Error("a tensor space needs at least one party");
  strides_.assign(dims_.size(), 1);
  for (int k = static_cast<int>(dims_.size()) - 1; k >= 0; --k) {
    if (dims_[k] < 1) throw Error("local dimension of party " + std::to_string(k) + " must be >= 1");
    strides_[k] = dim_;
    // The Liouville dimension dim^2 must fit PetscInt as well.
    if (dim_ > std::numeric_limits<PetscInt>::max() / dims_[k])
      throw Error("Hilbert-space dimension overflows PetscInt; build PETSc with 64-bit indices");
    dim_ *= dims_[k];
  }
  if (dim_ > 0 && dim_ > std::numeric_limits<PetscInt>::max() / dim_)
    throw Error("Liouville-space dimension overflows PetscInt; build PETSc with 64-bit indices");
}

PetscInt LiouvilleSpace::local_size(MPI_Comm comm) const {
  PetscInt local = PETSC_DECIDE, global = h_.dim();
  QTHERM_PETSC(PetscSplitOwnership(comm, &local, &global));
  return local * h_.dim();
}

}  // namespace qtherm::space
