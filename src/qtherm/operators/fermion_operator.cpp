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

// What a row needs, precomputed once: per mode i the moves i -> j with T_ij ≠ 0 (i ≠ j), each
// with its bit masks (target, flip, the modes strictly between for the JW sign), and the
// symmetric density matrix. A row costs O(particles × neighbours) cheap bit operations.
struct Kernel {
  struct Move {
    BitString target, flip, between;
    std::complex<double> t;
  };
  const BitBasis& basis;
  const FermionOperator& op;
  std::vector<std::vector<Move>> moves;  // by the mode i the particle leaves
  Eigen::MatrixXd V;                     // V_ij for i < j, mirrored

  Kernel(const BitBasis& b, const FermionOperator& o) : basis(b), op(o), moves(o.modes()) {
    const int n = o.modes();
    V = Eigen::MatrixXd::Zero(n, n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        if (i != j && o.hopping(i, j) != 0.0) {
          const int pi = n - 1 - i, pj = n - 1 - j, lo = pi < pj ? pi : pj, hi = pi < pj ? pj : pi;
          const BitString between = ((BitString(1) << hi) - 1) & ~((BitString(2) << lo) - 1);
          moves[i].push_back({b.site_mask(j), b.site_mask(i) | b.site_mask(j), between, o.hopping(i, j)});
        }
        if (i < j) V(i, j) = V(j, i) = o.density(i, j);
      }
  }
  // Calls f(column state, value) for every nonzero of the row of state s (the diagonal first).
  // <s|c_i† c_j|s'> ≠ 0 for s' = s with the particle moved from i to j (i occupied, j empty in s),
  // with the sign of c_j† c_i acting on s: (−1)^(occupied modes strictly between i and j).
  template <class F>
  void row(BitString s, F&& f) const {
    const int n = op.modes();
    int occ[64], count = 0;
    for (BitString x = s; x; x &= x - 1) occ[count++] = n - 1 - __builtin_ctzll(x);
    std::complex<double> diag = 0;
    for (int a = 0; a < count; ++a) {
      diag += op.hopping(occ[a], occ[a]);
      for (int b = 0; b < a; ++b) diag += V(occ[a], occ[b]);
    }
    f(s, diag);
    for (int a = 0; a < count; ++a)
      for (const Move& m : moves[occ[a]]) {
        if (s & m.target) continue;
        const bool odd = __builtin_popcountll(s & m.between) & 1;
        f(s ^ m.flip, odd ? -m.t : m.t);
      }
  }
};

struct ShellContext {
  BitBasis basis;
  FermionOperator op;
  std::unique_ptr<Kernel> kernel;
  space::SectorIndex index;
  PetscInt first = 0, last = 0;
  std::shared_ptr<ShellGather> gather;  // may be shared by several shells of one sector
  ShellContext(const BitBasis& b, const FermionOperator& o) : basis(b), op(o), index(b) {
    kernel = std::make_unique<Kernel>(basis, op);
  }
};

PetscErrorCode shell_mult(Mat A, Vec x, Vec y) {
  PetscFunctionBeginUser;
  ShellContext* c = nullptr;
  PetscCall(MatShellGetContext(A, &c));
  PetscCall(VecScatterBegin(c->gather->to_all, x, c->gather->all, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(c->gather->to_all, x, c->gather->all, INSERT_VALUES, SCATTER_FORWARD));
  const PetscScalar* xa = nullptr;
  PetscScalar* ya = nullptr;
  PetscCall(VecGetArrayRead(c->gather->all, &xa));
  PetscCall(VecGetArray(y, &ya));
  BitString state = c->last > c->first ? c->basis.state(c->first) : 0;
  for (PetscInt r = c->first; r < c->last; ++r) {
    PetscScalar acc = 0;
    c->kernel->row(state, [&](BitString s, PetscScalar v) { acc += v * xa[c->index(s)]; });
    ya[r - c->first] = acc;
    if (state != 0 && r + 1 < c->last) {  // next larger integer with as many set bits (Gosper)
      const BitString low = state & (~state + 1), ripple = state + low;
      state = ripple | (((ripple ^ state) / low) >> 2);
    }
  }
  PetscCall(VecRestoreArray(y, &ya));
  PetscCall(VecRestoreArrayRead(c->gather->all, &xa));
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

std::shared_ptr<ShellGather> shell_gather(MPI_Comm comm, const BitBasis& sector) {
  auto g = std::make_shared<ShellGather>();
  g->layout = parallel::make_vector(comm, sector.size());
  QTHERM_PETSC(VecScatterCreateToAll(g->layout, g->to_all.out(), g->all.out()));
  return g;
}

parallel::Matrix shell_fermion(MPI_Comm comm, const BitBasis& sector, const FermionOperator& op) {
  return shell_fermion(comm, sector, op, shell_gather(comm, sector));
}

parallel::Matrix shell_fermion(MPI_Comm comm, const BitBasis& sector, const FermionOperator& op,
                               const std::shared_ptr<ShellGather>& gather) {
  auto ctx = std::make_unique<ShellContext>(sector, op);
  ctx->gather = gather;
  const PetscInt n = sector.size();
  QTHERM_PETSC(VecGetOwnershipRange(gather->layout, &ctx->first, &ctx->last));
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
