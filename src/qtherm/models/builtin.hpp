#pragma once
// The built-in models, one file of models/ each; registry.cpp lists them for `qtherm models`.
#include <memory>

#include "qtherm/models/model.hpp"

namespace qtherm::models {

std::unique_ptr<Model> make_cascaded_qubits();         // seed 002: two qubits in cascade
std::unique_ptr<Model> make_lindblad();                // any Lindblad system written in the configuration
std::unique_ptr<Model> make_otto_engine();             // a quantum Otto engine on its limit cycle
std::unique_ptr<Model> make_collision_ness();          // seed 004: finite-dt collision model of a qubit
std::unique_ptr<Model> make_collision_cascade();       // seed 000: cascaded erasure by collisions
std::unique_ptr<Model> make_collision_indirect();      // seed 000: indirect erasure through a mediator
std::unique_ptr<Model> make_cascaded_oscillators();    // seed 002: two oscillators in cascade
std::unique_ptr<Model> make_spin_chain_erasure();      // seed 001: Landauer erasure through a spin chain
std::unique_ptr<Model> make_interacting_reservoirs();  // seed 003: energy assignment between two reservoirs

}  // namespace qtherm::models
