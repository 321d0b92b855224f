// Internal to the cascaded_oscillators model (models/cascaded_oscillators*.cpp): the pieces its
// front end, its Gaussian route and its Fock route share.
#pragma once

#include <mpi.h>

#include <string>
#include <utility>
#include <vector>

#include <Eigen/Dense>

#include "qtherm/dynamics/gaussian_evolution.hpp"
#include "qtherm/io/config.hpp"
#include "qtherm/io/run_record.hpp"
#include "qtherm/models/checkpoint.hpp"
#include "qtherm/models/model.hpp"
#include "qtherm/models/oscillator_fock.hpp"

namespace qtherm::models::cascaded {

io::Quantity q(std::string name, std::string unit, std::string sign, std::string meaning);
// Observables both routes write (computed by `derive`), and those of the Fock route only.
const std::vector<io::Quantity>& base_observables();
const std::vector<io::Quantity>& fock_only_observables();
// The scalar name of a release time: tau_<p>, '.' in p written as 'p'.
std::string release_name(double percent);

double occupation(const io::Config& c);  // reservoir N, given or from beta
std::vector<oscillators::cplx> alphas(const io::Config& c);
// Whether the initial state has ρ[i, j] = 0 unless the total excitation numbers of i and j agree.
bool phase_invariant(const io::Config& c);

// Per observable, per sample; and the route's scalars.
struct Routes {
  std::vector<std::vector<double>> values;
  std::vector<std::pair<io::Quantity, double>> scalars;
};

// Gaussian route (App. B, exact): the initial moments, and the observables from them (base_observables'
// order; U0 = U(0) for energy_balance_error, the last of them).
dynamics::GaussianMoments gaussian_initial(const io::Config& c);
std::vector<double> derive(double w, double g, double N, const Eigen::MatrixXd& S, const Eigen::VectorXd& mean,
                           const Eigen::MatrixXd& S_integral, double t, double U0);
constexpr size_t kEnergyBalance = 17;  // index of energy_balance_error in base_observables
// With `checkpoint`, one output time after another with checkpoints between them (a signal stop leaves
// context.interrupted set and the values incomplete); without, uninterruptible (route = both).
Routes run_gaussian(const io::Config& c, const std::vector<double>& times, Checkpoint* checkpoint = nullptr);

// Fock route (the truncated master equation).
struct TwoModeCovariance {
  double a, c13, c24;
};
TwoModeCovariance two_mode_covariance(const io::Config& c);
oscillators::FockState fock_initial(const io::Config& c, long cutoff);
std::string liouvillian_kind(const io::Config& c);  // `auto` resolved
// Checkpoints as `context` says (Checkpoint); a signal stop leaves context.interrupted set and the
// values incomplete.
Routes run_fock(MPI_Comm comm, const io::Config& c, const std::vector<double>& times, RunContext& context);

}  // namespace qtherm::models::cascaded
