// Internal to the cascaded_oscillators model (models/cascaded_oscillators*.cpp): the pieces its
// front end, its Gaussian route and its Fock route share.
#pragma once

#include <mpi.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Dense>

#include "qtherm/dynamics/gaussian_evolution.hpp"
#include "qtherm/io/config.hpp"
#include "qtherm/io/parameters.hpp"
#include "qtherm/io/run_record.hpp"
#include "qtherm/models/common/checkpoint.hpp"
#include "qtherm/models/common/time_keys.hpp"
#include "qtherm/models/model.hpp"
#include "qtherm/models/cascaded/oscillator_fock.hpp"

namespace qtherm::models::cascaded {

io::Quantity q(std::string name, std::string unit, std::string sign, std::string meaning);

// The model's keys, each bound to its member once (cascaded_oscillators.cpp).
struct Params {
  double omega = 1, gamma = 1;
  std::optional<double> N;
  double beta = 1;
  bool cascade = true;
  std::string initial = "thermal";
  double N_s = 1, c13 = 0, c24 = 0, squeezing = 0;
  std::vector<double> fock = {1, 0};
  std::string alpha = "1, 0";
  std::string route = "gaussian";
  long cutoff = 20;
  std::string liouvillian = "auto", frame = "rotating", integrator = "auto";
  long max_excitations = -1;
  double truncation_tolerance = 1e-6;
  bool bench_bandwidth = false;
  TimeKeys time{5, 51};
  IntegratorKeys stepper{1e-10, 1e-8, 1e-3, " (Fock route)"};
  std::vector<double> release_percent = {25, 50, 75, 90, 95};

  void bind(io::Binder& b);
};
// Observables both routes write (computed by `derive`), and those of the Fock route only.
const std::vector<io::Quantity>& base_observables();
const std::vector<io::Quantity>& fock_only_observables();
// The scalar name of a release time: tau_<p>, '.' in p written as 'p'.
std::string release_name(double percent);

double occupation(const Params& p);  // reservoir N, given or from beta
// Throws std::invalid_argument for a malformed [model] alpha.
std::vector<oscillators::cplx> alphas(const Params& p);
// Whether the initial state has ρ[i, j] = 0 unless the total excitation numbers of i and j agree.
bool phase_invariant(const Params& p);

// Per observable, per sample; and the route's scalars.
struct Routes {
  std::vector<std::vector<double>> values;
  std::vector<std::pair<io::Quantity, double>> scalars;
};

// Gaussian route (App. B, exact): the initial moments, and the observables from them (base_observables'
// order; U0 = U(0) for energy_balance_error, the last of them).
dynamics::GaussianMoments gaussian_initial(const Params& p);
std::vector<double> derive(double w, double g, double N, const Eigen::MatrixXd& S, const Eigen::VectorXd& mean,
                           const Eigen::MatrixXd& S_integral, double t, double U0);
constexpr size_t kEnergyBalance = 17;  // index of energy_balance_error in base_observables
// With `checkpoint`, one output time after another with checkpoints between them (a signal stop leaves
// context.interrupted set and the values incomplete); without, uninterruptible (route = both).
Routes run_gaussian(const Params& p, const std::vector<double>& times, Checkpoint* checkpoint = nullptr);

// Fock route (the truncated master equation).
struct TwoModeCovariance {
  double a, c13, c24;
};
TwoModeCovariance two_mode_covariance(const Params& p);
oscillators::FockState fock_initial(const Params& p, long cutoff);
std::string liouvillian_kind(const Params& p);  // `auto` resolved
// Checkpoints as `context` says (Checkpoint); a signal stop leaves context.interrupted set and the
// values incomplete.
Routes run_fock(MPI_Comm comm, const Params& p, const std::vector<double>& times, RunContext& context);

}  // namespace qtherm::models::cascaded
