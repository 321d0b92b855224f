#pragma once
// Full counting statistics of jumps: a counting field χ on chosen jump terms J_k (J_k ρ = γ c ρ c†),
// each jump counted with a weight ε_k (e.g. the energy it carries into its bath), gives the tilted
// generator L_χ = L + Σ_k (e^{χ ε_k} − 1) J_k. Its eigenvalue of largest real part is the scaled
// cumulant generating function θ(χ) = lim_{t→∞} (1/t) ln ⟨e^{χ N_t}⟩ of N_t = Σ_k ε_k (jumps of k up to t).
#include <functional>
#include <vector>

#include "qtherm/dynamics/eigenbasis_preconditioner.hpp"
#include "qtherm/operators/superoperator.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::dynamics {

struct CountedJump {
  operators::SuperOperator jump;  // γ c ρ c†
  double weight = 1;              // ε: what one jump adds to the counted quantity
};

// Builds a Mat for a superoperator (assembled or matrix-free, on the column layout).
using MakeOperator = std::function<parallel::Matrix(const operators::SuperOperator&)>;

struct Cumulants {
  double mean = 0, variance = 0, third = 0;  // dθ/dχ, d²θ/dχ², d³θ/dχ³ at χ = 0 (per unit time)
};

// Collective. The first three cumulants of the counted current in the steady state rho_ss (unit trace,
// unique kernel) by the recursion of the derivatives of L_χ ρ_χ = θ(χ) ρ_χ at χ = 0: each order is one
// solve L x = b, tr x = 0 (GMRES on the bordered operator ρ ↦ Lρ + tr(ρ) 1/d, options -fcs_ksp_*, -fcs_pc_*;
// preconditioned by `eigenbasis` when given, else Jacobi).
Cumulants counting_cumulants(const MakeOperator& make, Mat L, const std::vector<CountedJump>& counted, Vec rho_ss,
                             PetscInt d, const EigenbasisPreconditioner* eigenbasis = nullptr);

// Collective. θ(χ) on a grid containing 0, continued from χ = 0 outward (each eigenvector seeds the next
// solve); Krylov–Schur for the largest real part of L_χ (options -fcs_eps_*, -fcs_st_*).
std::vector<double> scaled_cgf(const MakeOperator& make, const operators::SuperOperator& L,
                               const std::vector<CountedJump>& counted, const std::vector<double>& chi);

// Evolves rho in place under the generator A and calls at(rho) at every output time, in order.
using EvolveUnder = std::function<void(Mat A, Vec rho, const std::function<void(Vec)>& at)>;

// Collective. The generating function Z(s, t) = <e^{s N_t}> = tr[e^{L_s t} ρ0] of N_t counted from the
// start, at every output time of `evolve`, for each counting field s (real s: Z > 0 and ln Z is the
// cumulant generating function; s = iλ: the characteristic function, whose Fourier transform in λ is
// the distribution of N_t). L_s = L + Σ_k (e^{s ε_k} − 1) J_k is evolved from a copy of ρ0.
// Returns Z per field, per output time.
std::vector<std::vector<PetscScalar>> generating_function(const MakeOperator& make, const operators::SuperOperator& L,
                                                          const std::vector<CountedJump>& counted,
                                                          const std::vector<PetscScalar>& s, Vec rho0, PetscInt d,
                                                          const EvolveUnder& evolve);

}  // namespace qtherm::dynamics
