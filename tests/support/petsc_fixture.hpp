#pragma once
// Boost.Test global fixture: MPI/PETSc/SLEPc are up for the whole test module.
// PETSc options can be passed after the test arguments.
#include <boost/test/unit_test.hpp>

#include <memory>

#include "qtherm/parallel/runtime.hpp"

struct PetscFixture {
  PetscFixture() {
    auto& suite = boost::unit_test::framework::master_test_suite();
    runtime = std::make_unique<qtherm::parallel::Runtime>(&suite.argc, &suite.argv);
  }
  ~PetscFixture() { runtime.reset(); }
  std::unique_ptr<qtherm::parallel::Runtime> runtime;
};
BOOST_TEST_GLOBAL_FIXTURE(PetscFixture);
