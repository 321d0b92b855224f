#pragma once
// The shared pipeline of Lindblad-type models: build L = −i[H,·] + Σ_k D_k, evolve ρ with TS,
// sample expectation values, heat currents of each channel and their time integrals, the energy
// balance and the state invariants on the output grid; optionally the steady state (KSP), Q(∞)
// and release times. Models supply the physics; this file knows none.
#include <Eigen/Dense>
#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "qtherm/dynamics/lindblad_evolution.hpp"
#include "qtherm/dynamics/periodic_state.hpp"
#include "qtherm/dynamics/steady_state.hpp"
#include "qtherm/io/config.hpp"
#include "qtherm/io/run_record.hpp"
#include "qtherm/info/measures.hpp"
#include "qtherm/io/schema.hpp"
#include "qtherm/io/time_expression.hpp"
#include "qtherm/models/model.hpp"
#include "qtherm/models/common/open_system_keys.hpp"
#include "qtherm/operators/operator_sum.hpp"
#include "qtherm/operators/superoperator.hpp"

namespace qtherm::models {

struct OpenSystem {
  explicit OpenSystem(space::TensorSpace s) : space(s), H(s) {}
  space::TensorSpace space;
  operators::OperatorSum H;                           // the system's energy, and the Hamiltonian part of L unless:
  std::optional<operators::OperatorSum> generator_H;  // a different Hamiltonian part (e.g. an interaction picture)
  struct Channel {
    io::Quantity heat;  // J_k = −tr(H D_k ρ), its time integral is written as "Q_<name>"
    operators::SuperOperator dissipator;
    // Its jump term γ c ρ c† (a channel that has one), for counting statistics ([fcs] count).
    std::optional<operators::SuperOperator> jump = std::nullopt;
    // A rate that depends on time: then `dissipator` (and `jump`) are per unit rate, scaled by rate(t).
    std::shared_ptr<io::TimeExpression> rate = nullptr;
    // Inverse temperature of the channel's bath (NaN: none): enters Σ̇ = dS/dt + Σ β_k J_k.
    double beta = std::nan("");
  };
  std::vector<Channel> channels;
  // Driving: H(t) = H + Σ_k f_k(t) H_k, in the energy and in the generator (−i[H_k, ·] each).
  struct Drive {
    std::string name;
    operators::OperatorSum H;
    io::TimeExpression f;
  };
  std::vector<Drive> drives;
  bool time_dependent() const;
  bool has_betas() const;
  std::vector<std::pair<io::Quantity, operators::OperatorSum>> expectations;  // Re tr(Oρ)
  std::vector<std::pair<io::Quantity, operators::OperatorSum>> integrated;    // ∫₀ᵗ Re tr(Oρ) dt
  // Sums of channel heat currents written as their own observables (e.g. a party's local flux).
  std::vector<std::pair<io::Quantity, std::vector<std::string>>> current_sums;
  Eigen::MatrixXcd initial;                       // dense initial state, or
  std::vector<Eigen::MatrixXcd> initial_product;  // a product of local states (any size)
};

// One counted channel of [fcs] count: NAME : WEIGHT [: BETA].
struct CountedChannel {
  std::string name;  // the channel's name: its current is J_<name>
  double weight = 1;
  double beta = std::nan("");  // inverse temperature of its bath, for the entropy production
};

struct OpenSystemSettings {
  std::vector<double> times;
  dynamics::EvolutionSettings evolution;
  double monitor_tolerance = 1e-6;
  bool steady_state = true;
  dynamics::SteadyStateSettings steady;  // [steady] method, direct_max_unknowns, tolerance
  std::vector<double> release_percents;
  bool store_states = false;          // the full ρ(t) on the output grid (small spaces)
  std::string liouvillian = "auto";   // auto | shell | assembled
  std::vector<std::string> measures;  // information measures, e.g. "mutual_information(0:1)"
  int spectrum_eigenvalues = 0;       // [spectrum] eigenvalues below 0 to report
  std::string spectrum_method = "auto";
  std::vector<CountedChannel> counted;  // [fcs] count
  std::vector<double> chi;              // [fcs] chi
  bool finite_time = false;             // [fcs] finite_time: ln <e^{chi N_t}> for each chi
  std::vector<double> lambda;           // [fcs] lambda: <e^{i lambda N_t}>
  double period = 0;                    // [periodic] period: > 0 starts from the limit cycle
  dynamics::PeriodicSettings periodic;  // [periodic] tolerance, max_periods
};

// Extra per-sample observables computed by the model from the gathered dense ρ (small spaces).
struct DenseObservable {
  io::Quantity what;
  std::function<double(double t, const Eigen::MatrixXcd& rho)> value;
};

// Whether a run on a Hilbert space of dimension d applies L matrix-free ([model] liouvillian).
bool use_shell(const std::string& liouvillian, long d);
// Refuses, as bad input, requests `system` cannot answer: a counted channel that is not one of its jump
// channels, a spectrum request of d² or more eigenvalues (at `qtherm check` time). `keys`: the switches
// the model declared its shared keys with (open_system_keys.hpp), here and below.
void check_open_system_requests(const io::Config& config, const OpenSystemKeys& keys, const OpenSystem& system);
// Checks [output] measures against the parties' local dimensions (at `qtherm check` time).
void check_measures(const io::Config& config, const OpenSystemKeys& keys, const std::vector<long>& local_dims);
OpenSystemSettings open_system_settings(const io::Config& config, const OpenSystemKeys& keys, const std::string& label);
// The observables and scalars the pipeline always writes, for `qtherm describe`.
std::vector<io::Quantity> open_system_observables();
// Those it writes for driven systems (work_current, W) and for channels with temperatures (Sigma,
// entropy_production_rate).
std::vector<io::Quantity> driven_observables();
std::vector<io::Quantity> entropy_observables();
// The largest Hilbert dimension for which channel temperatures give the entropy production (ρ gathered
// on every rank and diagonalised at every sample).
constexpr long kEntropyMaxDim = 256;
// The scalars the pipeline can write for a model with these keys: the steady-state, spectrum and
// counting ones only with `stationary`, the periodic-state ones only with `periodic`.
std::vector<io::Quantity> open_system_scalars(const OpenSystemKeys& keys);

// For the pipeline's own files: a quantity of open_system_observables()/scalars() by name; an
// information measure as an observable; the scalar name of the release time for p%.
const io::Quantity& open_system_quantity(const std::string& name);
io::Quantity measure_quantity(const info::MeasureSpec& measure);
std::string tau_name(double percent);

// Collective on comm. `steady_scalars` are evaluated on the gathered steady state (t = ∞).
io::RunRecord run_open_system(MPI_Comm comm, const OpenSystem& system, const OpenSystemSettings& settings,
                              RunContext& context, const std::vector<DenseObservable>& dense_observables = {},
                              const std::vector<DenseObservable>& steady_scalars = {});

}  // namespace qtherm::models
