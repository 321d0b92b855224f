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
// (default: direct LU, MUMPS on more than one rank), then KSPSetFromOptions (-ksp_*, -pc_*).
parallel::Vector steady_state(MPI_Comm comm, const operators::SuperOperator& L, SteadyStateInfo* info = nullptr);

}  // namespace qtherm::dynamics
