#include "qtherm/study/resume.hpp"

#include <filesystem>
#include <fstream>

#include "qtherm/base/error.hpp"
#include "qtherm/base/parse.hpp"
#include "qtherm/io/hdf5_reader.hpp"
#include "qtherm/study/study_keys.hpp"
#include "qtherm/study/work_directory.hpp"

namespace qtherm::study {
namespace fs = std::filesystem;
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += i + "\n";
  return s;
}

}  // namespace

void store_command(const std::string& dir, const io::Config& config, const std::vector<std::string>& petsc,
                   io::OutputFile& manifest) {
  const std::string path = work_directory::configuration(dir);
  std::ofstream f(path);
  f << "# The resolved configuration of the run that checkpoints here; `qtherm run " << dir
    << " --restart` continues it.\n"
    << config.to_ini();
  f.close();
  if (!f) throw Error("cannot write '" + path + "'");
  manifest.set_attribute("output_file",
                         fs::absolute(io::read<StudyKeys>(config).output_file).lexically_normal().string());
  manifest.set_attribute("petsc_options", joined(petsc));
}

bool is_work_directory(const std::string& path) {
  return fs::is_directory(path) && fs::exists(work_directory::manifest(path));
}

StoredCommand stored_command(const std::string& dir) {
  const std::string config = work_directory::configuration(dir);
  const io::InputFile m(work_directory::manifest(dir));
  if (!fs::exists(config) || !m.has_attribute("/", "output_file"))
    throw InputError("command line", "", "--restart",
                     "'" + dir +
                         "' holds no stored configuration (written by an older qtherm); restart with the "
                         "original command line and --restart");
  StoredCommand s;
  s.file = config;
  s.overrides = {"--output.file=" + m.string_attribute("/", "output_file"),
                 "--checkpoint.dir=" + fs::absolute(dir).lexically_normal().string()};
  s.petsc = split(m.string_attribute("/", "petsc_options"), '\n');
  s.petsc.pop_back();  // each option ends with '\n': the piece after the last one is empty
  return s;
}

}  // namespace qtherm::study
