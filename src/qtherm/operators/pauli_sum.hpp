#pragma once
// Sums of Pauli strings on a many-body spin-1/2 BitBasis (full space or a fixed-magnetization
// sector). Every string maps a bit string to one bit string times a phase, so a row of the matrix is
// found from the row's state alone: any rank builds exactly its owned rows (assembled MPIAIJ) or
// applies the operator without storing it (shell). Conventions as space/bit_basis.hpp and
// operators/local_operator: a set bit is up = |1> = excited, σz|1> = +|1>, σ+ = |1><0|, σy|1> = i|0>.
#include <petscmat.h>

#include <complex>
#include <string>
#include <utility>
#include <vector>

#include "qtherm/parallel/handle.hpp"
#include "qtherm/space/bit_basis.hpp"

namespace qtherm::operators {

class PauliSum {
 public:
  using cplx = std::complex<double>;
  explicit PauliSum(int sites) : sites_(sites) {}
  int sites() const { return sites_; }
  // Adds coef · Π op_k(site_k); ops are 'x', 'y', 'z', '+', '-' (at most one per site; none: coef · 1).
  // Throws std::invalid_argument for an unknown op, a site out of range or a repeated site.
  void add(cplx coef, const std::vector<std::pair<int, char>>& ops);
  void add(const PauliSum& other);  // appends other's terms (same number of sites)
  std::size_t size() const { return terms_.size(); }

  // ⟨out| H |in⟩-type action of term k: in → (out, amplitude); amplitude 0 if annihilated.
  struct Term {
    cplx coef;
    space::BitString flip = 0, z = 0, y = 0, plus = 0, minus = 0;  // masks in bit-string form
  };
  const std::vector<Term>& terms() const { return terms_; }
  static cplx amplitude(const Term& t, space::BitString in);

  // Row `row` of the matrix on `basis` (states outside a sector are dropped: the restriction
  // P H P, which is H itself on the sector when H conserves the magnetization). Not merged.
  void append_row(const space::BitBasis& basis, PetscInt row, std::vector<std::pair<PetscInt, PetscScalar>>& out) const;
  // Dense matrix on `basis` (small spaces and tests).
  std::vector<cplx> dense(const space::BitBasis& basis) const;  // row-major size²

 private:
  int sites_;
  std::vector<Term> terms_;
};

// Collective on comm: the MPIAIJ matrix on `basis`, rows split by PETSC_DECIDE, owned rows only,
// exact preallocation (operators/assemble.hpp).
parallel::Matrix assemble(MPI_Comm comm, const PauliSum& H, const space::BitBasis& basis);
// Collective on comm: the same operator as a matrix-free MATSHELL (same row split). Each rank keeps
// only the terms and a ghost buffer of the columns its rows reach; MatMult gathers them with one
// scatter and applies the strings on the fly. Supports MatMult, MatMultTranspose is not provided.
parallel::Matrix assemble_shell(MPI_Comm comm, const PauliSum& H, const space::BitBasis& basis);

}  // namespace qtherm::operators
