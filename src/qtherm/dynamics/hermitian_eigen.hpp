#pragma once
// All eigenpairs of a dense Hermitian (or real symmetric) matrix, H = V diag(E) V†, E ascending.
// Eigen's Householder tridiagonalization and its blocked back-transformation (Eigen's own matrix
// products) around LAPACK's divide-and-conquer dstedc on the real tridiagonal matrix. Measured on
// the project's machine (924 × 924, Debian's reference BLAS/LAPACK, which is what PETSc links
// here): Eigen's SelfAdjointEigenSolver 0.77-0.84 s, of which the QR iteration on the tridiagonal
// matrix (Givens rotations of all eigenvectors) is most; LAPACK dsyevd 1.47 s and dsyevr 0.94 s
// (their reduction and back-transformation run on the unoptimized reference BLAS); this split
// 0.15 (tridiagonalization) + 0.29 (dstedc) + 0.15 (back-transformation) s.
#include <Eigen/Dense>

#include <complex>

namespace qtherm::dynamics {

// Not collective. Reads the lower triangle of H. Throws std::runtime_error when dstedc fails.
template <class S>
void hermitian_eigen(const Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>& H, Eigen::VectorXd& E,
                     Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>& V);

}  // namespace qtherm::dynamics
