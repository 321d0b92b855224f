#include "qtherm/study/study_keys.hpp"

#include "qtherm/base/parse.hpp"

namespace qtherm::study {

void StudyKeys::bind(io::Binder& b) {
  if (head) {
    b.section("model");
    b.key("name", model_name).choices(model_names).meaning("which model to run (`qtherm models` lists them)");
  }
  if (!tail) return;
  b.section("output");
  b.key("file", output_file).meaning("HDF5 output file (written as FILE.partial, renamed when complete)");
  b.key("overwrite", overwrite)
      .meaning("replace an existing output file (otherwise an existing file is an error and is kept)");
  b.section("sweep");
  b.key("parameters", sweep_parameters)
      .meaning(
          "swept keys, separated by ';': section.key : v1, v2, ... | linspace(start, stop, n) | logspace(start, "
          "stop, n) (geometric); each point is written to /runs/<k>");
  b.key("mode", sweep_mode)
      .choices({"cartesian", "zip"})
      .meaning("cartesian: every combination (the last parameter varies fastest); zip: the k-th value of each");
  b.key("groups", groups)
      .min(0)
      .meaning(
          "groups of ranks working on different points at once (0: one per rank, at most one per point); rank r "
          "joins group r mod groups");
  b.key("skip_invalid", skip_invalid)
      .meaning(
          "leave out the grid points the model refuses (e.g. unphysical states in a rectangular grid) instead of "
          "refusing the study; the points left are numbered consecutively and the skipped ones listed at start");
  b.key("slice", slice)
      .meaning("i/n: run only block i of n of the points (job arrays; combine the outputs with qtherm merge)");
  b.section("checkpoint");
  b.key("dir", checkpoint_dir)
      .meaning(
          "directory for checkpoints and finished points (default: <output.file>.checkpoint); removed after success");
  b.key("every_time", every_time)
      .unit("time")
      .non_negative()
      .meaning("checkpoint every this much simulated time (0: off)");
  b.key("every_seconds", every_seconds)
      .unit("s")
      .non_negative()
      .meaning(
          "checkpoint every this many wall-clock seconds (0: off); SIGTERM and SIGUSR1 always checkpoint and stop");
  b.section("run");
  b.key("memory_limit", memory_limit)
      .meaning(
          "memory one rank may use, e.g. 8G, 500MB, 2e9 (bytes; KiB/MiB/GiB for powers of 1024); auto: the cgroup "
          "limit, else physical memory, shared by the ranks on the node. Runs whose estimate exceeds it are refused");
  b.section("checkpoint");
  b.key("keep", keep_checkpoints).meaning("keep the checkpoint directory after a successful run");
}

bool StudyKeys::own_checkpoint_dir() const { return !trim(checkpoint_dir).empty(); }

std::string StudyKeys::checkpoint_directory() const {
  return own_checkpoint_dir() ? checkpoint_dir : output_file + ".checkpoint";
}

}  // namespace qtherm::study
