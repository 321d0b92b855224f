#include "qtherm/base/eigen_exp.hpp"

namespace Eigen::internal {
template void matrix_exp_compute<MatrixXcd, MatrixXcd>(const MatrixXcd&, MatrixXcd&, true_type);
template void matrix_exp_compute<MatrixXd, MatrixXd>(const MatrixXd&, MatrixXd&, true_type);
}  // namespace Eigen::internal
