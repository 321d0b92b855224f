// The Krylov route of one particle-number sector: every start vector (a product of reservoir
// eigenstates, or a typical vector e^{−K/2}|r>) evolved by SLEPc MFN from output time to output
// time, collectively on all ranks; for sectors too large to diagonalize and for typicality.
#include <vector>

#include "qtherm/base/check.hpp"
#include "qtherm/dynamics/krylov.hpp"
#include "qtherm/models/reservoirs/many_body_sector.hpp"
#include "qtherm/parallel/vec_array.hpp"
#include "qtherm/parallel/vector_ops.hpp"

namespace qtherm::models::detail {
void krylov_sector(MPI_Comm comm, const ThermalProblem& p, int k, const std::vector<double>& times,
                   const EvolutionOptions& options, Accumulator& acc) {
  const ThermalStart& st = p.st;
  const size_t T = times.size();
  const FockSector sector(p.n, p.cut, k);
  std::shared_ptr<operators::ShellGather> gather;
  parallel::Matrix A = sector.make(comm, p.H, options.storage, gather);
  std::vector<parallel::Matrix> O;
  for (const auto& o : p.observed) O.push_back(sector.make(comm, o, options.storage, gather));
  const dynamics::KrylovExponential propagate(A, options.tol);
  parallel::Vector psi, next;
  parallel::make_vectors(A, psi, next);
  const parallel::Vector work = parallel::duplicate(psi);
  const auto [lo, hi] = parallel::ownership(psi);

  // Evolves psi (weight w) through the output times and accumulates its expectations in a slot.
  std::vector<double> values(O.size());
  auto run = [&](double w, size_t slot) {
    for (size_t j = 0; j < T; ++j) {
      if (j > 0 && times[j] > times[j - 1]) {
        propagate.apply(PetscScalar(0, -(times[j] - times[j - 1])), psi, next);
        parallel::copy(next, psi);
      }
      const PetscReal norm = parallel::norm(psi);
      for (size_t x = 0; x < O.size(); ++x) values[x] = w * parallel::real_expectation(O[x], psi, work);
      acc.add(slot, j, w * norm * norm, w * k * norm * norm, values);
    }
    ++acc.evolved;
  };

  if (st.typicality) {
    const dynamics::KrylovExponential boltzmann(
        sector.make(comm, p.r.thermal_exponent(st.beta1, st.mu1, st.beta2, st.mu2), options.storage, gather),
        options.tol);
    for (int s = 0; s < st.samples; ++s) {
      {
        const parallel::ReadWriteArray a(next);
        for (PetscInt i = lo; i < hi; ++i)
          a[i - lo] = gaussian_draw(st.seed, std::uint64_t(s) * 1000003ULL + std::uint64_t(k), std::uint64_t(i));
      }
      boltzmann.apply(-0.5, next, psi);
      run(1.0, size_t(s));
    }
    return;
  }
  std::vector<Split> at;
  for (PetscInt i = lo; i < hi; ++i) at.push_back(p.split(sector, i));
  p.products(k, [&](int m1, long ia, long ib, double w) {
    acc.kept += w;
    {
      const parallel::ReadWriteArray v(psi);
      for (PetscInt i = lo; i < hi; ++i) v[i - lo] = p.amplitude(at[i - lo], m1, ia, ib, k);
    }
    run(w, 0);
  });
}

}  // namespace qtherm::models::detail
