#pragma once
// The physics part of a configuration: what a checkpoint must agree with before a restart may
// continue it (everything except where output goes, how ranks are grouped, which slice of a grid
// a task takes, and how often progress and checkpoints happen).
#include <string>

#include "qtherm/io/config.hpp"

namespace qtherm::study {

std::string physics_text(const io::Config& config);
// A stable 64-bit FNV-1a hash of the text, as 16 hex digits.
std::string physics_hash(const std::string& text);
// The first difference between two physics texts, as "[section] key: 'a' here, 'b' in the checkpoint".
std::string physics_difference(const std::string& now, const std::string& before);

}  // namespace qtherm::study
