#include "qtherm/operators/fermion_operator.hpp"

#include <memory>
#include <utility>
#include <vector>

#include "qtherm/operators/assemble.hpp"
#include "qtherm/space/fermion_sector.hpp"

namespace qtherm::operators {

using space::BitBasis;
using space::BitString;

namespace {

// The off-diagonal pairs (i, j), T_ij ≠ 0, and what a row needs, precomputed once.
struct Kernel {
  const BitBasis& basis;
  const FermionOperator& op;
  std::vector<std::pair<int, int>> moves;  // (i, j): c_i† c_j with i ≠ j

  Kernel(const BitBasis& b, const FermionOperator& o) : basis(b), op(o) {
    for (int i = 0; i < o.modes(); ++i)
      for (int j = 0; j < o.modes(); ++j)
        if (i != j && o.hopping(i, j) != 0.0) moves.emplace_back(i, j);
  }
  // Calls f(column state, value) for every nonzero of the row of state s (the diagonal first).
  // <s|c_i† c_j|s'> ≠ 0 for s' = s with the particle moved from i to j (i occupied, j empty in s),
  // with the sign of c_j† c_i acting on s (the entries are real ±1).
  template <class F>
  void row(BitString s, F&& f) const {
    std::complex<double> diag = 0;
    const int n = op.modes();
    for (int i = 0; i < n; ++i) {
      if (!basis.occupied(s, i)) continue;
      diag += op.hopping(i, i);
      for (int j = i + 1; j < n; ++j)
        if (basis.occupied(s, j)) diag += op.density(i, j);
    }
    f(s, diag);
    for (const auto& [i, j] : moves) {
      if (!basis.occupied(s, i) || basis.occupied(s, j)) continue;
      const space::Hop h = space::hop(basis, s, i, j);
      f(h.state, op.hopping(i, j) * double(h.sign));
    }
  }
};

struct ShellContext {
  BitBasis basis;
  FermionOperator op;
  std::unique_ptr<Kernel> kernel;
  space::SectorIndex index;
  PetscInt first = 0, last = 0;
  parallel::Scatter to_all;
  parallel::Vector all;
  ShellContext(const BitBasis& b, const FermionOperator& o) : basis(b), op(o), index(b) {
    kernel = std::make_unique<Kernel>(basis, op);
  }
};

PetscErrorCode shell_mult(Mat A, Vec x, Vec y) {
  PetscFunctionBeginUser;
  ShellContext* c = nullptr;
  PetscCall(MatShellGetContext(A, &c));
  PetscCall(VecScatterBegin(c->to_all, x, c->all, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(c->to_all, x, c->all, INSERT_VALUES, SCATTER_FORWARD));
  const PetscScalar* xa = nullptr;
  PetscScalar* ya = nullptr;
  PetscCall(VecGetArrayRead(c->all, &xa));
  PetscCall(VecGetArray(y, &ya));
  for (PetscInt r = c->first; r < c->last; ++r) {
    PetscScalar acc = 0;
    c->kernel->row(c->basis.state(r), [&](BitString s, PetscScalar v) { acc += v * xa[c->index(s)]; });
    ya[r - c->first] = acc;
  }
  PetscCall(VecRestoreArray(y, &ya));
  PetscCall(VecRestoreArrayRead(c->all, &xa));
  PetscFunctionReturn(0);
}

PetscErrorCode shell_destroy(Mat A) {
  PetscFunctionBeginUser;
  ShellContext* c = nullptr;
  PetscCall(MatShellGetContext(A, &c));
  delete c;
  PetscFunctionReturn(0);
}

}  // namespace

void fermion_row(const BitBasis& sector, const FermionOperator& op, PetscInt row, Row& out) {
  const Kernel k(sector, op);
  k.row(sector.state(row), [&](BitString s, PetscScalar v) { out.emplace_back(sector.index(s), v); });
}

parallel::Matrix assemble_fermion(MPI_Comm comm, const BitBasis& sector, const FermionOperator& op) {
  const Kernel k(sector, op);
  const space::SectorIndex index(sector);
  return assemble(comm, sector.size(), [&](PetscInt r, Row& out) {
    k.row(sector.state(r), [&](BitString s, PetscScalar v) { out.emplace_back(index(s), v); });
  });
}

parallel::Matrix shell_fermion(MPI_Comm comm, const BitBasis& sector, const FermionOperator& op) {
  auto ctx = std::make_unique<ShellContext>(sector, op);
  const PetscInt n = sector.size();
  parallel::Vector layout = parallel::make_vector(comm, n);
  QTHERM_PETSC(VecGetOwnershipRange(layout, &ctx->first, &ctx->last));
  QTHERM_PETSC(VecScatterCreateToAll(layout, ctx->to_all.out(), ctx->all.out()));
  parallel::Matrix A;
  QTHERM_PETSC(MatCreateShell(comm, ctx->last - ctx->first, ctx->last - ctx->first, n, n, ctx.get(), A.out()));
  ctx.release();  // owned by the matrix from here on (shell_destroy)
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_MULT, reinterpret_cast<void (*)(void)>(shell_mult)));
  QTHERM_PETSC(MatShellSetOperation(A, MATOP_DESTROY, reinterpret_cast<void (*)(void)>(shell_destroy)));
  return A;
}

Eigen::MatrixXcd dense_fermion(const BitBasis& basis, const FermionOperator& op) {
  const Kernel k(basis, op);
  Eigen::MatrixXcd D = Eigen::MatrixXcd::Zero(basis.size(), basis.size());
  for (std::int64_t r = 0; r < basis.size(); ++r)
    k.row(basis.state(r), [&](BitString s, std::complex<double> v) { D(r, basis.index(s)) += v; });
  return D;
}

}  // namespace qtherm::operators
