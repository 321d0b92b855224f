// The open-system pipeline of one run: setup, evolution with sampling, checkpoints and resume,
// and the record. Declared in open_system.hpp (run_open_system).
#include <algorithm>
#include <cmath>
#include <mpi.h>
#include <optional>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/base/memory.hpp"
#include "qtherm/dynamics/counting_statistics.hpp"
#include "qtherm/dynamics/invariants.hpp"
#include "qtherm/dynamics/liouvillian_spectrum.hpp"
#include "qtherm/space/vectorize.hpp"
#include "qtherm/dynamics/steady_state.hpp"
#include "qtherm/info/entropy.hpp"
#include "qtherm/models/common/checkpoint.hpp"
#include "qtherm/models/common/open_system.hpp"
#include "qtherm/models/common/open_system_counting.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/operators/column_liouvillian.hpp"
#include "qtherm/operators/expectations.hpp"
#include "qtherm/operators/liouvillian_parts.hpp"
#include "qtherm/space/partial_trace.hpp"
#include "qtherm/thermo/heat.hpp"
#include "qtherm/thermo/release_times.hpp"
#include "qtherm/parallel/vector_ops.hpp"

namespace qtherm::models {
namespace {

// Wall seconds of the parts of a run outside the evolution (this process).
struct RunTimes {
  double setup = 0, steady = 0, periodic = 0, samples = 0;
};

class OpenSystemRun {
 public:
  OpenSystemRun(MPI_Comm comm, const OpenSystem& sys, const OpenSystemSettings& set, RunContext& ctx,
                const std::vector<DenseObservable>& dense, const std::vector<DenseObservable>& steady)
      : comm_(comm),
        sys_(sys),
        set_(set),
        ctx_(ctx),
        dense_(dense),
        steady_(steady),
        lspace_(sys.space),
        L_(operators::hamiltonian_part(sys.generator_H ? *sys.generator_H : sys.H)),
        release_(set.release_percents, std::nan("")) {
    for (const auto& ch : sys_.channels)
      if (!ch.rate) L_.add(ch.dissipator);  // a rate of t is a part of its own (driven_parts)
  }

  io::RunRecord run();

 private:
  void declare_series();
  void solve_steady_state();
  void solve_periodic_state(const dynamics::TimeDependence& td, const operators::LiouvillianParts& parts);
  void solve_spectrum();
  void solve_counting();
  const dynamics::EigenbasisPreconditioner* eigenbasis();
  parallel::Matrix make_operator(const operators::SuperOperator& S) const;
  void sample(double t, Vec x, const std::vector<double>& Qk);
  dynamics::TimeDependence driven_parts(const operators::LiouvillianParts& fixed);
  double rate(size_t channel, double t) const;
  double energy(const std::vector<PetscScalar>& values, double t) const;
  void sample_entropy(double t, Vec x, const Eigen::MatrixXcd& rho, const std::vector<double>& J,
                      const std::vector<double>& Qk, double& sigma, double& rate);
  bool on_step(double t, const std::vector<double>& Qk, const std::vector<double>& Jk);
  void warn_once(bool& done, bool bad, const std::string& what);
  void declare_checkpoint();
  size_t column(const std::string& name) const;
  void finish_scalars();
  void print_summary(double seconds) const;

