#pragma once
// The keys the multipartite collision models share ([model] route, ancilla temperature, rate, step,
// stage order; [monitor] landauer_tolerance; and the open-system sections of the continuous route),
// each bound once to its member. A model sets its default order and binds these after its own keys.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qtherm/io/parameters.hpp"
#include "qtherm/models/common/open_system_keys.hpp"

namespace qtherm::models {

struct ProtocolKeys {
  std::string route = "discrete";
  std::optional<double> beta, xi;
  double gamma = 1, dt = 0.01;
  std::vector<std::string> order;  // the model's default stage order
  std::optional<double> tau;
  bool free_in_collisions = false;
  double landauer_tolerance = 1e-9;
  // The continuous limit's keys without [fcs]: its one channel, the collisions, has no jump term.
  OpenSystemKeys open = [] {
    OpenSystemKeys k;
    k.counting = false;
    return k;
  }();

  static ProtocolKeys with_order(std::vector<std::string> default_order) {
    ProtocolKeys k;
    k.order = std::move(default_order);
    return k;
  }
  void bind(io::Binder& b);
  bool continuous() const { return route == "continuous"; }
  // Duration of a `free` stage.
  double free_time() const { return tau.value_or(dt); }
  // Ancilla inverse temperature from beta or xi = tanh(beta omega/2) (seed 000's ξ, may be < 0).
  double ancilla_beta(double omega) const;
};

}  // namespace qtherm::models
