#include "qtherm/models/reservoirs/many_body_sector.hpp"

#include <limits>
#include <stdexcept>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/check.hpp"

namespace qtherm::models::detail {

using operators::NumberConservingOperator;

namespace {

ReservoirSector reservoir_sector(const NumberConservingOperator& full, long first, long n_modes, int cutoff,
                                 int particles) {
  NumberConservingOperator o{full.hopping.block(first, first, n_modes, n_modes),
                             full.density.block(first, first, n_modes, n_modes)};
  ReservoirSector rs{FockSector(static_cast<int>(n_modes), cutoff, particles), {}, {}};
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> es(rs.basis.dense(o));
  rs.energies = es.eigenvalues();
  rs.vectors = es.eigenvectors();
  return rs;
}

}  // namespace

ThermalProblem::ThermalProblem(const ManyBodyReservoirs& rr, const ThermalStart& s,
                               const std::vector<NumberConservingOperator>& extra)
    : r(rr),
      st(s),
      n(rr.modes()),
      n1(static_cast<int>(rr.one_body.n1())),
      n2(n - n1),
      cut(rr.cutoff),
      top1(cut > 0 ? n1 * cut : n1),
      top2(cut > 0 ? n2 * cut : n2),
      H(rr.op(ManyBodyReservoirs::Part::total)) {
  using Part = ManyBodyReservoirs::Part;
  observed = {r.op(Part::reservoir1), r.op(Part::reservoir2), r.op(Part::interaction), r.op(Part::number1)};
  observed.insert(observed.end(), extra.begin(), extra.end());
  spectrum_key = {double(n), double(cut)};
  auto flatten = [&](const NumberConservingOperator& o) {
    for (long e = 0; e < o.hopping.size(); ++e)
      spectrum_key.insert(spectrum_key.end(), {o.hopping.data()[e].real(), o.hopping.data()[e].imag()});
    spectrum_key.insert(spectrum_key.end(), o.density.data(), o.density.data() + o.density.size());
  };
  flatten(H);
  for (const auto& o : observed) flatten(o);
  if (st.typicality) return;
  for (int m = 0; m <= top1; ++m) res[0].push_back(reservoir_sector(observed[0], 0, n1, cut, m));
  for (int m = 0; m <= top2; ++m) res[1].push_back(reservoir_sector(observed[1], n1, n2, cut, m));
  const int k_lo = st.particles >= 0 ? st.particles : 0, k_hi = st.particles >= 0 ? st.particles : r.max_particles();
  log_max = -std::numeric_limits<double>::infinity();
  for (int k = k_lo; k <= k_hi; ++k)
    for (int m1 = std::max(0, k - top2); m1 <= std::min(top1, k); ++m1) {
      const double e1 = res[0][m1].energies.minCoeff(), e2 = res[1][k - m1].energies.minCoeff();
      log_max = std::max(log_max, -st.beta1 * (e1 - st.mu1 * m1) - st.beta2 * (e2 - st.mu2 * (k - m1)));
    }
}

// Reservoir 2 is the low n2 fields of the packed state word.
Split ThermalProblem::split(const FockSector& sector, std::int64_t i) const {
  const int low_bits = n2 * sector.field_bits();
  const std::uint64_t low_mask = low_bits >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << low_bits) - 1;
  const std::uint64_t s = sector.state(i), h = low_bits < 64 ? s >> low_bits : 0, l = s & low_mask;
  const int m1 = sector.particles(h, n1);
  const int k = sector.particles(s, n);
  return {m1, res[0][m1].basis.index(h), res[1][k - m1].basis.index(l)};
}

Accumulator::Accumulator(size_t t, size_t observables, size_t s)
    : times(t), slots(s), w(t * s), n(t * s), o(observables, std::vector<double>(t * s)) {}

void Accumulator::add(size_t slot, size_t j, double trace, double particles, const std::vector<double>& values) {
  const size_t i = slot * times + j;
  w[i] += trace, n[i] += particles;
  for (size_t x = 0; x < o.size(); ++x) o[x][i] += values[x];
}

void Accumulator::add(const Accumulator& b) {
  for (size_t i = 0; i < w.size(); ++i) w[i] += b.w[i], n[i] += b.n[i];
  for (size_t x = 0; x < o.size(); ++x)
    for (size_t i = 0; i < w.size(); ++i) o[x][i] += b.o[x][i];
  kept += b.kept;
  evolved += b.evolved;
  reused += b.reused;
}

std::vector<double> Accumulator::flat() const {
  std::vector<double> flat(w);
  flat.insert(flat.end(), n.begin(), n.end());
  for (const auto& x : o) flat.insert(flat.end(), x.begin(), x.end());
  flat.push_back(kept);
  flat.push_back(double(evolved));
  flat.push_back(double(reused));
  return flat;
}

void Accumulator::sum_over(MPI_Comm comm) {
  std::vector<double> all = flat();
  QTHERM_MPI(MPI_Allreduce(MPI_IN_PLACE, all.data(), int(all.size()), MPI_DOUBLE, MPI_SUM, comm));
  unflat(all);
}

void Accumulator::unflat(const std::vector<double>& flat) {
  if (flat.size() != w.size() * (2 + o.size()) + 3) throw std::invalid_argument("sums of another shape");
  auto at = flat.begin();
  for (auto* v : {&w, &n}) std::copy(at, at + long(v->size()), v->begin()), at += long(v->size());
  for (auto& x : o) std::copy(at, at + long(x.size()), x.begin()), at += long(x.size());
  kept = *at++;
  evolved = long(*at++);
  reused = long(*at);
}

}  // namespace qtherm::models::detail
