# Finds PETSc through pkg-config and refuses a real-scalar build: qtherm evolves
# complex density matrices and needs PetscScalar = complex.
include(${CMAKE_CURRENT_LIST_DIR}/QthermPkgConfig.cmake)
qtherm_pkg_import(PETSc PETSc::PETSc PETSc petsc)

if(PETSc_FOUND AND NOT DEFINED CACHE{QTHERM_PETSC_IS_COMPLEX})
  include(CheckCXXSourceCompiles)
  get_target_property(_inc PkgConfig::PETSc_PC INTERFACE_INCLUDE_DIRECTORIES)
  set(CMAKE_REQUIRED_INCLUDES ${_inc} ${MPI_CXX_INCLUDE_DIRS})
  set(CMAKE_REQUIRED_QUIET ON)
  check_cxx_source_compiles("
#include <petscsys.h>
#if !defined(PETSC_USE_COMPLEX)
#error real scalars
#endif
int main() { return 0; }" QTHERM_PETSC_IS_COMPLEX)
  unset(CMAKE_REQUIRED_INCLUDES)
  unset(CMAKE_REQUIRED_QUIET)
endif()
if(PETSc_FOUND AND NOT QTHERM_PETSC_IS_COMPLEX)
  unset(QTHERM_PETSC_IS_COMPLEX CACHE)
  message(FATAL_ERROR
    "qtherm needs PETSc built with complex scalars (--with-scalar-type=complex). "
    "The PETSc found (version ${PETSc_VERSION}) uses real scalars. "
    "On Debian install libpetsc-complex-dev, on a cluster point PETSC_DIR/PETSC_ARCH at a complex build.")
endif()
