#pragma once
// The interacting-reservoirs model (seed 003), declared for its source files:
// interacting_reservoirs.cpp (keys, run), interacting_reservoirs_outputs.cpp (the outputs) and
// interacting_reservoirs_memory.cpp (the size estimate). Internal to models/.
#include <optional>
#include <string>
#include <vector>

#include "qtherm/models/reservoirs/many_body_reservoirs.hpp"
#include "qtherm/io/parameters.hpp"
#include "qtherm/models/common/time_keys.hpp"
#include "qtherm/models/model.hpp"

namespace qtherm::models {

// The model's keys, each bound to its member once (interacting_reservoirs.cpp).
struct ReservoirParams {
  std::string statistics = "fermions", route = "single_particle";
  long n1 = 2, n2 = 2;
  double omega1 = 1, omega2 = 1, g = 0, gamma = 0.1;
  std::optional<Eigen::MatrixXcd> h1, h2, coupling;
  double beta1 = 1, beta2 = 0.2, mu1 = 0, mu2 = 0, u1 = 0, u2 = 0;
  std::optional<long> particles, cutoff;
  std::string thermal = "exact";
  long typical_samples = 4, seed = 1;
  std::string storage = "auto";
  long eigenvalues = 0;
  double mfn_tol = 1e-13;
  std::string evolution = "auto";
  long dense_limit = 4000;
  bool minimal_dissipation = true;
  double regime_ratio = 10;
  TimeKeys time{20, 101, 10, true, TimeKeys::Single::start};
  long substeps = 4;

  void bind(io::Binder& b);
  bool bosons() const { return statistics == "bosons"; }
  bool many_body() const { return route == "many_body"; }
};

// The model's functions that its files share (ModelFunctions; the rest are private to
// interacting_reservoirs.cpp).
std::vector<io::Quantity> reservoir_observables();
MemoryEstimate reservoir_memory_estimate(const io::Config& config, int ranks);

}  // namespace qtherm::models
