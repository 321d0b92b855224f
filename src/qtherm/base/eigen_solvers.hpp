#pragma once
// Eigen's dense Hermitian eigensolver, instantiated once (eigen_solvers.cpp) instead of in every file
// that uses it: SelfAdjointEigenSolver<MatrixXcd> costs ~10 s of compile time per file at -O3, and
// some 30 files use it. Include this instead of <Eigen/Dense> there, and pass the solver a matrix,
// not an expression (an expression instantiates a copy of its own: correct, only slow to build).
// cli.layering checks the include.
#include <Eigen/Dense>

extern template class Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>;
extern template class Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>;
extern template Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>&
Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>::compute<Eigen::MatrixXcd>(const Eigen::EigenBase<Eigen::MatrixXcd>&,
                                                                           int);
extern template Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>&
Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>::compute<Eigen::MatrixXd>(const Eigen::EigenBase<Eigen::MatrixXd>&, int);
