#pragma once
// Distributed vectorized density matrices (column stacking) from dense or product states: the
// inverse of gather_density_matrix (partial_trace.hpp).
#include <petscvec.h>

#include <Eigen/Dense>
#include <vector>

#include "qtherm/parallel/handle.hpp"
#include "qtherm/space/tensor_space.hpp"

namespace qtherm::space {

// Collective on comm: vec(ρ) of a dense d×d matrix (every rank holds ρ; small spaces).
parallel::Vector vectorize(MPI_Comm comm, const Eigen::MatrixXcd& rho, const LiouvilleSpace& space);
// Collective on comm: vec(ρ_0 ⊗ ρ_1 ⊗ ...) without forming the product (any size).
parallel::Vector vectorize_product(MPI_Comm comm, const std::vector<Eigen::MatrixXcd>& locals,
                                   const LiouvilleSpace& space);

}  // namespace qtherm::space
