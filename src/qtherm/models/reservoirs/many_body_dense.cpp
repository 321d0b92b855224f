// The dense route of one particle-number sector: the exact thermal start as the mixed state it is
// (its product eigenstates as sparse columns with their Boltzmann weights) evolved through one
// eigendecomposition of the sector Hamiltonian (mixed_state_evolution.hpp), kept in a
// DenseSectorCache when the caller gives one. No PETSc, one rank.
#include <vector>

#include "qtherm/models/reservoirs/many_body_sector.hpp"
#include "qtherm/dynamics/mixed_state_evolution.hpp"

namespace qtherm::models::detail {

void dense_sector(const ThermalProblem& p, int k, const std::vector<double>& times, DenseSectorCache* cache,
                  Accumulator& acc) {
  const FockSector sector(p.n, p.cut, k);
  const long D = sector.size();
  std::vector<Split> at(D);
  std::vector<std::vector<long>> block(p.top1 + 1);  // sector states by reservoir 1's particle number
  for (long i = 0; i < D; ++i) {
    at[i] = p.split(sector, i);
    block[at[i].m1].push_back(i);
  }
  std::vector<Eigen::Triplet<std::complex<double>>> entries;
  std::vector<double> weights;
  p.products(k, [&](int m1, long ia, long ib, double w) {
    const long column = static_cast<long>(weights.size());
    weights.push_back(w);
    for (long i : block[m1]) entries.emplace_back(i, column, p.amplitude(at[i], m1, ia, ib, k));
  });
  dynamics::StateColumns states(D, static_cast<long>(weights.size()));
  states.setFromTriplets(entries.begin(), entries.end());
  entries = {};
  auto make = [&] {
    std::vector<operators::SparseSectorMatrix> observables;
    for (const auto& o : p.observed) observables.push_back(sector.sparse(o));
    return std::make_shared<const dynamics::DenseSpectrum>(sector.dense(p.H), observables);
  };
  const long reused = cache ? cache->reused() : 0;
  const auto spectrum = cache ? cache->get(p.spectrum_key, k, make) : make();
  if (cache) acc.reused += cache->reused() - reused;
  const dynamics::MixedSeries s =
      spectrum->evolve(states, Eigen::Map<const Eigen::VectorXd>(weights.data(), long(weights.size())), times);
  std::vector<double> values(acc.o.size());
  for (size_t j = 0; j < times.size(); ++j) {
    for (size_t x = 0; x < values.size(); ++x) values[x] = s.values[x][j];
    acc.add(0, j, s.trace[j], k * s.trace[j], values);
  }
  for (double w : weights) acc.kept += w;
}

}  // namespace qtherm::models::detail
