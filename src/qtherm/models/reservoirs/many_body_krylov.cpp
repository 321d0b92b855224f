// The Krylov route of one particle-number sector: every start vector (a product of reservoir
// eigenstates, or a typical vector e^{−K/2}|r>) evolved by SLEPc MFN from output time to output
// time, collectively on all ranks; for sectors too large to diagonalize and for typicality.
#include <algorithm>
#include <vector>

#include "qtherm/base/check.hpp"
#include "qtherm/dynamics/krylov.hpp"
#include "qtherm/models/reservoirs/many_body_sector.hpp"
#include "qtherm/parallel/communicator.hpp"
#include "qtherm/parallel/vec_array.hpp"
#include "qtherm/parallel/vector_ops.hpp"

namespace qtherm::models::detail {
namespace {

// Collective on comm: the start vectors v of sector k with v mod stride == offset (all: stride 1).
void evolve_vectors(MPI_Comm comm, const ThermalProblem& p, const FockSector& sector, int k,
                    const std::vector<double>& times, const EvolutionOptions& options, long stride, long offset,
                    Accumulator& acc) {
  const ThermalStart& st = p.st;
  const size_t T = times.size();
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
      if (s % stride != offset) continue;
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
  long v = -1;
  p.products(k, [&](int m1, long ia, long ib, double w) {
    if (++v % stride != offset) return;
    acc.kept += w;
    {
      const parallel::ReadWriteArray v(psi);
      for (PetscInt i = lo; i < hi; ++i) v[i - lo] = p.amplitude(at[i - lo], m1, ia, ib, k);
    }
    run(w, 0);
  });
}

}  // namespace

void krylov_sector(MPI_Comm comm, const ThermalProblem& p, int k, const std::vector<double>& times,
                   const EvolutionOptions& options, Accumulator& acc) {
  const FockSector sector(p.n, p.cut, k);
  int ranks = 1;
  QTHERM_MPI(MPI_Comm_size(comm, &ranks));
  long vectors = p.st.samples;
  if (!p.st.typicality) {
    vectors = 0;
    p.products(k, [&](int, long, long, double) { ++vectors; });
  }
  const int groups = sector.size() <= options.group_limit ? int(std::min<long>(ranks, vectors)) : 1;
  if (groups <= 1) return evolve_vectors(comm, p, sector, k, times, options, 1, 0, acc);
  // Independent vectors over groups of ranks, like sweep points: a small sector gains little from
  // more ranks per vector (8074 states: 1.5x on 2 ranks) and nothing is exchanged between groups.
  const parallel::Groups g = parallel::split_into_groups(comm, groups);
  Accumulator part(acc.times, acc.o.size(), acc.slots);
  evolve_vectors(g.comm, p, sector, k, times, options, groups, g.group, part);
  int group_rank = 0;
  QTHERM_MPI(MPI_Comm_rank(g.comm, &group_rank));
  if (group_rank != 0) part = Accumulator(acc.times, acc.o.size(), acc.slots);  // each group's sums once
  part.sum_over(comm);
  acc.add(part);
}

}  // namespace qtherm::models::detail
