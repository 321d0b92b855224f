#include "qtherm/models/reservoirs/many_body_reservoirs.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <functional>
#include <stdexcept>
#include <limits>
#include <map>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/check.hpp"

#include "qtherm/models/reservoirs/many_body_sector.hpp"
#include "qtherm/operators/boson_operator.hpp"
#include "qtherm/parallel/quiet_barrier.hpp"
#include "qtherm/space/bit_basis.hpp"

namespace qtherm::models {

using Eigen::MatrixXcd;
using Eigen::MatrixXd;
using operators::NumberConservingOperator;
using space::BitBasis;

NumberConservingOperator ManyBodyReservoirs::op(Part part) const {
  const long a = one_body.n1(), b = one_body.n2(), n = a + b;
  NumberConservingOperator o{MatrixXcd::Zero(n, n), MatrixXd::Zero(n, n)};
  const bool r1 = part == Part::total || part == Part::reservoir1, r2 = part == Part::total || part == Part::reservoir2;
  if (r1) {
    o.hopping.topLeftCorner(a, a) = one_body.h1;
    for (long i = 0; i + 1 < a; ++i) o.density(i, i + 1) = U1;
  }
  if (r2) {
    o.hopping.bottomRightCorner(b, b) = one_body.h2;
    for (long k = 0; k + 1 < b; ++k) o.density(a + k, a + k + 1) = U2;
  }
  if (part == Part::total || part == Part::interaction) {
    o.hopping.topRightCorner(a, b) = one_body.g;
    o.hopping.bottomLeftCorner(b, a) = one_body.g.adjoint();
  }
  if (part == Part::number1) o.hopping.topLeftCorner(a, a) = MatrixXcd::Identity(a, a);
  return o;
}

NumberConservingOperator ManyBodyReservoirs::thermal_exponent(double beta1, double mu1, double beta2,
                                                              double mu2) const {
  const long a = one_body.n1(), b = one_body.n2();
  NumberConservingOperator o1 = op(Part::reservoir1), o2 = op(Part::reservoir2);
  NumberConservingOperator o{beta1 * o1.hopping + beta2 * o2.hopping, beta1 * o1.density + beta2 * o2.density};
  o.hopping.topLeftCorner(a, a) -= beta1 * mu1 * MatrixXcd::Identity(a, a);
  o.hopping.bottomRightCorner(b, b) -= beta2 * mu2 * MatrixXcd::Identity(b, b);
  return o;
}

std::complex<double> gaussian_draw(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  auto mix = [](std::uint64_t z) {  // splitmix64 finalizer
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  const std::uint64_t h = mix(mix(mix(seed) ^ stream) ^ index);
  const std::uint64_t h2 = mix(h);
  const double u1 = ((h >> 11) + 0.5) * 0x1.0p-53, u2 = ((h2 >> 11) + 0.5) * 0x1.0p-53;
  // Box–Muller with E|z|^2 = 1.
  const double rad = std::sqrt(-std::log(u1)), ang = 2 * M_PI * u2;
  return {rad * std::cos(ang), rad * std::sin(ang)};
}

FockSector::FockSector(int modes, int cutoff, int particles) {
  if (cutoff > 0)
    bosons_.emplace(modes, cutoff, particles);
  else
    fermions_.emplace(BitBasis::sector(modes, particles));
}

long FockSector::size() const { return bosons_ ? long(bosons_->size()) : long(fermions_->size()); }

std::uint64_t FockSector::state(std::int64_t i) const { return bosons_ ? bosons_->state(i) : fermions_->state(i); }

std::int64_t FockSector::index(std::uint64_t s) const { return bosons_ ? bosons_->index(s) : fermions_->index(s); }

int FockSector::particles(std::uint64_t word, int modes) const {
  if (!bosons_) return __builtin_popcountll(word);
  const int b = bosons_->bits();
  const std::uint64_t mask = (std::uint64_t(1) << b) - 1;
  int total = 0;
  for (int i = 0; i < modes; ++i) total += int((word >> (b * i)) & mask);
  return total;
}

// Matrix-free operators of one sector share one gathered input (memory: one vector per rank).
parallel::Matrix FockSector::make(MPI_Comm comm, const NumberConservingOperator& op, Storage s,
                                  std::shared_ptr<operators::ShellGather>& gather) const {
  if (s == Storage::assembled)
    return bosons_ ? operators::assemble_boson(comm, *bosons_, op) : operators::assemble_fermion(comm, *fermions_, op);
  if (!gather) gather = operators::shell_gather(comm, PetscInt(size()));
  return bosons_ ? operators::shell_boson(comm, *bosons_, op, gather)
                 : operators::shell_fermion(comm, *fermions_, op, gather);
}

MatrixXcd FockSector::dense(const NumberConservingOperator& op) const {
  return bosons_ ? operators::dense_boson(*bosons_, op) : operators::dense_fermion(*fermions_, op);
}

operators::SparseSectorMatrix FockSector::sparse(const NumberConservingOperator& op) const {
  return bosons_ ? operators::sparse_boson(*bosons_, op) : operators::sparse_fermion(*fermions_, op);
}

namespace {

// log Z of free bosons with one-body matrix h at (β, μ): −Σ_k log(1 − e^{−β(ε_k − μ)}).
double log_bose_partition(const MatrixXcd& h, double beta, double mu) {
  const Eigen::VectorXd e = Eigen::SelfAdjointEigenSolver<MatrixXcd>(h).eigenvalues();
  double z = 0;
  for (long k = 0; k < e.size(); ++k) z -= std::log(-std::expm1(-beta * (e(k) - mu)));
  return z;
}

// The ratio estimates Σ_slots (observable sums) / Σ_slots (traces) at every output time, leaving
// out slot `skip` (−1: none).
ManyBodyValues estimate(const detail::Accumulator& a, long skip) {
  ManyBodyValues v;
  const size_t T = a.times;
  auto sum = [&](const std::vector<double>& x, size_t j) {
    double total = 0;
    for (size_t s = 0; s < a.slots; ++s)
      if (long(s) != skip) total += x[s * T + j];
    return total;
  };
  std::vector<std::vector<double>> o(a.o.size());
  for (size_t j = 0; j < T; ++j) {
    const double z = sum(a.w, j);
    v.N.push_back(sum(a.n, j) / z);
    for (size_t x = 0; x < o.size(); ++x) o[x].push_back(sum(a.o[x], j) / z);
  }
  v.E1 = o[0], v.E2 = o[1], v.EI = o[2], v.N1 = o[3];
  v.extra.assign(o.begin() + 4, o.end());
  return v;
}

}  // namespace

ManyBodySeries evolve_thermal(MPI_Comm comm, const ManyBodyReservoirs& r, const ThermalStart& st,
                              const std::vector<double>& times, const EvolutionOptions& options,
                              const std::vector<NumberConservingOperator>& extra) {
  if (st.typicality && options.route == SectorRoute::dense)
    throw std::invalid_argument("the dense sector route evolves the exact thermal mixture, not typical vectors");
  const size_t T = times.size(), X = extra.size(), slots = st.typicality ? size_t(st.samples) : 1;
  const detail::ThermalProblem problem(r, st, extra);
  // all: collective (Krylov) sums; mine: this rank's dense sectors
  detail::Accumulator all(T, 4 + X, slots), mine(T, 4 + X, slots);
  ManyBodySeries out;
  const int k_lo = st.particles >= 0 ? st.particles : 0, k_hi = st.particles >= 0 ? st.particles : r.max_particles();

  // Dense sectors are independent serial jobs: the largest first, each to the least loaded rank
  // (cost ~ D³), the same plan on every rank; Krylov sectors run one after another on all ranks.
  int rank = 0, ranks = 1;
  QTHERM_MPI(MPI_Comm_rank(comm, &rank));
  QTHERM_MPI(MPI_Comm_size(comm, &ranks));
  std::vector<std::pair<long, int>> dense;  // (size, k)
  std::vector<int> krylov;
  for (int k = k_lo; k <= k_hi; ++k) {
    const long size = FockSector(r.modes(), r.cutoff, k).size();
    out.largest_sector = std::max(out.largest_sector, size);
    if (options.dense(size, st.typicality))
      dense.emplace_back(size, k);
    else
      krylov.push_back(k);
  }
  std::sort(dense.begin(), dense.end(), std::greater<>());
  // Where a resumed run stands: [Krylov sectors done, the dense sectors' sums, the Krylov sums].
  size_t krylov_done = 0;
  const bool resumed = !options.resume.empty();
  if (resumed) {
    const auto& v = options.resume;
    const size_t half = (v.size() - 1) / 2;
    krylov_done = size_t(v.at(0));
    mine.unflat(std::vector<double>(v.begin() + 1, v.begin() + 1 + long(half)));
    all.unflat(std::vector<double>(v.begin() + 1 + long(half), v.end()));
  }
  auto checkpoint = [&] {
    if (!options.after_part) return false;
    std::vector<double> v{double(krylov_done)};
    for (const auto* a : {&mine, &all}) {
      const auto f = a->flat();
      v.insert(v.end(), f.begin(), f.end());
    }
    return options.after_part(v);
  };
  if (!resumed) {
    std::vector<double> load(ranks, 0);
    for (const auto& [size, k] : dense) {
      const int owner = int(std::min_element(load.begin(), load.end()) - load.begin());
      load[owner] += double(size) * double(size) * double(size);
      if (owner == rank) detail::dense_sector(problem, k, times, options.cache, mine);
    }
    // Ranks with less dense work wait here without taking a core from those still working.
    if (!dense.empty() && ranks > 1) parallel::quiet_barrier(comm);
    mine.sum_over(comm);  // the same sums as after the Krylov sectors: they do not touch `mine`
    if (checkpoint()) {
      out.stopped = true;
      return out;
    }
  }
  double total = 0, done = 0;
  std::vector<double> krylov_size;
  for (const auto& [size, k] : dense) total += double(size), done += double(size);
  for (int k : krylov) total += krylov_size.emplace_back(double(FockSector(r.modes(), r.cutoff, k).size()));
  for (size_t i = 0; i < krylov_done; ++i) done += krylov_size[i];
  if (options.progress) options.progress(done, total);
  for (; krylov_done < krylov.size();) {
    detail::krylov_sector(comm, problem, krylov[krylov_done], times, options, all);
    if (options.progress) options.progress(done += krylov_size[krylov_done], total);
    ++krylov_done;
    if (krylov_done < krylov.size() && checkpoint()) {
      out.stopped = true;
      return out;
    }
  }
  all.add(mine);
  out.dense_sectors = long(dense.size()), out.krylov_sectors = long(krylov.size());
  out.evolved_states = all.evolved;
  out.reused_spectra = all.reused;

  static_cast<ManyBodyValues&>(out) = estimate(all, -1);
  if (slots > 1)
    for (size_t s = 0; s < slots; ++s) out.jackknife.push_back(estimate(all, long(s)));

  // What the cutoff cut from the Gibbs start (see ManyBodySeries::truncated_weight).
  const int cut = r.cutoff;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (cut == 0 || (st.particles >= 0 && st.particles <= cut))
    out.truncated_weight = 0;
  else if (st.particles >= 0 || st.typicality || r.U1 != 0 || r.U2 != 0)
    out.truncated_weight = nan;
  else {
    const double log_kept = problem.log_max + std::log(all.kept);
    const double log_full =
        log_bose_partition(r.one_body.h1, st.beta1, st.mu1) + log_bose_partition(r.one_body.h2, st.beta2, st.mu2);
    out.truncated_weight = std::max(0.0, -std::expm1(log_kept - log_full));
  }
  return out;
}

}  // namespace qtherm::models
