// Seed 002, oscillators: closed forms Eqs. (26)–(29), (32)–(38) on both routes; Fock against
// Gaussian where the paper prints nothing (N > 0, coherent states); the matrix-free Liouvillian
// against the assembled one; the stationary state; E_N and D_G over the family (31); the Fock-route
// construction of states with <a1 a2> != 0 (two-mode squeezed thermal, Eq. 31 with c13 != c24).
#define BOOST_TEST_MODULE cascaded_oscillators
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>

#include "petsc_fixture.hpp"
#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/check.hpp"
#include "qtherm/info/gaussian.hpp"
#include "qtherm/models/cascaded/oscillator_fock.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/operators/banded_liouvillian.hpp"
#include "qtherm/operators/superoperator.hpp"
#include "run_model.hpp"

using namespace qtherm;

namespace {

std::string num(double x) {
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", x);
  return b;
}

io::RunRecord run(std::vector<std::string> o) {
  o.insert(o.begin(), "--model.name=cascaded_oscillators");
  return run_model(PETSC_COMM_SELF, o);
}

// Eqs. (26), (32), (33) at ħ = ω = γ = 1 (the paper's units) with s = C13(0) + C24(0).
struct Closed {
  double ns, N, s;
  double J1(double t) const { return (ns - N) * std::exp(-t); }
  double J2(double t) const { return (1 + t * t) * J1(t) - t * s * std::exp(-t); }
  double J12(double t) const { return -2 * t * J1(t) + s * std::exp(-t); }
  double Jc(double t) const { return J1(t) + J2(t) + J12(t); }
};

double worst_against(const io::RunRecord& r, const std::string& name, const std::function<double(double)>& f) {
  double w = 0;
  const auto& v = series(r, name);
  for (size_t i = 0; i < r.t.size(); ++i) w = std::max(w, std::abs(v[i] - f(r.t[i])));
  return w;
}

void check_closed_forms(const io::RunRecord& r, const Closed& c, double tol) {
  BOOST_TEST(worst_against(r, "J1", [&](double t) { return c.J1(t); }) < tol);
  BOOST_TEST(worst_against(r, "J2", [&](double t) { return c.J2(t); }) < tol);
  BOOST_TEST(worst_against(r, "J12", [&](double t) { return c.J12(t); }) < tol);
  BOOST_TEST(worst_against(r, "J2_local", [&](double t) {
               return (1 - t) * (1 - t) * c.J1(t) + (1 - t) * c.s * std::exp(-t);
             }) < tol);  // Eq. (34)
  BOOST_TEST(worst_against(r, "J_total", [&](double t) { return c.Jc(t); }) < tol);
}

}  // namespace

BOOST_AUTO_TEST_CASE(gaussian_route_reproduces_eqs_26_to_29) {
  for (double ns : {0.5, 1.0, 3.0})
    for (double N : {0.0, 1 / (std::exp(1.0) - 1)}) {
      const auto r = run({"--model.N_s=" + num(ns), "--model.N=" + num(N), "--time.samples=26"});
      const Closed c{ns, N, 0};
      check_closed_forms(r, c, 1e-10);
      // Eq. (29): J(c) = ħωγ(N_S − N)[1 + (1 − γt)²]e^{−γt}
      BOOST_TEST(worst_against(r, "J_total",
                               [&](double t) { return (ns - N) * (1 + (1 - t) * (1 - t)) * std::exp(-t); }) < 1e-10);
      // Q_total is the integral of J_total: U(0) − U(t).
      const auto &Q = series(r, "Q_total"), &U = series(r, "U");
      for (size_t i = 0; i < Q.size(); ++i) BOOST_TEST(std::abs(Q[i] - (U[0] - U[i])) < 1e-10);
      BOOST_TEST(scalar(r, "steady_gibbs_distance") < 1e-12);
    }
}

