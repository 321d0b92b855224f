// Seed 004 Sec. III C: a qubit system S (H_S = (omega_s/2) σz) colliding with a stream of fresh
// thermal qubit ancillas (H_A = (omega_a/2) σz, inverse temperature beta) through
// g V = (g0/√dt) Σ_lm J_lm σ_l ⊗ σ_m (Eq. 24). Exact finite-δt collision map (thermo/
// collision_map.hpp): per-collision heat, switching work, entropy production (Eqs. 13–14, 20–21),
// and the fixed point of the map (NESS): β_eff (Eq. 28), steady currents, coherence, ergotropy.
#include "qtherm/models/builtin.hpp"

#include <cmath>
#include <complex>
#include <limits>
#include <optional>
#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/base/log.hpp"
#include "qtherm/base/progress.hpp"
#include "qtherm/dynamics/collision_limit.hpp"
#include "qtherm/dynamics/collision_map.hpp"
#include "qtherm/dynamics/state.hpp"
#include "qtherm/info/coherence.hpp"
#include "qtherm/info/ergotropy.hpp"
#include "qtherm/info/trace_distance.hpp"
#include "qtherm/io/output_list.hpp"
#include "qtherm/models/common/checkpoint.hpp"
#include "qtherm/models/common/memory_terms.hpp"
#include "qtherm/models/common/time_keys.hpp"
#include "qtherm/thermo/collision_energetics.hpp"
#include "qtherm/operators/expression.hpp"

namespace qtherm::models {
namespace {

using io::Quantity;
using Dense = Eigen::MatrixXcd;
using cplx = std::complex<double>;

const char* kAxes[3] = {"x", "y", "z"};
const char* kIntoAncilla = "> 0: energy flows from the system (and coupling) into the ancillas";
const char* kWorkOn = "> 0: work done on system + ancilla by switching the coupling on and off";

Quantity q(std::string n, std::string unit, std::string sign, std::string meaning) {
  return Quantity{std::move(n), std::move(unit), std::move(sign), std::move(meaning)};
}

// Basis index 0 = excited |e>, σz = diag(1, −1) (operators/local_operator.hpp).
Dense pauli(int l) {
  Dense s = Dense::Zero(2, 2);
  if (l == 0) s(0, 1) = s(1, 0) = 1;
  if (l == 1) s(0, 1) = cplx(0, -1), s(1, 0) = cplx(0, 1);
  if (l == 2) s(0, 0) = 1, s(1, 1) = -1;
  return s;
}

std::string coupling_key(int l, int m) { return std::string("j") + kAxes[l] + kAxes[m]; }

struct Params {
  double omega_s = 1, omega_a = 1;
  std::optional<double> beta;  // required (validate)
  double dt = 0.05, g0 = 1;
  double J[3][3] = {{1, 0, 0}, {0, 0, 0}, {0, 0, 0}};
  std::string coupling = "matrix", V = "sx(0)*sx(1)";
  double alpha = 0, gamma = 0;
  std::string initial = "thermal";
  double beta_s = 0;
  std::vector<double> bloch = {0, 0, 0};
  long collisions = 1000;
  std::optional<double> t_final;
  long every = 1;
  std::optional<long> samples;
  TimeKeys time{0, 0, 10, false};  // progress_interval; the collision grid is the model's own

