// The memory estimate of the interacting-reservoirs model: dense single-particle matrices, or the
// largest particle-number sector (dense or Krylov) and the reservoirs' exact thermal start.
#include <algorithm>
#include <vector>

#include "qtherm/models/reservoirs/interacting_reservoirs.hpp"
#include "qtherm/models/common/memory_terms.hpp"
#include "qtherm/models/reservoirs/many_body_reservoirs.hpp"

namespace qtherm::models {

namespace {

// States with `particles` in `modes` modes of at most `cutoff` each (cutoff 0: fermions), as a double.
double sector_states(int modes, int cutoff, long particles) {
  const int cap = cutoff > 0 ? cutoff : 1;
  if (particles < 0 || particles > long(modes) * cap) return 0;
  std::vector<double> ways(particles + 1, 0.0);  // compositions, mode by mode
  ways[0] = 1;
  for (int m = 0; m < modes; ++m) {
    std::vector<double> next(particles + 1, 0.0);
    for (long p = 0; p <= particles; ++p)
      for (int k = 0; k <= cap && k <= p; ++k) next[p] += ways[p - k];
    ways.swap(next);
  }
  return ways[particles];
}

// The largest sector of `modes` modes: the given particle number, or the largest of all.
double largest_sector(int modes, int cutoff, long particles) {
  if (particles >= 0) return sector_states(modes, cutoff, particles);
  const int cap = cutoff > 0 ? cutoff : 1;
  return sector_states(modes, cutoff, long(modes) * cap / 2);  // the middle sector is the largest
}

}  // namespace

MemoryEstimate reservoir_memory_estimate(const io::Config& c, int ranks) {
  const auto m = io::read<ReservoirParams>(c);
  const double n1 = double(m.n1), n2 = double(m.n2);
  const double samples = double(m.time.samples), r = std::max(1, ranks);
  MemoryEstimate e = {output_term("time", "samples", samples, double(reservoir_observables().size()))};
  if (!m.many_body()) {
    // Dense (n1+n2)^2 complex matrices on every rank: the one-body matrix, its eigenvectors, the
    // correlation matrix, five observables and their traces' factors, the minimal-dissipation scheme.
    const double matrices = m.minimal_dissipation ? 24 : 18;
    e.push_back({"dense single-particle matrices ((n1+n2)^2)", "model", "n2", n1 + n2, "modes n1 + n2",
                 [=](double n) { return complex_bytes(matrices * n * n); }});
    return e;
  }
  const bool bosons = m.bosons();
  const int cutoff = bosons && m.cutoff ? int(*m.cutoff) : 0;
  const long particles = m.particles.value_or(-1);
  const bool typicality = m.thermal == "typicality";
  const std::string evolution = m.evolution;
  const long dense_limit = m.dense_limit;
  const bool complex_h = m.h1 || m.h2 || m.coupling;
  const long samples_per_sector = m.typical_samples;
  e.push_back(
      {"largest particle-number sector (dense: 8 D^2 scalars on one rank; Krylov: 40 vectors and the operators)",
       "model", "n2", n2, "", [=](double v) {
         const double D = largest_sector(int(n1 + v), cutoff, particles);
         const bool dense = evolution == "dense" || (evolution == "auto" && !typicality && D <= double(dense_limit));
         if (dense) return (complex_h ? 16.0 : 8.0) * 8 * D * D;
         // Hopping entries per row, at most: fermions move one of k particles to one of m - k
         // empty modes, k (m - k) <= m^2/4 (the all-pairs count overestimated 2-3x, measured).
         const double m = n1 + v;
         const double entries = cutoff == 0 ? m * m / 4 + 1 : n1 * n1 + v * v + n1 * v + 1;
         // Several start vectors in a sector up to group_limit: spread over groups, the sector whole
         // on each rank (at most; groups of several ranks share it).
         const bool grouped = D <= double(EvolutionOptions{}.group_limit) && !(typicality && samples_per_sector < 2);
         return (complex_bytes(40 * D) + 2 * 24 * std::min(entries, D) * D) / (grouped ? 1 : r);
       }});
  if (!typicality)  // the exact start diagonalises each reservoir's sectors densely
    e.push_back({"dense reservoir eigenvectors (exact thermal start)", "model", "n2", n2, "", [=](double v) {
                   const double D1 = largest_sector(int(n1), cutoff, -1), D2 = largest_sector(int(v), cutoff, -1);
                   return complex_bytes(3 * (D1 * D1 + D2 * D2));
                 }});
  return e;
}

}  // namespace qtherm::models
