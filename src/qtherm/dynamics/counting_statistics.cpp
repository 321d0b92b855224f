#include "qtherm/dynamics/counting_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <complex>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/dynamics/liouvillian_spectrum.hpp"
#include "qtherm/dynamics/steady_state.hpp"

namespace qtherm::dynamics {
namespace {

// Σ_k ε_k^n J_k: the n-th χ-derivative of L_χ at χ = 0.
operators::SuperOperator derivative(const std::vector<CountedJump>& counted, int n) {
  operators::SuperOperator S(counted.front().jump.space());
  for (const auto& c : counted) S.add(c.jump, std::pow(c.weight, n));
  return S;
}

double trace_of(Mat A, Vec x, Vec work, PetscInt d) {
  QTHERM_PETSC(MatMult(A, x, work));
  return PetscRealPart(liouville_trace(work, d));
}

}  // namespace

Cumulants counting_cumulants(const MakeOperator& make, Mat L, const std::vector<CountedJump>& counted, Vec rho0,
                             PetscInt d, const EigenbasisPreconditioner* eigenbasis) {
  if (counted.empty()) throw Error("counting statistics: no counted jump channel");
  const parallel::Matrix L1 = make(derivative(counted, 1)), L2 = make(derivative(counted, 2)),
                         L3 = make(derivative(counted, 3));
  auto w = parallel::duplicate(rho0), rhs = parallel::duplicate(rho0), rho1 = parallel::duplicate(rho0),
       rho2 = parallel::duplicate(rho0);
  // L_χ ρ_χ = θ ρ_χ differentiated n times at 0, with tr ρ_n = 0 for n ≥ 1:
  //   θ_n = Σ_{k=1..n} C(n,k) tr(L_k ρ_{n−k}),   L ρ_n = Σ_{k=1..n} C(n,k) (θ_k − L_k) ρ_{n−k}.
  Cumulants c;
  c.mean = trace_of(L1, rho0, w, d);
  // ρ_1: L ρ_1 = (θ_1 − L_1) ρ_0
  QTHERM_PETSC(MatMult(L1, rho0, rhs));
  QTHERM_PETSC(VecAXPBY(rhs, c.mean, -1.0, rho0));
  solve_traceless(L, d, rhs, rho1, "fcs_", eigenbasis);
  c.variance = trace_of(L2, rho0, w, d) + 2 * trace_of(L1, rho1, w, d);
  // ρ_2: L ρ_2 = 2(θ_1 − L_1) ρ_1 + (θ_2 − L_2) ρ_0
  QTHERM_PETSC(MatMult(L1, rho1, rhs));
  QTHERM_PETSC(VecAXPBY(rhs, 2 * c.mean, -2.0, rho1));
  QTHERM_PETSC(MatMult(L2, rho0, w));
  QTHERM_PETSC(VecAXPY(rhs, -1.0, w));
  QTHERM_PETSC(VecAXPY(rhs, c.variance, rho0));
  solve_traceless(L, d, rhs, rho2, "fcs_", eigenbasis);
  c.third = trace_of(L3, rho0, w, d) + 3 * trace_of(L2, rho1, w, d) + 3 * trace_of(L1, rho2, w, d);
  return c;
}

std::vector<double> scaled_cgf(const MakeOperator& make, const operators::SuperOperator& L,
                               const std::vector<CountedJump>& counted, const std::vector<double>& chi) {
  std::vector<size_t> order(chi.size());
  for (size_t k = 0; k < chi.size(); ++k) order[k] = k;
  // From χ = 0 outward: ascending |χ|, the positive side first.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::abs(chi[a]) < std::abs(chi[b]) || (std::abs(chi[a]) == std::abs(chi[b]) && chi[a] > chi[b]);
  });
  std::vector<double> theta(chi.size(), std::nan(""));
  parallel::Vector seed_pos, seed_neg;
  for (size_t k : order) {
    operators::SuperOperator Lchi(L.space());
    Lchi.add(L);
    for (const auto& c : counted) Lchi.add(c.jump, std::expm1(chi[k] * c.weight));
    const parallel::Matrix A = make(Lchi);
    parallel::Vector& seed = chi[k] >= 0 ? seed_pos : seed_neg;
    auto e = rightmost_eigenvalues(A, 1, false, 0.0, "fcs_", seed ? seed.get() : (seed_pos ? seed_pos.get() : nullptr));
    theta[k] = PetscRealPart(e.values.front());
    seed = std::move(e.first);
    if (chi[k] == 0) {  // both sides start from the steady state's eigenvector
      seed_neg = parallel::duplicate(seed_pos);
      QTHERM_PETSC(VecCopy(seed_pos, seed_neg));
    }
  }
  return theta;
}

std::vector<std::vector<PetscScalar>> generating_function(const MakeOperator& make, const operators::SuperOperator& L,
                                                          const std::vector<CountedJump>& counted,
                                                          const std::vector<PetscScalar>& s, Vec rho0, PetscInt d,
                                                          const EvolveUnder& evolve) {
  if (counted.empty()) throw Error("counting statistics: no counted jump channel");
  std::vector<std::vector<PetscScalar>> Z(s.size());
  for (size_t k = 0; k < s.size(); ++k) {
    operators::SuperOperator Ls(L.space());
    Ls.add(L);
    for (const auto& c : counted) Ls.add(c.jump, std::exp(s[k] * c.weight) - 1.0);
    const parallel::Matrix A = make(Ls);
    auto rho = parallel::duplicate(rho0);
    QTHERM_PETSC(VecCopy(rho0, rho));
    evolve(A, rho, [&](Vec x) { Z[k].push_back(liouville_trace(x, d)); });
  }
  return Z;
}

}  // namespace qtherm::dynamics
