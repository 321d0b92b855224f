#pragma once
// The paths a study will write, checked before anything runs: [output] file and the checkpoint
// directory. qtherm never creates a missing parent directory (a typo would scatter results).
#include "qtherm/io/config.hpp"

namespace qtherm::study {

// Not collective (file-system checks). Throws InputError naming [output] file or [checkpoint] dir:
// an empty path, a path that is a directory, a parent directory that does not exist or that this
// process may not write.
void check_output_paths(const io::Config& config);

}  // namespace qtherm::study
