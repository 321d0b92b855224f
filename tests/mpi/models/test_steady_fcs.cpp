// Steady state, Liouvillian spectrum and full counting statistics (issue 16), at whatever rank count
// mpiexec gives (ctest: 1, 2, 3): closed forms for a qubit between two baths, Gallavotti–Cohen on two
// qubits, cumulants against finite differences of theta, steady state against long-time evolution, a
// degenerate kernel reported, and every run equal to the serial one to 1e-10.
#define BOOST_TEST_MODULE steady_fcs
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <complex>

#include "petsc_fixture.hpp"
#include "run_comparison.hpp"
#include "run_model.hpp"

using namespace qtherm;

namespace {

// Qubit H = (w/2) sz (index 0 = excited), hot bath (g_h, n_h) and cold bath (g_c, n_c), each as an
// emission and an absorption channel; the energy into the cold bath is counted.
const double w = 1.0, gh = 0.3, nh = 0.8, gc = 0.2, nc = 0.1;
const double ah = gh * (nh + 1), bh = gh * nh, ac = gc * (nc + 1), bc = gc * nc;
const double beta_h = std::log(1 + 1 / nh) / w, beta_c = std::log(1 + 1 / nc) / w;

std::string num(double x) {
  char b[64];
  std::snprintf(b, sizeof b, "%.17g", x);
  return b;
}

std::vector<std::string> qubit(const std::string& chi) {
  return {"--model.name=lindblad",
          "--model.dims=2",
          "--model.hamiltonian=" + num(w / 2) + "*sz(0)",
          "--model.jumps=hot_em : " + num(ah) + " : sm(0); hot_ab : " + num(bh) + " : sp(0); cold_em : " + num(ac) +
              " : sm(0); cold_ab : " + num(bc) + " : sp(0)",
          "--fcs.count=cold_em : " + num(w) + " : " + num(beta_c) + "; cold_ab : " + num(-w) + " : " + num(beta_c),
          "--fcs.chi=" + chi,
          "--time.t_final=80",
          "--time.samples=3",
          "--time.rtol=1e-12",
          "--time.atol=1e-14",
          "--model.initial=basis",
          "--model.initial_basis=0"};
}

// theta(chi) of the population block: the larger eigenvalue of [[-a, b_h + b_c e^{-x}], [a_h + a_c e^{x}, -b]].
struct QubitClosedForm {
  double a = ah + ac, b = bh + bc, s = a + b;
  double P(double chi, int n) const {  // n-th derivative of (b_h + b_c e^{-x})(a_h + a_c e^{x}), x = chi w
    const double x = chi * w;
    const double plus = bh * ac * std::exp(x), minus = bc * ah * std::exp(-x);
    if (n == 0) return bh * ah + plus + minus + bc * ac;
    return std::pow(w, n) * (plus + (n % 2 ? -minus : minus));
  }
  double theta(double chi) const { return -s / 2 + std::sqrt((a - b) * (a - b) / 4 + P(chi, 0)); }
  double c1() const { return P(0, 1) / s; }
  double c2() const { return P(0, 2) / s - 2 * P(0, 1) * P(0, 1) / (s * s * s); }
  double c3() const {
    return P(0, 3) / s - 6 * P(0, 1) * P(0, 2) / std::pow(s, 3) + 12 * std::pow(P(0, 1), 3) / std::pow(s, 5);
  }
};

io::RunRecord both(std::vector<std::string> o, io::RunRecord* serial = nullptr) {
  auto dist = run_model(PETSC_COMM_WORLD, o);
  auto ser = run_model(PETSC_COMM_SELF, o);
  expect_equal_runs(ser, dist, 1e-10);
  if (serial) *serial = ser;
  return dist;
}

}  // namespace

