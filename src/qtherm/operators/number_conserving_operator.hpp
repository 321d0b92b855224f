#pragma once
// The coefficients of a number-conserving operator on modes,
//   O = Σ_ij T_ij b_i† b_j + Σ_{i<j} V_ij n_i n_j,
// read as fermions (c, Jordan–Wigner order: fermion_operator.hpp) or as bosons truncated at a
// cutoff (a: boson_operator.hpp); the struct itself holds no statistics.
#include <Eigen/Dense>

namespace qtherm::operators {

struct NumberConservingOperator {
  Eigen::MatrixXcd hopping;  // T, modes×modes
  Eigen::MatrixXd density;   // V, modes×modes; only i < j is read
  int modes() const { return static_cast<int>(hopping.rows()); }
};

}  // namespace qtherm::operators
