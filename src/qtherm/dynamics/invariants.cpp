#include "qtherm/dynamics/invariants.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>

#include "qtherm/base/check.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/space/partial_trace.hpp"

namespace qtherm::dynamics {

InvariantMonitor::InvariantMonitor(MPI_Comm comm, const space::LiouvilleSpace& space, Vec like,
                                   long max_local_dim, long max_full_dim)
    : space_(space) {
  const auto& h = space_.hilbert();
  trace_ = operators::functional(operators::OperatorSum::identity(h), like);
  const PetscInt d = h.dim();
  adjoint_ = operators::assemble(comm, space_.dim(), [d](PetscInt r, operators::Row& out) {
    out.emplace_back(r / d + d * (r % d), 1.0);  // entry (i, j) <- (j, i)
  }, space_.local_size(comm));
  work_ = parallel::duplicate(like);
  for (int k = 0; k < h.parties(); ++k)
    if (h.local_dim(k) <= max_local_dim) checked_parties_.push_back(k);
  check_full_ = h.parties() > 1 && h.dim() <= max_full_dim;
}

InvariantValues InvariantMonitor::measure(Vec rho) const {
  InvariantValues v;
  PetscScalar tr = 0;
  QTHERM_PETSC(VecTDot(rho, trace_, &tr));
  v.trace_error = std::abs(tr - PetscScalar(1.0));

  QTHERM_PETSC(MatMult(adjoint_, rho, work_));
  QTHERM_PETSC(VecConjugate(work_));
  QTHERM_PETSC(VecAYPX(work_, -1.0, rho));  // ρ − ρ†
  PetscReal diff = 0, norm = 0;
  QTHERM_PETSC(VecNorm(work_, NORM_2, &diff));
  QTHERM_PETSC(VecNorm(rho, NORM_2, &norm));
  v.hermiticity_error = norm > 0 ? diff / norm : diff;

  double lowest = std::numeric_limits<double>::infinity();
  auto check = [&](const Eigen::MatrixXcd& m) {
    // Hermitian part: the anti-Hermitian residue is reported above, not mixed in here.
    const Eigen::MatrixXcd herm = 0.5 * (m + m.adjoint());
    lowest = std::min(lowest, Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(herm, Eigen::EigenvaluesOnly).eigenvalues().minCoeff());
  };
  for (int k : checked_parties_) check(space::partial_trace(rho, space_, {k}));
  if (check_full_) check(space::gather_density_matrix(rho, space_));
  v.min_eigenvalue = std::isinf(lowest) ? std::nan("") : lowest;
  return v;
}

}  // namespace qtherm::dynamics
