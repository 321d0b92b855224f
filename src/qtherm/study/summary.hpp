#pragma once
// Human-readable texts: the end-of-run table and `qtherm describe`.
#include <string>
#include <vector>

#include "qtherm/io/run_record.hpp"

namespace qtherm::study {

std::string summary_table(const std::string& model, const io::RunRecord& rec, double wall_seconds,
                          const std::string& file);

// One line per point of a sweep: its label and its first scalars.
std::string sweep_table(const std::vector<std::string>& labels, const std::vector<io::RunRecord>& records,
                        double wall_seconds, const std::string& file);

}  // namespace qtherm::study
