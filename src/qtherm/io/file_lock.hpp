#pragma once
// An exclusive advisory lock (flock) on a file, held for the owner's lifetime and released by the
// kernel when the process ends, however it ends: a killed run never leaves a stale lock. The file
// holds the owner's host and PID so that a refused run can say who holds it.
#include <string>

namespace qtherm::io {

class FileLock {
 public:
  // Takes the lock on `path` (created if missing) and writes "host <name> pid <n>" into it. busy()
  // when another process holds it. A file system without locks (flock fails otherwise, e.g. Lustre
  // mounted without -o flock) is not an error: the run goes on unprotected.
  explicit FileLock(const std::string& path);
  FileLock(FileLock&& other) noexcept : fd_(other.fd_), busy_(other.busy_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  ~FileLock();

  bool busy() const { return busy_; }

  // Who holds the lock on `path` ("host X pid N"), or "" when nobody does (no file, or not locked).
  static std::string holder(const std::string& path);

 private:
  int fd_ = -1;
  bool busy_ = false;
};

}  // namespace qtherm::io
