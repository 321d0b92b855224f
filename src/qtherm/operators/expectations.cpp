#include "qtherm/operators/expectations.hpp"

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/parallel/vec_array.hpp"

namespace qtherm::operators {

void Expectations::evaluate(Vec rho, std::vector<PetscScalar>& out) const {
  out.assign(ops_.size(), 0.0);
  if (ops_.empty()) return;
  const PetscInt d = ops_.front().rows();
  PetscInt lo = 0, hi = 0;
  QTHERM_PETSC(VecGetOwnershipRange(rho, &lo, &hi));
  if (lo % d != 0 || hi % d != 0) throw Error("expectation values need whole columns of rho per rank");
  {
    const parallel::ReadArray x(rho);
    for (size_t k = 0; k < ops_.size(); ++k) {
      const Sparse& O = ops_[k];
      PetscScalar s = 0;
      for (PetscInt i = lo / d; i < hi / d; ++i) {
        const PetscScalar* col = x.data() + (i * d - lo);
        for (Sparse::InnerIterator it(O, i); it; ++it) s += it.value() * col[it.col()];
      }
      out[k] = s;
    }
  }
  MPI_Comm comm = MPI_COMM_NULL;
  QTHERM_PETSC(PetscObjectGetComm(reinterpret_cast<PetscObject>(rho), &comm));
  QTHERM_MPI(MPI_Allreduce(MPI_IN_PLACE, out.data(), int(out.size()), MPIU_SCALAR, MPIU_SUM, comm));
}

std::vector<PetscScalar> Expectations::evaluate(Vec rho) const {
  std::vector<PetscScalar> out;
  evaluate(rho, out);
  return out;
}

}  // namespace qtherm::operators
