#include "qtherm/dynamics/state.hpp"

#include <cmath>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/parallel/vec_array.hpp"

namespace qtherm::dynamics {
namespace {
template <class Entry>
parallel::Vector fill(MPI_Comm comm, const space::LiouvilleSpace& space, Entry entry) {
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

parallel::Vector vectorize(MPI_Comm comm, const Eigen::MatrixXcd& rho, const space::LiouvilleSpace& space) {
  const PetscInt d = space.hilbert().dim();
  if (rho.rows() != d || rho.cols() != d)
    throw Error("density matrix is " + std::to_string(rho.rows()) + "x" + std::to_string(rho.cols()) +
                ", the space has dimension " + std::to_string(d));
  return fill(comm, space, [&](PetscInt i, PetscInt j) { return rho(i, j); });
}

parallel::Vector vectorize_product(MPI_Comm comm, const std::vector<Eigen::MatrixXcd>& locals,
                                   const space::LiouvilleSpace& space) {
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

namespace {

// Boltzmann weights of the energies e, normalised.
Eigen::VectorXd boltzmann_weights(const Eigen::VectorXd& e, double beta) {
  const double ground = e.minCoeff();  // shift by it so that large β does not overflow
  Eigen::VectorXd w(e.size());
  for (Eigen::Index k = 0; k < e.size(); ++k) {
    const double gap = e(k) - ground;
    // β = ∞ is the ground-state projector (shared equally among degenerate ground states).
    w(k) = std::isinf(beta) ? (gap < 1e-12 ? 1.0 : 0.0) : std::exp(-beta * gap);
  }
  return w / w.sum();
}

}  // namespace

Eigen::MatrixXcd gibbs(const Eigen::MatrixXcd& H, double beta) {
  // A diagonal H (a local oscillator or spin Hamiltonian) needs no O(d³) eigensolver: `qtherm check`
  // of a 3000-level mediator spent 90 s here.
  if (H.isDiagonal(0.0)) {
    const Eigen::VectorXd w = boltzmann_weights(H.diagonal().real(), beta);
    return w.cast<std::complex<double>>().asDiagonal();
  }
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> es(H);
  const Eigen::VectorXd w = boltzmann_weights(es.eigenvalues(), beta);
  return es.eigenvectors() * w.cast<std::complex<double>>().asDiagonal() * es.eigenvectors().adjoint();
}

}  // namespace qtherm::dynamics
