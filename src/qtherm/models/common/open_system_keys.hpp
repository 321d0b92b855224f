#pragma once
// The sections every model on the open-system pipeline shares ([time], [monitor], [model]
// liouvillian, [steady], [spectrum], [fcs], [output], and [periodic] for driven models), each key
// bound once to its member. A model sets the switches and declares and reads with the same value:
//     OpenSystemKeys keys;
//     keys.periodic = true;
//     io::declare(schema, keys);   ...   open_system_settings(config, keys, label)
#include <string>
#include <vector>

#include "qtherm/io/parameters.hpp"
#include "qtherm/models/common/time_keys.hpp"

namespace qtherm::models {

struct OpenSystemKeys {
  // Switches (not keys).
  bool periodic = false;   // [periodic] tolerance, max_periods: the periodic state of a driven generator
  bool period = true;      // with periodic: [periodic] period (false: the model sets the period)
  bool stationary = true;  // [steady], [spectrum], [fcs]: the stationary analysis of a constant generator
                           // (false: the model's generator always depends on time)
  bool counting = true;    // with stationary: [fcs] (false: the model has no jump channel to count)

  TimeKeys time;  // time.grid = false: the model sets the output grid
  IntegratorKeys stepper;
  std::string integrator = "auto";
  double monitor_tolerance = 1e-6;
  std::string liouvillian = "auto";
  bool steady_solve = true;
  std::string steady_method = "auto";
  double direct_max_unknowns = 5000, steady_tolerance = 1e-12;
  std::string steady_preconditioner = "auto";
  std::vector<double> release_percent = {25, 50, 75, 90, 95};
  long spectrum_eigenvalues = 0;
  std::string spectrum_method = "auto";
  std::string fcs_count;
  std::vector<double> fcs_chi;
  bool fcs_finite_time = false;
  std::vector<double> fcs_lambda;
  bool output_states = false;
  std::string output_measures;
  double period_length = 0, periodic_tolerance = 1e-10;
  long max_periods = 200;

  void bind(io::Binder& b);
};

}  // namespace qtherm::models