BOOST_AUTO_TEST_CASE(gaussian_route_reproduces_eqs_32_to_38) {
  const double ns = 1;
  for (double c0 : {-0.7, 0.0, 0.7}) {
    const auto r = run({"--model.initial=correlated", "--model.N=0", "--model.c13=" + num(c0), "--model.c24=" + num(c0),
                        "--time.samples=101"});
    const Closed c{ns, 0, 2 * c0};
    check_closed_forms(r, c, 1e-10);
    const double s = 2 * c0, t1 = 2, t2 = 2 * (1 + s / (2 * ns));                          // Eq. (35)
    BOOST_TEST(std::abs(c.Jc(0) - (2 * ns + s)) < 1e-12);                                  // Eq. (36)
    BOOST_TEST(std::abs(c.Jc(t1) - (2 * ns - s) * std::exp(-2.0)) < 1e-12);                // Eq. (37)
    BOOST_TEST(std::abs(c.Jc(t2) - (2 * ns + s) * std::exp(-(2 * ns + s) / ns)) < 1e-12);  // Eq. (38)
    // The samples land on t = 2 (t1) and t = 2·(1 ± 0.7) (t2) for the 0.05 grid.
    const auto& J = series(r, "J_total");
    for (size_t i = 0; i < r.t.size(); ++i) {
      if (std::abs(r.t[i] - t1) < 1e-12) BOOST_TEST(std::abs(J[i] - (2 * ns - s) * std::exp(-2.0)) < 1e-10);
      if (std::abs(r.t[i] - t2) < 1e-12)
        BOOST_TEST(std::abs(J[i] - (2 * ns + s) * std::exp(-(2 * ns + s) / ns)) < 1e-10);
    }
    // Release times: faster for s > 0 (Fig. 4a).
    BOOST_TEST(std::isfinite(scalar(r, "tau_50")));
  }
  const auto slow = run({"--model.initial=correlated", "--model.N=0", "--model.c13=-0.7", "--model.c24=-0.7"});
  const auto fast = run({"--model.initial=correlated", "--model.N=0", "--model.c13=0.7", "--model.c24=0.7"});
  BOOST_TEST(scalar(fast, "tau_50") < scalar(slow, "tau_50"));
}

BOOST_AUTO_TEST_CASE(fock_route_reproduces_closed_forms) {
  // N_S = 0.5, C13 = C24 = 0, ±0.7 N_S (the ratios of Fig. 3a): normal-mode occupations ≤ 0.85, whose
  // weight beyond 24 levels is < 1e-8.
  for (double c0 : {0.0, -0.35, 0.35}) {
    const auto r = run({"--model.route=fock", "--model.cutoff=24", "--model.initial=correlated", "--model.N=0",
                        "--model.N_s=0.5", "--model.c13=" + num(c0), "--model.c24=" + num(c0), "--time.samples=11"});
    check_closed_forms(r, Closed{0.5, 0, 2 * c0}, 1e-6);
    for (double v : series(r, "trace_error")) BOOST_TEST(v < 1e-8);
  }
}

BOOST_AUTO_TEST_CASE(fock_and_gaussian_agree_beyond_the_paper) {
  // N > 0, a coherent product and a correlated state at N > 0: nothing printed in the paper.
  const std::vector<std::vector<std::string>> cases = {
      {"--model.initial=thermal", "--model.N_s=0.5", "--model.N=0.3"},
      {"--model.initial=correlated", "--model.N_s=0.5", "--model.c13=0.3", "--model.c24=0.3", "--model.N=0.2"},
      {"--model.initial=coherent", "--model.alpha=0.8+0.3i, -0.5", "--model.N=0.1"},
      {"--model.initial=thermal", "--model.N_s=0.5", "--model.N=0.3", "--model.cascade=false"},
  };
  for (auto o : cases) {
    o.insert(o.end(), {"--model.route=both", "--model.cutoff=18", "--time.samples=11"});
    const auto r = run(o);
    for (const char* n :
         {"U1", "U2", "J1", "J2", "J12", "J_total", "C13", "C24", "Q_J1", "Q_J2", "Q_J12", "gaussian_discord"}) {
      double worst = 0;
      for (double v : series(r, std::string(n) + "_diff")) worst = std::max(worst, std::abs(v));
      BOOST_TEST_CONTEXT(o[0] << " " << n) { BOOST_TEST(worst < 1e-6); }
    }
  }
}

