#pragma once
// `qtherm inspect CHECKPOINT_DIR`: what a work directory of an interrupted study holds, so that a
// user deciding whether to resubmit sees it: finished points, how far each running point got and
// what remains (simulated time, samples, sectors), and points not started.
#include <string>

namespace qtherm::study {

// Not collective (serial reads). InputError when `dir` is not a qtherm checkpoint directory.
std::string inspect(const std::string& dir);

}  // namespace qtherm::study