  MPI_Comm comm_;
  const OpenSystem& sys_;
  const OpenSystemSettings& set_;
  RunContext& ctx_;
  const std::vector<DenseObservable>& dense_;
  const std::vector<DenseObservable>& steady_;
  space::LiouvilleSpace lspace_;
  operators::SuperOperator L_;
  parallel::Matrix Lmat_;
  parallel::Vector rho_, rho_ss_;
  int kernel_dimension_ = -1;
  // Evaluated together at every sample: H, then sys_.expectations, then each channel's heat current.
  operators::Expectations sampled_;
  size_t n_expect_ = 0, n_heat_ = 0;
  double energy(Vec x, double t = 0) const { return energy(sampled_.evaluate(x), t); }
  // A driven system's fixed parts (kept alive for the evolution): −i[H_k, ·] of each drive, then the
  // per-unit-rate dissipator of each channel whose rate depends on t; with their grouped forms, and
  // either one operator each (assembled route) or L(t) as one fused shell (matrix-free route).
  bool driven_ = false;
  std::vector<operators::SuperOperator> part_ops_;
  std::vector<std::unique_ptr<operators::LiouvillianParts>> part_groups_;
  std::vector<parallel::Matrix> part_mats_;
  parallel::Matrix fused_;
  double S0_ = 0;
  RunTimes times_;
  std::vector<info::MeasureSpec> measures_;
  std::vector<long> dims_;
  double U0_ = 0, q_inf_ = std::nan("");
  io::RunRecord rec_;
  std::vector<io::Series> series_;
  std::vector<io::Series> counting_series_;  // [fcs] finite_time, lambda
  // The steady state's and the cumulants' preconditioner, made once when first needed.
  std::unique_ptr<dynamics::EigenbasisPreconditioner> eigenbasis_;
  std::vector<std::complex<double>> states_;  // dense ρ per sample, column-major, when stored
  thermo::ReleaseTimes release_;
  std::unique_ptr<dynamics::LindbladEvolution> evolution_;
  std::unique_ptr<dynamics::InvariantMonitor> invariants_;
  bool warned_trace_ = false, warned_herm_ = false, warned_eig_ = false, warned_balance_ = false, warned_sigma_ = false;
  std::unique_ptr<Checkpoint> checkpoint_;
};

size_t OpenSystemRun::column(const std::string& name) const {
  for (size_t k = 0; k < series_.size(); ++k)
    if (series_[k].what.name == name) return k;
  throw Error("no observable " + name);
}

void OpenSystemRun::declare_series() {
  // A fixed order: expectations, channel currents, sums, totals, heat integrals, integrated
  // expectations, dense observables,
  // measures, monitors.
  for (const auto& [what, O] : sys_.expectations) series_.push_back({what, {}});
  for (const auto& ch : sys_.channels) series_.push_back({ch.heat, {}});
  for (const auto& [what, names] : sys_.current_sums) series_.push_back({what, {}});
  series_.push_back({open_system_quantity("U"), {}});
  series_.push_back({open_system_quantity("J_total"), {}});
  for (const auto& ch : sys_.channels)
    series_.push_back(
        {io::Quantity{"Q_" + ch.heat.name, "energy", ch.heat.sign, "time integral of " + ch.heat.name}, {}});
  series_.push_back({open_system_quantity("Q_total"), {}});
  for (const auto& [what, O] : sys_.integrated) series_.push_back({what, {}});
  if (driven_)
    for (const auto& what : driven_observables()) series_.push_back({what, {}});
  for (const auto& d : dense_) series_.push_back({d.what, {}});
  if (sys_.has_betas())
    for (const auto& what : entropy_observables()) series_.push_back({what, {}});
  for (const auto& m : set_.measures) {
    measures_.push_back(info::parse_measure(m, dims_));
    series_.push_back({measure_quantity(measures_.back()), {}});
  }
  for (const char* n : {"energy_balance_error", "trace_error", "hermiticity_error", "min_eigenvalue"})
    series_.push_back({open_system_quantity(n), {}});
}

void OpenSystemRun::solve_steady_state() {
  // Unique for most generators; a degenerate kernel (e.g. an undamped party) is reported, never answered
  // with an arbitrary element of it, and Q(∞) is then taken from the final state when that is stationary.
  dynamics::SteadyStateInfo info;
  auto kernel_scalars = [&](const dynamics::SteadyStateInfo& i) {
    rec_.scalars.push_back({open_system_quantity("steady_kernel_dimension"), double(i.kernel_dimension)});
    rec_.scalars.push_back({open_system_quantity("steady_next_eigenvalue"), i.next_eigenvalue});
  };
  try {
    rho_ss_ = dynamics::steady_state(
        Lmat_, [&] { return operators::assemble(comm_, L_); }, sys_.space.dim(), set_.steady, &info,
        [&] { return eigenbasis(); });
  } catch (const dynamics::NotUnique& e) {
    kernel_scalars(e.info);
    warn0(comm_, std::string(e.what()) + "; Q_infinity comes from the final state if it is stationary");
    return;
  } catch (const Error& e) {
    warn0(comm_,
          std::string("no steady state (") + e.what() + "); Q_infinity comes from the final state if it is stationary");
    return;
  }
  print0(comm_,
         ctx_.label + ": steady state by " + info.solver + " (" + std::to_string(info.iterations) +
             " iterations), ||L rho_ss|| = " + format_number(info.residual_norm, 3) +
             (info.kernel_dimension >= 0 ? ", kernel dimension " + std::to_string(info.kernel_dimension) +
                                               ", nearest nonzero |lambda| " + format_number(info.next_eigenvalue, 4)
                                         : std::string(", kernel dimension not determined")));
  kernel_scalars(info);
  kernel_dimension_ = info.kernel_dimension;
  const double U_ss = energy(rho_ss_);
  q_inf_ = U0_ - U_ss;
  rec_.scalars.push_back({open_system_quantity("U_steady"), U_ss});
  rec_.scalars.push_back({open_system_quantity("steady_residual"), info.residual_norm});
  if (!steady_.empty()) {
    const Eigen::MatrixXcd dense = space::gather_density_matrix(rho_ss_, lspace_);
    for (const auto& d : steady_) rec_.scalars.push_back({d.what, d.value(INFINITY, dense)});
  }
}

parallel::Matrix OpenSystemRun::make_operator(const operators::SuperOperator& S) const {
  return parallel::is_shell(Lmat_) ? operators::make_column_liouvillian(comm_, S) : operators::assemble(comm_, S);
}

void OpenSystemRun::solve_spectrum() {
  const int want = set_.spectrum_eigenvalues;
  const double unknowns = double(lspace_.dim());
  const bool si = set_.spectrum_method == "shift_invert" ||
                  (set_.spectrum_method == "auto" && unknowns <= set_.steady.direct_max_unknowns);
  const bool shell = parallel::is_shell(Lmat_);
  const parallel::Matrix assembled = si && shell ? operators::assemble(comm_, L_) : parallel::Matrix();
  Mat A = si && shell ? assembled.get() : Lmat_.get();
  const double scale = dynamics::diagonal_scale(A), kernel_tol = 1e-8 * scale;
  // The kernel's eigenvalues come first: ask for them too (at least one).
  const int kernel = std::max(1, kernel_dimension_);
  const int count = int(std::min<double>(want + kernel, unknowns));
  const auto e = dynamics::rightmost_eigenvalues(A, count, si, 1e-3 * scale, "spectrum_");
  std::vector<PetscScalar> below;
  for (auto v : e.values)
    if (std::abs(v) > kernel_tol) below.push_back(v);
  auto add = [&](const std::string& name, const std::string& pattern, double value) {
    io::Quantity what = open_system_quantity(pattern);
    what.name = name;
    rec_.scalars.push_back({what, value});
  };
  const double gap = below.empty() ? std::nan("") : -PetscRealPart(below.front());
  add("spectral_gap", "spectral_gap", gap);
  add("relaxation_time", "relaxation_time", 1.0 / gap);
  for (int k = 0; k < want; ++k) {
    const bool have = k < int(below.size());
    add("eigenvalue_" + std::to_string(k + 1) + "_re", "eigenvalue_<k>_re",
        have ? PetscRealPart(below[k]) : std::nan(""));
    add("eigenvalue_" + std::to_string(k + 1) + "_im", "eigenvalue_<k>_im",
        have ? PetscImaginaryPart(below[k]) : std::nan(""));
  }
  print0(comm_, ctx_.label + ": spectrum by " + (si ? "shift-and-invert" : "Krylov-Schur on L") + ": gap " +
                    format_number(gap, 6) + ", relaxation time " + format_number(1.0 / gap, 6));
}

const dynamics::EigenbasisPreconditioner* OpenSystemRun::eigenbasis() {
  if (!eigenbasis_)  // it diagonalises the generator's Hamiltonian part
    eigenbasis_ =
        std::make_unique<dynamics::EigenbasisPreconditioner>(comm_, sys_.generator_H ? *sys_.generator_H : sys_.H, L_);
  return eigenbasis_.get();
}

void OpenSystemRun::solve_counting() {
  if (!rho_ss_) {
    warn0(comm_, "[fcs]: no unique steady state, so no counting statistics");
    return;
  }
  const auto counted = counted_jumps(sys_, set_);
  double entropy = 0;
  for (size_t k = 0; k < counted.size(); ++k) {
    const double beta = set_.counted[k].beta;
    if (!std::isnan(beta)) {
      const auto J = make_operator(counted[k].jump);
      auto w = parallel::duplicate(rho_ss_);
      parallel::apply(J, rho_ss_, w);
      entropy += beta * counted[k].weight * PetscRealPart(dynamics::liouville_trace(w, sys_.space.dim()));
    } else {
      entropy = std::nan("");
    }
  }
  const auto make = [&](const operators::SuperOperator& S) { return make_operator(S); };
  // The cumulant solves are the steady state's (GMRES on the bordered L), with its preconditioner.
  const dynamics::EigenbasisPreconditioner* pc =
      dynamics::resolve_steady_preconditioner(set_.steady, double(sys_.space.dim()), true) == "eigenbasis"
          ? eigenbasis()
          : nullptr;
  const auto cum = dynamics::counting_cumulants(make, Lmat_, counted, rho_ss_, sys_.space.dim(), pc);
  auto add = [&](const std::string& name, const std::string& pattern, double value) {
    io::Quantity what = open_system_quantity(pattern);
    what.name = name;
    rec_.scalars.push_back({what, value});
  };
  add("fcs_mean", "fcs_mean", cum.mean);
  add("fcs_variance", "fcs_variance", cum.variance);
  add("fcs_third_cumulant", "fcs_third_cumulant", cum.third);
  add("fcs_fano", "fcs_fano", cum.variance / cum.mean);
  add("fcs_entropy_production", "fcs_entropy_production", entropy);
  add("fcs_tur_ratio", "fcs_tur_ratio", cum.variance / (cum.mean * cum.mean) * entropy / 2);
  if (!set_.chi.empty()) {
    const auto theta = dynamics::scaled_cgf(make, L_, counted, set_.chi);
    for (size_t k = 0; k < theta.size(); ++k) {
      add("fcs_chi_" + std::to_string(k), "fcs_chi_<k>", set_.chi[k]);
      add("fcs_theta_" + std::to_string(k), "fcs_theta_<k>", theta[k]);
    }
  }
  print0(comm_, ctx_.label + ": counting statistics: mean " + format_number(cum.mean, 8) + ", variance " +
                    format_number(cum.variance, 8) + ", third cumulant " + format_number(cum.third, 8));
}

void OpenSystemRun::warn_once(bool& done, bool bad, const std::string& what) {
  if (bad && !done) {
    done = true;
    warn0(comm_, what);
  }
}

void OpenSystemRun::sample(double t, Vec x, const std::vector<double>& Qk) {
  size_t col = 0;
  const auto values = sampled_.evaluate(x);
  for (size_t k = 0; k < n_expect_; ++k) series_[col++].values.push_back(PetscRealPart(values[1 + k]));
  std::vector<double> J(n_heat_);
  for (size_t k = 0; k < n_heat_; ++k) J[k] = PetscRealPart(values[1 + n_expect_ + k]);
  // Driven: J_k = γ_k(t) Σ_j f_j(t) tr(Ô_kj ρ) (f_0 = 1), from the drives' entries after the heat operators.
  const size_t nd = sys_.drives.size(), extra = 1 + n_expect_ + n_heat_;
  if (driven_)
    for (size_t k = 0; k < n_heat_; ++k) {
      double j = J[k];
      for (size_t d = 0; d < nd; ++d) j += sys_.drives[d].f(t) * PetscRealPart(values[extra + nd + k * nd + d]);
      J[k] = rate(k, t) * j;
    }
  for (double j : J) series_[col++].values.push_back(j);
  for (const auto& [what, names] : sys_.current_sums) {
    double s = 0;
    for (const auto& n : names)
      for (size_t k = 0; k < sys_.channels.size(); ++k)
        if (sys_.channels[k].heat.name == n) s += J[k];
    series_[col++].values.push_back(s);
  }
  const double U = driven_ ? energy(values, t) : PetscRealPart(values[0]);
  series_[col++].values.push_back(U);
  double Jt = 0, Qt = 0;
  for (double j : J) Jt += j;
  series_[col++].values.push_back(Jt);
  // Qk: the channel heats, then the integrated expectations.
  const size_t nch = n_heat_;
  for (size_t k = 0; k < nch; ++k) {
    Qt += Qk[k];
    series_[col++].values.push_back(Qk[k]);
  }
  series_[col++].values.push_back(Qt);
  for (size_t k = nch; k < nch + sys_.integrated.size(); ++k) series_[col++].values.push_back(Qk[k]);
  double W = 0;
  if (driven_) {
    double P = 0;
    for (size_t d = 0; d < nd; ++d) P += sys_.drives[d].f.derivative(t, 1) * PetscRealPart(values[extra + d]);
    W = Qk.back();
    series_[col++].values.push_back(P);
    series_[col++].values.push_back(W);
  }
  // ρ gathered once when anything needs it whole (dense observables, stored states, the entropy, the
  // monitor's full-state check): the rest of the sample reads it without communicating.
  std::optional<Eigen::MatrixXcd> whole;
  if (!dense_.empty() || set_.store_states || sys_.has_betas() || invariants_->checks_full_state())
    whole = space::gather_density_matrix(x, lspace_);
  for (const auto& d : dense_) series_[col++].values.push_back(d.value(t, *whole));
  if (set_.store_states) states_.insert(states_.end(), whole->data(), whole->data() + whole->size());
  double sigma_rate = 0;
  if (sys_.has_betas()) {
    double sigma = 0;
    sample_entropy(t, x, *whole, J, Qk, sigma, sigma_rate);
    series_[col++].values.push_back(sigma);
    series_[col++].values.push_back(sigma_rate);
  }
  // Measures on the normalized Hermitian part of each reduced state: integration noise is the
  // monitors' business and must not abort a run. Collective: same specs, same order everywhere.
  for (const auto& m : measures_)
    series_[col++].values.push_back(info::evaluate(
        m,
        [&](const std::vector<int>& parties) {
          const Eigen::MatrixXcd r = whole ? space::partial_trace(*whole, lspace_.hilbert(), parties)
                                           : space::partial_trace(x, lspace_, parties);
          const Eigen::MatrixXcd h = 0.5 * (r + r.adjoint());
          return Eigen::MatrixXcd(h / h.trace().real());
        },
        dims_));
  const double balance = driven_ ? U - U0_ - W + Qt : U - U0_ + Qt;
  const auto inv = whole ? invariants_->measure(*whole) : invariants_->measure(x);
  series_[col++].values.push_back(balance);
  series_[col++].values.push_back(inv.trace_error);
  series_[col++].values.push_back(inv.hermiticity_error);
  series_[col++].values.push_back(inv.min_eigenvalue);
  const double tol = set_.monitor_tolerance, at = t;
  warn_once(warned_trace_, inv.trace_error > tol,
            "trace error " + format_number(inv.trace_error) + " at t = " + format_number(at));
  warn_once(warned_herm_, inv.hermiticity_error > tol,
            "Hermiticity error " + format_number(inv.hermiticity_error) + " at t = " + format_number(at));
  warn_once(warned_eig_, inv.min_eigenvalue < -tol,
            "negative eigenvalue " + format_number(inv.min_eigenvalue) + " at t = " + format_number(at));
  warn_once(warned_balance_, std::abs(balance) > tol * std::max(1.0, std::abs(U0_)),
            "energy balance off by " + format_number(balance) + " at t = " + format_number(at) +
                " (tighten [time] rtol/atol)");
  warn_once(warned_sigma_, sigma_rate < -tol,
            "negative entropy production rate " + format_number(sigma_rate) + " at t = " + format_number(at) +
                " (second law; check [model] betas against the channels' detailed balance)");
}

double OpenSystemRun::rate(size_t k, double t) const {
  const auto& r = sys_.channels[k].rate;
  return r ? (*r)(t) : 1.0;
}

// U(t) = tr(H ρ) + Σ_k f_k(t) tr(H_k ρ) from the sampled values.
double OpenSystemRun::energy(const std::vector<PetscScalar>& values, double t) const {
  double U = PetscRealPart(values[0]);
  const size_t extra = 1 + n_expect_ + n_heat_;
  for (size_t d = 0; d < sys_.drives.size(); ++d) U += sys_.drives[d].f(t) * PetscRealPart(values[extra + d]);
  return U;
}

// Collective. Σ(t) = S(t) − S(0) + Σ_k β_k Q_k(t) and Σ̇ = −tr(L(t)ρ ln ρ) + Σ_k β_k J_k, over the
// channels with a temperature, from ρ and L(t)ρ gathered (small spaces: kEntropyMaxDim).
void OpenSystemRun::sample_entropy(double t, Vec x, const Eigen::MatrixXcd& rho, const std::vector<double>& J,
                                   const std::vector<double>& Qk, double& sigma, double& rate) {
  auto Lx = parallel::duplicate(x);
  evolution_->apply(t, x, Lx);
  const Eigen::MatrixXcd drho = space::gather_density_matrix(Lx, lspace_);
  const Eigen::MatrixXcd rho_hermitian = 0.5 * (rho + rho.adjoint());
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(rho_hermitian);
  const Eigen::MatrixXcd d = eig.eigenvectors().adjoint() * drho * eig.eigenvectors();
  double dS = 0;
  for (Eigen::Index i = 0; i < d.rows(); ++i) dS -= d(i, i).real() * std::log(std::max(eig.eigenvalues()(i), 1e-300));
  sigma = info::von_neumann_entropy(rho) - S0_;
  rate = dS;
  for (size_t k = 0; k < n_heat_; ++k)
    if (!std::isnan(sys_.channels[k].beta)) {
      sigma += sys_.channels[k].beta * Qk[k];
      rate += sys_.channels[k].beta * J[k];
    }
}

// The fixed parts of a time-dependent generator and the integrands of its heats and work:
//   L(t) = L_0 + Σ_d f_d(t) (−i[H_d, ·]) + Σ_k γ_k(t) D̂_k   (D̂_k per unit rate),
//   Q_k: ∫ γ_k(t) Σ_j f_j(t) tr(Ô_kj ρ),  Ô_kj = −D̂_k*(H_j) (f_0 = 1, H_0 = H),
//   W:   ∫ Σ_d f_d'(t) tr(H_d ρ).
// On the matrix-free route L(t) is one column shell of L_0 (`fixed`) and the parts, its coefficients
// refreshed per stage (one pass over ρ); assembled, one product per part (summing the assembled
// matrices per stage would cost a pass over their entries, as much as a product).
dynamics::TimeDependence OpenSystemRun::driven_parts(const operators::LiouvillianParts& fixed) {
  using dynamics::Coefficient;
  const bool shell = use_shell(set_.liouvillian, sys_.space.dim());
  dynamics::TimeDependence td;
  auto add_part = [&](operators::SuperOperator S, Coefficient a) {
    part_ops_.push_back(std::move(S));
    part_groups_.push_back(std::make_unique<operators::LiouvillianParts>(part_ops_.back()));
    if (!shell) part_mats_.push_back(operators::assemble(comm_, part_ops_.back()));
    td.parts.push_back({shell ? nullptr : part_mats_.back().get(), part_groups_.back().get(), std::move(a)});
  };
  part_ops_.reserve(sys_.drives.size() + sys_.channels.size());
  auto of = [](const io::TimeExpression& f) {
    return Coefficient{[f](double t) { return f(t); }, [f](double t, int side) { return f.with_derivatives(t, side); }};
  };
  const Coefficient one{[](double) { return 1.0; }, [](double, int) { return std::array<double, 3>{1.0, 0.0, 0.0}; }};
  for (const auto& d : sys_.drives) add_part(operators::hamiltonian_part(d.H), of(d.f));
  for (const auto& ch : sys_.channels)
    if (ch.rate) add_part(ch.dissipator, of(*ch.rate));
  if (shell) {
    std::vector<const operators::LiouvillianParts*> all{&fixed};
    for (const auto& g : part_groups_) all.push_back(g.get());
    fused_ = operators::make_column_liouvillian(comm_, all);
    td.fused = fused_;
  }
  for (const auto& ch : sys_.channels) {
    const Coefficient g = ch.rate ? of(*ch.rate) : one;
    td.integrands.emplace_back();
    td.integrands.back().push_back({g, operators::to_sparse(thermo::heat_current_operator(ch.dissipator, sys_.H))});
    for (const auto& d : sys_.drives) {
      const io::TimeExpression f = d.f;
      // γ(t) f(t) and its derivatives by the product rule.
      const Coefficient c{[g, f](double t) { return g.value(t) * f(t); },
                          [g, f](double t, int side) {
                            const auto a = g.with_derivatives(t, side), b = f.with_derivatives(t, side);
                            return std::array<double, 3>{a[0] * b[0], a[1] * b[0] + a[0] * b[1],
                                                         a[2] * b[0] + 2 * a[1] * b[1] + a[0] * b[2]};
                          }};
      td.integrands.back().push_back({c, operators::to_sparse(thermo::heat_current_operator(ch.dissipator, d.H))});
    }
  }
  for (const auto& [what, O] : sys_.integrated) td.integrands.push_back({{one, operators::to_sparse(O)}});
  td.integrands.emplace_back();  // W, last
  for (const auto& d : sys_.drives) {
    const io::TimeExpression f = d.f;
    const Coefficient power{[f](double t) { return f.derivative(t, 1); },
                            [f](double t, int side) {
                              const auto d = f.derivatives(t, side);  // one stencil for the three
                              return std::array<double, 3>{d[1], d[2], d[3]};
                            }};
    td.integrands.back().push_back({power, operators::to_sparse(d.H)});
  }
  return td;
}

// ρ(0) ← the fixed point of the one-period propagator of L(t) (from [model] initial as the first guess).
void OpenSystemRun::solve_periodic_state(const dynamics::TimeDependence& td, const operators::LiouvillianParts& parts) {
  dynamics::EvolutionSettings quiet = set_.evolution;
  quiet.progress_interval = 0;
  const double t0 = set_.times.front(), T = set_.period;
  const auto one_period = [&](Vec in, Vec out) {
    parallel::copy(in, out);
    dynamics::LindbladEvolution period(comm_, Lmat_, quiet, dynamics::TimeDependence{td.parts, {}, td.fused}, &parts);
    period.evolve(out, {t0, t0 + T}, [](double, Vec, const std::vector<double>&) {});
  };
  print0(comm_, set_.periodic.label + ": GMRES on the one-period propagator, period " + format_number(T));
  const auto info = dynamics::solve_periodic_state(one_period, rho_, set_.periodic);
  print0(comm_, set_.periodic.label + ": " + std::to_string(info.periods) + " periods integrated, residual " +
                    format_number(info.residual, 3));
  if (info.residual > 1e3 * set_.periodic.tolerance)
    warn0(comm_,
          set_.periodic.label + ": residual " + format_number(info.residual, 3) +
              " is far above [periodic] tolerance: tighten [time] atol and rtol (each period is integrated to them)");
  rec_.scalars.push_back({open_system_quantity("periodic_residual"), info.residual});
  rec_.scalars.push_back({open_system_quantity("periodic_periods"), double(info.periods)});
}

bool OpenSystemRun::on_step(double t, const std::vector<double>& Qk, const std::vector<double>& Jk) {
  // Release times between points far apart (Taylor steps span whole output intervals): the step's
  // own series gives the heat at interior points, so the tracker's cubic pieces stay short.
  std::vector<double> qi, ji;
  double ti = 0;
  for (int s = 1; s < 16 && evolution_->interior(s / 16.0, ti, qi, ji); ++s) {
    double Q = 0, J = 0;
    for (size_t k = 0; k < n_heat_; ++k) Q += qi[k], J += ji[k];
    release_.observe(ti, Q, J);
  }
  double Q = 0, J = 0;
  for (size_t k = 0; k < n_heat_; ++k) Q += Qk[k], J += Jk[k];
  release_.observe(t, Q, J);
  return checkpoint_->at(t);
}

// The run's whole state for checkpoints: ρ and the evolution (with its carried stage), the samples,
// the release-time tracker, the stored states and the monitors' warnings.
void OpenSystemRun::declare_checkpoint() {
  auto& ck = *checkpoint_;
  ck.add("rho", rho_);
  ck.add(*evolution_);
  ck.add("samples", series_, "[output] measures");
  ck.add(
      "release", [this] { return release_.save(); }, [this](const std::vector<double>& r) { release_.restore(r); });
  ck.add("states", states_);
  ck.add(
      "warned",
      [this] {
        return std::vector<double>{double(warned_trace_), double(warned_herm_), double(warned_eig_),
                                   double(warned_balance_), double(warned_sigma_)};
      },
      [this](const std::vector<double>& r) {
        warned_trace_ = r.at(0) != 0, warned_herm_ = r.at(1) != 0, warned_eig_ = r.at(2) != 0,
        warned_balance_ = r.at(3) != 0;
        warned_sigma_ = r.size() > 4 && r[4] != 0;  // absent from checkpoints written before issue 21
      });
  ck.progress(set_.times.front(), set_.times.back(), "time");
}

void OpenSystemRun::finish_scalars() {
  if (driven_) {  // stationarity, Q(∞) and release times belong to a constant generator
    rec_.scalars.push_back({open_system_quantity("steps"), double(evolution_->state().steps)});
    return;
  }
  // How far the final state is from stationary: ‖L ρ(t_final)‖₂.
  auto Lrho = parallel::duplicate(rho_);
  parallel::apply(Lmat_, rho_, Lrho);
  const PetscReal stationarity = parallel::norm(Lrho);
  rec_.scalars.push_back({open_system_quantity("final_stationarity"), stationarity});
  if (set_.steady_state) {
    if (rho_ss_) {
      auto diff = parallel::duplicate(rho_);
      parallel::assign_sum(diff, -1.0, rho_ss_, rho_);
      rec_.scalars.push_back({open_system_quantity("steady_final_state_distance"), parallel::norm(diff)});
    } else if (stationarity < set_.monitor_tolerance) {
      q_inf_ = U0_ - energy(rho_);
      // Q(∞) is known only now: the release times come from the output grid.
      release_ = thermo::ReleaseTimes(set_.release_percents, q_inf_);
      const auto &Q = series_[column("Q_total")].values, &J = series_[column("J_total")].values;
      for (size_t i = 0; i < set_.times.size(); ++i) release_.observe(set_.times[i], Q[i], J[i]);
    } else {
      warn0(comm_, "the final state is not stationary (||L rho|| = " + format_number(stationarity) +
                       "): Q_infinity and release times are NaN; extend [time] t_final");
    }
    rec_.scalars.insert(rec_.scalars.begin(), {open_system_quantity("Q_infinity"), q_inf_});
    for (size_t k = 0; k < release_.times().size(); ++k) {
      io::Quantity what = open_system_quantity("tau_<p>");
      what.name = tau_name(set_.release_percents[k]);
      what.meaning = "release time: Q_total(tau) = " + format_number(set_.release_percents[k]) +
                     "% of Q_infinity (NaN if not reached)";
      rec_.scalars.push_back({what, release_.times()[k]});
    }
  }
  rec_.scalars.push_back({open_system_quantity("steps"), double(evolution_->state().steps)});
}

// Collective: where the time went, and the peak memory per Liouville unknown over all ranks.
void OpenSystemRun::print_summary(double seconds) const {
  const auto& c = evolution_->cost();
  const double bytes = total_peak_resident_bytes(comm_) / double(lspace_.dim());
  auto s = [](double x) { return format_number(x, 3) + " s"; };
  print0(comm_, ctx_.label + ": " + s(seconds) + " in all: " + std::to_string(c.applications) + " applications of L " +
                    s(c.apply_seconds) + " (" + format_number(c.applications / std::max(c.apply_seconds, 1e-9), 4) +
                    "/s), integrator vector work " + s(std::max(0.0, c.step_seconds - c.apply_seconds)) +
                    ", heat integrals " + s(c.integral_seconds) + ", observables and monitors " + s(times_.samples) +
                    ", checkpoints " + s(checkpoint_->seconds()) + ", steady state " + s(times_.steady) +
                    (set_.period > 0 ? ", periodic state " + s(times_.periodic) : std::string()) + ", set-up " +
                    s(times_.setup) + "; peak memory " + format_number(bytes, 4) + " bytes per unknown (all ranks)");
}

io::RunRecord OpenSystemRun::run() {
  const double start = MPI_Wtime();
  const operators::LiouvillianParts parts(L_);
  const bool shell = use_shell(set_.liouvillian, sys_.space.dim());
  Lmat_ = shell ? operators::make_column_liouvillian(comm_, parts) : operators::assemble(comm_, L_);
  print0(comm_, ctx_.label + ": Liouvillian " + (shell ? "matrix-free (columns of rho over ranks)" : "assembled") +
                    ", " + std::to_string(lspace_.dim()) + " unknowns");
  rho_ = sys_.initial_product.empty() ? space::vectorize(comm_, sys_.initial, lspace_)
                                      : space::vectorize_product(comm_, sys_.initial_product, lspace_);
  dims_.assign(sys_.space.local_dims().begin(), sys_.space.local_dims().end());
  std::vector<operators::Sparse> sampled{operators::to_sparse(sys_.H)}, integrands;
  for (const auto& [what, O] : sys_.expectations) sampled.push_back(operators::to_sparse(O));
  for (const auto& ch : sys_.channels) {
    sampled.push_back(operators::to_sparse(thermo::heat_current_operator(ch.dissipator, sys_.H)));
    integrands.push_back(sampled.back());
  }
  for (const auto& [what, O] : sys_.integrated) integrands.push_back(operators::to_sparse(O));
  n_expect_ = sys_.expectations.size();
  n_heat_ = sys_.channels.size();
  driven_ = sys_.time_dependent();
  if (driven_) {  // after the heat operators: each H_d, then −D̂_k*(H_d) for each channel k (d inner)
    for (const auto& d : sys_.drives) sampled.push_back(operators::to_sparse(d.H));
    for (const auto& ch : sys_.channels)
      for (const auto& d : sys_.drives)
        sampled.push_back(operators::to_sparse(thermo::heat_current_operator(ch.dissipator, d.H)));
  }
  sampled_ = operators::Expectations(std::move(sampled));
  dynamics::TimeDependence td;
  if (driven_) td = driven_parts(parts);
  if (set_.period > 0) {  // solved again on a restart: U(0) and S(0) are the limit cycle's
    const double t0 = MPI_Wtime();
    solve_periodic_state(td, parts);
    times_.periodic = MPI_Wtime() - t0;
  }
  U0_ = energy(rho_, set_.times.front());  // from ρ(0), also when resuming
  if (sys_.has_betas()) S0_ = info::von_neumann_entropy(space::gather_density_matrix(rho_, lspace_));
  rec_.t = set_.times;
  declare_series();
  times_.setup = MPI_Wtime() - start - times_.periodic;
  if (driven_) {
    print0(comm_, ctx_.label + ": the generator depends on time (" + std::to_string(sys_.drives.size()) +
                      " drives): no steady state, integrator rk");
  } else if (set_.steady_state) {
    const double t0 = MPI_Wtime();
    solve_steady_state();
    times_.steady = MPI_Wtime() - t0;
  }
  if (set_.spectrum_eigenvalues > 0) solve_spectrum();
  if (!set_.counted.empty() && set_.steady_state) solve_counting();
  if (set_.finite_time || !set_.lambda.empty()) {  // from ρ(0): before a checkpoint restores ρ
    const auto make = [&](const operators::SuperOperator& S) { return make_operator(S); };
    counting_series_ = finite_time_counting(comm_, sys_, set_, make, L_, rho_, ctx_.label);
  }
  release_ = thermo::ReleaseTimes(set_.release_percents, q_inf_);
  invariants_ = std::make_unique<dynamics::InvariantMonitor>(comm_, lspace_, rho_);

  if (driven_)
    evolution_ = std::make_unique<dynamics::LindbladEvolution>(comm_, Lmat_, set_.evolution, std::move(td), &parts);
  else
    evolution_ =
        std::make_unique<dynamics::LindbladEvolution>(comm_, Lmat_, set_.evolution, std::move(integrands), &parts);
  checkpoint_ = std::make_unique<Checkpoint>(comm_, ctx_);
  declare_checkpoint();
  const bool resume = checkpoint_->restore(set_.times.front());
  if (resume) {
    print0(comm_, ctx_.label + ": resuming from t = " + format_number(checkpoint_->evolution_state()->t) + " (" +
                      ctx_.checkpoint_path + ")");
  } else {
    double J0 = 0;
    const auto values = sampled_.evaluate(rho_);
    for (size_t k = 0; k < n_heat_; ++k) J0 += PetscRealPart(values[1 + n_expect_ + k]);
    release_.observe(set_.times.front(), 0.0, J0);
  }
  const bool complete = evolution_->evolve(
      rho_, set_.times,
      [&](double t, Vec x, const std::vector<double>& Qk) {
        const double t0 = MPI_Wtime();
        sample(t, x, Qk);
        times_.samples += MPI_Wtime() - t0;
      },
      [&](double t, Vec, const std::vector<double>& Qk, const std::vector<double>& Jk) { return on_step(t, Qk, Jk); },
      checkpoint_->evolution_state());
  if (!complete) return rec_;  // stopped on a signal; the checkpoint holds everything
  finish_scalars();            // reads the samples: before they move into the record
  print_summary(MPI_Wtime() - start);
  for (auto& s : series_) rec_.observables.push_back(std::move(s));
  for (auto& s : counting_series_) rec_.observables.push_back(std::move(s));
  if (set_.store_states) {
    const unsigned long long d = sys_.space.dim();
    rec_.states.push_back({"rho", {rec_.t.size(), d, d}, {}});
    // Eigen stores column-major; the file is row-major [t, i, j].
    auto& out = rec_.states.back().data;
    out.resize(states_.size());
    for (size_t s = 0; s < rec_.t.size(); ++s)
      for (unsigned long long i = 0; i < d; ++i)
        for (unsigned long long j = 0; j < d; ++j) out[s * d * d + i * d + j] = states_[s * d * d + j * d + i];
  }
  return rec_;
}

}  // namespace

io::RunRecord run_open_system(MPI_Comm comm, const OpenSystem& sys, const OpenSystemSettings& set, RunContext& context,
                              const std::vector<DenseObservable>& dense_observables,
                              const std::vector<DenseObservable>& steady_scalars) {
  if (!sys.time_dependent()) return OpenSystemRun(comm, sys, set, context, dense_observables, steady_scalars).run();
  OpenSystemSettings driven = set;  // [time] integrator auto: rk (an explicit taylor is refused by check)
  driven.evolution.integrator = "rk";
  return OpenSystemRun(comm, sys, driven, context, dense_observables, steady_scalars).run();
}

}  // namespace qtherm::models
