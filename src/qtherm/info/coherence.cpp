#include "qtherm/info/coherence.hpp"

#include <stdexcept>
#include <string>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/info/state_checks.hpp"

namespace qtherm::info {
namespace {
double off_diagonal_l1(const Eigen::MatrixXcd& m) { return m.cwiseAbs().sum() - m.diagonal().cwiseAbs().sum(); }
}  // namespace

double coherence_l1(const Eigen::MatrixXcd& rho) {
  check_state(rho, "coherence_l1");
  return off_diagonal_l1(rho);
}

double coherence_l1_in_basis(const Eigen::MatrixXcd& rho, const Eigen::MatrixXcd& basis) {
  check_state(rho, "coherence_l1");
  if (basis.rows() != rho.rows() || basis.cols() != rho.cols())
    throw std::invalid_argument("coherence_l1: basis is " + std::to_string(basis.rows()) + "x" +
                                std::to_string(basis.cols()) + ", the state " + std::to_string(rho.rows()) + "x" +
                                std::to_string(rho.cols()));
  const Eigen::MatrixXcd id = Eigen::MatrixXcd::Identity(rho.rows(), rho.cols());
  if ((basis.adjoint() * basis - id).norm() > 1e-10 * std::sqrt(double(rho.rows())))
    throw std::invalid_argument("coherence_l1: basis matrix is not unitary");
  return off_diagonal_l1(basis.adjoint() * rho * basis);
}

double coherence_l1(const Eigen::MatrixXcd& rho, const Eigen::MatrixXcd& hamiltonian) {
  if (hamiltonian.rows() != rho.rows() || hamiltonian.cols() != rho.cols())
    throw std::invalid_argument("coherence_l1: Hamiltonian is " + std::to_string(hamiltonian.rows()) + "x" +
                                std::to_string(hamiltonian.cols()) + ", the state " + std::to_string(rho.rows()) + "x" +
                                std::to_string(rho.cols()));
  if ((hamiltonian - hamiltonian.adjoint()).norm() > hermitian_tolerance * std::max(1.0, hamiltonian.norm()))
    throw std::invalid_argument("coherence_l1: Hamiltonian is not Hermitian");
  const Eigen::MatrixXcd h = 0.5 * (hamiltonian + hamiltonian.adjoint());
  return coherence_l1_in_basis(rho, Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(h).eigenvectors());
}

}  // namespace qtherm::info
