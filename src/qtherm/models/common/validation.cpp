#include "qtherm/models/common/validation.hpp"

#include <Eigen/Dense>
#include <cmath>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/log.hpp"

namespace qtherm::models {

void check_density_matrix(const io::Config& c, const std::string& section, const std::string& key, long dim) {
  const Eigen::MatrixXcd m = c.matrix(section, key);
  if (m.rows() != dim || m.cols() != dim)
    throw c.error(section, key,
                  "expected a " + std::to_string(dim) + "x" + std::to_string(dim) + " matrix, got " +
                      std::to_string(m.rows()) + "x" + std::to_string(m.cols()));
  const double tol = 1e-10 * std::max(1.0, m.norm());
  if ((m - m.adjoint()).norm() > tol)
    throw c.error(section, key, "not Hermitian (a density matrix must equal its adjoint)");
  if (std::abs(m.trace() - std::complex<double>(1.0)) > tol)
    throw c.error(section, key, "trace is " + format_number(m.trace().real()) + ", must be 1");
  const double lowest =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(m, Eigen::EigenvaluesOnly).eigenvalues().minCoeff();
  if (lowest < -tol)
    throw c.error(section, key, "not positive semidefinite (smallest eigenvalue " + format_number(lowest) + ")");
}

}  // namespace qtherm::models
