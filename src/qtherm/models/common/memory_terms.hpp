#pragma once
// Memory terms shared by several models (each model still declares its own sizes in memory_estimate):
// the output series, and the Lindblad pipeline (Liouville vectors, steady-state factorisation, stored
// states) as a function of the Hilbert dimension a key sets.
#include <functional>
#include <string>

#include "qtherm/base/memory_estimate.hpp"
#include "qtherm/io/config.hpp"
#include "qtherm/models/common/open_system_keys.hpp"

namespace qtherm::models {

// `series` float64 series of `samples` values each, kept while the run lasts and copied into the
// record (driven by [section] key = samples).
MemoryTerm output_term(const std::string& section, const std::string& key, double samples, double series);

// The Lindblad pipeline at Hilbert dimension dimension(value), `value` being what [section] key sets
// (quantity: what it is, "" for the key's own value), on `ranks` ranks: the state and integrator
// vectors, the assembled Liouvillian and its steady-state factorisation when [steady] solve is on,
// ρ(t) stored on the output grid when [output] states is on, and the output series. A time-dependent
// generator with `parts` fixed parts (drives, rates of t) runs rk with one more work vector, holds each
// part assembled when L is, and solves no steady state.
MemoryEstimate open_system_memory(const io::Config& config, const OpenSystemKeys& keys, int ranks,
                                  const std::string& section, const std::string& key, double value,
                                  const std::string& quantity, std::function<double(double)> dimension, double series,
                                  int parts = 0);

}  // namespace qtherm::models
