#pragma once
// The stationary state: the kernel of L with unit trace, by one linear solve.
#include "qtherm/operators/superoperator.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

struct SteadyStateInfo {
  int iterations = 0;
  double residual_norm = 0;  // ‖L ρ_ss‖₂ after the solve
  std::string solver;
};

// Collective on comm. Replaces the equation for ρ[0,0] by tr ρ = 1 and solves with KSP
// (default: direct LU by MUMPS with null-pivot detection), then KSPSetFromOptions (options
// prefixed steady_: -steady_ksp_type, -steady_pc_type). Throws when the kernel is degenerate.
parallel::Vector steady_state(MPI_Comm comm, const operators::SuperOperator& L, SteadyStateInfo* info = nullptr);

}  // namespace qtherm::dynamics
