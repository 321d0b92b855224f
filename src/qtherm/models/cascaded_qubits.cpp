// Seed 002 (Lorenzo et al., PRA 91, 022121): two qubits coupled in cascade to a reservoir of
// thermal qubits, Eqs. (1), (2), (6)–(9); heat fluxes Eqs. (12)–(17); initial states Eqs. (39)–(41).
#include "qtherm/models/builtin.hpp"

#include <cmath>

#include "qtherm/base/log.hpp"
#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/info/trace_distance.hpp"
#include "qtherm/info/trace_distance_discord.hpp"
#include "qtherm/models/memory_terms.hpp"
#include "qtherm/models/open_system.hpp"
#include "qtherm/models/validation.hpp"

namespace qtherm::models {
namespace {

class CascadedQubits final : public Model {
 public:
  std::string name() const override { return "cascaded_qubits"; }
  std::string summary() const override;
  void declare(io::Schema& schema) const override;
  std::vector<io::Quantity> observables() const override;
  std::vector<io::Quantity> scalars() const override;
  void validate(const io::Config& config) const override;
  MemoryEstimate memory_estimate(const io::Config& config, int ranks) const override;
  io::RunRecord run(MPI_Comm comm, const io::Config& config, RunContext& context) const override;
};

}  // namespace
namespace {

using io::Quantity;
using operators::OperatorSum;
using Dense = Eigen::MatrixXcd;

const char* kFlux = "energy/time";
const char* kIntoReservoir = "> 0: energy flows from the system into the reservoir";

// Reservoir ξ = tanh(βω/2) (Eq. 9) from whichever of xi / beta the user gave.
double reservoir_xi(const io::Config& c) {
  if (c.has("model", "xi")) return c.real("model", "xi");
  return std::tanh(0.5 * c.real("model", "beta") * c.real("model", "omega"));
}

double system_xi(const io::Config& c) {
  if (c.has("model", "xi_s")) return c.real("model", "xi_s");
  return std::tanh(0.5 * c.real("model", "beta_s") * c.real("model", "omega"));
}

// Basis |ee>, |eg>, |ge>, |gg> (index 0 = excited, as in the paper's ordering).
Dense initial_state(const io::Config& c) {
  const std::string kind = c.text("model", "initial");
  if (kind == "matrix") return c.matrix("model", "initial_matrix");
  const double xs = system_xi(c);
  Dense rho = Dense::Zero(4, 4);
  rho(0, 0) = (1 - xs) * (1 - xs) / 4;  // Eqs. (39)–(40)
  rho(1, 1) = rho(2, 2) = (1 - xs * xs) / 4;
  rho(3, 3) = (1 + xs) * (1 + xs) / 4;
  if (kind == "correlated") {
    // Eq. (41) carries an overall 1/4: the matrix element is ρ23(0)/4 (docs/physics.md).
    const std::complex<double> r23 = io::parse_complex(c.text("model", "rho23")) + std::complex<double>(0, c.real("model", "rho23_imag"));
    rho(1, 2) = r23 / 4.0;
    rho(2, 1) = std::conj(r23) / 4.0;
  }
  return rho;
}

Quantity q(std::string n, std::string unit, std::string sign, std::string meaning) {
  return Quantity{std::move(n), std::move(unit), std::move(sign), std::move(meaning)};
}

}  // namespace

std::string CascadedQubits::summary() const {
  return "two qubits in cascade with a thermal qubit reservoir: heat fluxes J1, J2, J12, release "
         "times, trace-distance discord (seed 002)";
}

void CascadedQubits::declare(io::Schema& s) const {
  using io::ValueType;
  auto add = [&](auto&&... a) { s.add(io::make_key("model", std::forward<decltype(a)>(a)...)); };
  add("omega", ValueType::real, "1", "energy", "qubit gap; H = (omega/2)(sz1 + sz2), Eq. (6)", 0.0, true);
  add("gamma", ValueType::real, "1", "1/time", "relaxation rate of each qubit alone", 0.0, true);
  add("beta", ValueType::real, "1", "1/energy",
      "reservoir inverse temperature; ignored when xi is given (default: k_B T = omega, seed 002 Fig. 2)", 0.0);
  add("xi", ValueType::real, "", "1", "reservoir xi = tanh(beta omega / 2), Eq. (9); 1 is zero temperature; overrides beta", -1.0, false, 1.0);
  add("cascade", ValueType::boolean, "true", "", "true: L(c) = L1 + L2 + D12; false: independent reservoirs L(ind) = L1 + L2");
  s.add(io::make_key("model", "initial", ValueType::choice, "thermal", "",
                     "thermal: product of local Gibbs states at xi_s/beta_s (Eqs. 39-40); correlated: Eq. (41) with rho23; "
                     "matrix: initial_matrix",
                     {}, false, {}, {"thermal", "correlated", "matrix"}));
  add("beta_s", ValueType::real, "0.5", "1/energy",
      "initial inverse temperature of each qubit; ignored when xi_s is given (default T_S = 2 T)", 0.0);
  add("xi_s", ValueType::real, "", "1", "initial xi_S of each qubit; overrides beta_s", -1.0, false, 1.0);
  add("rho23", ValueType::string, "0", "1",
      "complex parameter rho23(0) of Eq. (41), |rho23| <= 1 - xi_s^2 (Eq. 42); the matrix element is rho23/4");
  add("rho23_imag", ValueType::real, "0", "1",
      "added to rho23 as i*rho23_imag, so that a sweep can scan the real and imaginary parts as two keys (seed 002 Fig. 5c)");
  add("initial_matrix", ValueType::matrix, "", "1",
      "4x4 initial density matrix in the basis |ee>, |eg>, |ge>, |gg> (for initial = matrix)");
  io::declare(s, OpenSystemKeys{});
}

std::vector<Quantity> CascadedQubits::observables() const {
  std::vector<Quantity> v = {
      q("U1", "energy", "", "energy of qubit 1, (omega/2) <sz1>"),
      q("U2", "energy", "", "energy of qubit 2, (omega/2) <sz2>"),
      q("p_e1", "1", "", "excited-state population of qubit 1"),
      q("p_e2", "1", "", "excited-state population of qubit 2"),
      q("rho23_re", "1", "", "Re <eg|rho|ge> (the matrix element: Eq. (41)'s parameter rho23 is 4 times it)"),
      q("rho23_im", "1", "", "Im <eg|rho|ge>"),
      q("J1", kFlux, kIntoReservoir, "-tr(H L1 rho), Eq. (13) (the paper prints it in units of omega gamma/2)"),
      q("J2", kFlux, kIntoReservoir, "-tr(H L2 rho), Eq. (13)"),
      q("J12", kFlux, kIntoReservoir, "-tr(H D12 rho), Eq. (14): the correlated (cascade) flux; 0 without cascade"),
      q("J1_local", kFlux, kIntoReservoir, "heat flux out of qubit 1, -dU1/dt = J1, Eq. (16)"),
      q("J2_local", kFlux, kIntoReservoir, "heat flux out of qubit 2, -dU2/dt = J2 + J12, Eq. (17)"),
      q("D_trace", "1", "", "one-sided trace-distance discord D-> of rho (qubit 1 measured), Eq. (44): closed form for X states, "
                               "numerical minimisation otherwise (docs/physics.md, section Trace-distance discord)"),
      q("J12_from_discord", kFlux, "> 0", "2 omega gamma xi D_trace: equals |J12| for product thermal initial states, Eq. (45)"),
  };
  for (const auto& x : open_system_observables()) v.push_back(x);
  for (const auto* n : {"J1", "J2", "J12"})
    v.push_back(q(std::string("Q_") + n, "energy", kIntoReservoir, std::string("time integral of ") + n));  // as the pipeline writes it
  return v;
}

std::vector<Quantity> CascadedQubits::scalars() const {
  auto v = open_system_scalars();
  v.push_back(q("steady_gibbs_distance", "1", "", "trace distance between the steady state and the product Gibbs state of Eq. (10)"));
  v.push_back(q("xi", "1", "", "reservoir xi = tanh(beta omega/2) used"));
  return v;
}

void CascadedQubits::validate(const io::Config& c) const {
  check_measures(c, OpenSystemKeys{}, {2, 2});
  const std::string kind = c.text("model", "initial");
  if (kind == "correlated") {
    std::complex<double> r23;
    try {
      r23 = io::parse_complex(c.text("model", "rho23")) + std::complex<double>(0, c.real("model", "rho23_imag"));
    } catch (const std::invalid_argument& e) {
      throw c.error("model", "rho23", e.what());
    }
    const double xs = system_xi(c);
    if (std::abs(r23) > 1 - xs * xs + 1e-14)
      throw c.error("model", "rho23", "|rho23| = " + format_number(std::abs(r23)) + " exceeds 1 - xi_s^2 = " +
                                          format_number(1 - xs * xs) + " (Eq. 42): the state would not be positive");
  }
  if (kind == "matrix") {
    if (!c.has("model", "initial_matrix")) throw c.error("model", "initial_matrix", "required when initial = matrix");
    check_density_matrix(c, "model", "initial_matrix", 4);
  }
}

MemoryEstimate CascadedQubits::memory_estimate(const io::Config& c, int ranks) const {
  // Two qubits: only the output grid grows with the configuration.
  return open_system_memory(c, OpenSystemKeys{}, ranks, "time", "samples", double(io::read<OpenSystemKeys>(c).samples), "",
                            [](double) { return 4.0; }, double(observables().size()) + 8);
}

io::RunRecord CascadedQubits::run(MPI_Comm comm, const io::Config& c, RunContext& context) const {
  const double w = c.real("model", "omega"), g = c.real("model", "gamma");
  const double xi = reservoir_xi(c);
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
  auto obs = observables();
  auto find = [&](const std::string& n) {
    for (const auto& x : obs)
      if (x.name == n) return x;
    return Quantity{n, "", "", ""};
  };
  sys.channels.push_back({find("J1"), local(sm1, sp1)});
  sys.channels.push_back({find("J2"), local(sm2, sp2)});
  // Eq. (8): D12 = (γ/2)(1+ξ)(σ1−[ρ,σ2+] + [σ2−,ρ]σ1+) + (γ/2)(1−ξ)(σ1+[ρ,σ2−] + [σ2+,ρ]σ1−).
  // Without the cascade (L(ind)) the channel stays, empty, so that J12 = 0 is written either way.
  operators::SuperOperator D12(hs);
  if (c.boolean("model", "cascade")) {
    D12.add(operators::cascade(sm1, sm2, down));
    D12.add(operators::cascade(sp1, sp2, up));
  }
  sys.channels.push_back({find("J12"), D12});
  sys.current_sums.push_back({find("J1_local"), {"J1"}});
  sys.current_sums.push_back({find("J2_local"), {"J2", "J12"}});
  sys.expectations.push_back({find("U1"), operators::local(hs, "sz", 0, 0.5 * w)});
  sys.expectations.push_back({find("U2"), operators::local(hs, "sz", 1, 0.5 * w)});
  auto excited = [&](int party) {
    OperatorSum p(hs);
    p.add("id", party, 0.5).add("sz", party, 0.5);
    return p;
  };
  sys.expectations.push_back({find("p_e1"), excited(0)});
  sys.expectations.push_back({find("p_e2"), excited(1)});
  const OperatorSum coherence = sm1 * sp2;  // tr(|ge><eg| ρ) = <eg|ρ|ge>
  sys.expectations.push_back({find("rho23_re"), coherence});
  sys.expectations.push_back({find("rho23_im"), coherence.scaled(std::complex<double>(0, -1))});
  sys.initial = initial_state(c);

  // Evaluated on the normalized Hermitian part: integration noise (reported by the trace and
  // Hermiticity monitors) must not abort a run.
  auto discord = [](double, const Dense& rho) {
    const Dense h = 0.5 * (rho + rho.adjoint());
    const Dense state = h / h.trace().real();
    return info::trace_distance_discord(state);
  };
  std::vector<DenseObservable> dense = {
      {find("D_trace"), discord},
      {find("J12_from_discord"), [=](double t, const Dense& rho) { return 2 * w * g * xi * discord(t, rho); }},
  };
  // Eq. (10): each qubit thermal at the reservoir's ξ, p_e = (1 − ξ)/2 (exact also at ξ = ±1).
  Dense gibbs1 = Dense::Zero(2, 2);
  gibbs1(0, 0) = (1 - xi) / 2;
  gibbs1(1, 1) = (1 + xi) / 2;
  const Dense gibbs12 = Eigen::kroneckerProduct(gibbs1, gibbs1).eval();
  std::vector<DenseObservable> steady = {
      {scalars()[scalars().size() - 2], [=](double, const Dense& rho) { return info::trace_distance(rho, gibbs12); }}};

  io::RunRecord rec = run_open_system(comm, sys, open_system_settings(c, OpenSystemKeys{}, context.label), context, dense, steady);
  rec.scalars.push_back({scalars().back(), xi});
  return rec;
}

std::unique_ptr<Model> make_cascaded_qubits() { return std::make_unique<CascadedQubits>(); }

}  // namespace qtherm::models
