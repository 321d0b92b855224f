#pragma once
// The driver: configuration -> points of a sweep -> groups of ranks -> model runs (checkpointed)
// -> one HDF5 file per study; and the texts of `qtherm describe` and `qtherm models`.
#include <mpi.h>

#include <string>
#include <utility>
#include <vector>

#include "qtherm/io/config.hpp"
#include "qtherm/io/run_record.hpp"
#include "qtherm/models/model.hpp"
#include "qtherm/study/memory_check.hpp"

namespace qtherm::study {

// The model a study runs when no configuration file is given (cascaded_qubits with its defaults).
inline constexpr const char* default_model = "cascaded_qubits";

// Common sections ([model] name, [output], [sweep], [checkpoint]) plus the model's own keys.
io::Schema schema_for(const models::Model& model);

struct Point {
  long index = 0;                                          // k of /runs/<k>
  io::Config config;                                       // the whole configuration of this point
  std::vector<std::pair<std::string, std::string>> swept;  // section.key -> value
  std::string label;                                       // "point 3 (model.beta=2)"
};

struct Prepared {
  const models::Model* model = nullptr;
  io::Config config;                   // the study's configuration (with [sweep] as written)
  std::vector<Point> points;           // every point of the grid (one without a sweep)
  std::vector<std::string> skipped;    // [sweep] skip_invalid: points the model refused, with the reason
  bool is_default = false;             // no configuration file: the built-in default study
  std::string source;                  // the configuration file, "" for the default study
  std::vector<std::string> overrides;  // --section.key=value as given, for the resume hint
  std::vector<std::string> petsc;      // PETSc/SLEPc options after "--" (set by the caller), likewise
  MemoryVerdict memory;                // the memory estimate per rank of the largest point, and the limit
};

// Reads the file (may be "") and the overrides, picks the model, expands the sweep and validates
// every point (types, ranges, the model's physics checks, and its memory estimate at `layout`: a point
// that cannot fit is refused, even when the physics checks fail to build it). Throws InputError. Not collective.
Prepared prepare(const std::string& file, const std::vector<std::string>& overrides, const RankLayout& layout = {});

// Collective on world: runs the points of this task's slice in groups of ranks, with checkpoints,
// then writes the output file and prints a summary. `Restart::always` continues the checkpoint
// directory of an earlier run (refused if its physics differs, or if there is none);
// `if_checkpoint` does so when the directory exists and starts afresh otherwise (a resubmitted job).
// Returns 0, or exit_interrupted when a signal stopped the run after checkpointing.
enum class Restart { never, always, if_checkpoint };
int run(MPI_Comm world, const Prepared& prepared, Restart mode);

std::string describe(const models::Model& model);
// The units and sign conventions common to every model (the head of `describe`, also in its JSON).
std::string describe_conventions();
std::string list_models();

}  // namespace qtherm::study
