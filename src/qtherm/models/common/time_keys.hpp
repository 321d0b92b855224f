#pragma once
// [time]: the keys every model with a time axis shares, each bound once. A model sets its defaults
// and switches and binds them from its own Params::bind:
//     TimeKeys time{5, 51};        // t_final = 5, 51 output times
//     IntegratorKeys integrator;   // atol, rtol, initial_step (adaptive steppers only)
//     time.bind(b);  integrator.bind(b);
#include <string>
#include <vector>

#include "qtherm/io/parameters.hpp"

namespace qtherm::models {

struct TimeKeys {
  // Whether a grid of one time is valid, and which: t = 0 (a model whose Q and W accumulate from the
  // first output time), or t_final (a model whose outputs at t compare with the state at t = 0).
  enum class Single { none, start, end };

  double t_final = 10;
  long samples = 201;
  double progress_interval = 10;
  // Switches (not keys).
  bool grid = true;              // t_final and samples (false: the model sets its own output times)
  Single single = Single::none;  // with start or end, t_final = 0 is valid too

  void bind(io::Binder& b);
  // samples times evenly spaced from 0 to t_final inclusive (a single one as `single` says).
  std::vector<double> times() const;
};

struct IntegratorKeys {
  double atol = 1e-10, rtol = 1e-8, initial_step = 1e-3;
  const char* scope = "";  // switch: appended to the meanings, e.g. " (Fock route)"

  void bind(io::Binder& b);
};

}  // namespace qtherm::models
