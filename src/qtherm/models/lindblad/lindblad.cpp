// The generic model: parties with local dimensions, a Hamiltonian, jump operators, a GKSL rate
// matrix and cascaded couplings, all written in the configuration, for systems no built-in model covers.
#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/models/builtin.hpp"

#include <cmath>
#include <map>
#include <optional>
#include <stdexcept>

#include "qtherm/base/log.hpp"
#include "qtherm/dynamics/state.hpp"
#include "qtherm/io/hdf5_reader.hpp"
#include "qtherm/models/common/memory_terms.hpp"
#include "qtherm/models/common/open_system.hpp"
#include "qtherm/models/common/open_system_counting.hpp"
#include "qtherm/models/common/validation.hpp"
#include "qtherm/operators/expression.hpp"

namespace qtherm::models {
namespace {

struct Params {
  std::vector<std::string> dims = {"2"};
  std::string hamiltonian = "0.5*sz(0)", jumps = "1.0 : sm(0)", drives, tables, betas, gksl_operators;
  std::optional<Eigen::MatrixXcd> gksl_rates;
  std::string cascades, matrices, observables;
  std::string initial = "basis";
  std::vector<std::string> initial_basis = {"0"};
  double initial_beta = 1;
  std::optional<Eigen::MatrixXcd> initial_matrix;
  OpenSystemKeys open = with_periodic();

