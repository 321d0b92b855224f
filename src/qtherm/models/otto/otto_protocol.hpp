#pragma once
// The Otto cycle of models/otto_engine.cpp as a driven open system: its parameters from [model], the
// level spacing omega(t), the bath couplings of t, and the output grid on which every stroke ends.
#include <string>
#include <vector>

#include "qtherm/io/config.hpp"
#include "qtherm/io/parameters.hpp"
#include "qtherm/models/common/open_system.hpp"

namespace qtherm::models {

// The [model] keys, each bound to its member in bind(); the defaults are the members' values.
struct OttoProtocol {
  std::string medium = "qubit";
  long levels = 20;  // oscillator only; otto_protocol() sets 2 for a qubit
  long cycles = 1, samples_per_stroke = 25;
  double omega_h = 2, omega_c = 1, beta_h = 0.5, beta_c = 3, gamma_h = 1, gamma_c = 1;
  double t_compress = 1, t_hot = 4, t_expand = 1, t_cold = 4;
  std::string start = "cycle";
  void bind(io::Binder& b);

  bool oscillator() const { return medium == "oscillator"; }
  bool start_on_cycle() const { return start == "cycle"; }
  double period() const { return t_compress + t_hot + t_expand + t_cold; }
  // The stroke profile r(t) (0 cold, 1 hot; omega = omega_c + (omega_h - omega_c) r) and the
  // couplings' windows as expressions of t for io::TimeExpression, periodic in t through phase().
  std::string phase() const;
  std::string profile() const;
  std::string window(bool hot) const;
};

// The protocol of a configuration (declared by io::declare<OttoProtocol>).
OttoProtocol otto_protocol(const io::Config& config);
// Output times: samples_per_stroke intervals in each stroke of each cycle, from 0 to cycles * period.
std::vector<double> otto_times(const OttoProtocol& p);
// The medium: H = omega_c h plus the drive (omega_h - omega_c) r(t) h, h = sz/2 or n; channels
// hot_emission, hot_absorption, cold_emission, cold_absorption with their baths' betas, summed
// into `hot` and `cold`; starting in the cold bath's Gibbs state.
OpenSystem otto_system(const OttoProtocol& p, const io::Quantity& hot, const io::Quantity& cold);
// The heat current of a bath's emission (lowering operator) or absorption (raising) channel.
io::Quantity otto_channel(bool hot, bool emission);
// The excitation: (1 + sz)/2 or n.
operators::OperatorSum otto_excitation(const OttoProtocol& p, const space::TensorSpace& space);

}  // namespace qtherm::models
