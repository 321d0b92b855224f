// The periodic steady state of a driven open system (issue 21, [periodic]) at whatever rank count
// mpiexec gives (ctest: 1, 2, 3): two coupled qubits, one driven and damped, the other dephased and
// pumped with a time-periodic rate. The limit cycle found by GMRES on the one-period propagator
// equals brute-force integration over many periods to 1e-9, repeats itself after one period, closes
// the first law over a cycle (U(T) = U(0), so W = Q_total per cycle), and distributed equals serial.
// Each one-period integration is at atol 1e-14, so the fixed point is limited only by the tolerances.
#define BOOST_TEST_MODULE periodic_state
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "petsc_fixture.hpp"
#include "run_comparison.hpp"
#include "run_model.hpp"

using namespace qtherm;

namespace {

const double kPi = std::acos(-1.0), kT = 2 * kPi / 1.5;  // drive frequency 1.5

std::vector<std::string> system(long periods, long samples_per_period) {
  char t_final[64];
  std::snprintf(t_final, sizeof t_final, "%.17g", periods * kT);
  return {
      "--model.name=lindblad",
      "--model.dims=2, 2",
      "--model.hamiltonian=0.5*sz(0) + 0.4*sz(1) + 0.1*sp(0)*sm(1) + 0.1*sm(0)*sp(1)",
      "--model.drives=f : 0.3*sin(1.5*t) : sx(0)",
      "--model.jumps=em : 0.2 : sm(0); ab : 0.05 : sp(0); pump : 0.1*(1 + 0.5*cos(1.5*t)) : sp(1); deph : 0.1 : sz(1)",
      "--model.initial_basis=0, 0",
      "--model.observables=p0 : 0.5*id(0) + 0.5*sz(0); p1 : 0.5*id(1) + 0.5*sz(1); c : sp(0)*sm(1) + sm(0)*sp(1)",
      "--time.t_final=" + std::string(t_final),
      "--time.samples=" + std::to_string(periods * samples_per_period + 1),
      "--time.atol=1e-14",
      "--time.rtol=1e-12"};
}

io::RunRecord periodic(MPI_Comm comm, const std::string& liouvillian = "auto") {
  auto o = system(1, 8);
  o.push_back("--model.liouvillian=" + liouvillian);
  char period[64];
  std::snprintf(period, sizeof period, "%.17g", kT);
  o.push_back("--periodic.period=" + std::string(period));
  return run_model(comm, o);
}

const char* kObservables[] = {"p0", "p1", "c", "U"};

}  // namespace

BOOST_AUTO_TEST_CASE(limit_cycle_equals_long_integration) {
  const io::RunRecord p = periodic(PETSC_COMM_WORLD);
  BOOST_TEST(scalar(p, "periodic_residual") < 1e-11);
  // Repeating the period from |00> reaches 1e-10 after ~40 periods here; GMRES takes 17.
  BOOST_TEST(scalar(p, "periodic_periods") < 30);
  // 80 periods leave below 1e-14 of the start (measured with one output per period).
  const io::RunRecord brute = run_model(PETSC_COMM_WORLD, system(80, 1));
  for (const char* name : kObservables) {
    const double limit = series(brute, name).back(), start = series(p, name).front(), end = series(p, name).back();
    BOOST_TEST_CONTEXT(name << ": brute force " << limit << ", limit cycle " << start << " -> " << end) {
      BOOST_TEST(std::abs(start - limit) <= 1e-9);
      BOOST_TEST(std::abs(end - start) <= 1e-9);  // the state repeats after one period
    }
  }
  // Over one cycle of the limit cycle the energy returns: the work done is the heat released.
  BOOST_TEST(std::abs(series(p, "W").back() - series(p, "Q_total").back()) <= 1e-9);
  BOOST_TEST(series(p, "W").back() > 1e-3);  // a cycle does work: the check above is not trivially 0
}

BOOST_AUTO_TEST_CASE(distributed_equals_serial_on_both_liouvillians) {
  int rank = 0;
  MPI_Comm_rank(PETSC_COMM_WORLD, &rank);
  for (const char* L : {"assembled", "shell"}) {
    io::RunRecord serial;
    if (rank == 0) serial = periodic(PETSC_COMM_SELF, L);
    const io::RunRecord dist = periodic(PETSC_COMM_WORLD, L);
    BOOST_TEST_CONTEXT(L) {
      if (rank == 0) expect_equal_runs(serial, dist, 1e-10, {"steps", "periodic_residual", "periodic_periods"});
    }
  }
}
