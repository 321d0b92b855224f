#include "qtherm/dynamics/taylor_stepper.hpp"

#include <cmath>
#include <cstdint>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/parallel/vec_array.hpp"

namespace qtherm::dynamics {
namespace {

constexpr double kTheta = 6.0;  // h·λ per step
constexpr int kMaxTerms = 120;  // far beyond the ~45 terms θ = 6 needs at 1e-14

// Collective: y += a·x and the 2-norms of x and of the updated y, in one pass.
void axpy_norms(Vec y, PetscScalar a, Vec x, double& norm_x, double& norm_y) {
  double s[2] = {0, 0};
  {
    const parallel::ReadWriteArray ya(y);
    const parallel::ReadArray xa(x);
    for (PetscInt i = 0; i < ya.size(); ++i) {
      ya[i] += a * xa[i];
      s[0] += std::norm(xa[i]);
      s[1] += std::norm(ya[i]);
    }
  }
  QTHERM_MPI(MPI_Allreduce(MPI_IN_PLACE, s, 2, MPI_DOUBLE, MPI_SUM, parallel::comm_of(y)));
  norm_x = std::sqrt(s[0]);
  norm_y = std::sqrt(s[1]);
}

}  // namespace

TaylorStepper::TaylorStepper(Mat L, double atol, double rtol, const operators::Expectations& integrands, Vec like)
    : L_(L),
      atol_(atol),
      rtol_(rtol),
      integrands_(integrands),
      term_(parallel::duplicate(like)),
      next_(parallel::duplicate(like)) {
  // λ: the growth ‖L^k v‖ per product for a random v (the same draw on every rank count: seeded by
  // global index), after a few products have pulled v toward the fastest modes.
  PetscInt lo = 0, hi = 0;
  QTHERM_PETSC(VecGetOwnershipRange(term_, &lo, &hi));
  {
    const parallel::WriteArray v(term_);
    auto mix = [](std::uint64_t z) {  // splitmix64: a cheap hash of the global index
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      return double((z ^ (z >> 31)) >> 11) * 0x1.0p-53 - 0.5;
    };
    for (PetscInt i = lo; i < hi; ++i) {
      const std::uint64_t z = std::uint64_t(i) * 0x9e3779b97f4a7c15ULL;
      v[i - lo] = PetscScalar(mix(z), mix(z + 1));
    }
  }
  double growth = 0;
  for (int k = 0; k < 8; ++k) {
    PetscReal before = 0, after = 0;
    QTHERM_PETSC(VecNorm(term_, NORM_2, &before));
    QTHERM_PETSC(VecScale(term_, 1.0 / before));
    apply(term_, next_);
    QTHERM_PETSC(VecNorm(next_, NORM_2, &after));
    growth = std::max(growth, double(after));
    std::swap(term_, next_);
  }
  // The estimate is a lower bound of ‖L‖; the series' own stopping test covers the rest.
  max_step_ = growth > 0 ? kTheta / growth : INFINITY;
}

void TaylorStepper::apply(Vec x, Vec y) {
  const double t0 = MPI_Wtime();
  QTHERM_PETSC(MatMult(L_, x, y));
  apply_seconds_ += MPI_Wtime() - t0;
  ++applications_;
}

void TaylorStepper::interior(double theta, std::vector<double>& integral, std::vector<double>& value) const {
  // term_j = h^j L^j ρ / j!, so tr(O ρ(θh)) = Σ_j θ^j a_j and its integral Σ_j h θ^{j+1}/(j+1) a_j.
  const size_t n = integrands_.size();
  integral.assign(n, 0.0);
  value.assign(n, 0.0);
  double power = 1;  // θ^j
  for (size_t j = 0; j < series_.size(); ++j, power *= theta)
    for (size_t k = 0; k < n; ++k) {
      value[k] += power * PetscRealPart(series_[j][k]);
      integral[k] += last_h_ * power * theta / double(j + 1) * PetscRealPart(series_[j][k]);
    }
}

void TaylorStepper::step(Vec rho, double h, std::vector<PetscScalar>& integrals) {
  PetscInt n = 0;
  QTHERM_PETSC(VecGetSize(rho, &n));
  const double rms = 1.0 / std::sqrt(double(n));
  QTHERM_PETSC(VecCopy(rho, term_));
  PetscReal norm_rho = 0;
  QTHERM_PETSC(VecNorm(rho, NORM_2, &norm_rho));
  std::vector<PetscScalar> values;
  series_.clear();
  last_h_ = h;
  auto integrate = [&](Vec term, double weight) {
    if (integrands_.size() == 0) return;
    integrands_.evaluate(term, values);
    for (size_t k = 0; k < values.size(); ++k) integrals[k] += weight * values[k];
    series_.push_back(values);
  };
  integrate(term_, h);  // k = 0: h·tr(Oρ)
  double previous = INFINITY;
  for (int k = 1;; ++k) {
    if (k > kMaxTerms)
      throw Error("Taylor step did not converge in " + std::to_string(kMaxTerms) +
                  " terms; use -ts_type rk (or [time] integrator = rk)");
    apply(term_, next_);
    QTHERM_PETSC(VecScale(next_, h / k));  // next = h^k L^k ρ / k!
    double norm_term = 0, norm_sum = 0;
    axpy_norms(rho, 1.0, next_, norm_term, norm_sum);
    norm_rho = norm_sum;
    integrate(next_, h / (k + 1));
    std::swap(term_, next_);
    const double err = rms * norm_term / (atol_ + rtol_ * rms * norm_rho);
    if (err < 1e-2 && previous < 1e-2) {
      last_terms_ = k;
      return;
    }
    previous = err;
  }
}

}  // namespace qtherm::dynamics
