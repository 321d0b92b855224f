#include "qtherm/io/file_lock.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <string>

namespace qtherm::io {

namespace {

std::string read_all(int fd) {
  std::string text;
  char buffer[256];
  ssize_t n = 0;
  if (lseek(fd, 0, SEEK_SET) < 0) return text;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, size_t(n));
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace

FileLock::FileLock(const std::string& path) {
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    busy_ = errno == EWOULDBLOCK;
    close(fd);
    return;
  }
  char host[256] = "unknown";
  gethostname(host, sizeof host - 1);
  const std::string owner = "host " + std::string(host) + " pid " + std::to_string(getpid()) + "\n";
  if (ftruncate(fd, 0) == 0 && write(fd, owner.data(), owner.size()) < 0) {
    // The lock is what matters; a missing owner line only makes a refusal less specific.
  }
  fd_ = fd;
}

FileLock::~FileLock() {
  if (fd_ >= 0) close(fd_);  // releases the lock
}

std::string FileLock::holder(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  std::string who;
  if (flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
    who = read_all(fd);
    if (who.empty()) who = "another process";
  }
  close(fd);  // also drops the shared lock taken to test
  return who;
}

}  // namespace qtherm::io
