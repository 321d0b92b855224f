#include "qtherm/dynamics/invariants.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/space/partial_trace.hpp"
#include "qtherm/parallel/vec_array.hpp"

namespace qtherm::dynamics {

InvariantMonitor::InvariantMonitor(MPI_Comm comm, const space::LiouvilleSpace& space, Vec like, long max_local_dim,
                                   long max_full_dim)
    : comm_(comm), space_(space) {
  const auto& h = space_.hilbert();
  int size = 1;
  QTHERM_MPI(MPI_Comm_size(comm, &size));
  PetscInt lo = 0, hi = 0;
  QTHERM_PETSC(VecGetOwnershipRange(like, &lo, &hi));
  const PetscInt c0 = lo / h.dim();
  first_column_.resize(size + 1, h.dim());
  QTHERM_MPI(MPI_Allgather(&c0, 1, MPIU_INT, first_column_.data(), 1, MPIU_INT, comm));
  for (int k = 0; k < h.parties(); ++k)
    if (h.local_dim(k) <= max_local_dim) checked_parties_.push_back(k);
  check_full_ = h.parties() > 1 && h.dim() <= max_full_dim;
}

double InvariantMonitor::hermiticity_defect(Vec rho) const {
  const PetscInt d = space_.hilbert().dim();
  int size = 1, rank = 0;
  QTHERM_MPI(MPI_Comm_size(comm_, &size));
  QTHERM_MPI(MPI_Comm_rank(comm_, &rank));
  const PetscInt c0 = first_column_[rank], nc = first_column_[rank + 1] - c0;
  double sum = 0;
  const parallel::ReadArray x(rho);
  // The owned diagonal block: both entries of each pair are here.
  for (PetscInt jl = 0; jl < nc; ++jl)
    for (PetscInt il = 0; il < nc; ++il) sum += std::norm(x[c0 + il + d * jl] - std::conj(x[c0 + jl + d * il]));
  // ρ[i, j] (j owned, i in the columns of rank src) against conj(ρ[j, i]), read from `partner`
  // (entry (j − c0) + nc·(i − first_column_[src])).
  auto accumulate = [&](int src, const PetscScalar* partner) {
    const PetscInt s0 = first_column_[src], ns = first_column_[src + 1] - s0;
    for (PetscInt jl = 0; jl < nc; ++jl)
      for (PetscInt il = 0; il < ns; ++il) sum += std::norm(x[s0 + il + d * jl] - std::conj(partner[jl + nc * il]));
  };
  std::vector<PetscScalar> send, recv;
  for (int k = 1; k < size; ++k) {
    const int dst = (rank + k) % size, src = (rank - k + size) % size;
    // To dst: rows of dst's columns, of every owned column (dst compares them with its own).
    const PetscInt t0 = first_column_[dst], nt = first_column_[dst + 1] - t0;
    send.resize(size_t(nt * nc));
    for (PetscInt jl = 0; jl < nc; ++jl)
      for (PetscInt il = 0; il < nt; ++il) send[il + nt * jl] = x[t0 + il + d * jl];
    recv.resize(size_t(nc * (first_column_[src + 1] - first_column_[src])));
    QTHERM_MPI(MPI_Sendrecv(send.data(), int(send.size()), MPIU_SCALAR, dst, 0, recv.data(), int(recv.size()),
                            MPIU_SCALAR, src, 0, comm_, MPI_STATUS_IGNORE));
    accumulate(src, recv.data());
  }
  QTHERM_MPI(MPI_Allreduce(MPI_IN_PLACE, &sum, 1, MPI_DOUBLE, MPI_SUM, comm_));
  return sum;
}

template <class Reduce>
double InvariantMonitor::lowest_eigenvalue(const Reduce& reduce, const Eigen::MatrixXcd* whole) const {
  double lowest = std::numeric_limits<double>::infinity();
  auto check = [&](const Eigen::MatrixXcd& m) {
    // Hermitian part: the anti-Hermitian residue is reported separately, not mixed in here.
    const Eigen::MatrixXcd herm = 0.5 * (m + m.adjoint());
    lowest = std::min(
        lowest, Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(herm, Eigen::EigenvaluesOnly).eigenvalues().minCoeff());
  };
  for (int k : checked_parties_) check(reduce(std::vector<int>{k}));
  if (whole) check(*whole);
  return std::isinf(lowest) ? std::nan("") : lowest;
}

InvariantValues InvariantMonitor::measure(Vec rho) const {
  if (check_full_) return measure(space::gather_density_matrix(rho, space_));
  InvariantValues v;
  const PetscInt d = space_.hilbert().dim();
  PetscInt lo = 0, hi = 0;
  QTHERM_PETSC(VecGetOwnershipRange(rho, &lo, &hi));
  PetscScalar tr = 0;
  {
    const parallel::ReadArray x(rho);
    for (PetscInt j = lo / d; j < hi / d; ++j) tr += x[j + d * j - lo];
  }
  QTHERM_MPI(MPI_Allreduce(MPI_IN_PLACE, &tr, 1, MPIU_SCALAR, MPIU_SUM, comm_));
  v.trace_error = std::abs(tr - PetscScalar(1.0));

  PetscReal norm = 0;
  QTHERM_PETSC(VecNorm(rho, NORM_2, &norm));
  const double diff = std::sqrt(hermiticity_defect(rho));
  v.hermiticity_error = norm > 0 ? diff / norm : diff;
  v.min_eigenvalue =
      lowest_eigenvalue([&](const std::vector<int>& keep) { return space::partial_trace(rho, space_, keep); }, nullptr);
  return v;
}

InvariantValues InvariantMonitor::measure(const Eigen::MatrixXcd& rho) const {
  InvariantValues v;
  v.trace_error = std::abs(rho.trace() - std::complex<double>(1.0));
  const double norm = rho.norm(), diff = (rho - rho.adjoint()).norm();
  v.hermiticity_error = norm > 0 ? diff / norm : diff;
  v.min_eigenvalue =
      lowest_eigenvalue([&](const std::vector<int>& keep) { return space::partial_trace(rho, space_.hilbert(), keep); },
                        check_full_ ? &rho : nullptr);
  return v;
}

}  // namespace qtherm::dynamics
