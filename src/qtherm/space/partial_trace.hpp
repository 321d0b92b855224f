#pragma once
// Reduced density matrices and partial transposes of a distributed vectorized state, gathering
// only the reduced state.
#include <petscvec.h>

#include <Eigen/Dense>
#include <vector>

#include "qtherm/space/tensor_space.hpp"

namespace qtherm::space {

// Collective on the vector's communicator: tr over every party not in `keep` (kept parties in
// ascending order form the reduced space). Every rank gets the reduced matrix.
Eigen::MatrixXcd partial_trace(Vec rho, const LiouvilleSpace& space, std::vector<int> keep);
// Collective: the whole density matrix on every rank (only for small spaces).
Eigen::MatrixXcd gather_density_matrix(Vec rho, const LiouvilleSpace& space);

// Dense counterpart of partial_trace, for tests and small states.
Eigen::MatrixXcd partial_trace(const Eigen::MatrixXcd& rho, const TensorSpace& space, std::vector<int> keep);

// Partial transpose of a dense operator on `space` with respect to the parties in `transposed`
// (any subset, any order; duplicates ignored): <i|ρ^T|j> swaps the transposed parties' digits of
// i and j. Throws qtherm::Error for a party out of range or a matrix of the wrong size.
Eigen::MatrixXcd partial_transpose(const Eigen::MatrixXcd& rho, const TensorSpace& space, std::vector<int> transposed);
// Collective: the reduced state of `keep` (ascending party order, as partial_trace), partially
// transposed on `transposed` (original party labels, a subset of keep). Only the reduced state is
// gathered, so this scales like partial_trace.
Eigen::MatrixXcd partial_transpose(Vec rho, const LiouvilleSpace& space, std::vector<int> keep,
                                   std::vector<int> transposed);
// Collective: the partial transpose of the whole state (gathers it: small spaces only).
Eigen::MatrixXcd partial_transpose(Vec rho, const LiouvilleSpace& space, std::vector<int> transposed);

}  // namespace qtherm::space