  void bind(io::Binder& b) {
    b.section("model");
    b.key("omega_s", omega_s).unit("energy").positive().meaning("system gap; H_S = (omega_s/2) sz");
    b.key("omega_a", omega_a).unit("energy").positive().meaning("ancilla gap; H_A = (omega_a/2) sz");
    b.key("beta", beta)
        .unit("1/energy")
        .non_negative()
        .meaning("inverse temperature of the ancillas, rho_A = exp(-beta H_A)/Z, Eq. (25) (required)");
    b.key("dt", dt).unit("time").positive().meaning("collision time delta t (the paper uses 0.05/omega_s)");
    b.key("g0", g0)
        .unit("energy*sqrt(time)")
        .non_negative()
        .meaning("coupling scale: the interaction is (g0/sqrt(dt)) sum_lm J_lm sl (x) sm, Eqs. (4), (24)");
    for (int l = 0; l < 3; ++l)
      for (int m = 0; m < 3; ++m)
        b.key(coupling_key(l, m), J[l][m])
            .unit("1")
            .meaning(std::string("J_") + kAxes[l] + kAxes[m] + ": weight of s" + kAxes[l] + "(system) (x) s" +
                     kAxes[m] + "(ancilla) in Eq. (24)");
    b.key("coupling", coupling)
        .choices({"matrix", "angles", "fixed_perpendicular", "expression"})
        .meaning(
            "matrix: the nine J_lm keys (Eq. 24); angles: Eq. (31), J_xx = cos(alpha) cos(gamma), "
            "J_yy = cos(alpha) sin(gamma), J_zy = sin(alpha), the J_lm keys ignored; fixed_perpendicular: the J_lm "
            "keys with J_zy = tan(alpha) sqrt(J_xx^2 + J_yy^2), the family of Fig. 2 (perpendicular term fixed, only "
            "J_zy varied; docs/physics.md, section collision_ness); expression: the operator V");
    b.key("V", V).unit("1").meaning(
        "coupling = expression: V as an operator expression, party 0 the system and 1 the ancilla, e.g. "
        "sx(0)*sx(1) + 0.5*sy(0)*sy(1); must be Hermitian");
    b.key("alpha", alpha)
        .unit("rad")
        .meaning(
            "Eq. (31): weight of the parallel term sz(x)sy, tan(alpha) = J_zy / sqrt(J_xx^2 + J_yy^2) "
            "(coupling = angles or fixed_perpendicular; the latter needs |alpha| < pi/2)");
    b.key("gamma", gamma)
        .unit("rad")
        .meaning("Eq. (31): tan(gamma) = J_y/J_x of the perpendicular term (coupling = angles)");
    b.key("initial", initial)
        .choices({"thermal", "bloch"})
        .meaning("initial system state: thermal (Gibbs state of H_S at beta_s) or bloch (Bloch vector `bloch`)");
    b.key("beta_s", beta_s)
        .unit("1/energy")
        .non_negative()
        .meaning("initial inverse temperature of the system (initial = thermal)");
    b.key("bloch", bloch)
        .unit("1")
        .meaning(
            "initial Bloch vector (x, y, z), rho = (1 + r.s)/2, |r| <= 1 (up to 1e-8, rescaled), z > 0 is excited "
            "(initial = bloch)");
    b.section("time");
    b.key("collisions", collisions).unit("1").non_negative().meaning("number of collisions n (t = n dt)");
    b.key("t_final", t_final)
        .unit("time")
        .positive()
        .meaning("final time; overrides collisions with round(t_final/dt)");
    b.key("every", every).unit("1").min(1).meaning("record every this many collisions (the last one always)");
    b.key("samples", samples)
        .unit("1")
        .min(2)
        .meaning("number of output times, evenly spread over the collisions (nearest collision); overrides every");
    time.bind(b);
  }

  long n() const { return t_final ? std::lround(*t_final / dt) : collisions; }
};

// `c` names the key in errors.
Dense coupling(const Params& p, const io::Config& c) {
  Dense V = Dense::Zero(4, 4);
  if (p.coupling == "expression") {  // party 0 = system, 1 = ancilla
    try {
      return operators::parse_operator(p.V, space::TensorSpace({2, 2})).dense();
    } catch (const std::invalid_argument& e) {
      throw c.error("model", "V", e.what());
    }
  }
  if (p.coupling == "angles") {  // Eq. (31)
    const double a = p.alpha, g = p.gamma;
    V += std::cos(a) * std::cos(g) * Eigen::kroneckerProduct(pauli(0), pauli(0)).eval();
    V += std::cos(a) * std::sin(g) * Eigen::kroneckerProduct(pauli(1), pauli(1)).eval();
    V += std::sin(a) * Eigen::kroneckerProduct(pauli(2), pauli(1)).eval();
    return V;
  }
  // Fig. 2's family (docs/physics.md, slip 9): the caption fixes J_x = 2J_y = 1 and varies only J_zy,
  // through alpha = arctan(J_zy / sqrt(J_xx^2 + J_yy^2)) as defined below Eq. (29).
  const bool fixed_perpendicular = p.coupling == "fixed_perpendicular";
  for (int l = 0; l < 3; ++l)
    for (int m = 0; m < 3; ++m) {
      double J = p.J[l][m];
      if (fixed_perpendicular && l == 2 && m == 1) J = std::tan(p.alpha) * std::hypot(p.J[0][0], p.J[1][1]);
      if (J != 0) V += J * Eigen::kroneckerProduct(pauli(l), pauli(m)).eval();
    }
  return V;
}

Dense initial_state(const Params& p) {
  if (p.initial == "bloch") {
    const auto& r = p.bloch;
    // |r| up to 1 + 1e-8 is accepted (rounded decimals of a pure state) and scaled back to 1.
    const double len = std::sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]), scale = len > 1 ? 1 / len : 1.0;
    Dense rho = 0.5 * Dense::Identity(2, 2);
    for (int l = 0; l < 3; ++l) rho += 0.5 * scale * r[l] * pauli(l);
    return rho;
  }
  return dynamics::gibbs(0.5 * p.omega_s * pauli(2), p.beta_s);
}