  // The shared open-system keys, with [periodic] (drives and rates of t may repeat).
  static OpenSystemKeys with_periodic() {
    OpenSystemKeys k;
    k.periodic = true;
    return k;
  }
  void bind(io::Binder& b);
};

using io::Quantity;
using operators::OperatorSum;

// Splits on `sep` outside brackets, trimming items and dropping empty ones.
std::vector<std::string> split_top(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  auto push = [&] {
    const auto b = cur.find_first_not_of(" \t\n"), e = cur.find_last_not_of(" \t\n");
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (char c : s) {
    if (c == '[' || c == '(') ++depth;
    if (c == ']' || c == ')') --depth;
    if (c == sep && depth == 0)
      push();
    else
      cur += c;
  }
  push();
  return out;
}

struct Setup {
  space::TensorSpace space{{1}};
  std::map<std::string, Eigen::MatrixXcd> matrices;
};

Setup setup(const io::Config& c, const Params& m) {
  Setup s;
  std::vector<PetscInt> dims;
  for (const auto& d : m.dims) {
    long v = 0;
    try {
      v = io::parse_integer(d);
    } catch (const std::invalid_argument&) {
      throw c.error("model", "dims", "expected whole numbers, got '" + d + "'");
    }
    if (v < 1) throw c.error("model", "dims", "local dimensions must be >= 1, got " + d);
    dims.push_back(v);
  }
  if (dims.empty()) throw c.error("model", "dims", "needs at least one party");
  // The memory of dimension prod(dims) is estimated by memory_estimate and refused by the engine.
  s.space = space::TensorSpace(dims);
  for (const auto& item : split_top(m.matrices, ';')) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) throw c.error("model", "matrices", "expected NAME = [[...]], got '" + item + "'");
    std::string name = split_top(item.substr(0, eq), ' ').empty() ? "" : split_top(item.substr(0, eq), ' ')[0];
    try {
      s.matrices[name] = io::parse_matrix(item.substr(eq + 1));
    } catch (const std::invalid_argument& e) {
      throw c.error("model", "matrices", name + ": " + e.what());
    }
  }
  return s;
}

OperatorSum expr(const io::Config& c, const std::string& key, const std::string& text, const Setup& s) {
  try {
    return operators::parse_operator(text, s.space, s.matrices);
  } catch (const std::invalid_argument& e) {
    throw c.error("model", key, e.what());
  }
}

double rate(const io::Config& c, const std::string& key, const std::string& text) {
  double r = 0;
  try {
    r = io::parse_real(text);
  } catch (const std::invalid_argument& e) {
    throw c.error("model", key, std::string("rate: ") + e.what());
  }
  if (r < 0) throw c.error("model", key, "rates must be >= 0, got " + text);
  return r;
}

const char* kIntoEnv = "> 0: energy flows from the system into this channel's environment";

// [model] tables: NAME : FILE items, FILE already absolute (resolve_table_paths, when the
// configuration was read), each read and splined once.
io::TimeTables tables(const io::Config& c, const Params& m) {
  io::TimeTables out;
  for (const auto& item : split_top(m.tables, ';')) {
    const auto colon = item.find(':');
    const std::string name = colon == std::string::npos ? "" : trim(item.substr(0, colon));
    const std::string file = colon == std::string::npos ? "" : trim(item.substr(colon + 1));
    if (name.empty() || file.empty()) throw c.error("model", "tables", "expected NAME : FILE, got '" + item + "'");
    try {
      io::check_table_name(name);
    } catch (const std::invalid_argument& e) {
      throw c.error("model", "tables", e.what());
    }
    if (out.count(name)) throw c.error("model", "tables", "table name '" + name + "' given twice");
    try {
      out[name] = std::make_shared<const io::TimeTable>(io::TimeTable::read(file));
    } catch (const std::invalid_argument& e) {
      throw c.error("model", "tables", name + ": " + e.what());
    }
  }
  return out;
}

// An expression of t for [model] key: its parse error as bad input naming the key.
io::TimeExpression time_expression(const io::Config& c, const Params& m, const std::string& key,
                                   const std::string& what, const std::string& text, const io::TimeTables& tables) {
  try {
    return io::TimeExpression(text, tables, m.open.time.t_final);
  } catch (const std::invalid_argument& e) {
    throw c.error("model", key, what + ": " + e.what());
  }
}

// The times at which functions of t are checked before a run: the output grid and 7 points inside
// each of its intervals (a rate that dips below 0 between output times is caught too).
std::vector<double> check_times(const Params& m) {
  const double tf = m.open.time.t_final;
  const long n = std::min<long>(m.open.time.samples, 100000);
  std::vector<double> t;
  for (long k = 0; k + 1 < n; ++k)
    for (int s = 0; s < 8; ++s) t.push_back(tf * (double(k) + s / 8.0) / double(n - 1));
  t.push_back(tf);
  return t;
}

// Refuses a function that is not finite, or (a rate) negative, at some check time: one line naming
// the key, the item and the first such time.
void check_in_time(const io::Config& c, const Params& m, const std::string& key, const std::string& what,
                   const io::TimeExpression& f, bool rate) {
  const auto times = check_times(m);
  for (double t : times) {
    double v = 0;
    try {
      v = f(t);
      if (t == times.front() || t == times.back()) f.derivative(t, 1);  // its stencil reaches 2e-3 beyond
    } catch (const io::OutsideTable& e) {
      const std::string when = e.time() == t ? "" : "at the run's time " + format_number(t) + "; ";
      throw c.error("model", key,
                    what + " = " + f.text() + ": " + e.reason() + " (" + when +
                        "a table must cover the run's times, [0, t_final] = [0, " + format_number(times.back()) + "])");
    }
    if (!std::isfinite(v))
      throw c.error("model", key, what + " = " + f.text() + " is not finite at t = " + format_number(t));
    if (rate && v < 0)
      throw c.error("model", key,
                    what + " = " + f.text() + " is " + format_number(v) + " < 0 at t = " + format_number(t) +
                        " (rates must be >= 0 at every time)");
  }
}
OpenSystem build(const io::Config& c, const Params& m, const io::TimeTables& tabulated) {
  const Setup s = setup(c, m);
  OpenSystem sys(s.space);
  sys.H = expr(c, "hamiltonian", m.hamiltonian, s);
  if (s.space.dim() <= 1024) {  // a dense check; larger spaces rely on the Hermiticity monitor
    const Eigen::MatrixXcd h = sys.H.dense();
    if ((h - h.adjoint()).norm() > 1e-12 * std::max(1.0, h.norm()))
      throw c.error("model", "hamiltonian", "not Hermitian");
  }
  int k = 0;
  for (const auto& item : split_top(m.jumps, ';')) {
    auto f = split_top(item, ':');
    if (f.size() == 2) f.insert(f.begin(), "jump" + std::to_string(k));
    if (f.size() != 3) throw c.error("model", "jumps", "expected [NAME :] RATE : OPERATOR, got '" + item + "'");
    const auto op = expr(c, "jumps", f[2], s);
    double r = 1;
    std::shared_ptr<io::TimeExpression> of_t;  // a rate of t: the dissipator is then per unit rate
    try {
      of_t = io::parse_time_function(f[1], r, tabulated, m.open.time.t_final);
    } catch (const std::invalid_argument& e) {
      throw c.error("model", "jumps", "rate of " + f[0] + ": " + e.what());
    }
    if (of_t) check_in_time(c, m, "jumps", "rate of " + f[0], *of_t, true);
    r = of_t ? 1.0 : rate(c, "jumps", f[1]);
    operators::SuperOperator jump(s.space);
    jump.add(r, op, op.adjoint());
    sys.channels.push_back(
        {Quantity{"J_" + f[0], "energy/time", kIntoEnv, "heat current of jump channel " + f[0] + " (" + f[2] + ")"},
         operators::dissipator(op, r), std::move(jump), of_t});
    ++k;
  }
  k = 0;
  for (const auto& item : split_top(m.drives, ';')) {
    auto f = split_top(item, ':');
    if (f.size() == 2) f.insert(f.begin(), "drive" + std::to_string(k));
    if (f.size() != 3)
      throw c.error(
          "model", "drives",
          "expected [NAME :] F(t) : OPERATOR, got '" + item + "' (write a conditional c ? a : b in parentheses)");
    OpenSystem::Drive d{f[0], expr(c, "drives", f[2], s), time_expression(c, m, "drives", f[0], f[1], tabulated)};
    if (s.space.dim() <= 1024) {
      const Eigen::MatrixXcd h = d.H.dense();
      if ((h - h.adjoint()).norm() > 1e-12 * std::max(1.0, h.norm()))
        throw c.error("model", "drives", f[0] + ": operator " + f[2] + " is not Hermitian");
    }
    check_in_time(c, m, "drives", f[0], d.f, false);
    sys.drives.push_back(std::move(d));
    ++k;
  }
  const auto ops = split_top(m.gksl_operators, ';');
  if (!ops.empty()) {
    std::vector<OperatorSum> S;
    for (const auto& o : ops) S.push_back(expr(c, "gksl_operators", o, s));
    if (!m.gksl_rates) throw c.error("model", "gksl_rates", "required with gksl_operators");
    const Eigen::MatrixXcd g = *m.gksl_rates;
    if (g.rows() != long(S.size()) || g.cols() != long(S.size()))
      throw c.error("model", "gksl_rates",
                    "must be " + std::to_string(S.size()) + "x" + std::to_string(S.size()) + " (one row per operator)");
    if ((g - g.adjoint()).norm() > 1e-12 * std::max(1.0, g.norm()))
      throw c.error("model", "gksl_rates", "not Hermitian");
    if (Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(g).eigenvalues().minCoeff() < -1e-12 * std::max(1.0, g.norm()))
      throw c.error("model", "gksl_rates",
                    "not positive semidefinite (the generator would not be completely positive)");
    sys.channels.push_back({Quantity{"J_gksl", "energy/time", kIntoEnv, "heat current of the GKSL rate-matrix channel"},
                            operators::gksl(S, g)});
  }
  k = 0;
  for (const auto& item : split_top(m.cascades, ';')) {
    const auto f = split_top(item, ':');
    const auto arrow = f.size() == 2 ? f[1].find("->") : std::string::npos;
    if (arrow == std::string::npos) throw c.error("model", "cascades", "expected RATE : X1 -> X2, got '" + item + "'");
    sys.channels.push_back(
        {Quantity{"J_cascade" + std::to_string(k), "energy/time", kIntoEnv,
                  "heat current of the cascaded coupling " + f[1]},
         operators::cascade(expr(c, "cascades", f[1].substr(0, arrow), s),
                            expr(c, "cascades", f[1].substr(arrow + 2), s), rate(c, "cascades", f[0]))});
    ++k;
  }
  for (const auto& item : split_top(m.betas, ';')) {
    const auto f = split_top(item, ':');
    if (f.size() != 2) throw c.error("model", "betas", "expected CHANNEL : BETA, got '" + item + "'");
    OpenSystem::Channel* ch = nullptr;
    std::string names;
    for (auto& x : sys.channels) {
      names += (names.empty() ? "" : ", ") + x.heat.name.substr(2);
      if (x.heat.name == "J_" + f[0]) ch = &x;
    }
    if (!ch)
      throw c.error("model", "betas",
                    "no channel named '" + f[0] + "' (channels: " + (names.empty() ? "none" : names) + ")");
    try {
      ch->beta = io::parse_real(f[1]);
    } catch (const std::invalid_argument& e) {
      throw c.error("model", "betas", f[0] + ": " + e.what());
    }
  }
  for (const auto& item : split_top(m.observables, ';')) {
    const auto f = split_top(item, ':');
    if (f.size() != 2) throw c.error("model", "observables", "expected NAME : OPERATOR, got '" + item + "'");
    sys.expectations.push_back({Quantity{f[0], "", "", "Re tr(" + f[1] + " rho)"}, expr(c, "observables", f[1], s)});
  }

  const std::string& init = m.initial;
  const auto& h = s.space;
  if (init == "matrix") {
    sys.initial = m.initial_matrix.value();
  } else if (init == "gibbs") {  // of H(0) = H + Σ_k f_k(0) H_k
    Eigen::MatrixXcd h0 = sys.H.dense();
    for (const auto& d : sys.drives) h0 += d.f(0.0) * d.H.dense();
    sys.initial = dynamics::gibbs(h0, m.initial_beta);
  } else {  // basis: a product of basis states, one digit per party
    const auto& digits = m.initial_basis;
    if (int(digits.size()) != h.parties())
      throw c.error("model", "initial_basis", "needs one basis index per party (" + std::to_string(h.parties()) + ")");
    for (int p = 0; p < h.parties(); ++p) {
      long v = -1;
      try {
        v = io::parse_integer(digits[p]);
      } catch (const std::invalid_argument&) {
      }
      if (v < 0 || v >= h.local_dim(p))
        throw c.error("model", "initial_basis",
                      "index '" + digits[p] + "' of party " + std::to_string(p) + " is not in 0.." +
                          std::to_string(h.local_dim(p) - 1));
      Eigen::MatrixXcd basis = Eigen::MatrixXcd::Zero(h.local_dim(p), h.local_dim(p));
      basis(v, v) = 1;
      sys.initial_product.push_back(basis);
    }
  }
  return sys;
}

std::string summary() {
  return "any Lindblad system written in the configuration: parties, Hamiltonian, jumps, GKSL rate matrix, cascades";
}

}  // namespace

