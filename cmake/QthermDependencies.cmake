# Finds every dependency once, for the library targets and for the exported package.
find_package(MPI REQUIRED COMPONENTS C CXX)
find_package(PETSc REQUIRED)
find_package(SLEPc REQUIRED)
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
# dynamics/hermitian_eigen calls LAPACK (dstedc) directly: the LAPACK PETSc links on Debian.
find_package(LAPACK REQUIRED)
find_package(Boost 1.70 REQUIRED COMPONENTS program_options)
# Expressions of t in configurations (drives, time-dependent rates): muparser, Debian libmuparser-dev.
# 2.3.3 for DefineFunUserData (tabulated functions of t call back with their table, no global state).
find_package(muparser 2.3.3 REQUIRED CONFIG)

# HDF5 must be the MPI build: collective writes of one file per study.
set(HDF5_PREFER_PARALLEL ON)
find_package(HDF5 REQUIRED COMPONENTS C)
if(NOT HDF5_IS_PARALLEL)
  message(FATAL_ERROR "qtherm needs HDF5 built with MPI (Debian: libhdf5-openmpi-dev); found a serial HDF5 at ${HDF5_INCLUDE_DIRS}")
endif()
if(NOT TARGET qtherm::hdf5)
  add_library(qtherm::hdf5 INTERFACE IMPORTED)
  set_target_properties(qtherm::hdf5 PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${HDF5_INCLUDE_DIRS}"
    INTERFACE_LINK_LIBRARIES "${HDF5_C_LIBRARIES}"
    INTERFACE_COMPILE_DEFINITIONS "${HDF5_DEFINITIONS}")
endif()
