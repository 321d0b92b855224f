#include "qtherm/parallel/hdf5_errors.hpp"

#include <hdf5.h>

#include <cstdlib>
#include <cstring>

namespace qtherm::parallel {
namespace {

std::string last_failure;

struct Reason {
  const char* needle;  // as the sec2 (strerror) or MPI-IO (error class) driver words it
  const char* text;
};
const Reason kReasons[] = {
    {"No space left", "No space left on device (ENOSPC)"},
    {"MPI_ERR_NO_SPACE", "No space left on device (ENOSPC)"},
    {"Disk quota exceeded", "Disk quota exceeded (EDQUOT)"},
    {"MPI_ERR_QUOTA", "Disk quota exceeded (EDQUOT)"},
    {"Permission denied", "Permission denied (EACCES)"},
    {"MPI_ERR_ACCESS", "Permission denied (EACCES)"},
    {"Read-only file system", "Read-only file system (EROFS)"},
    {"MPI_ERR_READ_ONLY", "Read-only file system (EROFS)"},
    {"No such file or directory", "No such file or directory (ENOENT)"},
    {"MPI_ERR_NO_SUCH_FILE", "No such file or directory (ENOENT)"},
    {"Input/output error", "Input/output error (EIO)"},
};

herr_t visit(unsigned, const H5E_error2_t* e, void* data) {
  auto* found = static_cast<std::string*>(data);
  if (!found->empty() || !e->desc) return 0;
  for (const auto& r : kReasons)
    if (std::strstr(e->desc, r.needle)) {
      *found = r.text;
      break;
    }
  return 0;
}

herr_t capture(hid_t stack, void*) {
  std::string found;
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, visit, &found);
  if (found.empty()) found = "HDF5 failure (QTHERM_DEBUG_HDF5=1 prints its error stack)";
  if (last_failure.empty() || found.find('(') != std::string::npos) last_failure = found;
  if (std::getenv("QTHERM_DEBUG_HDF5")) H5Eprint2(stack, stderr);
  return 0;
}

}  // namespace

void install_hdf5_error_capture() { H5Eset_auto2(H5E_DEFAULT, capture, nullptr); }

std::string take_hdf5_failure() {
  std::string s;
  s.swap(last_failure);
  return s;
}

}  // namespace qtherm::parallel