BOOST_AUTO_TEST_CASE(qubit_between_two_baths_matches_closed_forms) {
  const QubitClosedForm cf;
  const std::vector<double> chi = {-1.0, -0.3, 0.0, 0.4, 1.2};
  const auto r = both(qubit("-1, -0.3, 0, 0.4, 1.2"));
  BOOST_TEST(std::abs(scalar(r, "fcs_mean") - cf.c1()) < 1e-10);
  BOOST_TEST(std::abs(scalar(r, "fcs_variance") - cf.c2()) < 1e-9);
  BOOST_TEST(std::abs(scalar(r, "fcs_third_cumulant") - cf.c3()) < 1e-8);
  for (size_t k = 0; k < chi.size(); ++k) {
    BOOST_TEST(scalar(r, "fcs_chi_" + std::to_string(k)) == chi[k]);
    BOOST_TEST_CONTEXT("chi = " << chi[k]) {
      BOOST_TEST(std::abs(scalar(r, "fcs_theta_" + std::to_string(k)) - cf.theta(chi[k])) < 1e-10);
    }
  }
  // The mean is the steady heat current into the cold bath of the ordinary run (t = 80 ≫ 1/gap).
  const double J = series(r, "J_cold_em").back() + series(r, "J_cold_ab").back();
  BOOST_TEST(std::abs(scalar(r, "fcs_mean") - J) < 1e-9);
  // TUR: Var/mean² · Σ̇/2 ≥ 1, Σ̇ = (β_c − β_h) × mean here.
  BOOST_TEST(std::abs(scalar(r, "fcs_entropy_production") - beta_c * cf.c1()) < 1e-10);
  BOOST_TEST(scalar(r, "fcs_tur_ratio") >= 1.0);
  BOOST_TEST(scalar(r, "steady_kernel_dimension") == 1);
}

BOOST_AUTO_TEST_CASE(cumulants_equal_finite_differences_of_theta) {
  const double h = 1e-3;
  const auto r = both(qubit("-0.002, -0.001, 0, 0.001, 0.002"));
  std::vector<double> t(5);
  for (int k = 0; k < 5; ++k) t[k] = scalar(r, "fcs_theta_" + std::to_string(k));
  BOOST_TEST(std::abs((t[3] - t[1]) / (2 * h) - scalar(r, "fcs_mean")) < 1e-7);
  BOOST_TEST(std::abs((t[3] - 2 * t[2] + t[1]) / (h * h) - scalar(r, "fcs_variance")) < 1e-5);
}

// Z(s, t) = <e^{s N_t}> of the qubit started excited: its populations (p_e, p_g) evolve under the
// tilted rate matrix [[-a, b_h + b_c e^{-s w}], [a_h + a_c e^{s w}, -b]], so Z = (1, 1) e^{M t} (1, 0)^T.
std::complex<double> qubit_generating_function(std::complex<double> s, double t) {
  using c = std::complex<double>;
  const c m11 = -(ah + ac), m12 = bh + bc * std::exp(-s * w), m21 = ah + ac * std::exp(s * w), m22 = -(bh + bc);
  const c tau = (m11 + m22) / 2.0, delta = std::sqrt(tau * tau - (m11 * m22 - m12 * m21));
  // e^{Mt} = e^{tau t} (cosh(delta t) 1 + sinh(delta t)/delta (M - tau 1)), applied to (1, 0), summed.
  const c ch = std::cosh(delta * t), sh = std::sinh(delta * t) / delta;
  return std::exp(tau * t) * (ch + sh * (m11 - tau + m21));
}

BOOST_AUTO_TEST_CASE(finite_time_generating_function_matches_closed_form) {
  const std::vector<double> chi = {-1.0, 0.0, 0.4}, lambda = {0.0, 0.7, 3.0};
  auto o = qubit("-1, 0, 0.4");
  o.insert(o.end(), {"--fcs.finite_time=true", "--fcs.lambda=0, 0.7, 3", "--time.samples=5"});
  const auto r = both(o);
  for (size_t i = 0; i < r.t.size(); ++i) {
    const double t = r.t[i];
    for (size_t k = 0; k < chi.size(); ++k) BOOST_TEST_CONTEXT("t = " << t << ", chi = " << chi[k]) {
        const double want = std::log(qubit_generating_function(chi[k], t).real());
        BOOST_TEST(std::abs(series(r, "fcs_cgf_" + std::to_string(k))[i] - want) <
                   1e-9 * std::max(1.0, std::abs(want)));
      }
    for (size_t k = 0; k < lambda.size(); ++k) BOOST_TEST_CONTEXT("t = " << t << ", lambda = " << lambda[k]) {
        const auto want = qubit_generating_function({0, lambda[k]}, t);
        BOOST_TEST(std::abs(series(r, "fcs_char_re_" + std::to_string(k))[i] - want.real()) < 1e-10);
        BOOST_TEST(std::abs(series(r, "fcs_char_im_" + std::to_string(k))[i] - want.imag()) < 1e-10);
      }
  }
  // Its slope tends to theta(chi) of the stationary route.
  const size_t n = r.t.size();
  for (size_t k = 0; k < chi.size(); ++k) {
    const auto& z = series(r, "fcs_cgf_" + std::to_string(k));
    const double slope = (z[n - 1] - z[n - 2]) / (r.t[n - 1] - r.t[n - 2]);
    BOOST_TEST(std::abs(slope - scalar(r, "fcs_theta_" + std::to_string(k))) < 1e-9);
  }
}

