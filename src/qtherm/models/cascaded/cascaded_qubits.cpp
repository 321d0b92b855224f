// Seed 002 (Lorenzo et al., PRA 91, 022121): two qubits coupled in cascade to a reservoir of
// thermal qubits, Eqs. (1), (2), (6)–(9); heat fluxes Eqs. (12)–(17); initial states Eqs. (39)–(41).
#include "qtherm/models/builtin.hpp"

#include <cmath>

#include "qtherm/base/log.hpp"
#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/info/trace_distance.hpp"
#include "qtherm/info/trace_distance_discord.hpp"
#include "qtherm/models/common/memory_terms.hpp"
#include "qtherm/models/common/open_system.hpp"
#include "qtherm/models/common/validation.hpp"

namespace qtherm::models {
namespace {

using io::Quantity;
using operators::OperatorSum;
using Dense = Eigen::MatrixXcd;

const char* kFlux = "energy/time";
const char* kIntoReservoir = "> 0: energy flows from the system into the reservoir";

struct Params {
  double omega = 1, gamma = 1, beta = 1;
  std::optional<double> xi;
  bool cascade = true;
  std::string initial = "thermal";
  double beta_s = 0.5;
  std::optional<double> xi_s;
  std::string rho23 = "0";
  double rho23_imag = 0;
  std::optional<Dense> initial_matrix;

  void bind(io::Binder& b) {
    b.section("model");
    b.key("omega", omega).unit("energy").positive().meaning("qubit gap; H = (omega/2)(sz1 + sz2), Eq. (6)");
    b.key("gamma", gamma).unit("1/time").positive().meaning("relaxation rate of each qubit alone");
    b.key("beta", beta)
        .unit("1/energy")
        .non_negative()
        .meaning("reservoir inverse temperature; ignored when xi is given (default: k_B T = omega, seed 002 Fig. 2)");
    b.key("xi", xi).unit("1").range(-1, 1).meaning(
        "reservoir xi = tanh(beta omega / 2), Eq. (9); 1 is zero temperature; overrides beta");
    b.key("cascade", cascade).meaning("true: L(c) = L1 + L2 + D12; false: independent reservoirs L(ind) = L1 + L2");
    b.key("initial", initial)
        .choices({"thermal", "correlated", "matrix"})
        .meaning(
            "thermal: product of local Gibbs states at xi_s/beta_s (Eqs. 39-40); correlated: Eq. (41) with rho23; "
            "matrix: initial_matrix");
    b.key("beta_s", beta_s)
        .unit("1/energy")
        .non_negative()
        .meaning("initial inverse temperature of each qubit; ignored when xi_s is given (default T_S = 2 T)");
    b.key("xi_s", xi_s).unit("1").range(-1, 1).meaning("initial xi_S of each qubit; overrides beta_s");
    b.key("rho23", rho23)
        .unit("1")
        .meaning(
            "complex parameter rho23(0) of Eq. (41), |rho23| <= 1 - xi_s^2 (Eq. 42); the matrix element is rho23/4");
    b.key("rho23_imag", rho23_imag)
        .unit("1")
        .meaning(
            "added to rho23 as i*rho23_imag, so that a sweep can scan the real and imaginary parts as two keys "
            "(seed 002 Fig. 5c)");
    b.key("initial_matrix", initial_matrix)
        .unit("1")
        .meaning("4x4 initial density matrix in the basis |ee>, |eg>, |ge>, |gg> (for initial = matrix)");
  }

