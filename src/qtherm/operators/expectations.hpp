#pragma once
// tr(O_k ρ) for several operators at once on a Liouville-layout vector (whole columns per rank):
// tr(Oρ) = Σ_i Σ_k O[i, k] ρ[k, i] reads row i of O against column i of ρ, which is owned, so one
// evaluation costs nnz(O) and one reduction for all operators — not a d² functional vector each.
#include <petscvec.h>

#include <vector>

#include "qtherm/operators/sparse.hpp"

namespace qtherm::operators {

class Expectations {
 public:
  Expectations() = default;
  explicit Expectations(std::vector<Sparse> ops) : ops_(std::move(ops)) {}
  size_t size() const { return ops_.size(); }
  const Sparse& op(size_t k) const { return ops_[k]; }
  // Collective on rho's communicator: out[k] = tr(O_k ρ) (complex; Re for Hermitian O_k and ρ).
  void evaluate(Vec rho, std::vector<PetscScalar>& out) const;
  std::vector<PetscScalar> evaluate(Vec rho) const;

 private:
  std::vector<Sparse> ops_;
};

}  // namespace qtherm::operators
