#pragma once
// Linear maps on density matrices as sums of terms c·AρB. With column stacking,
// vec(AρB) = (Bᵀ ⊗ A) vec(ρ), so row r = i + d·j of the Liouville matrix has the entries
// c·A[i,k]·B[l,j] at columns k + d·l: rows come from rows of A and of Bᵀ, never from dim⁴ work.
#include <Eigen/Dense>
#include <vector>

#include "qtherm/operators/operator_sum.hpp"
#include "qtherm/space/tensor_space.hpp"

namespace qtherm::operators {

class SuperOperator {
 public:
  explicit SuperOperator(space::TensorSpace space) : space_(std::move(space)) {}
  const space::TensorSpace& space() const { return space_; }
  space::LiouvilleSpace liouville() const { return space::LiouvilleSpace(space_); }
  bool empty() const { return terms_.empty(); }

  // this += c · A ρ B
  SuperOperator& add(PetscScalar c, const OperatorSum& A, const OperatorSum& B);
  SuperOperator& add(const SuperOperator& other, PetscScalar c = 1.0);

  // Appends the nonzeros of Liouville row r (duplicates not merged).
  void append_row(PetscInt r, Row& out) const;
  // The dual map on an observable: tr(O · L(ρ)) = tr(L*(O) · ρ) with L*(O) = Σ c·B O A.
  OperatorSum dual(const OperatorSum& O) const;
  // Applies the map to a dense matrix (small spaces and tests).
  Dense apply(const Dense& rho) const;

  struct Term {
    PetscScalar c;
    OperatorSum A, Bt;  // Bt = Bᵀ, so that rows of Bᵀ give columns of B
    OperatorSum B;
  };
  const std::vector<Term>& terms() const { return terms_; }

 private:
  space::TensorSpace space_;
  std::vector<Term> terms_;
};

// −i[H, ρ]
SuperOperator hamiltonian_part(const OperatorSum& H);
// rate · (c ρ c† − ½{c†c, ρ})
SuperOperator dissipator(const OperatorSum& c, double rate);
// Σ_jk γ_jk (S_j ρ S_k† − ½{S_k† S_j, ρ}); γ must be Hermitian (positive for a GKSL generator).
SuperOperator gksl(const std::vector<OperatorSum>& S, const Eigen::MatrixXcd& gamma);
// Cascaded one-way coupling of party operators x1 (upstream) and x2 (downstream), rate κ:
// κ( x1[ρ, x2†] + [x2, ρ] x1† )   (Gardiner's cascaded term).
SuperOperator cascade(const OperatorSum& x1, const OperatorSum& x2, double kappa);

}  // namespace qtherm::operators