// Eq. (28) for a qubit: e^{−β_eff ω_S} = p_e/p_g.
double beta_eff(const Dense& rho, double omega_s) {
  const double pe = rho(0, 0).real(), pg = rho(1, 1).real();
  if (!(pe > 0)) return std::nan("");
  if (!(pg > 0)) return -std::numeric_limits<double>::infinity();
  return std::log(pg / pe) / omega_s;
}

// One output time: the state after the collisions before t and the collision starting at t.
struct Sample {
  double E_S, p_e, coherence_l1, heat_current, work_current, entropy_production_rate, mutual_information,
      first_law_residual, Q, W, Sigma;
};
const io::OutputList<Sample> kSampled = {
    {q("E_S", "energy", "", "system energy tr(rho_S H_S)"), &Sample::E_S},
    {q("p_e", "1", "", "excited-state population of the system"), &Sample::p_e},
    {q("coherence_l1", "1", "", "l1 coherence of rho_S in the H_S eigenbasis, 2|<e|rho_S|g>|"), &Sample::coherence_l1},
    {q("heat_current", "energy/time", kIntoAncilla,
       "Q/dt of the collision starting at t, Q = tr[(rho_SA' - rho_SA) H_A] (Eq. 21)"),
     &Sample::heat_current},
    {q("work_current", "energy/time", kWorkOn,
       "W/dt of the collision starting at t, W = -tr[(rho_SA' - rho_SA) g V] = tr[(rho_SA' - rho_SA)(H_S + H_A)] "
       "(Eq. 20)"),
     &Sample::work_current},
    {q("entropy_production_rate", "nat/time", ">= 0",
       "Sigma/dt of the collision starting at t, Sigma = dS_S + beta Q (Eqs. 13-14)"),
     &Sample::entropy_production_rate},
    {q("mutual_information", "nat", "", "I(S:A) right after the collision starting at t"), &Sample::mutual_information},
    {q("first_law_residual", "energy", "", "dE_S - (W - Q) of the collision starting at t (rounding only)"),
     &Sample::first_law_residual},
    {q("Q", "energy", kIntoAncilla, "heat into the ancillas summed over the collisions before t"), &Sample::Q},
    {q("W", "energy", kWorkOn, "switching work summed over the collisions before t"), &Sample::W},
    {q("Sigma", "nat", ">= 0", "entropy production summed over the collisions before t"), &Sample::Sigma},
};

// The fixed point of the map and the stationary state of its continuous limit (NaN where the limit
// does not exist).
struct Steady {
  double beta_eff, beta_eff_over_beta, p_e, heat_current, work_current, entropy_production_rate, coherence_l1,
      ergotropy, multiplicity, residual, final_distance, collisions;
  double limit_beta_eff = std::nan(""), limit_heat_current = std::nan(""), limit_work_current = std::nan(""),
         limit_entropy_production_rate = std::nan(""), limit_coherence_l1 = std::nan(""), limit_kernel = std::nan("");
};
const io::OutputList<Steady> kSteady = {
    {q("beta_eff", "1/energy", "< 0: population inversion",
       "effective inverse temperature of the fixed point, ln(p_g/p_e)/omega_s (Eq. 28); NaN if p_e = 0"),
     &Steady::beta_eff},
    {q("beta_eff_over_beta", "1", "", "beta_eff / beta (NaN if beta = 0)"), &Steady::beta_eff_over_beta},
    {q("steady_p_e", "1", "", "excited population of the fixed point"), &Steady::p_e},
    {q("steady_heat_current", "energy/time", kIntoAncilla, "Q/dt on the fixed point"), &Steady::heat_current},
    {q("steady_work_current", "energy/time", kWorkOn,
       "W/dt on the fixed point (equals steady_heat_current: energy enters as work, leaves as heat)"),
     &Steady::work_current},
    {q("steady_entropy_production_rate", "nat/time", ">= 0", "Sigma/dt on the fixed point (= beta Q/dt there)"),
     &Steady::entropy_production_rate},
    {q("steady_coherence_l1", "1", "", "l1 coherence of the fixed point in the H_S eigenbasis"), &Steady::coherence_l1},
    {q("steady_ergotropy", "energy", ">= 0", "ergotropy of the fixed point with respect to H_S (Eq. 30)"),
     &Steady::ergotropy},
    {q("fixed_point_multiplicity", "1", "",
       "dimension of the eigenvalue-1 eigenspace of the map (> 1: the fixed point is the one reached from the initial "
       "state)"),
     &Steady::multiplicity},
    {q("fixed_point_residual", "1", "", "Frobenius norm of Phi(rho*) - rho*"), &Steady::residual},
    {q("final_distance_to_fixed_point", "1", "",
       "trace distance between rho_S after the last collision and the fixed point"),
     &Steady::final_distance},
    {q("collisions", "1", "", "number of collisions run"), &Steady::collisions},
    {q("limit_beta_eff", "1/energy", "< 0: population inversion",
       "beta_eff of the stationary state of the continuous-limit generator (dt -> 0, g = g0/sqrt(dt)); "
       "NaN where the limit does not exist"),
     &Steady::limit_beta_eff},
    {q("limit_steady_heat_current", "energy/time", kIntoAncilla,
       "steady heat current of the continuous limit (seed 004 Eq. 23)"),
     &Steady::limit_heat_current},
    {q("limit_steady_work_current", "energy/time", kWorkOn,
       "steady work current of the continuous limit (seed 004 Eq. 22)"),
     &Steady::limit_work_current},
    {q("limit_steady_entropy_production_rate", "nat/time", ">= 0", "beta times the steady heat current of the limit"),
     &Steady::limit_entropy_production_rate},
    {q("limit_steady_coherence_l1", "1", "", "l1 coherence of the limit's stationary state"),
     &Steady::limit_coherence_l1},
    {q("limit_kernel_dimension", "1", "",
       "dimension of the generator's kernel (> 1: the stationary state is not unique)"),
     &Steady::limit_kernel},
};

