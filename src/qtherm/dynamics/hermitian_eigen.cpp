#include "qtherm/dynamics/hermitian_eigen.hpp"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

// LAPACK (Fortran): eigenpairs of a real symmetric tridiagonal matrix by divide and conquer; the
// trailing argument is gfortran's hidden length of COMPZ.
extern "C" void dstedc_(const char* compz, const int* n, double* d, double* e, double* z, const int* ldz, double* work,
                        const int* lwork, int* iwork, const int* liwork, int* info, std::size_t compz_len);

namespace qtherm::dynamics {

template <class S>
void hermitian_eigen(const Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>& H, Eigen::VectorXd& E,
                     Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>& V) {
  const int n = static_cast<int>(H.rows());
  if (n == 0) {
    E.resize(0), V.resize(0, 0);
    return;
  }
  Eigen::Tridiagonalization<Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>> tri(H);
  E = tri.diagonal();
  Eigen::VectorXd off = Eigen::VectorXd::Zero(n);
  off.head(n - 1) = tri.subDiagonal();
  Eigen::MatrixXd Z(n, n);
  int lwork = -1, liwork = -1, iwork_size = 0, info = 0;
  double work_size = 0;
  dstedc_("I", &n, E.data(), off.data(), Z.data(), &n, &work_size, &lwork, &iwork_size, &liwork, &info, 1);
  lwork = std::max(1, static_cast<int>(work_size)), liwork = std::max(1, iwork_size);
  std::vector<double> work(static_cast<std::size_t>(lwork));
  std::vector<int> iwork(static_cast<std::size_t>(liwork));
  if (info == 0)
    dstedc_("I", &n, E.data(), off.data(), Z.data(), &n, work.data(), &lwork, iwork.data(), &liwork, &info, 1);
  if (info != 0) throw std::runtime_error("LAPACK dstedc failed (info " + std::to_string(info) + ")");
  V = tri.matrixQ() * Z.cast<S>();
}

template void hermitian_eigen(const Eigen::MatrixXd&, Eigen::VectorXd&, Eigen::MatrixXd&);
template void hermitian_eigen(const Eigen::MatrixXcd&, Eigen::VectorXd&, Eigen::MatrixXcd&);

}  // namespace qtherm::dynamics
