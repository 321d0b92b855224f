#pragma once
// A SuperOperator Σ_t c_t A_t ρ B_t regrouped for application to ρ as a matrix:
//   L(ρ) = K ρ + ρ R + Σ_g A_g ρ B_g
// (K: the terms with B = 1; R: those with A = 1; one sandwich group per distinct left factor, its
// right factors summed: a jump c ρ c† and a cascade's x ρ x† share theirs). The same grouping gives
// the dual map on observables, tr(O L(ρ)) = tr(L*(O) ρ) with L*(O) = O K + R O + Σ_g B_g O A_g.
#include <vector>

#include "qtherm/operators/sparse.hpp"
#include "qtherm/operators/superoperator.hpp"

namespace qtherm::operators {

struct LiouvillianParts {
  struct Sandwich {
    Sparse A, Bt;  // Bt = B_gᵀ: row j lists the columns l feeding output column j
  };
  Sparse K, Rt;  // Rt = Rᵀ, likewise by output column
  std::vector<Sandwich> sandwiches;

  explicit LiouvillianParts(const SuperOperator& L);
  PetscInt dim() const { return K.rows(); }
  Sparse dual(const Sparse& O) const;
};

}  // namespace qtherm::operators
