#include "qtherm/dynamics/krylov.hpp"

#include <slepceps.h>
#include <slepcmfn.h>

#include <algorithm>
#include <numeric>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/parallel/vec_array.hpp"

namespace qtherm::dynamics {

KrylovExponential::KrylovExponential(Mat A, double tol, int ncv, const std::string& prefix) {
  QTHERM_PETSC(MFNCreate(parallel::comm_of(A), mfn_.out()));
  QTHERM_PETSC(MFNSetOperator(mfn_, A));
  QTHERM_PETSC(MFNGetFN(mfn_, &fn_));
  QTHERM_PETSC(FNSetType(fn_, FNEXP));
  QTHERM_PETSC(MFNSetType(mfn_, MFNKRYLOV));
  QTHERM_PETSC(MFNSetTolerances(mfn_, tol, PETSC_DEFAULT));
  if (ncv > 0) QTHERM_PETSC(MFNSetDimensions(mfn_, ncv));
  QTHERM_PETSC(MFNSetErrorIfNotConverged(mfn_, PETSC_TRUE));
  if (!prefix.empty()) QTHERM_PETSC(MFNSetOptionsPrefix(mfn_, prefix.c_str()));
  QTHERM_PETSC(MFNSetFromOptions(mfn_));
  PetscMPIInt ranks = 1;
  QTHERM_MPI(MPI_Comm_size(parallel::comm_of(A), &ranks));
  PetscInt n = 0;
  QTHERM_PETSC(MatGetSize(A, &n, nullptr));
  PetscInt dense_max = kDenseMax;
  QTHERM_PETSC(
      PetscOptionsGetInt(nullptr, prefix.empty() ? nullptr : prefix.c_str(), "-mfn_dense_max", &dense_max, nullptr));
  if (ranks != 1 || n > dense_max) return;
  // Columns A e_j: works for assembled and matrix-free (shell) operators alike.
  parallel::Matrix D;
  QTHERM_PETSC(MatComputeOperator(A, MATDENSE, D.out()));
  PetscInt lda = 0;
  QTHERM_PETSC(MatDenseGetLDA(D, &lda));
  Eigen::MatrixXcd H(n, n);  // allocated first: nothing between Get and Restore can throw
  const PetscScalar* a = nullptr;
  QTHERM_PETSC(MatDenseGetArrayRead(D, &a));
  H = Eigen::Map<const Eigen::MatrixXcd, 0, Eigen::OuterStride<>>(a, n, n, Eigen::OuterStride<>(lda));
  QTHERM_PETSC(MatDenseRestoreArrayRead(D, &a));
  H = (0.5 * (H + H.adjoint())).eval();  // Hermitian by contract; drop rounding asymmetry
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> es(H);
  vectors_ = es.eigenvectors();
  values_ = es.eigenvalues();
  dense_ = true;
}

void KrylovExponential::apply(PetscScalar alpha, Vec b, Vec x) const {
  if (!dense_) {
    QTHERM_PETSC(FNSetScale(fn_, alpha, 1.0));
    QTHERM_PETSC(MFNSolve(mfn_, b, x));
    return;
  }
  const parallel::ReadArray in(b);
  Eigen::VectorXcd c = vectors_.adjoint() * Eigen::Map<const Eigen::VectorXcd>(in.data(), in.size());
  for (Eigen::Index k = 0; k < c.size(); ++k) c(k) *= std::exp(alpha * values_(k));
  const parallel::WriteArray out(x);
  Eigen::Map<Eigen::VectorXcd>(out.data(), out.size()) = vectors_ * c;
}

void KrylovExponential::apply_in_place(PetscScalar alpha, Vec x) {
  if (!work_) work_ = parallel::duplicate(x);
  apply(alpha, x, work_);
  QTHERM_PETSC(VecCopy(work_, x));
}

namespace {

// Collective: Krylov–Schur for the nev smallest real eigenvalues of the Hermitian A, solved; throws
// unless nev converged.
parallel::EigenSolver solve_lowest(Mat A, int nev, double tol, PetscInt max_it, const std::string& prefix) {
  parallel::EigenSolver eps;
  QTHERM_PETSC(EPSCreate(parallel::comm_of(A), eps.out()));
  QTHERM_PETSC(EPSSetOperators(eps, A, nullptr));
  QTHERM_PETSC(EPSSetProblemType(eps, EPS_HEP));
  QTHERM_PETSC(EPSSetType(eps, EPSKRYLOVSCHUR));
  QTHERM_PETSC(EPSSetWhichEigenpairs(eps, EPS_SMALLEST_REAL));
  QTHERM_PETSC(EPSSetDimensions(eps, nev, PETSC_DEFAULT, PETSC_DEFAULT));
  QTHERM_PETSC(EPSSetTolerances(eps, tol, max_it));
  if (!prefix.empty()) QTHERM_PETSC(EPSSetOptionsPrefix(eps, prefix.c_str()));
  QTHERM_PETSC(EPSSetFromOptions(eps));
  QTHERM_PETSC(EPSSolve(eps));
  PetscInt nconv = 0;
  QTHERM_PETSC(EPSGetConverged(eps, &nconv));
  if (nconv < nev)
    throw Error("EPS: only " + std::to_string(nconv) + " of " + std::to_string(nev) + " lowest eigenpairs converged");
  return eps;
}

}  // namespace

double lowest_eigenvalue(Mat H, double tol) {
  const parallel::EigenSolver eps = solve_lowest(H, 1, tol, 1000, "extreme_");
  PetscScalar k = 0;
  QTHERM_PETSC(EPSGetEigenvalue(eps, 0, &k, nullptr));
  return PetscRealPart(k);
}

LowSpectrum lowest_eigenpairs(Mat A, int nev, double tol, const std::string& prefix) {
  const parallel::EigenSolver eps = solve_lowest(A, nev, tol, 10000, prefix);
  PetscInt its = 0;
  QTHERM_PETSC(EPSGetIterationNumber(eps, &its));
  LowSpectrum out;
  out.iterations = static_cast<int>(its);
  for (PetscInt k = 0; k < nev; ++k) {
    PetscScalar value;
    parallel::Vector v;
    QTHERM_PETSC(MatCreateVecs(A, v.out(), nullptr));
    QTHERM_PETSC(EPSGetEigenpair(eps, k, &value, nullptr, v, nullptr));
    PetscReal norm = 0;
    QTHERM_PETSC(VecNormalize(v, &norm));
    PetscReal res = 0;
    QTHERM_PETSC(EPSComputeError(eps, k, EPS_ERROR_ABSOLUTE, &res));
    out.values.push_back(PetscRealPart(value));
    out.residuals.push_back(res);
    out.vectors.push_back(std::move(v));
  }
  // SLEPc returns them sorted already for EPS_SMALLEST_REAL; keep the contract explicit.
  std::vector<size_t> order(nev);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return out.values[a] < out.values[b]; });
  LowSpectrum sorted;
  sorted.iterations = out.iterations;
  for (size_t k : order) {
    sorted.values.push_back(out.values[k]);
    sorted.residuals.push_back(out.residuals[k]);
    sorted.vectors.push_back(std::move(out.vectors[k]));
  }
  return sorted;
}

}  // namespace qtherm::dynamics
