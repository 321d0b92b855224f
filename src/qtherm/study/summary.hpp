#pragma once
// Human-readable texts: the end-of-run table and `qtherm describe`.
#include <string>

#include "qtherm/io/run_record.hpp"

namespace qtherm::study {

std::string summary_table(const std::string& model, const io::RunRecord& rec, double wall_seconds,
                          const std::string& file);

}  // namespace qtherm::study
