#pragma once
// The built-in models, in the order `qtherm models` lists them: X(f) for each factory make_f, which
// the model defines in its own folder. Adding a model is one line here; registry.cpp expands it.
#include <memory>

#include "qtherm/models/model.hpp"

#define QTHERM_BUILTIN_MODELS(X)                                                   \
  X(cascaded_qubits)        /* seed 002: two qubits in cascade */                  \
  X(lindblad)               /* any Lindblad system written in the configuration */ \
  X(otto_engine)            /* a quantum Otto engine on its limit cycle */         \
  X(collision_ness)         /* seed 004: finite-dt collision model of a qubit */   \
  X(collision_cascade)      /* seed 000: cascaded erasure by collisions */         \
  X(collision_indirect)     /* seed 000: indirect erasure through a mediator */    \
  X(cascaded_oscillators)   /* seed 002: two oscillators in cascade */             \
  X(spin_chain_erasure)     /* seed 001: Landauer erasure through a spin chain */  \
  X(interacting_reservoirs) /* seed 003: energy assignment between two reservoirs */

namespace qtherm::models {

#define QTHERM_DECLARE_FACTORY(f) std::unique_ptr<Model> make_##f();
QTHERM_BUILTIN_MODELS(QTHERM_DECLARE_FACTORY)
#undef QTHERM_DECLARE_FACTORY

}  // namespace qtherm::models
