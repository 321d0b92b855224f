#include "qtherm/operators/fermion_operator.hpp"

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "qtherm/space/fermion_sector.hpp"

namespace qtherm::operators {

using space::BitBasis;
using space::BitString;

namespace {

// The row kernel of operators/sector_operator.hpp, precomputed once: per mode i the moves i -> j
// with T_ij ≠ 0 (i ≠ j), each with its bit masks (target, flip, the modes strictly between for the
// JW sign), and the symmetric density matrix. A row costs O(particles × neighbours) cheap bit
// operations. Owns copies of the basis and coefficients (a shell outlives its caller's).
class Kernel {
 public:
  Kernel(const BitBasis& b, const NumberConservingOperator& o) : basis_(b), op_(o), moves_(o.modes()) {
    const int n = o.modes();
    V_ = Eigen::MatrixXd::Zero(n, n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        if (i != j && o.hopping(i, j) != 0.0) {
          const int pi = n - 1 - i, pj = n - 1 - j, lo = pi < pj ? pi : pj, hi = pi < pj ? pj : pi;
          const BitString between = ((BitString(1) << hi) - 1) & ~((BitString(2) << lo) - 1);
          moves_[i].push_back({b.site_mask(j), b.site_mask(i) | b.site_mask(j), between, o.hopping(i, j)});
        }
        if (i < j) V_(i, j) = V_(j, i) = o.density(i, j);
      }
    if (b.is_sector()) sector_index_.emplace(b);
  }
  PetscInt size() const { return basis_.size(); }
  template <class F>
  void row(PetscInt r, F&& f) const {
    state_row(basis_.state(r), f);
  }
  template <class F>
  void rows(PetscInt first, PetscInt last, F&& f) const {
    BitString state = last > first ? basis_.state(first) : 0;
    for (PetscInt r = first; r < last; ++r) {
      state_row(state, [&](PetscInt col, PetscScalar v) { f(r, col, v); });
      if (state != 0 && r + 1 < last) {  // next larger integer with as many set bits (Gosper)
        const BitString low = state & (~state + 1), ripple = state + low;
        state = ripple | (((ripple ^ state) / low) >> 2);
      }
    }
  }

 private:
  struct Move {
    BitString target, flip, between;
    std::complex<double> t;
  };
  BitBasis basis_;
  NumberConservingOperator op_;
  std::vector<std::vector<Move>> moves_;  // by the mode i the particle leaves
  Eigen::MatrixXd V_;                     // V_ij for i < j, mirrored
  std::optional<space::SectorIndex> sector_index_;

  PetscInt rank(BitString s) const { return sector_index_ ? (*sector_index_)(s) : basis_.index(s); }
  // Calls f(column, value) for every nonzero of the row of state s (the diagonal first).
  // <s|c_i† c_j|s'> ≠ 0 for s' = s with the particle moved from i to j (i occupied, j empty in s),
  // with the sign of c_j† c_i acting on s: (−1)^(occupied modes strictly between i and j).
  template <class F>
  void state_row(BitString s, F&& f) const {
    const int n = op_.modes();
    int occ[64], count = 0;
    for (BitString x = s; x; x &= x - 1) occ[count++] = n - 1 - __builtin_ctzll(x);
    std::complex<double> diag = 0;
    for (int a = 0; a < count; ++a) {
      diag += op_.hopping(occ[a], occ[a]);
      for (int b = 0; b < a; ++b) diag += V_(occ[a], occ[b]);
    }
    f(rank(s), diag);
    for (int a = 0; a < count; ++a)
      for (const Move& m : moves_[occ[a]]) {
        if (s & m.target) continue;
        const bool odd = __builtin_popcountll(s & m.between) & 1;
        f(rank(s ^ m.flip), odd ? -m.t : m.t);
      }
  }
};

}  // namespace

std::shared_ptr<ShellGather> shell_gather(MPI_Comm comm, PetscInt size) {
  auto g = std::make_shared<ShellGather>();
  g->layout = parallel::make_vector(comm, size);
  QTHERM_PETSC(VecScatterCreateToAll(g->layout, g->to_all.out(), g->all.out()));
  return g;
}

void fermion_row(const BitBasis& sector, const NumberConservingOperator& op, PetscInt row, Row& out) {
  Kernel(sector, op).row(row, [&](PetscInt col, PetscScalar v) { out.emplace_back(col, v); });
}

parallel::Matrix assemble_fermion(MPI_Comm comm, const BitBasis& sector, const NumberConservingOperator& op) {
  return assemble_kernel(comm, Kernel(sector, op));
}

std::shared_ptr<ShellGather> shell_gather(MPI_Comm comm, const BitBasis& sector) {
  return shell_gather(comm, PetscInt(sector.size()));
}

parallel::Matrix shell_fermion(MPI_Comm comm, const BitBasis& sector, const NumberConservingOperator& op) {
  return shell_fermion(comm, sector, op, shell_gather(comm, sector));
}

parallel::Matrix shell_fermion(MPI_Comm comm, const BitBasis& sector, const NumberConservingOperator& op,
                               const std::shared_ptr<ShellGather>& gather) {
  return shell_kernel(comm, std::make_unique<Kernel>(sector, op), gather);
}

Eigen::MatrixXcd dense_fermion(const BitBasis& basis, const NumberConservingOperator& op) {
  return dense_kernel(Kernel(basis, op));
}

SparseSectorMatrix sparse_fermion(const BitBasis& basis, const NumberConservingOperator& op) {
  return sparse_kernel(Kernel(basis, op));
}

}  // namespace qtherm::operators
