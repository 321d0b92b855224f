#pragma once
// The runtime scope: MPI, PETSc and SLEPc are up for the lifetime of one Runtime object.
// PETSc errors are returned (not printed with tracebacks) so that QTHERM_PETSC can turn them into
// exceptions with one clear line.
#include <string>
#include <vector>

namespace qtherm::parallel {

class Runtime {
 public:
  // `petsc_options` go to the PETSc/SLEPc options database ("-ts_type", "rk", ...).
  explicit Runtime(const std::vector<std::string>& petsc_options = {});
  Runtime(int* argc, char*** argv);  // for tests: PETSc reads argv itself
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Not collective: the options given (command line, PETSC_OPTIONS) that nothing has read so far,
  // as "-name" (PETSc's -options_left), in the order given.
  static std::vector<std::string> unused_options();
  static std::string petsc_version();
  static std::string slepc_version();
};

}  // namespace qtherm::parallel
