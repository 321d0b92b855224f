#pragma once
// Reduced density matrices of a distributed vectorized state, gathering only the reduced state.
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

}  // namespace qtherm::space
