#include "qtherm/operators/subsystem_map.hpp"

#include <stdexcept>
#include <string>

namespace qtherm::operators {

SubsystemIndex::SubsystemIndex(const space::TensorSpace& space, std::vector<int> parties)
    : space_(space), parties_(std::move(parties)) {
  for (size_t k = 0; k < parties_.size(); ++k) {
    if (parties_[k] < 0 || parties_[k] >= space.parties() || (k > 0 && parties_[k] <= parties_[k - 1]))
      throw std::invalid_argument("subsystem parties must be distinct, ascending and exist");
  }
  sub_strides_.assign(parties_.size(), 1);
  for (int k = static_cast<int>(parties_.size()) - 1; k >= 0; --k) {
    sub_strides_[k] = dim_;
    dim_ *= space.local_dim(parties_[k]);
  }
}

PetscInt SubsystemIndex::of(PetscInt i) const {
  PetscInt s = 0;
  for (size_t k = 0; k < parties_.size(); ++k) s += space_.digit(i, parties_[k]) * sub_strides_[k];
  return s;
}

PetscInt SubsystemIndex::with(PetscInt i, PetscInt sub) const {
  for (size_t k = 0; k < parties_.size(); ++k) {
    const PetscInt d = space_.local_dim(parties_[k]);
    i = space_.with_digit(i, parties_[k], (sub / sub_strides_[k]) % d);
  }
  return i;
}

namespace {

// Entries below this fraction of the largest one are rounding-level (e.g. the far tails of exp(−iτH) for
// small τ, which fall off like τ^k/k!, or the ~1e-16 noise an eigendecomposition leaves where the
// exact unitary is zero) and are not stored. At 1e-16 that noise was kept by chance: the oscillator
// mediator's stage factors at 100 levels filled to 752 MB instead of 113 MB; results moved by <= 3e-13.
constexpr double kDropRelative = 1e-14;

double drop_threshold(const Dense& M) { return kDropRelative * M.cwiseAbs().maxCoeff(); }

void require_shape(const Dense& M, PetscInt dim, const char* what) {
  if (M.rows() != dim || M.cols() != dim)
    throw std::invalid_argument(std::string(what) + ": matrix is " + std::to_string(M.rows()) + "x" +
                                std::to_string(M.cols()) + ", the parties need " + std::to_string(dim));
}

}  // namespace

parallel::Matrix assemble_left(MPI_Comm comm, const space::TensorSpace& space, const std::vector<int>& parties,
                               const Dense& M) {
  const SubsystemIndex sub(space, parties);
  require_shape(M, sub.dim(), "assemble_left");
  const space::LiouvilleSpace L(space);
  const double drop = drop_threshold(M);
  // Row (i, j) of (M ⊗ 1)ρ: Σ_s' M[s(i), s'] ρ[i with s', j].
  return assemble(
      comm, L.dim(),
      [&](PetscInt r, Row& out) {
        const PetscInt i = L.row_of(r), j = L.col_of(r), s = sub.of(i);
        for (PetscInt t = 0; t < sub.dim(); ++t)
          if (std::abs(M(s, t)) > drop) out.emplace_back(L.index(sub.with(i, t), j), M(s, t));
      },
      L.local_size(comm));
}

parallel::Matrix assemble_right(MPI_Comm comm, const space::TensorSpace& space, const std::vector<int>& parties,
                                const Dense& M) {
  const SubsystemIndex sub(space, parties);
  require_shape(M, sub.dim(), "assemble_right");
  const space::LiouvilleSpace L(space);
  const double drop = drop_threshold(M);
  // Row (i, j) of ρ(M ⊗ 1): Σ_t ρ[i, j with t] M[t, s(j)].
  return assemble(
      comm, L.dim(),
      [&](PetscInt r, Row& out) {
        const PetscInt i = L.row_of(r), j = L.col_of(r), s = sub.of(j);
        for (PetscInt t = 0; t < sub.dim(); ++t)
          if (std::abs(M(t, s)) > drop) out.emplace_back(L.index(i, sub.with(j, t)), M(t, s));
      },
      L.local_size(comm));
}

parallel::Matrix assemble_reset(MPI_Comm comm, const space::TensorSpace& space, int party, const Dense& eta) {
  const PetscInt d = space.local_dim(party);
  require_shape(eta, d, "assemble_reset");
  const space::LiouvilleSpace L(space);
  // Row (i, j) of tr_p(ρ) ⊗ η: η[a(i), b(j)] Σ_c ρ[i with c, j with c].
  return assemble(
      comm, L.dim(),
      [&](PetscInt r, Row& out) {
        const PetscInt i = L.row_of(r), j = L.col_of(r);
        const PetscScalar e = eta(space.digit(i, party), space.digit(j, party));
        if (e == PetscScalar(0)) return;
        for (PetscInt c = 0; c < d; ++c)
          out.emplace_back(L.index(space.with_digit(i, party, c), space.with_digit(j, party, c)), e);
      },
      L.local_size(comm));
}

}  // namespace qtherm::operators
