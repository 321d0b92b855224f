#pragma once
// The sections every study has besides the model's keys ([model] name, [output], [sweep],
// [checkpoint], [run]), each key bound once to its member; schema_for declares them, the driver
// reads them with io::read<StudyKeys>.
#include <string>
#include <vector>

#include "qtherm/io/parameters.hpp"

namespace qtherm::study {

struct StudyKeys {
  // Switches (not keys): the head ([model] name, with the registered models as choices) is bound
  // before the model's keys, the rest after them.
  bool head = false, tail = true;
  std::vector<std::string> model_names;

  std::string model_name;
  std::string output_file = "qtherm.h5";
  bool overwrite = false;
  std::string sweep_parameters, sweep_mode = "cartesian";
  long groups = 0;
  bool skip_invalid = false;
  std::string slice, checkpoint_dir;
  double every_time = 0, every_seconds = 0;
  std::string memory_limit = "auto";
  bool keep_checkpoints = false;

  void bind(io::Binder& b);
  // [checkpoint] dir, or <output.file>.checkpoint when it is not given.
  bool own_checkpoint_dir() const;
  std::string checkpoint_directory() const;
};

}  // namespace qtherm::study