void Params::bind(io::Binder& b) {
  b.section("model");
  b.key("dims", dims).meaning("local dimension of each party, e.g. 2, 2, 10");
  b.key("hamiltonian", hamiltonian)
      .meaning(
          "H as a sum of products: numbers, complex numbers in (), and NAME(party) with NAME in id, sp, sm, sx, sy, sz "
          "(dimension 2; index 0 = excited), a, adag, n, or a user matrix");
  b.key("jumps", jumps)
      .meaning(
          "dissipators rate*(c rho c^+ - {c^+ c, rho}/2), separated by ';': [NAME :] RATE : OPERATOR; RATE a number "
          "(1/time) or an expression of t like 0.1*(1 + cos(t)), which must be >= 0 at every output time and between "
          "(then [time] integrator is rk)");
  b.key("drives", drives)
      .meaning(
          "time-dependent terms of the Hamiltonian, H(t) = hamiltonian + sum_k f_k(t) H_k, separated by ';': "
          "[NAME :] F(t) : OPERATOR, F an expression of t (muparser: sin cos exp tanh sqrt abs min max ^, pi, "
          "conditionals (c ? a : b) in parentheses; dimensionless), OPERATOR Hermitian, written as in hamiltonian "
          "(energy). Outputs then W and work_current; [time] integrator is rk; docs/driven_systems.md");
  b.key("tables", tables)
      .resolve_paths(io::resolve_table_paths)
      .meaning(
          "functions of t tabulated in files, separated by ';': NAME : FILE; then NAME(t) may appear in any drive or "
          "rate. FILE: lines 't value' (spaces or a comma, '#' comments), t strictly increasing, covering "
          "[0, t_final]; a relative FILE is read from the configuration file's directory; not-a-knot cubic spline; "
          "docs/driven_systems.md");
  b.key("betas", betas)
      .meaning(
          "inverse temperature of the bath of jump channels, separated by ';': CHANNEL : BETA (1/energy); gives the "
          "entropy production Sigma and entropy_production_rate (Hilbert dimension <= 256)");
  b.key("gksl_operators", gksl_operators).meaning("operators S_j of a GKSL rate-matrix channel, separated by ';'");
  b.key("gksl_rates", gksl_rates).meaning("Hermitian positive rate matrix gamma_jk for gksl_operators");
  b.key("cascades", cascades)
      .meaning("one-way couplings kappa(x1[rho, x2^+] + [x2, rho] x1^+), separated by ';': KAPPA : X1 -> X2");
  b.key("matrices", matrices).meaning("user local matrices, separated by ';': NAME = [[a, b], [c, d]]");
  b.key("observables", observables).meaning("expectation values to write, separated by ';': NAME : OPERATOR");
  b.key("initial", initial).choices({"basis", "gibbs", "matrix"}).meaning("initial state");
  b.key("initial_basis", initial_basis).meaning("for initial = basis: one basis index per party");
  b.key("initial_beta", initial_beta)
      .meaning("for initial = gibbs: inverse temperature of e^{-beta H}/Z (small spaces)");
  b.key("initial_matrix", initial_matrix).meaning("for initial = matrix: the full density matrix");
  open.bind(b);
}

