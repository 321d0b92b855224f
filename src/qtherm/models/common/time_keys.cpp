#include "qtherm/models/common/time_keys.hpp"

namespace qtherm::models {

void TimeKeys::bind(io::Binder& b) {
  b.section("time");
  if (grid) {
    auto t = b.key("t_final", t_final);
    t.unit("time").meaning("last output time (the evolution starts at t = 0)");
    single == Single::none ? t.positive() : t.non_negative();
    const char* one = single == Single::start ? " (one: t = 0 only)"
                      : single == Single::end ? " (one: t_final only)"
                                              : "";
    b.key("samples", samples)
        .unit("1")
        .min(single == Single::none ? 2 : 1)
        .meaning(std::string("number of output times, evenly spaced from 0 to t_final inclusive") + one);
  }
  b.key("progress_interval", progress_interval)
      .unit("s")
      .non_negative()
      .meaning("wall-clock seconds between progress lines (0: none)");
}

std::vector<double> TimeKeys::times() const {
  if (samples == 1) return {single == Single::start ? 0.0 : t_final};
  std::vector<double> t(samples);
  for (long k = 0; k < samples; ++k) t[k] = t_final * double(k) / double(samples - 1);
  return t;
}

void IntegratorKeys::bind(io::Binder& b) {
  b.section("time");
  b.key("atol", atol).positive().meaning(std::string("absolute tolerance of the adaptive time stepper") + scope);
  b.key("rtol", rtol).positive().meaning(std::string("relative tolerance of the adaptive time stepper") + scope);
  b.key("initial_step", initial_step)
      .unit("time")
      .positive()
      .meaning(std::string("first trial step of the adaptive time stepper") + scope);
}

}  // namespace qtherm::models
