// Seed 002, oscillator half, Fock route: the truncated master equation, matrix-free
// (operators/banded_liouvillian: full space or excitation-difference sector) or assembled, from the
// initial states of models/oscillator_fock; heat-flux integrals per accepted step.
#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>

#include "qtherm/base/check.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/dynamics/lindblad_evolution.hpp"
#include "qtherm/models/cascaded/cascaded_oscillators.hpp"
#include "qtherm/models/common/checkpoint.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/operators/banded_liouvillian.hpp"
#include "qtherm/operators/superoperator.hpp"
#include "qtherm/space/charge_sector.hpp"
#include "qtherm/thermo/release_times.hpp"
#include "qtherm/parallel/vector_ops.hpp"

namespace qtherm::models::cascaded {

using Eigen::MatrixXd;
using Eigen::VectorXd;
using io::Quantity;
using oscillators::cplx;

namespace {

// The truncated master equation as a monomial superoperator and, for liouvillian = assembled,
// through the operator layer's builders.
// rotating: the frame of H = ω(n1 + n2), exact because every dissipator and the cascade term are
// invariant under a_p → a_p e^{−iωt} for both modes at once: the Hamiltonian part drops out, L is
// real and its spectrum loses the ±iω(n − m) parts (fewer explicit steps). The moments are reported
// in this frame (the interaction picture of App. B); ⟨a†a⟩ is the same in both frames.
operators::BandedSuperOperator banded_liouvillian(const space::TensorSpace& hs, double w, double g, double N,
                                                  bool cascade) {
  using operators::Monomial;
  operators::BandedSuperOperator L(hs);
  const Monomial a1 = Monomial::local(hs, "a", 0), a2 = Monomial::local(hs, "a", 1);
  const Monomial c1 = a1.adjoint(), c2 = a2.adjoint();
  if (w != 0) L.add_hamiltonian(Monomial::local(hs, "n", 0), w).add_hamiltonian(Monomial::local(hs, "n", 1), w);
  for (const auto* ap : {&a1, &a2}) L.add_dissipator(*ap, g * (N + 1));
  if (N > 0)
    for (const auto* cp : {&c1, &c2}) L.add_dissipator(*cp, g * N);
  if (cascade) {
    L.add_cascade(a1, a2, g * (N + 1));
    if (N > 0) L.add_cascade(c1, c2, g * N);
  }
  return L;
}

operators::SuperOperator assembled_liouvillian(const space::TensorSpace& hs, double w, double g, double N,
                                               bool cascade) {
  using operators::OperatorSum;
  OperatorSum H(hs);
  H.add("n", 0, w).add("n", 1, w);
  operators::SuperOperator L = w != 0 ? operators::hamiltonian_part(H) : operators::SuperOperator(hs);
  const auto a1 = operators::local(hs, "a", 0), a2 = operators::local(hs, "a", 1);
  const auto c1 = operators::local(hs, "adag", 0), c2 = operators::local(hs, "adag", 1);
  L.add(operators::dissipator(a1, g * (N + 1))).add(operators::dissipator(a2, g * (N + 1)));
  if (N > 0) L.add(operators::dissipator(c1, g * N)).add(operators::dissipator(c2, g * N));
  if (cascade) {
    L.add(operators::cascade(a1, a2, g * (N + 1)));
    if (N > 0) L.add(operators::cascade(c1, c2, g * N));
  }
  return L;
}

// Collective: the effective bandwidth of one Liouvillian application (input read once, output
// written once: 32 bytes per unknown) against a triad w = x + a·y (48 bytes per unknown) on the same
// vectors, each the best of `reps` timed repetitions. For bench/cascaded_oscillators.
std::vector<std::pair<Quantity, double>> measure_bandwidth(MPI_Comm comm, Mat L, Vec x, int reps) {
  parallel::Vector y = parallel::duplicate(x), w = parallel::duplicate(x);
  parallel::copy(x, y);
  const PetscInt N = parallel::global_size(x);
  auto best = [&](const std::function<void()>& f) {
    double t = INFINITY;
    for (int k = 0; k < reps; ++k) {
      QTHERM_MPI(MPI_Barrier(comm));
      const double t0 = MPI_Wtime();
      f();
      QTHERM_MPI(MPI_Barrier(comm));
      t = std::min(t, MPI_Wtime() - t0);
    }
    return t;
  };
  const double tl = best([&] { parallel::apply(L, x, y); });
  const double tt = best([&] { parallel::assign_sum(w, 0.5, x, y); });
  const double bl = 32.0 * double(N) / tl / 1e9, bt = 48.0 * double(N) / tt / 1e9;
  return {{q("liouvillian_apply_seconds", "s", "",
             "wall time of one matrix-free or assembled Liouvillian application (best of 20)"),
           tl},
          {q("liouvillian_bandwidth", "GB/s", "",
             "effective bandwidth of one application: 32 bytes per Liouville unknown / time"),
           bl},
          {q("triad_bandwidth", "GB/s", "",
             "bandwidth of the triad w = 0.5 x + y on the same vectors: 48 bytes per unknown / time"),
           bt},
          {q("bandwidth_ratio", "1", "", "liouvillian_bandwidth / triad_bandwidth"), bl / bt}};
}

}  // namespace

// The local variance a and cross covariances (c13, c24) of a Gaussian initial state without mean
// (gaussian_initial's S), for FockState::gaussian.
TwoModeCovariance two_mode_covariance(const Params& prm) {
  const auto g = gaussian_initial(prm);
  return {g.S(0, 0), g.S(0, 2), g.S(1, 3)};
}

oscillators::FockState fock_initial(const Params& prm, long n) {
  const std::string& kind = prm.initial;
  const double ns = prm.N_s;
  if (kind == "thermal" || (kind == "squeezed_thermal" && phase_invariant(prm)))
    return {oscillators::thermal_mode(ns, n), oscillators::thermal_mode(ns, n)};
  if (kind == "correlated" && phase_invariant(prm)) return oscillators::FockState::correlated(ns, prm.c13, n);
  if (kind == "correlated" || kind == "squeezed_thermal") {
    const auto v = two_mode_covariance(prm);
    return oscillators::FockState::gaussian(v.a, v.c13, v.c24, n);
  }
  if (kind == "fock") {
    const auto& k = prm.fock;
    return {oscillators::fock_mode(long(k.at(0)), n), oscillators::fock_mode(long(k.at(1)), n)};
  }
  const auto a = alphas(prm);
  return {oscillators::coherent_mode(a.at(0), n), oscillators::coherent_mode(a.at(1), n)};
}

// Phase-invariant initial states (ρ[i, j] = 0 unless N(i) = N(j)) stay so under this generator:
// auto stores only those entries (O(n³) instead of n⁴); the others need the full space.
std::string liouvillian_kind(const Params& prm) {
  const std::string& k = prm.liouvillian;
  if (k != "auto") return k;
  return phase_invariant(prm) ? "sector" : "shell";
}

Routes run_fock(MPI_Comm comm, const Params& prm, const std::vector<double>& times, RunContext& context) {
  const std::string& label = context.label;
  const double w = prm.omega, g = prm.gamma, N = occupation(prm);
  const bool cascade = prm.cascade;
  const long n = prm.cutoff;
  const space::TensorSpace hs({PetscInt(n), PetscInt(n)});
  const bool rotating = prm.frame == "rotating";
  const double w_frame = rotating ? 0.0 : w;  // the frequency left in the simulated generator
  const std::string kind = liouvillian_kind(prm);
  const long max_exc = prm.max_excitations;
  std::unique_ptr<space::ChargeSectorLayout> sector;
  oscillators::Indexing where = oscillators::full_indexing(hs.dim());
  parallel::Matrix L;
  if (kind == "assembled")
    L = operators::assemble(comm, assembled_liouvillian(hs, w_frame, g, N, cascade));
  else if (kind == "shell")
    L = operators::make_shell_liouvillian(comm, banded_liouvillian(hs, w_frame, g, N, cascade));
  else {
    sector = std::make_unique<space::ChargeSectorLayout>(hs, 0, max_exc);
    const space::ChargeSectorLayout* lay = sector.get();
    where.index = [lay](PetscInt i, PetscInt j) { return lay->index(i, j); };
    where.entry = [lay](PetscInt r) {
      const PetscInt j = lay->column_of(r);
      return std::make_pair(lay->rows(j)[r - lay->column_begin(j)], j);
    };
    L = operators::make_sector_shell_liouvillian(comm, banded_liouvillian(hs, w_frame, g, N, cascade), *lay);
  }
  parallel::Vector rho = parallel::input_vector(L);
  const auto state = fock_initial(prm, n);
  // With a total-excitation cutoff the kept part is renormalized too.
  const double within = max_exc >= 0 ? state.weight_within(max_exc) : 1.0;
  state.fill(rho, where, 1 / within);
  const double initial_loss = 1 - (1 - state.lost()) * within;
  std::vector<std::pair<Quantity, double>> bandwidth;
  if (prm.bench_bandwidth) bandwidth = measure_bandwidth(comm, L, rho, 20);

  dynamics::EvolutionSettings es;
  es.atol = prm.stepper.atol;
  es.rtol = prm.stepper.rtol;
  es.initial_step = prm.stepper.initial_step;
  es.progress_interval = prm.time.progress_interval;
  es.label = label;
  std::string integrator = prm.integrator;
  // 5dp keeps ~16 vectors (≈ 260 B per unknown), 3bs ~11 (≈ 180 B): large runs take 3bs.
  const PetscInt unknowns = parallel::global_size(rho);
  if (integrator == "auto") integrator = double(unknowns) > 1e7 ? "3bs" : "5dp";
  es.rk_type = integrator;
  // Its currents' integrals use the cubic Hermite rule per accepted step, which needs RK's short steps.
  es.integrator = "rk";
  dynamics::LindbladEvolution evo(comm, L, es);

  // Currents: −tr(H L_k ρ) of the truncated generator actually solved (docs/physics.md, section
  // cascaded_oscillators), so that J1 + J2 + J12 = −dU/dt holds for it at any cutoff. The truncated
  // a_p† cannot raise level n − 1, and with a total cutoff M the sector storage drops what a_p† (and
  // the γN cascade term) raise from n1 + n2 = M: the local currents carry ωγN[n·P_p(n − 1) +
  // (M + 1)·edge_p] beyond ωγ(⟨n_p⟩ − N), the cascade current 2ωγN(M + 1) Re⟨a1†a2⟩_M beyond
  // 2ωγ Re⟨a1†a2⟩ (which uses only [n, a] = −a, kept by the truncation). Linear in ρ (N enters
  // through tr ρ), so the same formula on Lρ and L²ρ gives their exact first and second time
  // derivatives, and the two-point quintic Hermite rule integrates them per accepted step (O(h⁷);
  // two extra Liouvillian applications and two vectors).
  struct Flux {
    double J1, J2, J12;
  };
  const double edge_weight = max_exc >= 0 ? double(max_exc + 1) : 0.0;
  auto flux = [&](const oscillators::Moments& m) {
    double J[2];
    for (int p = 0; p < 2; ++p)
      J[p] = w * g * (m.ada[p][p].real() - N * m.trace) + w * g * N * (double(n) * m.top[p] + edge_weight * m.edge[p]);
    return Flux{J[0], J[1], 2 * w * g * (m.ada[0][1].real() + N * edge_weight * m.ada_edge.real())};
  };
  parallel::Vector d1 = parallel::duplicate(rho), d2 = parallel::duplicate(rho);
  // J' and J'' at the state x.
  auto derivatives = [&](Vec x) {
    parallel::apply(L, x, d1);
    parallel::apply(L, d1, d2);
    return std::make_pair(flux(oscillators::fock_moments(comm, d1, hs, where, max_exc)),
                          flux(oscillators::fock_moments(comm, d2, hs, where, max_exc)));
  };
  double t_prev = times.front(), Q[3] = {0, 0, 0};
  auto m0 = oscillators::fock_moments(comm, rho, hs, where, max_exc);
  Flux f_prev = flux(m0);
  auto d_prev = derivatives(rho);
  const double U0 = w * (m0.ada[0][0].real() + m0.ada[1][1].real());
  const double qinf = U0 - 2 * w * N;
  thermo::ReleaseTimes release(prm.release_percent, qinf);
  release.observe(t_prev, 0, f_prev.J1 + f_prev.J2 + f_prev.J12);
  const double tol = prm.truncation_tolerance;
  double worst_truncation = 0;
  bool warned = false;

  Routes r;
  r.values.assign(base_observables().size() + fock_only_observables().size(), {});
  // The loop's state for checkpoints: ρ, the evolution, the step rule's integrals and end-point
  // derivatives, the release tracker, the samples and the truncation monitor.
  Checkpoint ck(comm, context);
  ck.add("rho", rho);
  ck.add(evo);
  ck.add(
      "Q",
      [&] {
        return std::vector<double>{Q[0], Q[1], Q[2], t_prev};
      },
      [&](const std::vector<double>& v) { Q[0] = v.at(0), Q[1] = v.at(1), Q[2] = v.at(2), t_prev = v.at(3); });
  ck.add(
      "flux",
      [&] {
        return std::vector<double>{f_prev.J1,        f_prev.J2,        f_prev.J12,
                                   d_prev.first.J1,  d_prev.first.J2,  d_prev.first.J12,
                                   d_prev.second.J1, d_prev.second.J2, d_prev.second.J12};
      },
      [&](const std::vector<double>& v) {
        f_prev = {v.at(0), v.at(1), v.at(2)};
        d_prev = {Flux{v.at(3), v.at(4), v.at(5)}, Flux{v.at(6), v.at(7), v.at(8)}};
      });
  ck.add(
      "release", [&] { return release.save(); }, [&](const std::vector<double>& v) { release.restore(v); });
  ck.add("worst_truncation", worst_truncation);
  ck.add("warned", warned);
  ck.add("samples", r.values);
  ck.progress(times.front(), times.back(), "time");
  if (ck.restore(times.front()))
    print0(comm, label + ": resuming from t = " + format_number(ck.evolution_state()->t) + " (" +
                     context.checkpoint_path + ")");
  auto sample = [&](double t, Vec x, const std::vector<double>&) {
    auto m = oscillators::fock_moments(comm, x, hs, where, max_exc);
    // The covariances are those of the frame of H, as in App. B (Eq. B2 has no ω, and the Gaussian
    // route follows it): sampled as they are in the rotating frame, rotated there from the lab frame.
    // Only phase-sensitive moments (⟨a⟩, ⟨aa⟩: C11, C13 − C24) depend on this.
    if (!rotating) {
      const cplx ph = std::exp(cplx(0, w * t));
      for (int p = 0; p < 2; ++p) {
        m.a[p] *= ph;
        for (int q2 = 0; q2 < 2; ++q2) m.aa[p][q2] *= ph * ph;
      }
    }
    MatrixXd S;
    VectorXd mean;
    oscillators::quadrature_moments(m, S, mean);
    auto v = derive(w, g, N, S, mean, MatrixXd::Zero(4, 4), 0, U0);
    // The currents of the truncated generator replace derive's untruncated ones; the integrals come
    // from the step rule (S_integral is not available on this route).
    const Flux f = flux(m);
    v[3] = f.J1, v[4] = f.J2, v[5] = f.J12, v[6] = f.J2 + f.J12, v[7] = f.J1 + f.J2 + f.J12;
    v[8] = Q[0], v[9] = Q[1], v[10] = Q[2], v[11] = Q[0] + Q[1] + Q[2];
    v[kEnergyBalance] = v[2] - U0 + v[11];
    const double trunc = std::max({m.top[0], m.top[1], m.top_total});
    worst_truncation = std::max(worst_truncation, trunc);
    if (trunc > tol && !warned) {
      warned = true;
      warn0(comm, "truncation: population " + format_number(trunc) + " in the highest retained level at t = " +
                      format_number(t) + " exceeds [model] truncation_tolerance; raise [model] cutoff");
    }
    v.push_back(trunc);
    v.push_back(std::abs(m.trace - 1));
    for (size_t k = 0; k < v.size(); ++k) r.values[k].push_back(v[k]);
  };
  auto on_step = [&](double t, Vec x, const std::vector<double>&, const std::vector<double>&) {
    const Flux f = flux(oscillators::fock_moments(comm, x, hs, where, max_exc));
    const auto dn = derivatives(x);
    const double h = t - t_prev;
    const double a[3] = {f_prev.J1, f_prev.J2, f_prev.J12}, b[3] = {f.J1, f.J2, f.J12};
    const double da[3] = {d_prev.first.J1, d_prev.first.J2, d_prev.first.J12};
    const double db[3] = {dn.first.J1, dn.first.J2, dn.first.J12};
    const double dda[3] = {d_prev.second.J1, d_prev.second.J2, d_prev.second.J12};
    const double ddb[3] = {dn.second.J1, dn.second.J2, dn.second.J12};
    for (int k = 0; k < 3; ++k)
      Q[k] += h / 2 * (a[k] + b[k]) + h * h / 10 * (da[k] - db[k]) + h * h * h / 120 * (dda[k] + ddb[k]);
    release.observe(t, Q[0] + Q[1] + Q[2], f.J1 + f.J2 + f.J12);
    f_prev = f, d_prev = dn, t_prev = t;
    return ck.at(t);
  };
  if (!evo.evolve(rho, times, sample, on_step, ck.evolution_state())) return r;
  r.scalars.push_back({q("Q_infinity", "energy", "> 0: energy released into the reservoir",
                         "U(0) - U(infinity), U(infinity) = 2 omega N"),
                       qinf});
  const auto& pct = release.percents();
  for (size_t k = 0; k < pct.size(); ++k) {
    r.scalars.push_back(
        {q(release_name(pct[k]), "time", "", "release time: Q_total(tau) = p% of Q_infinity (NaN if not reached)"),
         release.times()[k]});
  }
  r.scalars.push_back({q("steps", "1", "", "accepted time steps (Fock route)"), double(evo.state().steps)});
  r.scalars.push_back({q("initial_truncation_loss", "1", "",
                         "weight of the initial state beyond the cutoff (removed, then renormalized)"),
                       initial_loss});
  r.scalars.push_back(
      {q("truncation_max", "1", "", "largest value of the truncation observable over the samples"), worst_truncation});
  for (auto& b : bandwidth) r.scalars.push_back(b);
  return r;
}

}  // namespace qtherm::models::cascaded
