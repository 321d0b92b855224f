#include "qtherm/dynamics/many_body_reservoirs.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <functional>
#include <limits>

#include "qtherm/dynamics/krylov.hpp"
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

namespace {

// Matrix-free operators of one sector share one gathered input (memory: one vector per rank).
parallel::Matrix make_operator(MPI_Comm comm, const BitBasis& sector, const FermionOperator& op, Storage s,
                               std::shared_ptr<operators::ShellGather>& gather) {
  if (s == Storage::assembled) return operators::assemble_fermion(comm, sector, op);
  if (!gather) gather = operators::shell_gather(comm, sector);
  return operators::shell_fermion(comm, sector, op, gather);
}

double expect(Mat O, Vec psi, Vec work) {
  QTHERM_PETSC(MatMult(O, psi, work));
  PetscScalar v;
  QTHERM_PETSC(VecDot(work, psi, &v));  // psi^H O psi
  return PetscRealPart(v);
}

// Eigenpairs of reservoir X's Hamiltonian in its own n-particle sector (dense, small).
struct ReservoirSector {
  BitBasis basis;
  Eigen::VectorXd energies;
  MatrixXcd vectors;
};

ReservoirSector reservoir_sector(const FermionOperator& full, long first, long n_modes, int particles) {
  FermionOperator o{full.hopping.block(first, first, n_modes, n_modes), full.density.block(first, first, n_modes, n_modes)};
  ReservoirSector rs{BitBasis::sector(static_cast<int>(n_modes), particles), {}, {}};
  Eigen::SelfAdjointEigenSolver<MatrixXcd> es(operators::dense_fermion(rs.basis, o));
  rs.energies = es.eigenvalues();
  rs.vectors = es.eigenvectors();
  return rs;
}

}  // namespace

ManyBodySeries evolve_thermal(MPI_Comm comm, const ManyBodyReservoirs& r, const ThermalStart& st,
                              const std::vector<double>& times, Storage storage, double tol) {
  const int n = r.modes(), n1 = static_cast<int>(r.one_body.n1()), n2 = n - n1;
  const size_t T = times.size();
  std::vector<double> acc_e1(T), acc_e2(T), acc_ei(T), acc_n1(T), acc_n(T), acc_w(T);
  ManyBodySeries out;
  const FermionOperator H = r.op(ManyBodyReservoirs::Part::total);
  const FermionOperator parts[3] = {r.op(ManyBodyReservoirs::Part::reservoir1),
                                    r.op(ManyBodyReservoirs::Part::reservoir2),
                                    r.op(ManyBodyReservoirs::Part::interaction)};
  const FermionOperator number1 = r.op(ManyBodyReservoirs::Part::number1);
  const int k_lo = st.particles >= 0 ? st.particles : 0, k_hi = st.particles >= 0 ? st.particles : n;

  // Exact start: log-weights of every product of reservoir eigenstates, for the global maximum.
  std::vector<std::vector<ReservoirSector>> res(2);
  double log_max = -std::numeric_limits<double>::infinity();
  if (!st.typicality) {
    for (int m = 0; m <= n1; ++m) res[0].push_back(reservoir_sector(parts[0], 0, n1, m));
    for (int m = 0; m <= n2; ++m) res[1].push_back(reservoir_sector(parts[1], n1, n2, m));
    for (int k = k_lo; k <= k_hi; ++k)
      for (int m1 = std::max(0, k - n2); m1 <= std::min(n1, k); ++m1) {
        const double e1 = res[0][m1].energies.minCoeff(), e2 = res[1][k - m1].energies.minCoeff();
        log_max = std::max(log_max, -st.beta1 * (e1 - st.mu1 * m1) - st.beta2 * (e2 - st.mu2 * (k - m1)));
      }
  }

  for (int k = k_lo; k <= k_hi; ++k) {
    const BitBasis sector = BitBasis::sector(n, k);
    out.largest_sector = std::max<long>(out.largest_sector, sector.size());
    std::shared_ptr<operators::ShellGather> gather;
    parallel::Matrix A = make_operator(comm, sector, H, storage, gather);
    parallel::Matrix O[4] = {make_operator(comm, sector, parts[0], storage, gather),
                             make_operator(comm, sector, parts[1], storage, gather),
                             make_operator(comm, sector, parts[2], storage, gather),
                             make_operator(comm, sector, number1, storage, gather)};
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
      }
      ++out.evolved_states;
    };

    if (st.typicality) {
      const KrylovExponential boltzmann(make_operator(comm, sector, r.thermal_exponent(st.beta1, st.mu1, st.beta2, st.mu2), storage, gather), tol);
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
    for (int m1 = std::max(0, k - n2); m1 <= std::min(n1, k); ++m1) {
      const ReservoirSector &a = res[0][m1], &b = res[1][k - m1];
      const BitString low_mask = (BitString(1) << n2) - 1;
      for (long ia = 0; ia < a.energies.size(); ++ia)
        for (long ib = 0; ib < b.energies.size(); ++ib) {
          const double lw = -st.beta1 * (a.energies(ia) - st.mu1 * m1) - st.beta2 * (b.energies(ib) - st.mu2 * (k - m1));
          const double w = std::exp(lw - log_max);
          if (w < 1e-16) continue;
          PetscScalar* v = nullptr;
          QTHERM_PETSC(VecGetArray(psi, &v));
          for (PetscInt i = lo; i < hi; ++i) {
            const BitString s = sector.state(i), h = n2 < 64 ? s >> n2 : 0, l = s & low_mask;
            const bool in = __builtin_popcountll(h) == m1;
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
  return out;
}

}  // namespace qtherm::dynamics
