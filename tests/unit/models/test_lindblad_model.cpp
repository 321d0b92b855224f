// The generic `lindblad` model: closed forms for a decaying qubit, equivalences between channel
// kinds, a degenerate kernel, and input errors naming the key.
#define BOOST_TEST_MODULE lindblad_model
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "petsc_fixture.hpp"
#include "qtherm/base/error.hpp"
#include "run_model.hpp"

namespace {
const std::vector<std::string> kQubit = {"--model.name=lindblad",
                                         "--model.dims=2",
                                         "--model.hamiltonian=0.65*sz(0)",
                                         "--model.initial_basis=0",
                                         "--model.observables=pe : 0.5*id(0) + 0.5*sz(0)",
                                         "--time.rtol=1e-11",
                                         "--time.atol=1e-13"};
std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
}  // namespace

BOOST_AUTO_TEST_CASE(decaying_qubit_closed_forms) {
  const double w = 1.3, g = 0.45;
  const auto r = run_model(PETSC_COMM_SELF, with(kQubit, {"--model.jumps=decay : 0.45 : sm(0)", "--time.t_final=40",
                                                          "--time.samples=41", "--steady.release_percent=50"}));
  for (size_t i = 0; i < r.t.size(); ++i) {
    const double pe = std::exp(-g * r.t[i]);
    BOOST_TEST(std::abs(series(r, "pe")[i] - pe) < 1e-9);
    BOOST_TEST(std::abs(series(r, "J_decay")[i] - w * g * pe) < 1e-9);  // into the environment
    BOOST_TEST(std::abs(series(r, "Q_J_decay")[i] - w * (1 - pe)) < 1e-9);
  }
  BOOST_TEST(std::abs(scalar(r, "Q_infinity") - w) < 1e-12);
  BOOST_TEST(std::abs(scalar(r, "tau_50") - std::log(2.0) / g) < 1e-7);
}

BOOST_AUTO_TEST_CASE(gksl_rate_matrix_equals_the_dissipator_of_the_combined_operator) {
  // γ = [[1, 1], [1, 1]] over (S1, S2) is D[S1 + S2] at rate 1.
  const std::vector<std::string> base = {
      "--model.name=lindblad",
      "--model.dims=2, 3",
      "--model.hamiltonian=0.5*sz(0) + 1.0*n(1) + 0.2*sx(0)*a(1) + 0.2*sx(0)*adag(1)",
      "--model.initial_basis=0, 2",
      "--model.observables=n1 : n(1); sz0 : sz(0)",
      "--time.t_final=5",
      "--time.samples=11",
      "--time.rtol=1e-12",
      "--time.atol=1e-14"};
  const auto a = run_model(PETSC_COMM_SELF, with(base, {"--model.jumps=", "--model.gksl_operators=sm(0); a(1)",
                                                        "--model.gksl_rates=[[1, 1], [1, 1]]"}));
  const auto b = run_model(PETSC_COMM_SELF, with(base, {"--model.jumps=both : 1 : sm(0) + a(1)"}));
  for (const char* n : {"n1", "sz0", "U", "J_total"})
    for (size_t i = 0; i < a.t.size(); ++i) BOOST_TEST(std::abs(series(a, n)[i] - series(b, n)[i]) < 1e-10);
  BOOST_TEST(std::abs(series(a, "J_gksl").back() - series(b, "J_both").back()) < 1e-10);
}

BOOST_AUTO_TEST_CASE(degenerate_kernel_falls_back_to_the_stationary_final_state) {
  // Qubit 1 is undamped: L has two independent steady states; the solve must say so, not guess.
  const auto r = run_model(PETSC_COMM_SELF, {"--model.name=lindblad", "--model.dims=2, 2",
                                             "--model.hamiltonian=0.5*sz(0) + 0.5*sz(1)", "--model.jumps=1 : sm(0)",
                                             "--model.initial_basis=0, 0", "--time.t_final=40", "--time.samples=5"});
  BOOST_TEST(!r.scalar("U_steady"));
  BOOST_TEST(std::abs(scalar(r, "Q_infinity") - 1.0) < 1e-10);
  BOOST_TEST(scalar(r, "final_stationarity") < 1e-9);
}

BOOST_AUTO_TEST_CASE(input_errors_name_the_key) {
  auto key_of = [](std::vector<std::string> o) {
    try {
      const auto p = qtherm::study::prepare("", o);
      return std::string("no error");
    } catch (const qtherm::InputError& e) {
      return e.section() + "." + e.key();
    }
  };
  BOOST_TEST(key_of({"--model.name=lindblad", "--model.hamiltonian=0.5*sz(3)"}) == "model.hamiltonian");
  BOOST_TEST(key_of({"--model.name=lindblad", "--model.hamiltonian=0.5i*sz(0)"}) ==
             "model.hamiltonian");  // not Hermitian
  BOOST_TEST(key_of({"--model.name=lindblad", "--model.jumps=-1 : sm(0)"}) == "model.jumps");
  BOOST_TEST(key_of({"--model.name=lindblad", "--model.dims=2,0"}) == "model.dims");
  BOOST_TEST(key_of({"--model.name=lindblad", "--model.initial_basis=2"}) == "model.initial_basis");
  BOOST_TEST(key_of({"--model.name=lindblad", "--model.gksl_operators=sm(0)", "--model.gksl_rates=[[-1]]"}) ==
             "model.gksl_rates");
  BOOST_TEST(key_of({"--model.name=lindblad", "--model.initial=matrix", "--model.initial_matrix=[[1, 1], [1, 0]]"}) ==
             "model.initial_matrix");
  BOOST_TEST(key_of({"--model.name=lindbald"}) == "model.name");
  BOOST_TEST(key_of({"--model.name=lindblad"}) == "no error");
}
