#pragma once
// Two runs of one model (serial and distributed) compared observable by observable and scalar by
// scalar; the solver-only scalars named in `solver_only` (residual norms, step counts) may differ.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <set>
#include <string>

#include "qtherm/io/run_record.hpp"

inline bool same_value(double a, double b, double tol) {
  return (std::isnan(a) && std::isnan(b)) || a == b || std::abs(a - b) <= tol;
}

// steady_next_eigenvalue: a defective (Jordan) eigenvalue, e.g. the cascaded qubits at xi = 1, is only
// determined to ~sqrt(machine epsilon), so it differs between rank counts by more than the states do.
inline const std::set<std::string> kSolverScalars = {"steady_residual", "steps", "final_stationarity",
                                                     "steady_next_eigenvalue"};

inline void expect_equal_runs(const qtherm::io::RunRecord& serial, const qtherm::io::RunRecord& dist, double tol,
                              const std::set<std::string>& solver_only = kSolverScalars) {
  BOOST_TEST(serial.t == dist.t, boost::test_tools::per_element());
  BOOST_REQUIRE_EQUAL(serial.observables.size(), dist.observables.size());
  for (size_t k = 0; k < serial.observables.size(); ++k) {
    const auto &a = serial.observables[k], &b = dist.observables[k];
    BOOST_REQUIRE_EQUAL(a.what.name, b.what.name);
    double worst = 0;
    bool nan_mismatch = false;
    for (size_t i = 0; i < a.values.size(); ++i) {
      if (std::isnan(a.values[i]) != std::isnan(b.values[i]))
        nan_mismatch = true;
      else if (!std::isnan(a.values[i]) && a.values[i] != b.values[i])
        worst = std::max(worst, std::abs(a.values[i] - b.values[i]));
    }
    BOOST_TEST_CONTEXT(a.what.name) {
      BOOST_TEST(!nan_mismatch);
      BOOST_TEST(worst <= tol);
    }
  }
  BOOST_REQUIRE_EQUAL(serial.scalars.size(), dist.scalars.size());
  for (size_t k = 0; k < serial.scalars.size(); ++k) {
    const auto &a = serial.scalars[k], &b = dist.scalars[k];
    BOOST_REQUIRE_EQUAL(a.what.name, b.what.name);
    if (solver_only.count(a.what.name)) continue;
    BOOST_TEST_CONTEXT(a.what.name << ": " << a.value << " vs " << b.value) {
      BOOST_TEST(same_value(a.value, b.value, tol));
    }
  }
}
