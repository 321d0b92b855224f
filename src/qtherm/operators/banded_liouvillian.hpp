#pragma once
// Matrix-free Liouvillians of tensor-product systems whose local operators each have a single
// nonzero diagonal ("monomials": a, a†, n, any function of n, products of these, the identity).
// Then every term c·AρB moves ρ[k, l] to ρ[i, j] with fixed index shifts:
//   (AρB)[i, j] = A[i, i+δA] · ρ[i+δA, j−δB] · B[j−δB, j],
// so one application streams ρ once, column by column (column stacking, vec(ρ)[i + d·j] = ρ_ij),
// with no n⁴ matrix. With real coefficients (the rotating frame) every left factor is split as
// outer(other digits) · inner(last party's digit) and each output row block (one value of the other
// digits) is written once, from registers, summing all terms (banded_shell.cpp); complex coefficients
// take one pass per shift pair over a column that stays in cache. The vector is distributed by whole columns of ρ: left
// multiplications are rank-local, right multiplications read the few neighbouring columns
// (|shift| ≤ max column shift), which are scattered into a ghost buffer (no ghosts on one rank:
// the memory is the input and output vectors plus O(ghost columns)).
#include <petscmat.h>

#include <vector>

#include "qtherm/operators/local_operator.hpp"
#include "qtherm/parallel/handle.hpp"
#include "qtherm/space/charge_sector.hpp"
#include "qtherm/space/tensor_space.hpp"

namespace qtherm::operators {

// M[m, m + offset] = values[m] (values.size() = local dimension; entries whose column leaves
// the range must be 0).
struct LocalMonomial {
  PetscInt offset = 0;
  std::vector<PetscScalar> values;
};

// A tensor product of local monomials, one per party (identity where not given).
class Monomial {
 public:
  explicit Monomial(space::TensorSpace space);
  // Named local operator (local_operator names) on `party`; throws std::invalid_argument if it has
  // more than one nonzero diagonal.
  static Monomial local(const space::TensorSpace& space, const std::string& name, int party);
  Monomial operator*(const Monomial& other) const;  // operator product (truncated matrices)
  Monomial transpose() const;
  Monomial adjoint() const;
  const space::TensorSpace& space() const { return space_; }
  const LocalMonomial& factor(int party) const { return factors_.at(party); }
  Dense dense() const;  // the d×d matrix (tests)

 private:
  space::TensorSpace space_;
  std::vector<LocalMonomial> factors_;
};

// Σ_t c_t · A_t ρ B_t with monomial A_t, B_t.
class BandedSuperOperator {
 public:
  explicit BandedSuperOperator(space::TensorSpace space) : space_(std::move(space)) {}
  const space::TensorSpace& space() const { return space_; }
  BandedSuperOperator& add(PetscScalar c, const Monomial& A, const Monomial& B);
  // −i[H, ρ] for H = Σ h_k (diagonal monomials h_k); rate·D[c]; κ(x1[ρ, x2†] + [x2, ρ]x1†).
  BandedSuperOperator& add_hamiltonian(const Monomial& H, double scale = 1.0);
  BandedSuperOperator& add_dissipator(const Monomial& c, double rate);
  BandedSuperOperator& add_cascade(const Monomial& x1, const Monomial& x2, double kappa);
  Dense apply(const Dense& rho) const;  // dense reference (tests)

  struct Term {
    PetscScalar c;
    Monomial A, B;
  };
  const std::vector<Term>& terms() const { return terms_; }

 private:
  space::TensorSpace space_;
  std::vector<Term> terms_;
};

// Collective on comm: a MATSHELL applying L (MatMult, MatGetDiagonal), usable as the operator of TS
// (TSComputeRHSFunctionLinear) and KSP (Krylov methods; PCJACOBI or PCNONE). Its vectors
// (MatCreateVecs) use the column layout. L is copied into the shell.
parallel::Matrix make_shell_liouvillian(MPI_Comm comm, const BandedSuperOperator& L);

// Collective on comm: the same operator restricted to the entries of `layout` (ket-minus-bra
// excitation number k), as a MATSHELL (MatMult, MatGetDiagonal) on vectors of layout.size()
// entries, whole columns per rank (split to balance entries). Throws std::invalid_argument if a
// term does not conserve the excitation difference (then the full-space shell is needed).
parallel::Matrix make_sector_shell_liouvillian(MPI_Comm comm, const BandedSuperOperator& L,
                                               const space::ChargeSectorLayout& layout);

}  // namespace qtherm::operators
