#pragma once
// Named single-party operators. Two-level parties follow QuTiP: index 0 is the excited state
// |e> = |↑>, so σz = diag(1, -1), σ+ = |0><1|, σ- = |1><0|. Oscillators: index n is the Fock
// state |n>, a|n> = √n |n-1>.
#include <petscsys.h>

#include <Eigen/Dense>
#include <string>
#include <vector>

namespace qtherm::operators {

using Dense = Eigen::MatrixXcd;

// Known names: id, sp (σ+), sm (σ-), sx, sy, sz (dimension 2 only), a, adag, n (any dimension).
// Throws std::invalid_argument naming the operator for an unknown name or wrong dimension.
Dense local_operator(const std::string& name, PetscInt dim);
std::vector<std::string> local_operator_names();

}  // namespace qtherm::operators
