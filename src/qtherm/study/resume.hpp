#pragma once
// A checkpoint directory as a command: an interrupted run stores its resolved configuration, its
// output path and its PETSc options there, so `qtherm run CHECKPOINT_DIR --restart` needs nothing
// else (no configuration file, no overrides repeated, any working directory).
#include <string>
#include <vector>

#include "qtherm/io/config.hpp"
#include "qtherm/io/hdf5_writer.hpp"

namespace qtherm::study {

struct StoredCommand {
  std::string file;                    // DIR/config.ini
  std::vector<std::string> overrides;  // --output.file and --checkpoint.dir, absolute
  std::vector<std::string> petsc;      // as given to the interrupted run
};

// Rank 0, when the directory is created: config.ini, and the output path and PETSc options as
// attributes of the manifest `m`.
void store_command(const std::string& dir, const io::Config& config, const std::vector<std::string>& petsc,
                   io::OutputFile& manifest);

// Whether `path` is a directory holding a study's checkpoints (its manifest).
bool is_work_directory(const std::string& path);

// The command stored in `dir`; an InputError naming the directory when it holds none (written by a
// qtherm before this feature, or not a checkpoint directory).
StoredCommand stored_command(const std::string& dir);

}  // namespace qtherm::study