BOOST_AUTO_TEST_CASE(stationary_state_is_the_product_gibbs_state) {
  const double N = 0.3;
  const auto r = run({"--model.route=fock", "--model.cutoff=14", "--model.initial=correlated", "--model.N_s=0.5",
                      "--model.c13=0.4", "--model.c24=0.4", "--model.N=0.3", "--time.t_final=25", "--time.samples=5",
                      "--model.truncation_tolerance=1e-5"});
  // Product Gibbs: <n_i> = N, no correlations, currents zero.
  BOOST_TEST(std::abs(series(r, "U1").back() - N) < 1e-6);
  BOOST_TEST(std::abs(series(r, "U2").back() - N) < 1e-6);
  BOOST_TEST(std::abs(series(r, "C13").back()) < 1e-6);
  BOOST_TEST(std::abs(series(r, "J_total").back()) < 1e-6);
  BOOST_TEST(std::abs(series(r, "gaussian_discord").back()) < 1e-6);
}

BOOST_AUTO_TEST_CASE(entanglement_and_discord_over_the_family_31) {
  const double ns = 1, edge = std::sqrt(ns * (ns + 1));
  auto C = [&](double c13, double c24) {
    Eigen::MatrixXd S = (ns + 0.5) * Eigen::MatrixXd::Identity(4, 4);
    S(0, 2) = S(2, 0) = c13;
    S(1, 3) = S(3, 1) = c24;
    return S;
  };
  // Sec. V C: E_N = 0 along C13 = C24 (all physical points |c| ≤ N_S), > 0 near C13 = −C24 = ±√(N_S(N_S+1)).
  for (double c = -ns; c <= ns + 1e-12; c += 0.1) BOOST_TEST(info::gaussian_log_negativity(C(c, c)) == 0.0);
  BOOST_TEST(info::gaussian_log_negativity(C(0.98 * edge, -0.98 * edge)) > 0.0);
  BOOST_TEST(info::gaussian_log_negativity(C(-0.98 * edge, 0.98 * edge)) > 0.0);
  BOOST_TEST(info::gaussian_log_negativity(C(0.3, -0.3)) == 0.0);
  // D_G vanishes only at C13 = C24 = 0.
  BOOST_TEST(std::abs(info::gaussian_discord(C(0, 0))) < 1e-12);
  for (double a : {-0.6, -0.2, 0.2, 0.6})
    for (double b : {-0.6, 0.0, 0.6}) BOOST_TEST(info::gaussian_discord(C(a, b)) > 1e-6);
  BOOST_TEST(info::gaussian_discord(C(0, 0.4)) > 1e-6);
}

