// The collision models with oscillator parties, distributed over the ranks mpiexec gives (ctest: 1,
// 2, 3), against the same run on one rank: the discrete protocol (Liouville factors of the stage
// unitaries, the ancilla reset, functionals, gathered reduced states) and its continuous limit.
#define BOOST_TEST_MODULE collision_distributed
#include <boost/test/unit_test.hpp>

#include "petsc_fixture.hpp"
#include "run_comparison.hpp"
#include "run_model.hpp"

namespace {
void compare(const std::vector<std::string>& overrides) {
  const auto serial = run_model(PETSC_COMM_SELF, overrides);
  const auto dist = run_model(PETSC_COMM_WORLD, overrides);
  expect_equal_runs(serial, dist, 1e-10);
}
}  // namespace

BOOST_AUTO_TEST_CASE(oscillator_cascade_discrete) {
  // Two oscillators of 6 levels and the qubit ancilla: 72 states, 5184 Liouville unknowns.
  compare({"--model.name=collision_cascade", "--model.party=oscillator", "--model.levels=6", "--model.fock=2",
           "--model.beta=0.7", "--model.dt=0.02", "--time.t_final=1", "--time.samples=6", "--model.order=A,free,B",
           "--model.free_in_collisions=true"});
}

BOOST_AUTO_TEST_CASE(oscillator_mediator_discrete_and_continuous) {
  for (const char* route : {"discrete", "continuous"})
    compare({"--model.name=collision_indirect", "--model.mediator=oscillator", "--model.levels=12", "--model.beta=0.5",
             "--model.gamma=0.05", "--model.J=0.2", "--model.dt=0.02", "--time.t_final=2", "--time.samples=5",
             std::string("--model.route=") + route});
}
