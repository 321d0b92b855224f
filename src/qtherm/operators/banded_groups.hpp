#pragma once
// Internal to the operators layer: a BandedSuperOperator as groups of terms with equal index shifts,
// shared by the full-space shell (banded_shell.cpp) and the sector shell (banded_sector_shell.cpp).
#include <petscmat.h>

#include <vector>

#include "qtherm/operators/banded_liouvillian.hpp"
#include "qtherm/operators/ghosts.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::operators::detail {

// One shift pair (δA, δB) with its merged parts Σ_k aval_k[i] · bval_k[j].
struct Group {
  PetscInt dA = 0;  // source row = i + dA
  PetscInt dB = 0;  // source column = j + dB
  std::vector<std::vector<PetscScalar>> aval, bval;
  // The same coefficients when all are real (dissipators, cascade; the Hamiltonian part is
  // imaginary): real·complex costs half the flops of complex·complex.
  bool real = false;
  std::vector<std::vector<double>> ra, rb;
};

// Π_p M_p[i_p, i_p + s_p] over the parties, 0 where a shifted digit leaves its range.
std::vector<PetscScalar> left_values(const Monomial& M);
// Π_p M_p[j_p − s_p, j_p], 0 where the source digit leaves its range.
std::vector<PetscScalar> right_values(const Monomial& M);
// Σ_p offset_p · stride_p: the shift of the linear index.
PetscInt linear_shift(const Monomial& M);
std::vector<Group> build_groups(const BandedSuperOperator& L);

}  // namespace qtherm::operators::detail
