#pragma once
// Thermal states of small Hamiltonians.
#include <Eigen/Dense>

namespace qtherm::dynamics {

// Gibbs state e^{-βH}/Z of a small Hermitian matrix.
Eigen::MatrixXcd gibbs(const Eigen::MatrixXcd& H, double beta);

}  // namespace qtherm::dynamics
