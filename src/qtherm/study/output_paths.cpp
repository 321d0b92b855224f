#include "qtherm/study/output_paths.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "qtherm/base/parse.hpp"
#include "qtherm/study/study_keys.hpp"

namespace qtherm::study {
namespace fs = std::filesystem;
namespace {

// The directory a path lives in must exist, be a directory and be writable.
void check_parent(const io::Config& c, const std::string& section, const std::string& key, const std::string& path) {
  const fs::path parent = fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
  std::error_code ec;
  if (!fs::exists(parent, ec))
    throw c.error(section, key,
                  "the directory '" + parent.string() + "' of '" + path +
                      "' does not exist (qtherm does not create it: make it first, e.g. mkdir -p)");
  if (!fs::is_directory(parent, ec)) throw c.error(section, key, "'" + parent.string() + "' is not a directory");
  // A real probe: access() says yes to root on file systems that still refuse (sysfs, read-only mounts).
  std::string probe = (parent / ".qtherm-write-probe.XXXXXX").string();
  const int fd = mkstemp(probe.data());
  if (fd < 0) throw c.error(section, key, "cannot write in '" + parent.string() + "': " + std::strerror(errno));
  close(fd);
  std::remove(probe.c_str());
}

}  // namespace

void check_output_paths(const io::Config& c) {
  const auto keys = io::read<StudyKeys>(c);
  const std::string& out = keys.output_file;
  if (trim(out).empty())
    throw c.error("output", "file", "empty: give the HDF5 file to write, e.g. --output.file=run.h5");
  std::error_code ec;
  if (out.back() == '/' || fs::is_directory(out, ec))
    throw c.error(
        "output", "file",
        "'" + out + "' is a directory; give a file name inside it, e.g. " + (fs::path(out) / "qtherm.h5").string());
  check_parent(c, "output", "file", out);
  const bool own_dir = keys.own_checkpoint_dir();
  const std::string dir = keys.checkpoint_directory();
  const std::string key = own_dir ? "dir" : "file";
  const std::string section = own_dir ? "checkpoint" : "output";
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw c.error(section, key, "the checkpoint directory '" + dir + "' exists and is not a directory");
  if (own_dir) {
    std::string d = dir;
    while (d.size() > 1 && d.back() == '/') d.pop_back();  // "runs/ckpt/" lives in "runs"
    check_parent(c, "checkpoint", "dir", d);
  }
}

}  // namespace qtherm::study
