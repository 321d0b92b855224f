#pragma once
// The party kinds of the seed-000 collision models and their exchange coupling with a qubit ancilla.
#include <Eigen/Dense>
#include <string>

#include "qtherm/dynamics/collision_protocol.hpp"

namespace qtherm::models {

// A qubit (H = (omega/2) sz, basis 0 = excited) or an oscillator of `levels` Fock levels (H = omega n),
// and the pieces of the excitation-exchange coupling V = 2(x ⊗ σ+ + x† ⊗ σ−) with a qubit ancilla,
// x = σ− or a (for qubits V = σx⊗σx + σy⊗σy, seed 000's isotropic XX collision).
struct PartyKind {
  bool oscillator = false;
  long dim = 2;
  // kind = "qubit" or "oscillator" (then `levels` Fock levels).
  static PartyKind of(const std::string& kind, long levels);
  Eigen::MatrixXcd hamiltonian(double omega) const;
  Eigen::MatrixXcd lowering() const;  // σ− or a
  dynamics::PartyCoupling exchange_with_qubit(int party) const;
  // `initial` = excited (qubit |e>, oscillator Fock |fock>), ground, or thermal at beta_s.
  Eigen::MatrixXcd state(const std::string& initial, double omega, long fock, double beta_s) const;
};

}  // namespace qtherm::models