std::string summary() {
  return "qubit collision model with thermal qubit ancillas: switching work, heat, entropy production per "
         "collision, NESS fixed point, effective temperature, steady-state coherence (seed 004)";
}

void declare(io::Schema& s) { io::declare<Params>(s); }

std::vector<Quantity> observables() { return kSampled.quantities(); }

std::vector<Quantity> scalars() { return kSteady.quantities(); }

void validate(const io::Config& c) {
  const auto p = io::read<Params>(c);  // the ranges of beta, dt and g0 are the schema's
  if (!p.beta) throw c.error("model", "beta", "required: inverse temperature of the ancillas (>= 0)");
  if (p.initial == "bloch") {
    const auto& r = p.bloch;
    if (r.size() != 3) throw c.error("model", "bloch", "needs 3 components (x, y, z), got " + std::to_string(r.size()));
    const double n = std::sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    if (n > 1 + 1e-8) throw c.error("model", "bloch", "|r| = " + format_number(n) + " > 1: not a state");
  }
  if (p.n() < 0) throw c.error("time", "collisions", "must be >= 0");
  if (p.coupling == "fixed_perpendicular" && !(std::abs(p.alpha) < M_PI / 2))
    throw c.error("model", "alpha",
                  "coupling = fixed_perpendicular needs |alpha| < pi/2 (J_zy = tan(alpha) sqrt(J_xx^2 + J_yy^2))");
  const Dense V = coupling(p, c);
  if ((V - V.adjoint()).norm() > 1e-12 * std::max(1.0, V.norm()))
    throw c.error("model", p.coupling == "expression" ? "V" : "coupling", "the coupling is not Hermitian");
}

MemoryEstimate memory_estimate(const io::Config& c, int) {
  // A qubit and its ancilla: only the recorded collisions grow with the configuration.
  const double series = double(observables().size());  // measured: no further per-collision storage
  const auto p = io::read<Params>(c);
  if (p.samples) return {output_term("time", "samples", double(*p.samples), series)};
  const double every = double(p.every);
  MemoryTerm t = output_term("time", "collisions", double(p.n()), series);
  t.quantity = "collisions";
  const auto per_sample = t.bytes;
  t.bytes = [=](double n) { return per_sample(std::ceil(n / every) + 1); };
  return {t};
}

