#include "qtherm/study/merge.hpp"

#include <algorithm>
#include <map>

#include "qtherm/base/error.hpp"
#include "qtherm/io/hdf5_reader.hpp"
#include "qtherm/io/hdf5_writer.hpp"

namespace qtherm::study {

std::vector<io::RunRecord> write_study_file(const std::string& out, bool overwrite, const Attributes& attrs,
                                            const std::vector<std::pair<long, std::string>>& runs) {
  io::OutputFile f(MPI_COMM_SELF, out, overwrite);
  for (const auto& [name, value] : attrs) f.set_attribute(name, value);
  std::vector<io::RunRecord> records;
  for (const auto& [k, file] : runs) {
    records.push_back(io::InputFile(file).read_run(k));
    f.write_run(k, records.back());
  }
  f.commit();
  return records;
}

namespace {

// The points of the study no input holds ("3, 7 and 2 more"), "" when the set is complete. Files
// written before `study_points` was recorded cannot be checked and count as complete.
std::string missing_points(long study_points, const std::map<long, std::string>& runs) {
  std::string list;
  long missing = 0;
  for (long k = 0; k < study_points; ++k)
    if (!runs.count(k) && ++missing <= 5) list += (list.empty() ? "" : ", ") + std::to_string(k);
  if (missing > 5) list += " and " + std::to_string(missing - 5) + " more";
  return list;
}

}  // namespace

void merge_files(const std::string& out, const std::vector<std::string>& inputs, bool overwrite, bool allow_missing) {
  if (inputs.empty()) throw InputError("command line", "", "merge", "no input files");
  const std::vector<std::string> strings = {"qtherm_version", "git_revision",  "model",       "config",
                                            "petsc_version",  "slepc_version", "physics_hash"};
  std::map<std::string, std::string> first;
  long ranks = 0, study_points = 0;
  std::map<long, std::string> runs;
  for (const auto& path : inputs) {
    io::InputFile in(path);
    for (const auto& a : strings) {
      const std::string v = in.string_attribute("/", a);
      if (path == inputs.front())
        first[a] = v;
      else if ((a == "model" || a == "physics_hash") && v != first[a])
        throw InputError(path, "", "",
                         "comes from another study (" + a + " '" + v + "', the first file has '" + first[a] + "')");
    }
    ranks = std::max(ranks, in.integer_attribute("/", "mpi_ranks"));
    if (in.has_attribute("/", "study_points")) study_points = in.integer_attribute("/", "study_points");
    for (const auto& name : in.members("/runs")) {
      const long k = std::stol(name);
      if (!runs.emplace(k, path).second)
        throw InputError(path, "", "", "run " + name + " is also in " + runs[k] + " (slices must not overlap)");
    }
  }
  const std::string missing = missing_points(study_points, runs);
  if (!missing.empty() && !allow_missing)
    throw InputError("command line", "", "merge",
                     "incomplete set: the study has " + std::to_string(study_points) +
                         " points and no input holds point(s) " + missing +
                         " (a task that has not finished?); pass --allow-missing to merge what is there");
  Attributes attrs;
  for (const auto& a : strings) attrs.emplace_back(a, first[a]);
  attrs.emplace_back("mpi_ranks", ranks);
  attrs.emplace_back("created_utc", io::OutputFile::utc_now_iso8601());
  if (study_points > 0) attrs.emplace_back("study_points", study_points);
  write_study_file(out, overwrite, attrs, std::vector<std::pair<long, std::string>>(runs.begin(), runs.end()));
}

}  // namespace qtherm::study
