// Whole open-system runs on every route of the engine against each other, at whatever rank count
// mpiexec gives (ctest: 1, 2, 3): the matrix-free and the assembled Liouvillian, the Taylor and the
// Runge–Kutta integrator, distributed against serial.
#define BOOST_TEST_MODULE liouvillian_routes
#include <boost/test/unit_test.hpp>

#include "petsc_fixture.hpp"
#include "run_comparison.hpp"
#include "run_model.hpp"

using namespace qtherm;

namespace {

// A dissipative Ising chain of 4 qubits with a GKSL channel and a cascade (256 unknowns: at 3 ranks
// the 16 columns split 6/5/5), and a lossy Kerr cavity pair (two parties of 4 levels).
const std::vector<std::vector<std::string>> kSystems = {
    {"--model.name=lindblad", "--model.dims=2, 2, 2, 2",
     "--model.hamiltonian=0.8*sx(0) + 0.8*sx(1) + 0.8*sx(2) + 0.8*sx(3) + 0.5*sz(0)*sz(1) + 0.5*sz(1)*sz(2) + "
     "0.5*sz(2)*sz(3) + 0.2*sz(0)",
     "--model.jumps=0.3 : sm(0); 0.2 : sm(1); 0.1 : sm(2); 0.25 : sm(3); heat : 0.05 : sp(2)",
     "--model.gksl_operators=sm(1); sm(2)", "--model.gksl_rates=[[0.2, 0.1], [0.1, 0.2]]",
     "--model.cascades=0.1 : sm(0) -> sm(3)", "--model.observables=z0 : sz(0); x3 : sx(3)", "--model.initial=basis",
     "--model.initial_basis=0, 1, 0, 1"},
    {"--model.name=lindblad", "--model.dims=4, 4",
     "--model.hamiltonian=0.5*n(0) + 0.1*n(0)*n(0) + 0.4*n(1) + 0.3*adag(0)*a(1) + 0.3*a(0)*adag(1) + 0.2*a(0) + "
     "0.2*adag(0)",
     "--model.jumps=0.2 : a(0); 0.2 : a(1)", "--model.observables=n0 : n(0); n1 : n(1)", "--model.initial=basis",
     "--model.initial_basis=0, 0"}};

io::RunRecord run(std::vector<std::string> o, const std::string& liouvillian, const std::string& integrator,
                  MPI_Comm comm) {
  o.insert(o.end(), {"--time.t_final=4", "--time.samples=21", "--time.rtol=1e-12", "--time.atol=1e-14",
                     "--model.liouvillian=" + liouvillian, "--time.integrator=" + integrator});
  return run_model(comm, o);
}

}  // namespace

BOOST_AUTO_TEST_CASE(shell_equals_assembled_at_any_rank_count) {
  for (const auto& sys : kSystems)
    for (const char* integrator : {"taylor", "rk"}) {
      const auto assembled = run(sys, "assembled", integrator, PETSC_COMM_SELF);
      const auto shell = run(sys, "shell", integrator, PETSC_COMM_WORLD);
      // The same integrator on the same vectors: only the order of the sums differs.
      expect_equal_runs(assembled, shell, 1e-11);
    }
}

BOOST_AUTO_TEST_CASE(taylor_equals_runge_kutta) {
  for (const auto& sys : kSystems) {
    const auto rk = run(sys, "shell", "rk", PETSC_COMM_WORLD);
    const auto taylor = run(sys, "shell", "taylor", PETSC_COMM_WORLD);
    // Two integrators at tolerance 1e-12: step counts differ, the samples agree.
    for (const auto& s : rk.observables) {
      const auto& other = series(taylor, s.what.name);
      for (size_t k = 0; k < other.size(); ++k) BOOST_TEST(std::abs(other[k] - s.values[k]) < 1e-9);
    }
    // The Taylor run's energy balance is exact to the series tolerance.
    for (double e : series(taylor, "energy_balance_error")) BOOST_TEST(std::abs(e) < 1e-11);
  }
}
