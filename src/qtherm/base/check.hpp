#pragma once
// Turn PETSc/SLEPc/MPI/HDF5 return codes into qtherm::Error carrying the call and its place.
#include <mpi.h>
#include <petscsys.h>

#include <string>

namespace qtherm::detail {
[[noreturn]] void throw_petsc(PetscErrorCode code, const char* call, const char* file, int line);
[[noreturn]] void throw_mpi(int code, const char* call, const char* file, int line);
[[noreturn]] void throw_call(const char* library, const char* call, const char* file, int line,
                             const std::string& detail);
}  // namespace qtherm::detail

#define QTHERM_PETSC(call)                                                                    \
  do {                                                                                        \
    PetscErrorCode qtherm_ierr_ = (call);                                                     \
    if (qtherm_ierr_) ::qtherm::detail::throw_petsc(qtherm_ierr_, #call, __FILE__, __LINE__); \
  } while (0)

#define QTHERM_MPI(call)                                                                                       \
  do {                                                                                                         \
    int qtherm_mpierr_ = (call);                                                                               \
    if (qtherm_mpierr_ != MPI_SUCCESS) ::qtherm::detail::throw_mpi(qtherm_mpierr_, #call, __FILE__, __LINE__); \
  } while (0)

// HDF5 returns a negative value (herr_t or hid_t) on failure; evaluates to the call's result.
#define QTHERM_H5(call)                                                                       \
  ([&]() {                                                                                    \
    auto qtherm_h5r_ = (call);                                                                \
    if (qtherm_h5r_ < 0) ::qtherm::detail::throw_call("HDF5", #call, __FILE__, __LINE__, ""); \
    return qtherm_h5r_;                                                                       \
  }())
