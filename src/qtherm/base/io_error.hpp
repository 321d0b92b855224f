#pragma once
// A file that could not be written or read: its path and the system's reason (ENOSPC, EDQUOT,
// EACCES, ...). Exit status 1, not 2: the input was fine, the file system was not.
#include "qtherm/base/error.hpp"

namespace qtherm {

// `agreed`: every rank of the job throws it (a rank-0 decision shared by on_rank0), so the job can
// end with one line and exit status 1 instead of aborting.
class IoError : public Error {
 public:
  explicit IoError(const std::string& what, bool agreed = false) : Error(what), agreed_(agreed) {}
  bool agreed() const { return agreed_; }

 private:
  bool agreed_;
};

}  // namespace qtherm
