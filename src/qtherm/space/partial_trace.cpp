#include "qtherm/space/partial_trace.hpp"

#include <algorithm>
#include <string>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/parallel/vec_array.hpp"

namespace qtherm::space {
namespace {

struct Reduction {
  std::vector<int> keep, traced;
  PetscInt reduced_dim = 1;
};

Reduction plan(const TensorSpace& h, std::vector<int> keep) {
  std::sort(keep.begin(), keep.end());
  keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
  Reduction r;
  for (int k : keep) {
    if (k < 0 || k >= h.parties()) throw Error("partial trace: no party " + std::to_string(k));
    r.reduced_dim *= h.local_dim(k);
  }
  for (int k = 0; k < h.parties(); ++k)
    if (!std::binary_search(keep.begin(), keep.end(), k)) r.traced.push_back(k);
  r.keep = std::move(keep);
  return r;
}

// Index in the reduced space (kept parties, same significance order), or -1 if the traced
// digits of i and j differ (the entry does not contribute).
bool reduce(const TensorSpace& h, const Reduction& r, PetscInt i, PetscInt j, PetscInt& ri, PetscInt& rj) {
  for (int k : r.traced)
    if (h.digit(i, k) != h.digit(j, k)) return false;
  ri = 0;
  rj = 0;
  for (int k : r.keep) {
    ri = ri * h.local_dim(k) + h.digit(i, k);
    rj = rj * h.local_dim(k) + h.digit(j, k);
  }
  return true;
}

}  // namespace

Eigen::MatrixXcd partial_trace(Vec rho, const LiouvilleSpace& space, std::vector<int> keep) {
  const TensorSpace& h = space.hilbert();
  const Reduction r = plan(h, std::move(keep));
  const PetscInt d = h.dim();
  // Only entries whose traced digits agree contribute: per column j, the reduced_dim rows that share
  // j's traced digits, so the cost is (owned columns) × reduced_dim, not the d² entries.
  std::vector<PetscInt> offset(r.reduced_dim, 0);
  for (PetscInt ri = 0; ri < r.reduced_dim; ++ri)
    for (PetscInt rest = ri, k = PetscInt(r.keep.size()) - 1; k >= 0; --k) {
      const int p = r.keep[k];
      offset[ri] += (rest % h.local_dim(p)) * h.stride(p);
      rest /= h.local_dim(p);
    }
  Eigen::MatrixXcd local = Eigen::MatrixXcd::Zero(r.reduced_dim, r.reduced_dim);
  PetscInt lo = 0, hi = 0;
  QTHERM_PETSC(VecGetOwnershipRange(rho, &lo, &hi));
  {
    const parallel::ReadArray x(rho);
    for (PetscInt j = lo / d; hi > lo && j <= (hi - 1) / d; ++j) {
      PetscInt base = j, rj = 0;
      for (int p : r.keep) {
        base -= h.digit(j, p) * h.stride(p);
        rj = rj * h.local_dim(p) + h.digit(j, p);
      }
      for (PetscInt ri = 0; ri < r.reduced_dim; ++ri) {
        const PetscInt g = base + offset[ri] + d * j;
        if (g >= lo && g < hi) local(ri, rj) += x[g - lo];
      }
    }
  }
  Eigen::MatrixXcd total(r.reduced_dim, r.reduced_dim);
  MPI_Comm comm = MPI_COMM_NULL;
  QTHERM_PETSC(PetscObjectGetComm(reinterpret_cast<PetscObject>(rho), &comm));
  QTHERM_MPI(MPI_Allreduce(local.data(), total.data(), static_cast<int>(local.size()), MPIU_SCALAR, MPIU_SUM, comm));
  return total;
}

Eigen::MatrixXcd gather_density_matrix(Vec rho, const LiouvilleSpace& space) {
  std::vector<int> all(space.hilbert().parties());
  for (int k = 0; k < space.hilbert().parties(); ++k) all[k] = k;
  return partial_trace(rho, space, all);
}

Eigen::MatrixXcd partial_trace(const Eigen::MatrixXcd& rho, const TensorSpace& h, std::vector<int> keep) {
  const Reduction r = plan(h, std::move(keep));
  Eigen::MatrixXcd out = Eigen::MatrixXcd::Zero(r.reduced_dim, r.reduced_dim);
  for (PetscInt j = 0; j < h.dim(); ++j)
    for (PetscInt i = 0; i < h.dim(); ++i) {
      PetscInt ri, rj;
      if (reduce(h, r, i, j, ri, rj)) out(ri, rj) += rho(i, j);
    }
  return out;
}

namespace {
std::vector<int> checked_parties(const TensorSpace& h, std::vector<int> parties, const char* what) {
  std::sort(parties.begin(), parties.end());
  parties.erase(std::unique(parties.begin(), parties.end()), parties.end());
  for (int k : parties)
    if (k < 0 || k >= h.parties()) throw Error(std::string(what) + ": no party " + std::to_string(k));
  return parties;
}
}  // namespace

Eigen::MatrixXcd partial_transpose(const Eigen::MatrixXcd& rho, const TensorSpace& h, std::vector<int> transposed) {
  if (rho.rows() != h.dim() || rho.cols() != h.dim())
    throw Error("partial transpose: matrix is " + std::to_string(rho.rows()) + "x" + std::to_string(rho.cols()) +
                ", the space has dimension " + std::to_string(h.dim()));
  const std::vector<int> t = checked_parties(h, std::move(transposed), "partial transpose");
  Eigen::MatrixXcd out(h.dim(), h.dim());
  for (PetscInt j = 0; j < h.dim(); ++j)
    for (PetscInt i = 0; i < h.dim(); ++i) {
      PetscInt si = i, sj = j;
      for (int k : t) {
        si = h.with_digit(si, k, h.digit(j, k));
        sj = h.with_digit(sj, k, h.digit(i, k));
      }
      out(i, j) = rho(si, sj);
    }
  return out;
}

Eigen::MatrixXcd partial_transpose(Vec rho, const LiouvilleSpace& space, std::vector<int> keep,
                                   std::vector<int> transposed) {
  const TensorSpace& h = space.hilbert();
  keep = checked_parties(h, std::move(keep), "partial transpose");
  transposed = checked_parties(h, std::move(transposed), "partial transpose");
  // Relabel the transposed parties by their position among the kept ones (the reduced space).
  std::vector<PetscInt> dims;
  for (int k : keep) dims.push_back(h.local_dim(k));
  std::vector<int> local;
  for (int k : transposed) {
    const auto it = std::lower_bound(keep.begin(), keep.end(), k);
    if (it == keep.end() || *it != k)
      throw Error("partial transpose: party " + std::to_string(k) + " is transposed but traced out");
    local.push_back(static_cast<int>(it - keep.begin()));
  }
  return partial_transpose(partial_trace(rho, space, keep), TensorSpace(dims), local);
}

Eigen::MatrixXcd partial_transpose(Vec rho, const LiouvilleSpace& space, std::vector<int> transposed) {
  std::vector<int> all(space.hilbert().parties());
  for (int k = 0; k < space.hilbert().parties(); ++k) all[k] = k;
  return partial_transpose(rho, space, all, std::move(transposed));
}

}  // namespace qtherm::space