  // Reservoir ξ = tanh(βω/2) (Eq. 9) from whichever of xi / beta the user gave; the same for the qubits.
  double reservoir_xi() const { return xi ? *xi : std::tanh(0.5 * beta * omega); }
  double system_xi() const { return xi_s ? *xi_s : std::tanh(0.5 * beta_s * omega); }
  // Throws std::invalid_argument for a malformed rho23.
  std::complex<double> rho23_value() const { return io::parse_complex(rho23) + std::complex<double>(0, rho23_imag); }
};

// Basis |ee>, |eg>, |ge>, |gg> (index 0 = excited, as in the paper's ordering).
Dense initial_state(const Params& p) {
  if (p.initial == "matrix") return *p.initial_matrix;
  const double xs = p.system_xi();
  Dense rho = Dense::Zero(4, 4);
  rho(0, 0) = (1 - xs) * (1 - xs) / 4;  // Eqs. (39)–(40)
  rho(1, 1) = rho(2, 2) = (1 - xs * xs) / 4;
  rho(3, 3) = (1 + xs) * (1 + xs) / 4;
  if (p.initial == "correlated") {
    // Eq. (41) carries an overall 1/4: the matrix element is ρ23(0)/4 (docs/physics.md).
    const std::complex<double> r23 = p.rho23_value();
    rho(1, 2) = r23 / 4.0;
    rho(2, 1) = std::conj(r23) / 4.0;
  }
  return rho;
}

Quantity q(std::string n, std::string unit, std::string sign, std::string meaning) {
  return Quantity{std::move(n), std::move(unit), std::move(sign), std::move(meaning)};
}

std::string summary() {
  return "two qubits in cascade with a thermal qubit reservoir: heat fluxes J1, J2, J12, release "
         "times, trace-distance discord (seed 002)";
}

// The shared open-system keys without [fcs]: no channel here has a jump term to count.
OpenSystemKeys open_keys() {
  OpenSystemKeys k;
  k.counting = false;
  return k;
}

void declare(io::Schema& s) {
  io::declare<Params>(s);
  io::declare(s, open_keys());
}

// Every output once: listed by observables()/scalars() and written by run() through these names.
const Quantity kU1 = q("U1", "energy", "", "energy of qubit 1, (omega/2) <sz1>");
const Quantity kU2 = q("U2", "energy", "", "energy of qubit 2, (omega/2) <sz2>");
const Quantity kPe1 = q("p_e1", "1", "", "excited-state population of qubit 1");
const Quantity kPe2 = q("p_e2", "1", "", "excited-state population of qubit 2");
const Quantity kRho23Re =
    q("rho23_re", "1", "", "Re <eg|rho|ge> (the matrix element: Eq. (41)'s parameter rho23 is 4 times it)");
const Quantity kRho23Im = q("rho23_im", "1", "", "Im <eg|rho|ge>");
const Quantity kJ1 =
    q("J1", kFlux, kIntoReservoir, "-tr(H L1 rho), Eq. (13) (the paper prints it in units of omega gamma/2)");
const Quantity kJ2 = q("J2", kFlux, kIntoReservoir, "-tr(H L2 rho), Eq. (13)");
const Quantity kJ12 =
    q("J12", kFlux, kIntoReservoir, "-tr(H D12 rho), Eq. (14): the correlated (cascade) flux; 0 without cascade");
const Quantity kJ1Local = q("J1_local", kFlux, kIntoReservoir, "heat flux out of qubit 1, -dU1/dt = J1, Eq. (16)");
const Quantity kJ2Local =
    q("J2_local", kFlux, kIntoReservoir, "heat flux out of qubit 2, -dU2/dt = J2 + J12, Eq. (17)");
const Quantity kDiscord =
    q("D_trace", "1", "",
      "one-sided trace-distance discord D-> of rho (qubit 1 measured), Eq. (44): closed form for X states, "
      "numerical minimisation otherwise (docs/physics.md, section Trace-distance discord)");
const Quantity kJ12Discord = q("J12_from_discord", kFlux, "> 0",
                               "2 omega gamma xi D_trace: equals |J12| for product thermal initial states, Eq. (45)");
const Quantity kGibbsDistance = q("steady_gibbs_distance", "1", "",
                                  "trace distance between the steady state and the product Gibbs state of Eq. (10)");
const Quantity kXi = q("xi", "1", "", "reservoir xi = tanh(beta omega/2) used");

std::vector<Quantity> observables() {
  std::vector<Quantity> v = {kU1, kU2,  kPe1,     kPe2,     kRho23Re, kRho23Im,   kJ1,
                             kJ2, kJ12, kJ1Local, kJ2Local, kDiscord, kJ12Discord};
  for (const auto& x : open_system_observables()) v.push_back(x);
  for (const auto& j : {kJ1, kJ2, kJ12})  // as the pipeline writes them
    v.push_back(q("Q_" + j.name, "energy", kIntoReservoir, "time integral of " + j.name));
  return v;
}

std::vector<Quantity> scalars() {
  auto v = open_system_scalars(open_keys());
  v.push_back(kGibbsDistance);
  v.push_back(kXi);
  return v;
}

// The two qubits, their channels (Eqs. 7-8) and the expectation values the pipeline samples.
OpenSystem cascaded_system(const Params& p) {
  const double w = p.omega, g = p.gamma;
  const double xi = p.reservoir_xi();
  const space::TensorSpace hs({2, 2});
  OpenSystem sys(hs);
  sys.H.add("sz", 0, 0.5 * w).add("sz", 1, 0.5 * w);
  const auto sm1 = operators::local(hs, "sm", 0), sm2 = operators::local(hs, "sm", 1);
  const auto sp1 = operators::local(hs, "sp", 0), sp2 = operators::local(hs, "sp", 1);
  const double down = g * (1 + xi) / 2, up = g * (1 - xi) / 2;  // Eq. (7): D[σ-] at γ(1+ξ)/2, D[σ+] at γ(1−ξ)/2
  auto local = [&](const OperatorSum& sm, const OperatorSum& sp) {
    operators::SuperOperator L = operators::dissipator(sm, down);
    L.add(operators::dissipator(sp, up));
    return L;
  };
  sys.channels.push_back({kJ1, local(sm1, sp1)});
  sys.channels.push_back({kJ2, local(sm2, sp2)});
  // Eq. (8): D12 = (γ/2)(1+ξ)(σ1−[ρ,σ2+] + [σ2−,ρ]σ1+) + (γ/2)(1−ξ)(σ1+[ρ,σ2−] + [σ2+,ρ]σ1−).
  // Without the cascade (L(ind)) the channel stays, empty, so that J12 = 0 is written either way.
  operators::SuperOperator D12(hs);
  if (p.cascade) {
    D12.add(operators::cascade(sm1, sm2, down));
    D12.add(operators::cascade(sp1, sp2, up));
  }
  sys.channels.push_back({kJ12, D12});
  sys.current_sums.push_back({kJ1Local, {"J1"}});
  sys.current_sums.push_back({kJ2Local, {"J2", "J12"}});
  sys.expectations.push_back({kU1, operators::local(hs, "sz", 0, 0.5 * w)});
  sys.expectations.push_back({kU2, operators::local(hs, "sz", 1, 0.5 * w)});
  auto excited = [&](int party) {
    OperatorSum p(hs);
    p.add("id", party, 0.5).add("sz", party, 0.5);
    return p;
  };
  sys.expectations.push_back({kPe1, excited(0)});
  sys.expectations.push_back({kPe2, excited(1)});
  const OperatorSum coherence = sm1 * sp2;  // tr(|ge><eg| ρ) = <eg|ρ|ge>
  sys.expectations.push_back({kRho23Re, coherence});
  sys.expectations.push_back({kRho23Im, coherence.scaled(std::complex<double>(0, -1))});
  sys.initial = initial_state(p);
  return sys;
}

void validate(const io::Config& c) {
  check_measures(c, open_keys(), {2, 2});
  const auto p = io::read<Params>(c);
  if (p.initial == "correlated") {
    std::complex<double> r23;
    try {
      r23 = p.rho23_value();
    } catch (const std::invalid_argument& e) {
      throw c.error("model", "rho23", e.what());
    }
    const double xs = p.system_xi();
    if (std::abs(r23) > 1 - xs * xs + 1e-14)
      throw c.error("model", "rho23",
                    "|rho23| = " + format_number(std::abs(r23)) + " exceeds 1 - xi_s^2 = " +
                        format_number(1 - xs * xs) + " (Eq. 42): the state would not be positive");
  }
  if (p.initial == "matrix") {
    if (!p.initial_matrix) throw c.error("model", "initial_matrix", "required when initial = matrix");
    check_density_matrix(c, "model", "initial_matrix", 4);
  }
  check_open_system_requests(c, open_keys(), cascaded_system(p));
}

MemoryEstimate memory_estimate(const io::Config& c, int ranks) {
  // Two qubits: only the output grid grows with the configuration.
  return open_system_memory(
      c, open_keys(), ranks, "time", "samples", double(io::read(c, open_keys()).time.samples), "",
      [](double) { return 4.0; }, double(observables().size()) + 8);
}

io::RunRecord run(MPI_Comm comm, const io::Config& c, RunContext& context) {
  const auto p = io::read<Params>(c);
  const double w = p.omega, g = p.gamma;
  const double xi = p.reservoir_xi();
  const space::TensorSpace hs({2, 2});
  OpenSystem sys = cascaded_system(p);

  // Evaluated on the normalized Hermitian part: integration noise (reported by the trace and
  // Hermiticity monitors) must not abort a run.
  auto discord = [](double, const Dense& rho) {
    const Dense h = 0.5 * (rho + rho.adjoint());
    const Dense state = h / h.trace().real();
    return info::trace_distance_discord(state);
  };
  std::vector<DenseObservable> dense = {
      {kDiscord, discord},
      {kJ12Discord, [=](double t, const Dense& rho) { return 2 * w * g * xi * discord(t, rho); }},
  };
  // Eq. (10): each qubit thermal at the reservoir's ξ, p_e = (1 − ξ)/2 (exact also at ξ = ±1).
  Dense gibbs1 = Dense::Zero(2, 2);
  gibbs1(0, 0) = (1 - xi) / 2;
  gibbs1(1, 1) = (1 + xi) / 2;
  const Dense gibbs12 = Eigen::kroneckerProduct(gibbs1, gibbs1).eval();
  std::vector<DenseObservable> steady = {
      {kGibbsDistance, [=](double, const Dense& rho) { return info::trace_distance(rho, gibbs12); }}};

  io::RunRecord rec =
      run_open_system(comm, sys, open_system_settings(c, open_keys(), context.label), context, dense, steady);
  rec.scalars.push_back({kXi, xi});
  return rec;
}

}  // namespace

std::unique_ptr<Model> make_cascaded_qubits() {
  return make_model({"cascaded_qubits", summary, declare, observables, scalars, validate, memory_estimate, run});
}

}  // namespace qtherm::models