BOOST_AUTO_TEST_CASE(matrix_free_liouvillian_equals_assembled) {
  // Lab frame (complex coefficients: the general kernel) and without H (real: the fused kernel, whose
  // vectorized interior needs a last party of more than 8 levels).
  for (const auto& [dims, lab] : std::vector<std::pair<std::vector<PetscInt>, bool>>{
           {{4, 3}, true}, {{4, 3}, false}, {{3, 11}, true}, {{3, 11}, false}})
    for (double N : {0.0, 0.4})
      for (bool cascade : {true, false}) {
        const space::TensorSpace hs(dims);
        const double w1 = lab ? 1.3 : 0.0, w2 = lab ? 0.7 : 0.0;
        using operators::Monomial;
        operators::BandedSuperOperator B(hs);
        const Monomial a1 = Monomial::local(hs, "a", 0), a2 = Monomial::local(hs, "a", 1);
        if (lab) B.add_hamiltonian(Monomial::local(hs, "n", 0), w1).add_hamiltonian(Monomial::local(hs, "n", 1), w2);
        B.add_dissipator(a1, N + 1)
            .add_dissipator(a2, N + 1)
            .add_dissipator(a1.adjoint(), N)
            .add_dissipator(a2.adjoint(), N);
        if (cascade) B.add_cascade(a1, a2, N + 1).add_cascade(a1.adjoint(), a2.adjoint(), N);
        operators::OperatorSum H(hs);
        H.add("n", 0, w1).add("n", 1, w2);
        auto L = operators::hamiltonian_part(H);
        const auto o1 = operators::local(hs, "a", 0), o2 = operators::local(hs, "a", 1);
        const auto d1 = operators::local(hs, "adag", 0), d2 = operators::local(hs, "adag", 1);
        L.add(operators::dissipator(o1, N + 1)).add(operators::dissipator(o2, N + 1));
        L.add(operators::dissipator(d1, N)).add(operators::dissipator(d2, N));
        if (cascade) L.add(operators::cascade(o1, o2, N + 1)).add(operators::cascade(d1, d2, N));
        // Dense reference, then the PETSc shell against the assembled matrix on a random vector.
        std::mt19937 gen(7);
        std::normal_distribution<double> nd;
        const long d = hs.dim();
        Eigen::MatrixXcd rho(d, d);
        for (long i = 0; i < d * d; ++i) rho.data()[i] = {nd(gen), nd(gen)};
        BOOST_TEST((B.apply(rho) - L.apply(rho)).norm() < 1e-12 * rho.norm());
        auto shell = operators::make_shell_liouvillian(PETSC_COMM_SELF, B);
        auto mat = operators::assemble(PETSC_COMM_SELF, L);
        parallel::Vector x, y1, y2;
        QTHERM_PETSC(MatCreateVecs(shell, x.out(), y1.out()));
        QTHERM_PETSC(VecDuplicate(y1, y2.out()));
        PetscScalar* xa = nullptr;
        QTHERM_PETSC(VecGetArray(x, &xa));
        for (long i = 0; i < d * d; ++i) xa[i] = rho.data()[i];
        QTHERM_PETSC(VecRestoreArray(x, &xa));
        QTHERM_PETSC(MatMult(shell, x, y1));
        QTHERM_PETSC(MatMult(mat, x, y2));
        QTHERM_PETSC(VecAXPY(y2, -1.0, y1));
        PetscReal diff = 0, size = 0;
        QTHERM_PETSC(VecNorm(y2, NORM_INFINITY, &diff));
        QTHERM_PETSC(VecNorm(y1, NORM_INFINITY, &size));
        BOOST_TEST(diff < 1e-13 * size);
        // The diagonal (for Jacobi-preconditioned KSP).
        parallel::Vector g1, g2;
        QTHERM_PETSC(VecDuplicate(y1, g1.out()));
        QTHERM_PETSC(VecDuplicate(y1, g2.out()));
        QTHERM_PETSC(MatGetDiagonal(shell, g1));
        QTHERM_PETSC(MatGetDiagonal(mat, g2));
        QTHERM_PETSC(VecAXPY(g2, -1.0, g1));
        QTHERM_PETSC(VecNorm(g2, NORM_INFINITY, &diff));
        BOOST_TEST(diff < 1e-13);
      }
}

BOOST_AUTO_TEST_CASE(shell_and_assembled_runs_agree) {
  const std::vector<std::string> o = {"--model.route=fock", "--model.cutoff=8", "--model.initial=correlated",
                                      "--model.N_s=0.3",    "--model.c13=0.2",  "--model.c24=0.2",
                                      "--model.N=0.2",      "--time.samples=6", "--model.truncation_tolerance=1e-3"};
  auto a = o, b = o, c = o;
  a.push_back("--model.liouvillian=shell");
  b.push_back("--model.liouvillian=assembled");
  c.push_back("--model.liouvillian=sector");
  const auto ra = run(a), rb = run(b), rc = run(c);
  for (const char* n : {"U1", "U2", "J12", "Q_J2", "truncation"})
    for (size_t i = 0; i < ra.t.size(); ++i) {
      BOOST_TEST(std::abs(series(ra, n)[i] - series(rb, n)[i]) < 1e-10);
      // The sector run takes other steps (the RMS error norm of the full space counts the zero
      // entries too), so it agrees to the integration tolerance, not to rounding.
      BOOST_TEST(std::abs(series(ra, n)[i] - series(rc, n)[i]) < 1e-7);
    }
}

