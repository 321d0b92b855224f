#include "qtherm/parallel/runtime.hpp"

#include <slepcsys.h>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/parallel/hdf5_errors.hpp"

namespace qtherm::parallel {
namespace {
void after_init() {
  // Errors come back as codes; QTHERM_PETSC turns them into exceptions with the message.
  QTHERM_PETSC(PetscPushErrorHandler(PetscReturnErrorHandler, nullptr));
  install_hdf5_error_capture();  // one line per failure, not HDF5's stack (QTHERM_DEBUG_HDF5 keeps it)
}
}  // namespace

Runtime::Runtime(const std::vector<std::string>& petsc_options) {
  static char name[] = "qtherm";
  std::vector<char*> args{name};
  std::vector<std::string> copies(petsc_options);
  for (auto& s : copies) args.push_back(s.data());
  args.push_back(nullptr);
  int argc = static_cast<int>(args.size()) - 1;
  char** argv = args.data();
  if (SlepcInitialize(&argc, &argv, nullptr, nullptr) != 0) throw Error("could not initialise MPI/PETSc/SLEPc");
  after_init();
}

Runtime::Runtime(int* argc, char*** argv) {
  if (SlepcInitialize(argc, argv, nullptr, nullptr) != 0) throw Error("could not initialise MPI/PETSc/SLEPc");
  after_init();
}

Runtime::~Runtime() { SlepcFinalize(); }

namespace {
std::string trimmed(const char* s) {
  std::string t(s);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.pop_back();
  return t;
}
}  // namespace

std::vector<std::string> Runtime::unused_options() {
  PetscInt n = 0;
  char** names = nullptr;
  char** values = nullptr;
  QTHERM_PETSC(PetscOptionsLeftGet(nullptr, &n, &names, &values));
  std::vector<std::string> out;
  for (PetscInt i = 0; i < n; ++i) out.push_back(std::string("-") + names[i]);
  QTHERM_PETSC(PetscOptionsLeftRestore(nullptr, &n, &names, &values));
  return out;
}

std::string Runtime::petsc_version() {
  char buf[256];
  PetscGetVersion(buf, sizeof buf);
  return trimmed(buf);
}

std::string Runtime::slepc_version() {
  char buf[256];
  SlepcGetVersion(buf, sizeof buf);
  return trimmed(buf);
}

}  // namespace qtherm::parallel
