#include "qtherm/base/check.hpp"

#include "qtherm/base/error.hpp"

namespace qtherm::detail {

void throw_call(const char* library, const char* call, const char* file, int line, const std::string& detail) {
  std::string msg = std::string(library) + " call failed: " + call + " (" + file + ":" + std::to_string(line) + ")";
  if (!detail.empty()) msg += ": " + detail;
  throw Error(msg);
}

void throw_petsc(PetscErrorCode code, const char* call, const char* file, int line) {
  const char* text = nullptr;
  PetscErrorMessage(code, &text, nullptr);
  throw_call("PETSc", call, file, line,
             "error " + std::to_string(static_cast<int>(code)) + (text ? std::string(" ") + text : ""));
}

void throw_mpi(int code, const char* call, const char* file, int line) {
  char text[MPI_MAX_ERROR_STRING];
  int len = 0;
  MPI_Error_string(code, text, &len);
  throw_call("MPI", call, file, line, std::string(text, static_cast<size_t>(len)));
}

}  // namespace qtherm::detail