BOOST_AUTO_TEST_CASE(rotating_and_lab_frames_agree) {
  // A coherent product: ⟨a⟩ and ⟨aa⟩ rotate, so a missing or inconsistent back-rotation shows in C.
  const std::vector<std::string> o = {
      "--model.route=fock", "--model.cutoff=12", "--model.initial=coherent", "--model.alpha=0.7+0.4i, -0.3i",
      "--model.N=0.1",      "--model.omega=2.3", "--time.samples=6",         "--model.truncation_tolerance=1e-4"};
  auto a = o, b = o;
  a.push_back("--model.frame=rotating");
  b.push_back("--model.frame=lab");
  const auto ra = run(a), rb = run(b);
  for (const char* n : {"U1", "U2", "J12", "C11", "C13", "C24", "gaussian_discord"})
    for (size_t i = 0; i < ra.t.size(); ++i) BOOST_TEST(std::abs(series(ra, n)[i] - series(rb, n)[i]) < 1e-7);
  // Time integrals: the per-step quadrature error (different steps in the two frames).
  for (size_t i = 0; i < ra.t.size(); ++i) BOOST_TEST(std::abs(series(ra, "Q_J12")[i] - series(rb, "Q_J12")[i]) < 1e-6);
  BOOST_TEST(scalar(ra, "steps") < scalar(rb, "steps"));  // the rotating frame removes the oscillatory part
  // A squeezed state: <a1 a2> != 0 makes C13 - C24 phase sensitive; both frames report it in the
  // frame of H (App. B), where it equals the Gaussian route's and does not oscillate at 2 omega.
  for (const char* frame : {"--model.frame=rotating", "--model.frame=lab"}) {
    const auto r =
        run({"--model.route=both", "--model.cutoff=14", "--model.initial=squeezed_thermal", "--model.N_s=0.2",
             "--model.squeezing=0.2", "--model.N=0", "--model.omega=2.3", "--time.samples=9", frame});
    for (const char* n : {"C11", "C13", "C24", "J12", "gaussian_discord"})
      for (double v : series(r, std::string(n) + "_diff")) BOOST_TEST_CONTEXT(frame << " " << n) {
          BOOST_TEST(std::abs(v) < 1e-6);
        }
  }
}

BOOST_AUTO_TEST_CASE(total_excitation_cutoff) {
  // At N = 0 no process raises n1 + n2: |3, 2> evolves exactly within n1 + n2 <= 5, as in the box
  // of 6 levels per mode (which also holds it exactly); fewer unknowns, same physics.
  const std::vector<std::string> o = {"--model.route=fock", "--model.initial=fock", "--model.fock=3, 2",
                                      "--model.N=0",        "--time.samples=6",     "--model.truncation_tolerance=1"};
  auto a = o, b = o;
  a.insert(a.end(), {"--model.cutoff=6"});
  b.insert(b.end(), {"--model.cutoff=6", "--model.max_excitations=5"});
  const auto ra = run(a), rb = run(b);
  for (const char* n : {"U1", "U2", "J1", "J2", "J12", "Q_J12", "trace_error"})
    for (size_t i = 0; i < ra.t.size(); ++i) BOOST_TEST(std::abs(series(ra, n)[i] - series(rb, n)[i]) < 1e-7);
  // A thermal-type state: the cutoff renormalizes what it keeps and reports what it cut.
  const auto rc =
      run({"--model.route=both", "--model.initial=correlated", "--model.N_s=0.5", "--model.c13=0.3", "--model.c24=0.3",
           "--model.N=0", "--model.cutoff=24", "--model.max_excitations=23", "--time.samples=6"});
  BOOST_TEST(scalar(rc, "initial_truncation_loss") > 0.0);
  BOOST_TEST(scalar(rc, "initial_truncation_loss") < 1e-6);
  for (double v : series(rc, "J_total_diff")) BOOST_TEST(std::abs(v) < 1e-6);
  for (double v : series(rc, "trace_error")) BOOST_TEST(v < 1e-12);
}

namespace {

// The raw quadrature moments S and mean of a FockState filled into a full vec(ρ) on n levels per mode.
void built_moments(const models::oscillators::FockState& st, long n, Eigen::MatrixXd& S, Eigen::VectorXd& mean,
                   double& trace) {
  namespace osc = models::oscillators;
  const space::TensorSpace hs({PetscInt(n), PetscInt(n)});
  parallel::Vector rho;
  QTHERM_PETSC(VecCreateSeq(PETSC_COMM_SELF, hs.dim() * hs.dim(), rho.out()));
  const auto where = osc::full_indexing(hs.dim());
  st.fill(rho, where);
  const auto m = osc::fock_moments(PETSC_COMM_SELF, rho, hs, where);
  osc::quadrature_moments(m, S, mean);
  trace = m.trace;
}

Eigen::MatrixXd covariance(double a, double c13, double c24) {
  Eigen::MatrixXd S = a * Eigen::MatrixXd::Identity(4, 4);
  S(0, 2) = S(2, 0) = c13;
  S(1, 3) = S(3, 1) = c24;
  return S;
}

}  // namespace