io::RunRecord run(MPI_Comm comm, const io::Config& c, RunContext& context) {
  // Dense and tiny: every rank computes the same thing (no communication needed).
  const auto p = io::read<Params>(c);
  const double ws = p.omega_s, wa = p.omega_a, beta = *p.beta;
  const double dt = p.dt, g = p.g0 / std::sqrt(dt);
  const Dense Hs = 0.5 * ws * pauli(2), Ha = 0.5 * wa * pauli(2);
  const dynamics::CollisionModel model(Hs, Ha, coupling(p, c), g, dt, beta);
  const Dense rho0 = initial_state(p);
  const long n = p.n(), every = p.every;
  // Output collision indices, ascending, 0 and n included.
  std::vector<long> out;
  if (p.samples) {
    const long m = *p.samples;
    for (long k = 0; k < m; ++k) {
      const long idx = std::lround(static_cast<double>(k) * n / (m - 1));
      if (out.empty() || idx > out.back()) out.push_back(idx);
    }
  } else {
    for (long k = 0; k < n; k += every) out.push_back(k);
    if (out.empty() || out.back() != n) out.push_back(n);
  }
  size_t next_out = 0;

  io::RunRecord rec;
  std::vector<std::vector<double>> values = kSampled.empty_columns();
  double Q = 0, W = 0, S = 0;
  Dense rho = rho0;
  long k0 = 0;
  // The loop's whole state, for checkpoints: the next collision, ρ_S, cumulative sums, samples so far.
  Checkpoint ck(comm, context, 1000);
  ck.add("collision", k0);
  for (auto [name, x] : {std::pair{"Q", &Q}, {"W", &W}, {"S", &S}}) ck.add(name, *x);
  ck.add("next_sample", next_out);
  ck.add("rho", rho);
  ck.add("t", rec.t);
  ck.add("samples", values);
  ck.progress(0, n * dt, "time");
  if (ck.restore(0, [&] { return k0 * dt; }))
    print0(comm, context.label + ": resuming at collision " + std::to_string(k0));
  Progress progress(comm, context.label, 0, n * dt, p.time.progress_interval);
  for (long k = k0; k <= n; ++k) {
    const dynamics::CollisionStep step = model.step(rho);
    const thermo::CollisionEnergetics st = thermo::collision_energetics(model, rho, step);
    if (next_out < out.size() && out[next_out] == k) {
      ++next_out;
      rec.t.push_back(k * dt);
      kSampled.append(
          values, {(rho * Hs).trace().real(), rho(0, 0).real(), info::coherence_l1(rho, Hs), st.heat / dt, st.work / dt,
                   st.entropy_production / dt, st.mutual_information, st.first_law_residual, Q, W, S});
    }
    if (k == n) break;
    Q += st.heat, W += st.work, S += st.entropy_production;
    rho = 0.5 * (step.rho_after + step.rho_after.adjoint());  // no drift of trace/Hermiticity over many collisions
    rho /= rho.trace().real();
    progress.update((k + 1) * dt, k + 1);
    k0 = k + 1;
    if (ck.at((k + 1) * dt)) return rec;
  }
  progress.finish(n * dt, n);
  kSampled.write_columns(rec.observables, std::move(values));

  const dynamics::CollisionFixedPoint fp = model.fixed_point(rho0);
  const thermo::CollisionEnergetics fe = thermo::collision_energetics(model, fp.rho, fp.step);
  const double be = beta_eff(fp.rho, ws);
  Steady steady{be,
                beta > 0 ? be / beta : std::nan(""),
                fp.rho(0, 0).real(),
                fe.heat / model.dt(),
                fe.work / model.dt(),
                fe.entropy_production / model.dt(),
                info::coherence_l1(fp.rho, Hs),
                info::ergotropy(fp.rho, Hs),
                static_cast<double>(fp.multiplicity),
                fp.residual,
                info::trace_distance(rho, fp.rho),
                static_cast<double>(n)};
  try {
    const dynamics::CollisionLimit lim(Hs, Ha, coupling(p, c), p.g0, beta);
    long kernel = 0;
    const Dense ss = lim.steady_state(&kernel);
    const double jq = lim.heat_current(ss);
    steady.limit_beta_eff = beta_eff(ss, ws);
    steady.limit_heat_current = jq;
    steady.limit_work_current = lim.work_current(ss);
    steady.limit_entropy_production_rate = jq == 0 ? 0.0 : beta * jq;
    steady.limit_coherence_l1 = info::coherence_l1(ss, Hs);
    steady.limit_kernel = double(kernel);
  } catch (const std::invalid_argument&) {
    // No continuous limit for this coupling (tr_A[V(1 x rho_A)] not ∝ 1): the limit_ scalars stay NaN.
  }
  kSteady.write(rec.scalars, steady);
  io::ComplexArray fixed{"fixed_point", {2, 2}, {}};
  for (long i = 0; i < 2; ++i)
    for (long j = 0; j < 2; ++j) fixed.data.push_back(fp.rho(i, j));
  rec.states.push_back(std::move(fixed));
  return rec;
}

}  // namespace

std::unique_ptr<Model> make_collision_ness() {
  return make_model({"collision_ness", summary, declare, observables, scalars, validate, memory_estimate, run});
}

}  // namespace qtherm::models
