// Every distributed result against the serial answer, at whatever rank count mpiexec gives
// (ctest runs this at 1, 2 and 3 ranks): assembly and application of the Liouvillian, partial
// traces, and whole model runs including the steady-state solve (MUMPS on several ranks).
#define BOOST_TEST_MODULE distributed_vs_serial
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "dense_reference.hpp"
#include "petsc_fixture.hpp"
#include "qtherm/space/vectorize.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/space/partial_trace.hpp"
#include "run_comparison.hpp"
#include "run_model.hpp"

using namespace qtherm;

BOOST_AUTO_TEST_CASE(liouvillian_application_and_partial_traces) {
  const space::TensorSpace h({3, 2, 3});
  const std::vector<long> dims = {3, 2, 3};
  const space::LiouvilleSpace ls(h);
  operators::OperatorSum H(h);
  H.add("n", 0, 1.3).add("sz", 1, 0.4).add(operators::local(h, "a", 0) * operators::local(h, "adag", 2), 0.2);
  H.add(operators::local(h, "adag", 0) * operators::local(h, "a", 2), 0.2);
  auto L = operators::hamiltonian_part(H);
  L.add(operators::dissipator(operators::local(h, "a", 0), 0.5));
  L.add(operators::cascade(operators::local(h, "a", 0), operators::local(h, "a", 2), 0.5));
  L.add(operators::dissipator(operators::local(h, "sm", 1), 0.3));
  const Dense rho = random_density_matrix(h.dim(), 3);  // the same on every rank (fixed seed)

  auto A = operators::assemble(PETSC_COMM_WORLD, L);
  auto x = space::vectorize(PETSC_COMM_WORLD, rho, ls);
  auto y = parallel::duplicate(x);
  QTHERM_PETSC(MatMult(A, x, y));
  BOOST_TEST((space::gather_density_matrix(y, ls) - L.apply(rho)).norm() < 1e-12);
  for (const std::vector<int>& keep : {std::vector<int>{0}, {1}, {2}, {0, 2}})
    BOOST_TEST((space::partial_trace(x, ls, keep) - space::partial_trace(rho, h, keep)).norm() < 1e-12);
  operators::OperatorSum O(h);
  O.add("n", 2).add("sx", 1, 0.5);
  auto w = operators::functional(O, x);
  BOOST_TEST(std::abs(operators::expectation(w, x) - (O.dense() * rho).trace().real()) < 1e-12);
}

BOOST_AUTO_TEST_CASE(cascaded_qubits_study) {
  for (const auto& extra : std::vector<std::vector<std::string>>{
           {},
           {"--model.initial=correlated", "--model.xi_s=0.25", "--model.rho23=0.5-0.2i", "--model.xi=1"},
           {"--model.cascade=false", "--model.beta=3"}}) {
    std::vector<std::string> o = {"--time.t_final=8", "--time.samples=41", "--time.rtol=1e-12", "--time.atol=1e-14",
                                  "--output.measures=mutual_information(0:1); concurrence(0:1); discord(0:1)"};
    o.insert(o.end(), extra.begin(), extra.end());
    const auto serial = run_model(PETSC_COMM_SELF, o);
    const auto dist = run_model(PETSC_COMM_WORLD, o);
    expect_equal_runs(serial, dist, 1e-10);
  }
}

BOOST_AUTO_TEST_CASE(generic_lindblad_study) {
  // Three parties (oscillator, qubit, oscillator): 18 states, 324 Liouville unknowns.
  const std::vector<std::string> o = {
      "--model.name=lindblad",
      "--model.dims=3, 2, 3",
      "--model.hamiltonian=1.0*n(0) + 0.5*sz(1) + 1.0*n(2) + 0.3*adag(0)*sm(1) + 0.3*a(0)*sp(1)",
      "--model.jumps=up : 0.4 : a(0); out : 0.4 : a(2); pump : 0.1 : adag(0)",
      "--model.cascades=0.4 : a(0) -> a(2)",
      "--model.observables=n0 : n(0); sz1 : sz(1)",
      "--model.initial=basis",
      "--model.initial_basis=2, 0, 0",
      "--output.measures=mutual_information(0:2); entropy(1); log_negativity(0:1,2); discord(1:0); coherence_l1(0)",
      "--time.t_final=6",
      "--time.samples=31",
      "--time.rtol=1e-12",
      "--time.atol=1e-14"};
  const auto serial = run_model(PETSC_COMM_SELF, o);
  const auto dist = run_model(PETSC_COMM_WORLD, o);
  expect_equal_runs(serial, dist, 1e-10);
}
