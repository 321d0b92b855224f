#pragma once
// Operators on a TensorSpace as sums of products of local matrices: Σ_t c_t ⊗_k A_{t,k},
// identity on parties a term does not name. Rows are enumerated without forming the full matrix,
// so assembly and functionals scale with the number of nonzeros, not with dim².
#include <map>
#include <utility>
#include <vector>

#include "qtherm/operators/local_operator.hpp"
#include "qtherm/space/tensor_space.hpp"

namespace qtherm::operators {

// A sparse row of a local matrix, computed once per factor.
struct SparseLocal {
  Dense dense;
  std::vector<std::vector<std::pair<PetscInt, PetscScalar>>> rows;
  explicit SparseLocal(Dense m);
};

struct ProductTerm {
  PetscScalar coef = 1.0;
  std::map<int, Dense> factors;  // party -> local matrix (identity elsewhere)
};

using Row = std::vector<std::pair<PetscInt, PetscScalar>>;

class OperatorSum {
 public:
  explicit OperatorSum(space::TensorSpace space) : space_(std::move(space)) {}
  const space::TensorSpace& space() const { return space_; }
  const std::vector<ProductTerm>& terms() const { return terms_; }
  bool empty() const { return terms_.empty(); }

  OperatorSum& add(ProductTerm term);
  // coef · (named operator on party); e.g. add("sz", 0, 0.5).
  OperatorSum& add(const std::string& name, int party, PetscScalar coef = 1.0);
  OperatorSum& add(const OperatorSum& other, PetscScalar coef = 1.0);

  OperatorSum adjoint() const;
  OperatorSum transpose() const;
  OperatorSum operator*(const OperatorSum& rhs) const;  // product, term by term
  OperatorSum scaled(PetscScalar c) const;
  static OperatorSum identity(const space::TensorSpace& space);
  // Whether this is written as the identity (one term, coefficient 1, no factor other than identities).
  bool is_identity() const;

  // Appends the nonzeros of row i as (column, value) pairs; duplicates are not merged.
  void append_row(PetscInt i, Row& out, PetscScalar factor = 1.0) const;
  Dense dense() const;  // for small spaces and tests

 private:
  struct CompiledTerm {
    PetscScalar coef;
    std::vector<std::pair<int, SparseLocal>> factors;
  };
  const std::vector<CompiledTerm>& compiled() const;
  space::TensorSpace space_;
  std::vector<ProductTerm> terms_;
  mutable std::vector<CompiledTerm> compiled_;  // cache of sparse rows, rebuilt on change
  mutable bool compiled_valid_ = false;
};

// A single named operator on one party.
OperatorSum local(const space::TensorSpace& space, const std::string& name, int party, PetscScalar coef = 1.0);

}  // namespace qtherm::operators
