#include "qtherm/base/eigen_solvers.hpp"

template class Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>;
template class Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>;
template Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>&
Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>::compute<Eigen::MatrixXcd>(const Eigen::EigenBase<Eigen::MatrixXcd>&,
                                                                           int);
template Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>&
Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>::compute<Eigen::MatrixXd>(const Eigen::EigenBase<Eigen::MatrixXd>&, int);
