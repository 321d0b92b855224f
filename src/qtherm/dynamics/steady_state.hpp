#pragma once
// The stationary state: the kernel of L with unit trace, by one linear solve.
#include <string>

#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

struct SteadyStateInfo {
  int iterations = 0;
  double residual_norm = 0;  // ‖L ρ_ss‖₂ after the solve
  std::string solver;
};

// Collective on L's communicator. L is the assembled Liouvillian of a space of dimension
// hilbert_dim (L is (hilbert_dim²)²). Replaces the equation for ρ[0,0] by tr ρ = 1 and solves with KSP
// (default: direct LU by MUMPS with null-pivot detection), then KSPSetFromOptions (options
// prefixed steady_: -steady_ksp_type, -steady_pc_type). Throws when the kernel is degenerate.
parallel::Vector steady_state(Mat L, PetscInt hilbert_dim, SteadyStateInfo* info = nullptr);

}  // namespace qtherm::dynamics
