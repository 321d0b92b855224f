#pragma once
// Assembling the study file from per-point files (at the end of every run) and from the outputs
// of job-array tasks (`qtherm merge`). Serial: one process writes.
#include <string>
#include <utility>
#include <vector>

#include "qtherm/io/run_record.hpp"

namespace qtherm::study {

using Attributes = std::vector<std::pair<std::string, io::AttrValue>>;

// Writes `out` (atomically; an existing file only with `overwrite`) with root attributes `attrs`
// and run k read from the file paired with it. Returns the runs as written.
std::vector<io::RunRecord> write_study_file(const std::string& out, bool overwrite, const Attributes& attrs,
                                            const std::vector<std::pair<long, std::string>>& runs);

// `qtherm merge OUT IN...`: the inputs must come from one study (same model and physics hash) and
// hold disjoint runs. Root attributes come from the first input (mpi_ranks: the largest, created_utc:
// now). Throws InputError naming the offending file, or listing the study's points no input holds
// unless `allow_missing` (then the merged file lacks those runs).
void merge_files(const std::string& out, const std::vector<std::string>& inputs, bool overwrite, bool allow_missing);

}  // namespace qtherm::study