BOOST_AUTO_TEST_CASE(finite_time_mean_equals_the_integrated_currents) {
  // d/dchi ln Z at 0 is <N_t>: the counted energy into the cold bath, the time integrals of its currents.
  const double h = 1e-3;
  auto o = qubit("-0.001, 0, 0.001");
  o.insert(o.end(), {"--fcs.finite_time=true", "--time.samples=9", "--time.t_final=16"});
  const auto r = both(o);
  const auto &minus = series(r, "fcs_cgf_0"), &plus = series(r, "fcs_cgf_2");
  const auto &em = series(r, "Q_J_cold_em"), &ab = series(r, "Q_J_cold_ab");
  for (size_t i = 0; i < r.t.size(); ++i) BOOST_TEST_CONTEXT("t = " << r.t[i]) {
      BOOST_TEST(std::abs((plus[i] - minus[i]) / (2 * h) - (em[i] + ab[i])) < 1e-6);
    }
  BOOST_TEST(em.back() + ab.back() > 0.5);  // the check above is not between two zeros
}

BOOST_AUTO_TEST_CASE(gallavotti_cohen_on_two_qubits) {
  // XX-coupled qubits of equal frequency (H conserves the excitations, so local baths are consistent):
  // hot bath on qubit 0, cold on qubit 1; N = energy into the cold bath; theta(chi) = theta(-chi - dbeta).
  const double db = beta_c - beta_h;
  const std::vector<double> chi = {0.0, -db, 0.35, -0.35 - db, -0.2, 0.2 - db};
  std::string grid;
  for (double x : chi) grid += (grid.empty() ? "" : ", ") + num(x);
  const auto r = both({"--model.name=lindblad", "--model.dims=2, 2",
                       "--model.hamiltonian=0.5*sz(0) + 0.5*sz(1) + 0.4*sp(0)*sm(1) + 0.4*sm(0)*sp(1)",
                       "--model.jumps=hot_em : " + num(ah) + " : sm(0); hot_ab : " + num(bh) +
                           " : sp(0); cold_em : " + num(ac) + " : sm(1); cold_ab : " + num(bc) + " : sp(1)",
                       "--fcs.count=cold_em : 1; cold_ab : -1", "--fcs.chi=" + grid, "--time.t_final=1",
                       "--time.samples=2", "--model.initial=basis", "--model.initial_basis=0, 0"});
  for (size_t k = 0; k < chi.size(); k += 2) {
    const double a = scalar(r, "fcs_theta_" + std::to_string(k)), b = scalar(r, "fcs_theta_" + std::to_string(k + 1));
    BOOST_TEST_CONTEXT("chi = " << chi[k] << ": " << a << " vs " << b) { BOOST_TEST(std::abs(a - b) < 1e-8); }
  }
  BOOST_TEST(std::abs(scalar(r, "fcs_theta_0")) < 1e-12);
  BOOST_TEST(scalar(r, "fcs_mean") > 0);  // heat flows from the hot bath into the cold one
}

namespace {
const std::vector<std::string> kChain = {
    "--model.name=lindblad",
    "--model.dims=2, 2, 2",
    "--model.hamiltonian=1.0*sx(0) + 1.0*sx(1) + 1.0*sx(2) + 0.5*sz(0)*sz(1) + 0.5*sz(1)*sz(2) + 0.15*sz(0)",
    "--model.jumps=0.6 : sm(0); 0.6 : sm(1); 0.6 : sm(2)",
    "--model.initial=basis",
    "--model.initial_basis=0, 0, 0",
    "--time.rtol=1e-12",
    "--time.atol=1e-14",
    "--spectrum.eigenvalues=3"};
std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
}  // namespace

BOOST_AUTO_TEST_CASE(steady_state_equals_long_time_evolution) {
  const auto r = both(with(kChain, {"--time.t_final=150", "--time.samples=2"}));
  BOOST_TEST(scalar(r, "steady_kernel_dimension") == 1);
  BOOST_TEST(scalar(r, "steady_residual") < 1e-12);
  BOOST_TEST(scalar(r, "steady_final_state_distance") < 1e-9);
  // Gap, relaxation time, and the first eigenvalue as the nearest nonzero one of the steady solve.
  BOOST_TEST(scalar(r, "spectral_gap") > 0.02);
  BOOST_TEST(std::abs(scalar(r, "relaxation_time") * scalar(r, "spectral_gap") - 1) < 1e-12);
  BOOST_TEST(scalar(r, "eigenvalue_1_re") >= scalar(r, "eigenvalue_2_re"));
}

