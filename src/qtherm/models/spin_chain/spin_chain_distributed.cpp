// Distributed route of the spin-chain erasure model. States live on the full 2^(N+1) bit-string
// space (S = most significant bit), split over the ranks by PETSc. An environment vector φ (an
// eigenvector of H_E weighted by e^{−βE/2}, or a random |r> evolved in imaginary time) gives
//   a = |1>⊗φ, b = |0>⊗φ;   ψ_j = U(t)(|s_j>⊗φ) for the eigenvectors s_j of ρ_S;   χ_s = U(t)†(|s>⊗φ)
// and the numerators  den = <φ|φ>,  tr[H_E ρ_E(t)]·den = Σ_j λ_j <ψ_j|H_E|ψ_j>,
// ρ_S(t)·den = Σ_j λ_j tr_E|ψ_j><ψ_j|,  M(t)·den = Σ_s tr_E|χ_s><χ_s| (M evolved backwards, Eq. 7).
// Exact: sums over all eigenvectors; typicality: averages over random |r> (E|r_e|² = 1).
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/dynamics/krylov.hpp"
#include "qtherm/models/common/checkpoint.hpp"
#include "qtherm/models/spin_chain/spin_chain.hpp"
#include "qtherm/parallel/vec_array.hpp"
#include "qtherm/parallel/vector_ops.hpp"

