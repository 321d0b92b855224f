#include "qtherm/models/collision/collision_protocol_keys.hpp"

#include <cmath>
#include <limits>

namespace qtherm::models {

void ProtocolKeys::bind(io::Binder& b) {
  b.section("model");
  b.key("route", route)
      .choices({"discrete", "continuous"})
      .meaning(
          "discrete: the exact collision protocol with finite dt; continuous: its dt -> 0 master equation "
          "(g = sqrt(gamma/dt))");
  b.key("beta", beta)
      .unit("1/energy")
      .meaning("inverse temperature of the ancillas (may be negative: inverted ancillas); give beta or xi");
  b.key("xi", xi).unit("1").meaning(
      "ancilla polarization xi = tanh(beta omega/2) (seed 000), in (-1, 1]; instead of beta");
  b.key("gamma", gamma)
      .unit("energy")
      .non_negative()
      .meaning("collision rate gamma = g^2 dt = g0^2 (seed 000's gamma)");
  b.key("dt", dt).unit("time").positive().meaning("collision time; one step of the protocol advances t by dt");
  b.key("order", order)
      .meaning(
          "the stages of one step, in the order they act: a party name (the ancilla collides with it) or `free` "
          "(the system evolves under H_S for tau)");
  b.key("tau", tau).unit("time").non_negative().meaning("duration of a `free` stage (default: dt)");
  b.key("free_in_collisions", free_in_collisions)
      .meaning(
          "true: a collision also runs the party's and the ancilla's own Hamiltonians, "
          "U = exp(-i dt (H_p + H_R + g V)) (seed 004); false: U = exp(-i dt g V) (seed 000)");
  b.section("monitor");
  b.key("landauer_tolerance", landauer_tolerance)
      .unit("nat/time")
      .non_negative()
      .meaning("a Landauer margin below -tolerance counts as a violation");
  open.bind(b);
}

double ProtocolKeys::ancilla_beta(double omega) const {
  if (beta) return *beta;
  const double x = xi.value();  // check_ancilla_temperature: beta or xi is given
  return x >= 1 ? std::numeric_limits<double>::infinity() : 2 * std::atanh(x) / omega;
}

}  // namespace qtherm::models
