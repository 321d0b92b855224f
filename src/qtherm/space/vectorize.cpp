#include "qtherm/space/vectorize.hpp"

#include <string>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/parallel/vec_array.hpp"

namespace qtherm::space {
namespace {
template <class Entry>
parallel::Vector fill(MPI_Comm comm, const LiouvilleSpace& space, Entry entry) {
  parallel::Vector v = parallel::make_vector(comm, space.dim(), space.local_size(comm));
  PetscInt lo = 0, hi = 0;
  QTHERM_PETSC(VecGetOwnershipRange(v, &lo, &hi));
  {
    const parallel::WriteArray x(v);
    for (PetscInt r = lo; r < hi; ++r) x[r - lo] = entry(space.row_of(r), space.col_of(r));
  }
  return v;
}
}  // namespace

parallel::Vector vectorize(MPI_Comm comm, const Eigen::MatrixXcd& rho, const LiouvilleSpace& space) {
  const PetscInt d = space.hilbert().dim();
  if (rho.rows() != d || rho.cols() != d)
    throw Error("density matrix is " + std::to_string(rho.rows()) + "x" + std::to_string(rho.cols()) +
                ", the space has dimension " + std::to_string(d));
  return fill(comm, space, [&](PetscInt i, PetscInt j) { return rho(i, j); });
}

parallel::Vector vectorize_product(MPI_Comm comm, const std::vector<Eigen::MatrixXcd>& locals,
                                   const LiouvilleSpace& space) {
  const auto& h = space.hilbert();
  if (int(locals.size()) != h.parties()) throw Error("product state needs one matrix per party");
  for (int k = 0; k < h.parties(); ++k)
    if (locals[k].rows() != h.local_dim(k) || locals[k].cols() != h.local_dim(k))
      throw Error("local state of party " + std::to_string(k) + " has the wrong dimension");
  return fill(comm, space, [&](PetscInt i, PetscInt j) {
    PetscScalar v = 1.0;
    for (int k = 0; k < h.parties() && v != PetscScalar(0); ++k) v *= locals[k](h.digit(i, k), h.digit(j, k));
    return v;
  });
}

}  // namespace qtherm::space