BOOST_AUTO_TEST_CASE(single_mode_squeezed_thermal_state) {
  namespace osc = models::oscillators;
  // ⟨X²⟩ = vx, ⟨Y²⟩ = vp, trace 1 (levels far beyond the weight), and the working space is converged:
  // 200 more levels change nothing.
  for (auto [vx, vp] :
       {std::pair{1.8, 0.6}, std::pair{0.5 * std::exp(1.2), 0.5 * std::exp(-1.2)}, std::pair{0.7, 2.0}}) {
    const long m = 120, K = osc::squeezing_working_levels(vx, vp, m);
    const Eigen::MatrixXd r = osc::squeezed_thermal_mode(vx, vp, m, K),
                          r2 = osc::squeezed_thermal_mode(vx, vp, m, K + 200);
    BOOST_TEST_MESSAGE("vx " << vx << " vp " << vp << ": working levels " << K << ", change with 200 more "
                             << (r - r2).cwiseAbs().maxCoeff());
    BOOST_TEST((r - r2).cwiseAbs().maxCoeff() < 1e-13);
    BOOST_TEST(std::abs(r.trace() - 1) < 1e-12);
    double n = 0, aa = 0;  // ⟨b†b⟩ and ⟨b²⟩ (real)
    for (long k = 0; k < m; ++k) n += k * r(k, k);
    for (long k = 0; k + 2 < m; ++k) aa += std::sqrt(double((k + 1) * (k + 2))) * r(k + 2, k);
    BOOST_TEST(std::abs((n + 0.5 + aa) - vx) < 1e-12);  // ⟨X²⟩ = ⟨b†b⟩ + ½ + Re⟨b²⟩
    BOOST_TEST(std::abs((n + 0.5 - aa) - vp) < 1e-12);
    BOOST_TEST((r - r.transpose()).cwiseAbs().maxCoeff() < 1e-15);
    BOOST_TEST(Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(r).eigenvalues().minCoeff() > -1e-14);
  }
  BOOST_CHECK_THROW(osc::squeezed_thermal_mode(0.3, 0.5, 10, 50), std::invalid_argument);  // vx vp < 1/4
}

