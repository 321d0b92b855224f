#pragma once
// Parameter grids: [sweep] parameters = section.key : v1, v2, ... ; section.key : linspace(a, b, n)
// with mode cartesian (every combination, the last parameter fastest) or zip (the k-th value of
// each). Every point is a whole configuration, validated before anything runs.
#include <string>
#include <vector>

#include "qtherm/io/config.hpp"

namespace qtherm::study {

struct SweepAxis {
  std::string section, key;
  std::vector<std::string> values;  // as INI text
};

// The axes of [sweep] parameters (empty when there is no sweep). Throws InputError naming
// [sweep] parameters: malformed entries, an unknown or unsweepable key (with the nearest valid
// one), an empty range, zip axes of different lengths.
std::vector<SweepAxis> sweep_axes(const io::Config& config, const io::Schema& schema);

// The points: for each, the (section.key, value) pairs that differ from the base configuration.
std::vector<std::vector<std::pair<std::string, std::string>>> sweep_points(const std::vector<SweepAxis>& axes,
                                                                           const std::string& mode);

// "i/n": this task's share of the points (contiguous block i of n). Throws InputError.
std::pair<long, long> parse_slice(const io::Config& config, long points);

}  // namespace qtherm::study
