#pragma once
// The matrix exponential of Eigen's MatrixFunctions module, instantiated once (eigen_exp.cpp) for
// the dense real and complex matrices instead of in every file that uses it (~6 s of compile time
// each at -O3). Include this instead of <unsupported/Eigen/MatrixFunctions>; cli.layering checks it.
#include <Eigen/Dense>
#include <unsupported/Eigen/MatrixFunctions>

namespace Eigen::internal {
extern template void matrix_exp_compute<MatrixXcd, MatrixXcd>(const MatrixXcd&, MatrixXcd&, true_type);
extern template void matrix_exp_compute<MatrixXd, MatrixXd>(const MatrixXd&, MatrixXd&, true_type);
}  // namespace Eigen::internal