namespace qtherm::models::spin_chain {
namespace {

using cplx = std::complex<double>;
using space::BitBasis;

// Counter-based generator: the entry of (seed, sample, index) never depends on who draws it.
std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
double uniform01(std::uint64_t bits) { return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53; }

// Complex Gaussian with E|r|² = 1.
cplx gaussian(unsigned long seed, long sample, std::uint64_t index) {
  const std::uint64_t k = splitmix(splitmix(splitmix(seed) ^ static_cast<std::uint64_t>(sample)) ^ index);
  const double u1 = uniform01(splitmix(k ^ 0x1234567ull)), u2 = uniform01(splitmix(k ^ 0x89ABCDEull));
  const double rad = std::sqrt(-std::log(u1)), ang = 2 * M_PI * u2;  // |r|² ~ Exp(1)
  return {rad * std::cos(ang), rad * std::sin(ang)};
}

struct Operators {
  parallel::Matrix H, HE, sx, sy, sz;
};

parallel::Matrix build(MPI_Comm comm, const operators::PauliSum& O, const BitBasis& basis, bool shell) {
  return shell ? operators::assemble_shell(comm, O, basis) : operators::assemble(comm, O, basis);
}

// tr_E |x><x| in the seed's basis {|1>, |0>}, from the Bloch components of S.
Eigen::Matrix2cd reduced(const Operators& op, Vec x, Vec work) {
  const PetscReal n = parallel::norm(x);
  const double sx = parallel::real_expectation(op.sx, x, work), sy = parallel::real_expectation(op.sy, x, work),
               sz = parallel::real_expectation(op.sz, x, work);  // collective: one after another
  return from_bloch(n * n, sx, sy, sz);
}

// Keeps the half of x where S is up (up = true) or down.
void keep_half(Vec x, bool up, std::int64_t half) {
  const auto [lo, hi] = parallel::ownership(x);
  const parallel::ReadWriteArray v(x);
  for (PetscInt g = lo; g < hi; ++g)
    if ((g >= half) != up) v[g - lo] = 0;
}

struct Unit {
  double den = 0;
  std::vector<Snapshot> num;
};

Unit run_unit(const Params& p, const Operators& op, dynamics::KrylovExponential& U, Vec both,
              const std::vector<double>& times, Vec work) {
  const std::int64_t half = std::int64_t(1) << p.N;
  parallel::Vector a = parallel::duplicate(both), b = parallel::duplicate(both);
  parallel::copy(both, a);
  parallel::copy(both, b);
  keep_half(a, true, half);
  keep_half(b, false, half);
  Unit u;
  const PetscReal na = parallel::norm(a);
  u.den = na * na;
  const double h0 = parallel::real_expectation(op.HE, a, work);

  Eigen::SelfAdjointEigenSolver<Eigen::Matrix2cd> es(p.rho_S);
  std::vector<parallel::Vector> psi;
  std::vector<double> lam;
  for (int j = 0; j < 2; ++j) {
    if (es.eigenvalues()(j) <= 1e-15) continue;
    parallel::Vector x = parallel::duplicate(both);
    parallel::add_scaled(x, es.eigenvectors()(0, j), a);  // s_j[0] |1>⊗φ + s_j[1] |0>⊗φ
    parallel::add_scaled(x, es.eigenvectors()(1, j), b);
    psi.push_back(std::move(x));
    lam.push_back(es.eigenvalues()(j));
  }
  double lam_sum = 0;
  for (double l : lam) lam_sum += l;
  double t_prev = 0;
  for (const double t : times) {
    const double dt = t - t_prev;
    t_prev = t;
    if (dt != 0) {
      for (auto& x : psi) U.apply_in_place(cplx(0, -dt), x);
      U.apply_in_place(cplx(0, dt), a);
      U.apply_in_place(cplx(0, dt), b);
    }
    Snapshot s;
    s.rho_S.setZero();
    double h = 0;
    for (size_t j = 0; j < psi.size(); ++j) {
      h += lam[j] * parallel::real_expectation(op.HE, psi[j], work);
      s.rho_S += lam[j] * reduced(op, psi[j], work);
    }
    s.heat = h - h0 * lam_sum;
    s.M = reduced(op, a, work) + reduced(op, b, work);
    u.num.push_back(s);
  }
  return u;
}

void accumulate(Unit& total, const Unit& u, double sign = 1) {
  if (total.num.empty()) {
    total = u;
    if (sign < 0) throw std::logic_error("accumulate: subtracting from nothing");
    return;
  }
  total.den += sign * u.den;
  for (size_t k = 0; k < u.num.size(); ++k) {
    total.num[k].heat += sign * u.num[k].heat;
    total.num[k].rho_S += sign * u.num[k].rho_S;
    total.num[k].M += sign * u.num[k].M;
  }
}

// A unit as reals, for checkpoints: den, then per time heat, phi, rho_S and M (entries as re, im).
void flatten(const Unit& u, std::vector<double>& out) {
  out.push_back(u.den);
  out.push_back(double(u.num.size()));
  for (const auto& s : u.num) {
    out.insert(out.end(), {s.heat, s.phi});
    for (const auto* m : {&s.rho_S, &s.M})
      for (int k = 0; k < 4; ++k) out.insert(out.end(), {m->data()[k].real(), m->data()[k].imag()});
  }
}

Unit unflatten(const std::vector<double>& in, size_t& at) {
  Unit u;
  u.den = in.at(at++);
  u.num.resize(size_t(in.at(at++)));
  for (auto& s : u.num) {
    s.heat = in.at(at++), s.phi = in.at(at++);
    for (auto* m : {&s.rho_S, &s.M})
      for (int k = 0; k < 4; ++k, at += 2) m->data()[k] = {in.at(at), in.at(at + 1)};
  }
  return u;
}

std::vector<Snapshot> ratio(const Unit& u) {
  std::vector<Snapshot> out = u.num;
  for (auto& s : out) {
    s.heat /= u.den;
    s.rho_S /= u.den;
    s.M /= u.den;
  }
  return out;
}

}  // namespace

DistributedResult distributed_route(MPI_Comm comm, const Params& p, const std::vector<double>& times,
                                    const DistributedOptions& o) {
  const BitBasis basis = BitBasis::full(p.N + 1);
  Operators op;
  op.H = build(comm, total_hamiltonian(p), basis, o.shell);
  op.HE = build(comm, environment_on_joint(p), basis, o.shell);
  const std::vector<std::pair<parallel::Matrix*, char>> bloch{{&op.sx, 'x'}, {&op.sy, 'y'}, {&op.sz, 'z'}};
  for (const auto& [m, c] : bloch) {
    operators::PauliSum s(p.N + 1);
    s.add(1.0, {{0, c}});
    *m = build(comm, s, basis, o.shell);
  }
  parallel::Vector both, work;
  parallel::make_vectors(op.H, both, work);
  dynamics::KrylovExponential U(op.H, o.mfn_tol, 0);
  const std::int64_t dE = std::int64_t(1) << p.N;
  const auto [lo, hi] = parallel::ownership(both);

  DistributedResult result;
  // Checkpoints after each finished unit: how many, their running sum, and (typicality) each one.
  RunContext none;
  Checkpoint ck(comm, o.context ? *o.context : none, 1);
  long done = 0;
  Unit total;
  std::vector<Unit> units;
  ck.add("units_done", done);
  ck.add(
      "total",
      [&] {
        std::vector<double> v{total.num.empty() ? 0.0 : 1.0};
        if (!total.num.empty()) flatten(total, v);
        return v;
      },
      [&](const std::vector<double>& v) {
        size_t at = 1;
        total = v.at(0) != 0 ? unflatten(v, at) : Unit{};
      });
  ck.add(
      "units",
      [&] {
        std::vector<double> v;
        for (const auto& u : units) flatten(u, v);
        return v;
      },
      [&](const std::vector<double>& v) {
        units.clear();
        for (size_t at = 0; at < v.size();) units.push_back(unflatten(v, at));
      });
  const long n_units = o.typicality ? o.samples : long(dE);
  ck.progress(0, double(n_units), o.typicality ? "samples" : "eigenvectors");
  if (ck.restore(0, [&] { return double(done); })) {
    print0(comm, (o.context ? o.context->label : std::string("spin chain")) + ": resuming after " +
                     std::to_string(done) + " of " + std::to_string(n_units) +
                     (o.typicality ? " samples" : " eigenvectors"));
    if (o.progress) o.progress(done);
  }
  if (!o.typicality) {
    // ρ_E = Σ_m e^{−βE_m} |w_m><w_m| / Z from a dense diagonalisation (identical on every rank).
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> es(dense_matrix(environment_only(p)));
    const double E0 = es.eigenvalues().minCoeff();
    for (std::int64_t m = done; m < dE; ++m) {
      const double w = std::exp(-p.beta * (es.eigenvalues()(m) - E0) / 2);
      {
        const parallel::ReadWriteArray v(both);
        for (PetscInt g = lo; g < hi; ++g) v[g - lo] = w * es.eigenvectors()(g % dE, m);
      }
      accumulate(total, run_unit(p, op, U, both, times, work));
      if (o.progress) o.progress(m + 1);
      done = m + 1;
      if (ck.at_unit(double(done))) return result;
    }
    result.mean = ratio(total);
    return result;
  }

  // Imaginary time with H_E − E0 (E0 its lowest eigenvalue, SLEPc EPS): e^{−β(H_E − E0)/2} has norm 1,
  // so large β·N cannot overflow; the constant factor cancels in every ratio.
  operators::PauliSum shifted = environment_on_joint(p);
  if (p.beta != 0) shifted.add(-dynamics::lowest_eigenvalue(op.HE, 1e-6), {});  // a shift: no need for more digits
  const parallel::Matrix HEs = build(comm, shifted, basis, o.shell);
  for (long r = done; r < o.samples; ++r) {
    {
      const parallel::ReadWriteArray v(both);
      for (PetscInt g = lo; g < hi; ++g) v[g - lo] = gaussian(o.seed, r, static_cast<std::uint64_t>(g % dE));
    }
    if (p.beta != 0) {
      // Its own MFN, released before the real-time evolution: one Krylov basis alive at a time.
      dynamics::KrylovExponential thermal(HEs, o.mfn_tol, 0);
      thermal.apply_in_place(-p.beta / 2, both);
    }
    units.push_back(run_unit(p, op, U, both, times, work));
    accumulate(total, units.back());
    if (o.progress) o.progress(r + 1);
    done = r + 1;
    if (ck.at_unit(double(done))) return result;
  }
  result.mean = ratio(total);
  if (o.samples > 1)
    for (const auto& u : units) {
      Unit loo = total;
      accumulate(loo, u, -1);
      result.jackknife.push_back(ratio(loo));
    }
  return result;
}

}  // namespace qtherm::models::spin_chain
