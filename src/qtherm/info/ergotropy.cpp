#include "qtherm/info/ergotropy.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/info/state_checks.hpp"

namespace qtherm::info {
namespace {
// Eigen's solvers return ascending eigenvalues: energies as needed, populations reversed.
struct Spectra {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> h;
  Eigen::VectorXd r;  // descending
};

Spectra spectra(const Eigen::MatrixXcd& rho, const Eigen::MatrixXcd& hamiltonian, const char* measure) {
  check_state(rho, measure);
  if (hamiltonian.rows() != rho.rows() || hamiltonian.cols() != rho.cols())
    throw std::invalid_argument(std::string(measure) + ": Hamiltonian is " + std::to_string(hamiltonian.rows()) + "x" +
                                std::to_string(hamiltonian.cols()) + ", the state " + std::to_string(rho.rows()) + "x" +
                                std::to_string(rho.cols()));
  if ((hamiltonian - hamiltonian.adjoint()).norm() > hermitian_tolerance * std::max(1.0, hamiltonian.norm()))
    throw std::invalid_argument(std::string(measure) + ": Hamiltonian is not Hermitian");
  const Eigen::MatrixXcd h = 0.5 * (hamiltonian + hamiltonian.adjoint());
  Spectra s{Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd>(h), eigenvalues(rho).reverse()};
  return s;
}
}  // namespace

Eigen::MatrixXcd passive_state(const Eigen::MatrixXcd& rho, const Eigen::MatrixXcd& hamiltonian) {
  const Spectra s = spectra(rho, hamiltonian, "passive_state");
  const Eigen::MatrixXcd& v = s.h.eigenvectors();
  return v * s.r.cast<std::complex<double>>().asDiagonal() * v.adjoint();
}

double ergotropy(const Eigen::MatrixXcd& rho, const Eigen::MatrixXcd& hamiltonian) {
  const Spectra s = spectra(rho, hamiltonian, "ergotropy");
  const double energy = (rho * hamiltonian).trace().real();
  const double passive = s.r.dot(s.h.eigenvalues());
  return std::max(0.0, energy - passive);
}

}  // namespace qtherm::info