BOOST_AUTO_TEST_CASE(iterative_route_and_krylov_spectrum_agree_with_direct) {
  const auto d = run_model(PETSC_COMM_WORLD, with(kChain, {"--time.t_final=1", "--time.samples=2"}));
  for (const char* pc : {"eigenbasis", "jacobi"}) BOOST_TEST_CONTEXT("preconditioner " << pc) {
      const auto i = run_model(
          PETSC_COMM_WORLD, with(kChain, {"--time.t_final=1", "--time.samples=2", "--steady.method=iterative",
                                          "--spectrum.method=krylov", std::string("--steady.preconditioner=") + pc}));
      BOOST_TEST(std::abs(scalar(d, "U_steady") - scalar(i, "U_steady")) < 1e-10);
      BOOST_TEST(scalar(i, "steady_residual") < 1e-10);
      BOOST_TEST(scalar(i, "steady_kernel_dimension") == -1);  // not determined by the iterative route
      BOOST_TEST(std::abs(scalar(d, "spectral_gap") - scalar(i, "spectral_gap")) < 1e-9);
    }
}

BOOST_AUTO_TEST_CASE(eigenbasis_preconditioner_on_a_chain_with_every_kind_of_term) {
  // Five qubits: transverse Ising H, local decay and heating, a GKSL-free cascade-like coupling via a
  // two-site jump, and a dephasing channel; the iterative route (eigenbasis) against the direct one,
  // every rank count against serial, and in few iterations (Jacobi needs hundreds here).
  const std::vector<std::string> o = {
      "--model.name=lindblad",
      "--model.dims=2, 2, 2, 2, 2",
      "--model.hamiltonian=1.0*sx(0) + 0.8*sx(1) + 1.1*sx(2) + 0.9*sx(3) + 1.0*sx(4) + 0.5*sz(0)*sz(1) + "
      "0.5*sz(1)*sz(2) + 0.4*sz(2)*sz(3) + 0.6*sz(3)*sz(4) + 0.2*sz(0)",
      "--model.jumps=0.3 : sm(0); 0.1 : sp(0); 0.2 : sm(2); 0.25 : sm(4); 0.05 : sz(1); 0.1 : sm(3)*sp(4)",
      "--model.initial=basis",
      "--model.initial_basis=0, 0, 0, 0, 0",
      "--time.t_final=0.1",
      "--time.samples=2"};
  const auto d = run_model(PETSC_COMM_SELF, with(o, {"--steady.method=direct"}));
  io::RunRecord serial;
  const auto i = both(with(o, {"--steady.method=iterative"}), &serial);
  BOOST_TEST(scalar(d, "steady_kernel_dimension") == 1);
  BOOST_TEST(std::abs(scalar(d, "U_steady") - scalar(i, "U_steady")) < 1e-10);
  BOOST_TEST(scalar(i, "steady_residual") < 1e-11);
  BOOST_TEST(std::abs(scalar(d, "steady_final_state_distance") - scalar(i, "steady_final_state_distance")) < 1e-10);
}

BOOST_AUTO_TEST_CASE(iterative_route_refuses_an_unconverged_answer) {
  // A tolerance of 0.5 stops GMRES after a few iterations: no steady state is reported, never that one.
  const auto r = run_model(PETSC_COMM_WORLD, with(kChain, {"--time.t_final=1", "--time.samples=2",
                                                           "--steady.method=iterative", "--steady.tolerance=0.5"}));
  BOOST_TEST(!r.scalar("U_steady"));
  BOOST_TEST(!r.scalar("steady_residual"));
}

BOOST_AUTO_TEST_CASE(dephasing_only_chain_reports_a_degenerate_kernel) {
  const auto r = both({"--model.name=lindblad", "--model.dims=2, 2", "--model.hamiltonian=0.5*sz(0) + 0.7*sz(1)",
                       "--model.jumps=0.3 : sz(0); 0.3 : sz(1)", "--time.t_final=1", "--time.samples=2",
                       "--model.initial=basis", "--model.initial_basis=0, 1"});
  BOOST_TEST(scalar(r, "steady_kernel_dimension") >= 2);
  BOOST_TEST(!r.scalar("U_steady"));  // never an arbitrary element of the kernel
}
