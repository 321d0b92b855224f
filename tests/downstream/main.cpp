// Smallest real use of an installed qtherm: bring up the runtime, make a distributed vector,
// report versions. Output (rank 0 only) is checked by tests/cli/test_install_downstream.sh.
#include <petscvec.h>

#include <exception>
#include <iostream>

#include "qtherm/base/check.hpp"
#include "qtherm/base/version.hpp"
#include "qtherm/parallel/handle.hpp"
#include "qtherm/parallel/runtime.hpp"

int main(int argc, char** argv) {
  try {
    qtherm::parallel::Runtime runtime(&argc, &argv);
    PetscMPIInt size = 0, rank = 0;
    QTHERM_MPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
    QTHERM_MPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));

    PetscInt n = 0;
    PetscReal norm1 = 0;
    {
      qtherm::parallel::Vector v = qtherm::parallel::make_vector(PETSC_COMM_WORLD, 10);
      QTHERM_PETSC(VecGetSize(v, &n));
      QTHERM_PETSC(VecSet(v, PetscScalar(1.0, 1.0)));  // complex scalars: |1+i| = sqrt(2)
      QTHERM_PETSC(VecNorm(v, NORM_1, &norm1));
    }  // the vector is destroyed before the runtime ends

    if (rank == 0) {
      std::cout << "qtherm " << qtherm::version << "\n"
                << "petsc " << qtherm::parallel::Runtime::petsc_version() << "\n"
                << "ranks " << size << "\n"
                << "vector size " << n << "\n"
                << "norm1 " << norm1 << std::endl;
    }
  } catch (const std::exception& e) {
    std::cerr << "downstream: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