namespace {

void declare(io::Schema& s) { io::declare<Params>(s); }

std::vector<io::Quantity> observables() {
  std::vector<io::Quantity> v = {
      {"<NAME>", "", "", "each expectation value of [model] observables: Re tr(O rho)"},
      {"J_<NAME>", "energy/time", kIntoEnv,
       "heat current -tr(H D_k rho) of each jump channel (J_jump<k> when unnamed)"},
      {"J_gksl", "energy/time", kIntoEnv, "heat current of the GKSL rate-matrix channel"},
      {"J_cascade<k>", "energy/time", kIntoEnv, "heat current of each cascaded coupling"},
      {"Q_<channel>", "energy", "> 0: energy released", "time integral of each channel's current"}};
  for (const auto& x : open_system_observables()) v.push_back(x);
  for (const auto& x : driven_observables()) {
    v.push_back(x);
    v.back().meaning += " (with [model] drives)";
  }
  for (const auto& x : entropy_observables()) {
    v.push_back(x);
    v.back().meaning += " (with [model] betas)";
  }
  for (const auto& x : counting_observables()) v.push_back(x);
  return v;
}

std::vector<io::Quantity> scalars() { return open_system_scalars(Params::with_periodic()); }

void validate(const io::Config& c) {
  const auto m = io::read<Params>(c);
  const Setup s = setup(c, m);
  if (m.initial == "matrix") {
    if (!m.initial_matrix) throw c.error("model", "initial_matrix", "required when initial = matrix");
    check_density_matrix(c, "model", "initial_matrix", s.space.dim());
  }
  const OpenSystem sys =
      build(c, m, tables(c, m));  // parses every expression: errors surface at `qtherm check`, before any run
  check_open_system_requests(c, m.open, sys);
  const auto& dims = s.space.local_dims();
  check_measures(c, m.open, std::vector<long>(dims.begin(), dims.end()));
}

MemoryEstimate memory_estimate(const io::Config& c, int ranks) {
  const auto m = io::read<Params>(c);
  double d = 1;
  for (const auto& v : m.dims) {
    try {
      d *= double(std::max(1L, io::parse_integer(v)));
    } catch (const std::invalid_argument&) {
      throw c.error("model", "dims", "expected whole numbers, got '" + v + "'");
    }
  }
  double series = 12;
  for (const std::string* items : {&m.jumps, &m.observables, &m.gksl_operators, &m.cascades, &m.drives})
    series += 2 * double(split_top(*items, ';').size());
  if (!m.open.output_measures.empty()) series += double(split(m.open.output_measures, ';').size());
  // Parts of a time-dependent generator: each drive, each jump whose RATE is not a number.
  int parts = int(split_top(m.drives, ';').size());
  for (const auto& item : split_top(m.jumps, ';')) {
    const auto f = split_top(item, ':');
    try {
      if (f.size() >= 2) io::parse_real(f[f.size() - 2]);
    } catch (const std::invalid_argument&) {
      ++parts;
    }
  }
  MemoryEstimate e = open_system_memory(
      c, m.open, ranks, "model", "dims", d, "Hilbert dimension", [](double v) { return v; }, series, parts);
  if (m.initial == "gibbs")  // dense H, its eigenvectors and the Gibbs state, on every rank
    e.push_back({"dense Gibbs start", "model", "dims", d, "Hilbert dimension",
                 [](double v) { return complex_bytes(5 * v * v); }});
  return e;
}

// A table's points are physics that the configuration (which holds only the file's path) does not
// show: their fingerprints join the physics hash that this run's checkpoints carry, and a restart
// after a table changed is refused here, naming the table (one line, exit 2).
void add_tables_to_physics(const io::Config& c, const io::TimeTables& tables, RunContext& context) {
  if (tables.empty()) return;
  const std::string configuration = context.physics_hash;
  context.physics_hash += " tables";
  for (const auto& [name, table] : tables) context.physics_hash += " " + name + "=" + table->fingerprint();
  if (!context.resume) return;
  const std::string before = io::InputFile(context.checkpoint_path).string_attribute("/", "physics_hash");
  if (before == context.physics_hash || before.rfind(configuration, 0) != 0) return;  // else open_checkpoint refuses
  for (const auto& [name, table] : tables)
    if (before.find(" " + name + "=" + table->fingerprint()) == std::string::npos)
      throw c.error("model", "tables",
                    "restart refused: table " + name + " ('" + table->source() + "') changed since the checkpoint '" +
                        context.checkpoint_path +
                        "' was written; restore it, or start afresh without --restart after "
                        "removing the checkpoint directory");
}

io::RunRecord run(MPI_Comm comm, const io::Config& c, RunContext& context) {
  const auto m = io::read<Params>(c);
  const io::TimeTables tabulated = tables(c, m);
  add_tables_to_physics(c, tabulated, context);
  return run_open_system(comm, build(c, m, tabulated), open_system_settings(c, m.open, context.label), context);
}

}  // namespace

std::unique_ptr<Model> make_lindblad() {
  return make_model({"lindblad", summary, declare, observables, scalars, validate, memory_estimate, run});
}

}  // namespace qtherm::models
