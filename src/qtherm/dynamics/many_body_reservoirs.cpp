#include "qtherm/dynamics/many_body_reservoirs.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <functional>
#include <limits>

#include "qtherm/dynamics/krylov.hpp"
#include "qtherm/operators/boson_operator.hpp"
#include "qtherm/space/bit_basis.hpp"

namespace qtherm::dynamics {

using Eigen::MatrixXcd;
using Eigen::MatrixXd;
using operators::FermionOperator;
using space::BitBasis;
using space::BitString;
using cplx = std::complex<double>;

FermionOperator ManyBodyReservoirs::op(Part part) const {
  const long a = one_body.n1(), b = one_body.n2(), n = a + b;
  FermionOperator o{MatrixXcd::Zero(n, n), MatrixXd::Zero(n, n)};
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

FermionOperator ManyBodyReservoirs::thermal_exponent(double beta1, double mu1, double beta2, double mu2) const {
  const long a = one_body.n1(), b = one_body.n2();
  FermionOperator o1 = op(Part::reservoir1), o2 = op(Part::reservoir2);
  FermionOperator o{beta1 * o1.hopping + beta2 * o2.hopping, beta1 * o1.density + beta2 * o2.density};
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
  if (cutoff > 0) bosons_.emplace(modes, cutoff, particles);
  else fermions_.emplace(BitBasis::sector(modes, particles));
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
parallel::Matrix FockSector::make(MPI_Comm comm, const FermionOperator& op, Storage s,
                                  std::shared_ptr<operators::ShellGather>& gather) const {
  if (s == Storage::assembled)
    return bosons_ ? operators::assemble_boson(comm, *bosons_, op) : operators::assemble_fermion(comm, *fermions_, op);
  if (!gather) gather = operators::shell_gather(comm, PetscInt(size()));
  return bosons_ ? operators::shell_boson(comm, *bosons_, op, gather)
                 : operators::shell_fermion(comm, *fermions_, op, gather);
}

MatrixXcd FockSector::dense(const FermionOperator& op) const {
  return bosons_ ? operators::dense_boson(*bosons_, op) : operators::dense_fermion(*fermions_, op);
}

namespace {

double expect(Mat O, Vec psi, Vec work) {
  QTHERM_PETSC(MatMult(O, psi, work));
  PetscScalar v;
  QTHERM_PETSC(VecDot(work, psi, &v));  // psi^H O psi
  return PetscRealPart(v);
}

// Eigenpairs of reservoir X's Hamiltonian in its own n-particle sector (dense, small).
struct ReservoirSector {
  FockSector basis;
  Eigen::VectorXd energies;
  MatrixXcd vectors;
};

ReservoirSector reservoir_sector(const FermionOperator& full, long first, long n_modes, int cutoff, int particles) {
  FermionOperator o{full.hopping.block(first, first, n_modes, n_modes), full.density.block(first, first, n_modes, n_modes)};
  ReservoirSector rs{FockSector(static_cast<int>(n_modes), cutoff, particles), {}, {}};
  Eigen::SelfAdjointEigenSolver<MatrixXcd> es(rs.basis.dense(o));
  rs.energies = es.eigenvalues();
  rs.vectors = es.eigenvectors();
  return rs;
}

// log Z of free bosons with one-body matrix h at (β, μ): −Σ_k log(1 − e^{−β(ε_k − μ)}).
double log_bose_partition(const MatrixXcd& h, double beta, double mu) {
  const Eigen::VectorXd e = Eigen::SelfAdjointEigenSolver<MatrixXcd>(h).eigenvalues();
  double z = 0;
  for (long k = 0; k < e.size(); ++k) z -= std::log(-std::expm1(-beta * (e(k) - mu)));
  return z;
}

}  // namespace

ManyBodySeries evolve_thermal(MPI_Comm comm, const ManyBodyReservoirs& r, const ThermalStart& st,
                              const std::vector<double>& times, Storage storage, double tol,
                              const std::vector<FermionOperator>& extra) {
  const int n = r.modes(), n1 = static_cast<int>(r.one_body.n1()), n2 = n - n1, cut = r.cutoff;
  const int top1 = cut > 0 ? n1 * cut : n1, top2 = cut > 0 ? n2 * cut : n2;  // largest reservoir sectors
  const size_t T = times.size(), X = extra.size();
  std::vector<double> acc_e1(T), acc_e2(T), acc_ei(T), acc_n1(T), acc_n(T), acc_w(T);
  std::vector<std::vector<double>> acc_x(X, std::vector<double>(T));
  ManyBodySeries out;
  const FermionOperator H = r.op(ManyBodyReservoirs::Part::total);
  const FermionOperator parts[3] = {r.op(ManyBodyReservoirs::Part::reservoir1),
                                    r.op(ManyBodyReservoirs::Part::reservoir2),
                                    r.op(ManyBodyReservoirs::Part::interaction)};
  const FermionOperator number1 = r.op(ManyBodyReservoirs::Part::number1);
  const int k_lo = st.particles >= 0 ? st.particles : 0, k_hi = st.particles >= 0 ? st.particles : r.max_particles();

  // Exact start: log-weights of every product of reservoir eigenstates, for the global maximum.
  std::vector<std::vector<ReservoirSector>> res(2);
  double log_max = -std::numeric_limits<double>::infinity(), kept = 0;  // kept: Σ weights / e^{log_max}
  if (!st.typicality) {
    for (int m = 0; m <= top1; ++m) res[0].push_back(reservoir_sector(parts[0], 0, n1, cut, m));
    for (int m = 0; m <= top2; ++m) res[1].push_back(reservoir_sector(parts[1], n1, n2, cut, m));
    for (int k = k_lo; k <= k_hi; ++k)
      for (int m1 = std::max(0, k - top2); m1 <= std::min(top1, k); ++m1) {
        const double e1 = res[0][m1].energies.minCoeff(), e2 = res[1][k - m1].energies.minCoeff();
        log_max = std::max(log_max, -st.beta1 * (e1 - st.mu1 * m1) - st.beta2 * (e2 - st.mu2 * (k - m1)));
      }
  }

  for (int k = k_lo; k <= k_hi; ++k) {
    const FockSector sector(n, cut, k);
    out.largest_sector = std::max<long>(out.largest_sector, sector.size());
    std::shared_ptr<operators::ShellGather> gather;
    parallel::Matrix A = sector.make(comm, H, storage, gather);
    parallel::Matrix O[4] = {sector.make(comm, parts[0], storage, gather), sector.make(comm, parts[1], storage, gather),
                             sector.make(comm, parts[2], storage, gather), sector.make(comm, number1, storage, gather)};
    std::vector<parallel::Matrix> OX;
    for (const auto& e : extra) OX.push_back(sector.make(comm, e, storage, gather));
    const KrylovExponential propagate(A, tol);
    parallel::Vector psi, next, work;
    QTHERM_PETSC(MatCreateVecs(A, psi.out(), next.out()));
    work = parallel::duplicate(psi);
    PetscInt lo = 0, hi = 0;
    QTHERM_PETSC(VecGetOwnershipRange(psi, &lo, &hi));

    // Evolves psi (weight w) through the output times and accumulates its expectations.
    auto run = [&](double w) {
      for (size_t j = 0; j < T; ++j) {
        if (j > 0 && times[j] > times[j - 1]) {
          propagate.apply(PetscScalar(0, -(times[j] - times[j - 1])), psi, next);
          QTHERM_PETSC(VecCopy(next, psi));
        }
        PetscReal norm = 0;
        QTHERM_PETSC(VecNorm(psi, NORM_2, &norm));
        acc_w[j] += w * norm * norm;
        acc_e1[j] += w * expect(O[0], psi, work);
        acc_e2[j] += w * expect(O[1], psi, work);
        acc_ei[j] += w * expect(O[2], psi, work);
        acc_n1[j] += w * expect(O[3], psi, work);
        acc_n[j] += w * k * norm * norm;
        for (size_t x = 0; x < X; ++x) acc_x[x][j] += w * expect(OX[x], psi, work);
      }
      ++out.evolved_states;
    };

    if (st.typicality) {
      const KrylovExponential boltzmann(sector.make(comm, r.thermal_exponent(st.beta1, st.mu1, st.beta2, st.mu2), storage, gather), tol);
      for (int s = 0; s < st.samples; ++s) {
        PetscScalar* a = nullptr;
        QTHERM_PETSC(VecGetArray(next, &a));
        for (PetscInt i = lo; i < hi; ++i)
          a[i - lo] = gaussian_draw(st.seed, std::uint64_t(s) * 1000003ULL + std::uint64_t(k), std::uint64_t(i));
        QTHERM_PETSC(VecRestoreArray(next, &a));
        boltzmann.apply(-0.5, next, psi);
        run(1.0);
      }
      continue;
    }
    // Reservoir 2 is the low n2 fields of the packed state word.
    const int low_bits = n2 * sector.field_bits();
    const BitString low_mask = low_bits >= 64 ? ~BitString(0) : (BitString(1) << low_bits) - 1;
    for (int m1 = std::max(0, k - top2); m1 <= std::min(top1, k); ++m1) {
      const ReservoirSector &a = res[0][m1], &b = res[1][k - m1];
      for (long ia = 0; ia < a.energies.size(); ++ia)
        for (long ib = 0; ib < b.energies.size(); ++ib) {
          const double lw = -st.beta1 * (a.energies(ia) - st.mu1 * m1) - st.beta2 * (b.energies(ib) - st.mu2 * (k - m1));
          const double w = std::exp(lw - log_max);
          if (w < 1e-16) continue;
          kept += w;
          PetscScalar* v = nullptr;
          QTHERM_PETSC(VecGetArray(psi, &v));
          for (PetscInt i = lo; i < hi; ++i) {
            const BitString s = sector.state(i), h = low_bits < 64 ? s >> low_bits : 0, l = s & low_mask;
            const bool in = sector.particles(h, n1) == m1;
            v[i - lo] = in ? a.vectors(a.basis.index(h), ia) * b.vectors(b.basis.index(l), ib) : PetscScalar(0);
          }
          QTHERM_PETSC(VecRestoreArray(psi, &v));
          run(w);
        }
    }
  }
  for (size_t j = 0; j < T; ++j) {
    const double z = acc_w[j];
    out.E1.push_back(acc_e1[j] / z);
    out.E2.push_back(acc_e2[j] / z);
    out.EI.push_back(acc_ei[j] / z);
    out.N1.push_back(acc_n1[j] / z);
    out.N.push_back(acc_n[j] / z);
  }
  out.extra.assign(X, {});
  for (size_t x = 0; x < X; ++x)
    for (size_t j = 0; j < T; ++j) out.extra[x].push_back(acc_x[x][j] / acc_w[j]);

  // What the cutoff cut from the Gibbs start (see ManyBodySeries::truncated_weight).
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (cut == 0 || (st.particles >= 0 && st.particles <= cut)) out.truncated_weight = 0;
  else if (st.particles >= 0 || st.typicality || r.U1 != 0 || r.U2 != 0) out.truncated_weight = nan;
  else {
    const double log_kept = log_max + std::log(kept);
    const double log_full = log_bose_partition(r.one_body.h1, st.beta1, st.mu1) +
                            log_bose_partition(r.one_body.h2, st.beta2, st.mu2);
    out.truncated_weight = std::max(0.0, -std::expm1(log_kept - log_full));
  }
  return out;
}

}  // namespace qtherm::dynamics
