#pragma once
// The memory check of a study, done once here for every model: the model's estimate for each point
// (at the ranks of one group) against the memory one rank may use. Refusals are InputError naming the
// key that drives the size, the estimate and the largest value of that key that fits.
#include <string>

#include "qtherm/io/config.hpp"
#include "qtherm/models/model.hpp"

namespace qtherm::study {

// Where a study will run: `ranks` in all, `ranks_on_node` of them sharing this node's memory.
struct RankLayout {
  int ranks = 1;
  int ranks_on_node = 1;
};

struct MemoryVerdict {
  double estimate = 0;       // bytes per rank: the baseline plus the largest point's terms
  double baseline = 0;       // what the process held before the run (libraries, MPI, PETSc)
  double limit = 0;          // bytes one rank may use
  int ranks_per_group = 1;   // the ranks one point runs on
  std::string limit_source;  // "[run] memory_limit", or the node's memory shared by its ranks
  std::string dominant;      // the largest term, e.g. "[model] dims: state and integrator vectors ... 2 GB"
  long point = 0;            // the grid point with the largest estimate
};

// Ranks in the smallest group the study will use for `points` points ([sweep] groups as run() splits).
int ranks_per_group(const io::Config& config, long points, int ranks);

// Not collective. The limit and baseline for a study of `points` points laid out as `layout`; throws
// InputError for a malformed [run] memory_limit.
MemoryVerdict memory_budget(const io::Config& config, long points, const RankLayout& layout);

// Not collective. Adds one point's estimate to `verdict`; throws InputError naming the driving key when
// the point does not fit. `label` names the point in sweeps ("" for a single run).
void check_point_memory(const models::Model& model, const io::Config& point, long index, const std::string& label,
                        MemoryVerdict& verdict);

// One line for the start of a run and for `qtherm check`.
std::string describe_verdict(const MemoryVerdict& verdict);

}  // namespace qtherm::study
