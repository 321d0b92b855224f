#pragma once
// What the multipartite collision models (collision_cascade, collision_indirect) share: the checks of
// the protocol keys, its stage order, its observables (energies, heat and work, entropies, the Landauer
// monitors of seed 000 Eqs. 7, 11–12, local violations), and the run itself on either route:
// discrete (the exact finite-dt protocol, thermo/collision_engine.hpp, distributed) or continuous (its
// dt → 0 generator, thermo/protocol_limit.hpp, through the Lindblad pipeline).
#include <Eigen/Dense>
#include <functional>
#include <string>
#include <vector>

#include "qtherm/io/config.hpp"
#include "qtherm/io/run_record.hpp"
#include "qtherm/io/schema.hpp"
#include "qtherm/models/collision/collision_protocol_keys.hpp"
#include "qtherm/models/model.hpp"
#include "qtherm/dynamics/collision_protocol.hpp"

namespace qtherm::models {

struct ProtocolSpec {
  explicit ProtocolSpec(space::TensorSpace s) : protocol(std::move(s)) {}
  dynamics::CollisionProtocol protocol;
  std::vector<Eigen::MatrixXcd> initial;  // local initial states of the parties
  std::vector<std::string> names;         // party names as the configuration writes them (A, B, ...)
  std::vector<bool> oscillator;           // truncated oscillators: their top-level population is monitored
};

// `[model] order`: party names (a collision with that party) and `free` (the system evolves under H_S for
// [model] tau). Throws InputError for an unknown name or a party without a coupling.
std::vector<dynamics::CollisionStage> parse_order(const io::Config& config, const ProtocolKeys& keys,
                                                  const std::vector<std::string>& names,
                                                  const std::vector<bool>& couples);
// The ancilla temperature: beta or xi, one of them, finite beta, xi in (-1, 1] (InputError otherwise).
void check_ancilla_temperature(const io::Config& config, const ProtocolKeys& keys);

// At `qtherm check`: route = continuous needs the limit to exist (InputError on [model] route).
void check_protocol_route(const io::Config& config, const ProtocolKeys& keys, const ProtocolSpec& spec);

std::vector<io::Quantity> protocol_observables();  // names with <X> for each party
std::vector<io::Quantity> protocol_scalars();

// The memory of one run: on the discrete route the joint state vec(rho_S x eta) of dimension
// D = 2 system_dim(value) (vectors, two sparse Liouville factors per stage of `stage_dim` = its party's
// dimension x 2, the reset map, the joint state gathered for I(S:R) when sampling); on the continuous
// route the Lindblad pipeline at dimension system_dim(value). [model] key sets `value`.
MemoryEstimate protocol_memory(const io::Config& config, const ProtocolKeys& keys, int ranks, const std::string& key,
                               double value, const std::string& quantity, std::function<double(double)> system_dim,
                               double stage_dim);
// Collective on comm.
io::RunRecord run_protocol(MPI_Comm comm, const io::Config& config, const ProtocolKeys& keys, const ProtocolSpec& spec,
                           RunContext& context);

}  // namespace qtherm::models
