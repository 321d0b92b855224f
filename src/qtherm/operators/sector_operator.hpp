#pragma once
// The assembly / matrix-free / dense structure shared by the number-conserving operators of the
// many-body routes (fermions on a BitBasis, truncated bosons on a BosonBasis). A row kernel K knows
// its basis and coefficients and provides
//   PetscInt size() const;                                  // sector dimension
//   template <class F> void row(PetscInt r, F&& f) const;   // f(column, value) for every nonzero
//   template <class F> void rows(PetscInt first, PetscInt last, F&& f) const;  // f(row, column, value),
//                                                          rows ascending
// (`rows` may walk consecutive states faster than unranking each). The templates below turn it
// into an MPIAIJ (owned rows, exact preallocation), a MATSHELL that recomputes the entries on
// every product, a dense Eigen matrix or an Eigen sparse matrix (products with dense blocks of
// vectors on one rank); one code path per form for every statistics.
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <petscmat.h>

#include <complex>
#include <memory>
#include <vector>

#include "qtherm/base/check.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::operators {

// The gathered copy of the input (one full vector per rank) and its scatter; shells of the same
// sector may share one (products run one at a time), which saves a vector per rank per operator.
struct ShellGather {
  parallel::Vector layout, all;
  parallel::Scatter to_all;
};
// Collective on comm: a gather for vectors of `size` entries (PETSC_DECIDE layout).
std::shared_ptr<ShellGather> shell_gather(MPI_Comm comm, PetscInt size);

namespace detail {

template <class K>
struct ShellContext {
  std::unique_ptr<K> kernel;
  std::shared_ptr<ShellGather> gather;
  PetscInt first = 0, last = 0;
};

template <class K>
PetscErrorCode shell_mult(Mat A, Vec x, Vec y) {
  PetscFunctionBeginUser;
  ShellContext<K>* c = nullptr;
  PetscCall(MatShellGetContext(A, &c));
  PetscCall(VecScatterBegin(c->gather->to_all, x, c->gather->all, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(c->gather->to_all, x, c->gather->all, INSERT_VALUES, SCATTER_FORWARD));
  const PetscScalar* xa = nullptr;
  PetscScalar* ya = nullptr;
  PetscCall(VecGetArrayRead(c->gather->all, &xa));
  PetscCall(VecGetArray(y, &ya));
  for (PetscInt r = c->first; r < c->last; ++r) ya[r - c->first] = 0;
  // Rows arrive in order; the sum of the current row stays in two real registers until the row
  // changes (std::complex's multiply carries a NaN-recovery branch that made GCC spill the sum:
  // 2x slower products).
  PetscInt current = c->first;
  double re = 0, im = 0;
  c->kernel->rows(c->first, c->last, [&](PetscInt r, PetscInt col, PetscScalar v) {
    if (r != current) ya[current - c->first] = PetscScalar(re, im), re = im = 0, current = r;
    const PetscScalar x = xa[col];
    re += v.real() * x.real() - v.imag() * x.imag();
    im += v.real() * x.imag() + v.imag() * x.real();
  });
  if (c->last > c->first) ya[current - c->first] = PetscScalar(re, im);
  PetscCall(VecRestoreArray(y, &ya));
  PetscCall(VecRestoreArrayRead(c->gather->all, &xa));
  PetscFunctionReturn(0);
}

template <class K>
PetscErrorCode shell_destroy(Mat A) {
  PetscFunctionBeginUser;
  ShellContext<K>* c = nullptr;
  PetscCall(MatShellGetContext(A, &c));
  delete c;
  PetscFunctionReturn(0);
}

}  // namespace detail

// Collective on comm: the assembled sector matrix.
template <class K>
parallel::Matrix assemble_kernel(MPI_Comm comm, const K& k) {
  return assemble(comm, k.size(), [&](PetscInt r, Row& out) {
    k.row(r, [&](PetscInt col, PetscScalar v) { out.emplace_back(col, v); });
  });
}

// Collective on comm: the matrix-free operator (owns the kernel); `gather` made for k->size().
template <class K>
parallel::Matrix shell_kernel(MPI_Comm comm, std::unique_ptr<K> k, const std::shared_ptr<ShellGather>& gather) {
  auto ctx = std::make_unique<detail::ShellContext<K>>();
  const PetscInt n = k->size();
  ctx->kernel = std::move(k);
  ctx->gather = gather;
  QTHERM_PETSC(VecGetOwnershipRange(gather->layout, &ctx->first, &ctx->last));
  parallel::Matrix A;
  QTHERM_PETSC(MatCreateShell(comm, ctx->last - ctx->first, ctx->last - ctx->first, n, n, ctx.get(), A.out()));
  static_cast<void>(ctx.release());  // owned by the matrix from here on (shell_destroy)
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_MULT, reinterpret_cast<void (*)(void)>(detail::shell_mult<K>)));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_DESTROY, reinterpret_cast<void (*)(void)>(detail::shell_destroy<K>)));
  return A;
}

// Not collective: the dense matrix, for small references.
template <class K>
Eigen::MatrixXcd dense_kernel(const K& k) {
  Eigen::MatrixXcd D = Eigen::MatrixXcd::Zero(k.size(), k.size());
  for (PetscInt r = 0; r < k.size(); ++r) k.row(r, [&](PetscInt col, PetscScalar v) { D(r, col) += v; });
  return D;
}

// Row-major: O V for a dense V walks each row's few nonzeros once.
using SparseSectorMatrix = Eigen::SparseMatrix<std::complex<double>, Eigen::RowMajor>;

// Not collective: the sector matrix in Eigen's sparse form (duplicates summed), for the dense
// many-body route, which multiplies it into a whole eigenvector matrix on one rank.
template <class K>
SparseSectorMatrix sparse_kernel(const K& k) {
  std::vector<Eigen::Triplet<std::complex<double>>> entries;
  k.rows(0, k.size(), [&](PetscInt r, PetscInt col, PetscScalar v) { entries.emplace_back(r, col, v); });
  SparseSectorMatrix S(k.size(), k.size());
  S.setFromTriplets(entries.begin(), entries.end());
  return S;
}

}  // namespace qtherm::operators