BOOST_AUTO_TEST_CASE(fock_construction_of_correlated_gaussian_states) {
  namespace osc = models::oscillators;
  // Built Fock matrix → moments → covariance: Eq. (31) with c13 = −c24 (entangled), a generic
  // c13 ≠ c24, the two-mode squeezed thermal state, and c13 = c24 through the general construction
  // against the sector one. Local occupation ≤ 1 (weight per mode beyond 36 levels ≤ 2^-36).
  const long n = 36;
  const double A1 = 1.5, A05 = 1.0, r = 0.3;
  struct Case {
    double a, c13, c24;
  };
  for (const Case& k :
       {Case{A1, 1.2, -1.2}, Case{A1, -1.2, 1.2}, Case{A05, 0.3, -0.1}, Case{A05, -0.45, 0.2},
        Case{A05 * std::cosh(2 * r), A05 * std::sinh(2 * r), -A05 * std::sinh(2 * r)}, Case{A1, 0.5, 0.5}}) {
    BOOST_TEST_CONTEXT("a " << k.a << " c13 " << k.c13 << " c24 " << k.c24) {
      const auto st = osc::FockState::gaussian(k.a, k.c13, k.c24, n);
      Eigen::MatrixXd S;
      Eigen::VectorXd mean;
      double trace = 0;
      built_moments(st, n, S, mean, trace);
      BOOST_TEST(std::abs(trace - 1) < 1e-12);
      BOOST_TEST(st.lost() < 1e-8);
      BOOST_TEST(mean.cwiseAbs().maxCoeff() < 1e-14);
      const double err = (S - covariance(k.a, k.c13, k.c24)).cwiseAbs().maxCoeff();
      BOOST_TEST_MESSAGE("a " << k.a << " c13 " << k.c13 << " c24 " << k.c24 << ": covariance error " << err
                              << ", lost " << st.lost());
      BOOST_TEST(err < 1e-8);
      BOOST_TEST(std::abs(st.weight_within(2 * n) - 1) < 1e-12);
    }
  }
  // c13 = c24: the general construction equals the thermal-normal-mode one (same truncation too).
  const auto g = osc::FockState::gaussian(A05, 0.35, 0.35, 12), c = osc::FockState::correlated(0.5, 0.35, 12);
  Eigen::MatrixXd Sg, Sc;
  Eigen::VectorXd mg, mc;
  double tg, tc;
  built_moments(g, 12, Sg, mg, tg);
  built_moments(c, 12, Sc, mc, tc);
  BOOST_TEST((Sg - Sc).cwiseAbs().maxCoeff() < 1e-13);
  BOOST_TEST(std::abs(g.lost() - c.lost()) < 1e-13);
  BOOST_TEST(std::abs(g.weight_within(9) - c.weight_within(9)) < 1e-13);
  // A cutoff too small shows in lost(); the cost guard refuses what would not finish.
  BOOST_TEST(osc::FockState::gaussian(A1, 1.2, -1.2, 8).lost() > 1e-3);
  BOOST_CHECK_THROW(osc::FockState::gaussian(A1, 1.2, -1.2, 400), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(fock_and_gaussian_agree_for_states_with_a1a2) {
  // Squeezed thermal (r = 0.3, N_S = 0.5; local occupation 0.69) at N = 0 and N > 0; Eq. (31) with
  // c13 = −c24 = ±0.7 at N_S = 0.5 (entangled: E_N(0) = −ln(2(N_S + ½ − 0.7)) = −ln 0.6; at N_S = 1 the
  // pair ±0.5 is not entangled, E_N > 0 needs |c| > N_S); a generic c13 ≠ c24. auto picks the full-space
  // shell for all of them. The differences are the truncation's (they fall with the cutoff: squeezed,
  // N = 0, J12: 6e-6 at 20 levels, 1e-7 at 26, 2e-9 at 32); the cascade squeezes mode 2, whose tail is
  // longer than the initial local one.
  const std::vector<std::vector<std::string>> cases = {
      {"--model.initial=squeezed_thermal", "--model.squeezing=0.3", "--model.N_s=0.5", "--model.N=0",
       "--model.cutoff=24", "--time.t_final=4"},
      {"--model.initial=squeezed_thermal", "--model.squeezing=0.3", "--model.N_s=0.5", "--model.N=0.1",
       "--model.cutoff=25", "--time.t_final=2"},
      {"--model.initial=correlated", "--model.N_s=0.5", "--model.c13=0.7", "--model.c24=-0.7", "--model.N=0",
       "--model.cutoff=22", "--time.t_final=4"},
      {"--model.initial=correlated", "--model.N_s=0.5", "--model.c13=-0.7", "--model.c24=0.7", "--model.N=0",
       "--model.cutoff=22", "--time.t_final=4"},
      {"--model.initial=correlated", "--model.N_s=0.5", "--model.c13=0.3", "--model.c24=-0.1", "--model.N=0.2",
       "--model.cutoff=20", "--time.t_final=4"},
  };
  for (auto o : cases) {
    o.insert(o.end(), {"--model.route=both", "--time.samples=11"});
    const auto r = run(o);
    BOOST_TEST_CONTEXT(o[0] << " " << o[2] << " " << o[3] << " " << o[4]) {
      for (const char* nm :
           {"U1", "U2", "J1", "J2", "J12", "C13", "C24", "log_negativity", "gaussian_discord", "Q_J12"}) {
        double worst = 0;
        for (double v : series(r, std::string(nm) + "_diff")) worst = std::max(worst, std::abs(v));
        BOOST_TEST_MESSAGE(o[0] << " " << o[2] << " " << o[3] << " " << nm << " worst |Fock - Gaussian| " << worst);
        // Q_J12 integrates the J12 difference over t_final.
        BOOST_TEST_CONTEXT(nm) { BOOST_TEST(worst < (std::string(nm) == "Q_J12" ? 2e-6 : 1e-6)); }
      }
      BOOST_TEST(scalar(r, "initial_truncation_loss") > 0.0);
      BOOST_TEST(scalar(r, "initial_truncation_loss") < 1e-6);
      // The states really have <a1 a2> != 0: C13 != C24 (in the frame of H, where they do not oscillate).
      BOOST_TEST(std::abs(series(r, "C13").front() - series(r, "C24").front()) > 0.39);
    }
    if (o[3] == "--model.c13=0.7" || o[3] == "--model.c13=-0.7") {
      BOOST_TEST(std::abs(series(r, "log_negativity").front() + std::log(0.6)) < 1e-6);
      BOOST_TEST(series(r, "log_negativity_gaussian").front() > 0.5);
    }
  }
}
