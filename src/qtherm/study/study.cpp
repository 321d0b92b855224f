#include "qtherm/study/study.hpp"

#include <filesystem>
#include <optional>

#include "qtherm/base/error.hpp"
#include "qtherm/base/parse.hpp"
#include "qtherm/study/output_paths.hpp"
#include "qtherm/study/sweep.hpp"

namespace qtherm::study {
namespace {

io::KeySpec key(std::string section, std::string name, io::ValueType type, std::string def, std::string meaning) {
  return io::make_key(std::move(section), std::move(name), type, std::move(def), "", std::move(meaning));
}

}  // namespace

io::Schema schema_for(const models::Model& model) {
  using io::ValueType;
  io::Schema s;
  auto name = key("model", "name", ValueType::choice, default_model, "which model to run (`qtherm models` lists them)");
  name.choices = models::model_names();
  s.add(name);
  model.declare(s);
  s.add(key("output", "file", ValueType::string, "qtherm.h5", "HDF5 output file (written as FILE.partial, renamed when complete)"));
  s.add(key("output", "overwrite", ValueType::boolean, "false",
            "replace an existing output file (otherwise an existing file is an error and is kept)"));
  s.add(key("sweep", "parameters", ValueType::string, "",
            "swept keys, separated by ';': section.key : v1, v2, ... | linspace(start, stop, n) | logspace(start, stop, n) "
            "(geometric); each point is written to /runs/<k>"));
  auto mode = key("sweep", "mode", ValueType::choice, "cartesian",
                  "cartesian: every combination (the last parameter varies fastest); zip: the k-th value of each");
  mode.choices = {"cartesian", "zip"};
  s.add(mode);
  auto groups = key("sweep", "groups", ValueType::integer, "0",
                    "groups of ranks working on different points at once (0: one per rank, at most one per point); "
                    "rank r joins group r mod groups");
  groups.min = 0;
  s.add(groups);
  s.add(key("sweep", "skip_invalid", ValueType::boolean, "false",
            "leave out the grid points the model refuses (e.g. unphysical states in a rectangular grid) instead of "
            "refusing the study; the points left are numbered consecutively and the skipped ones listed at start"));
  s.add(key("sweep", "slice", ValueType::string, "",
            "i/n: run only block i of n of the points (job arrays; combine the outputs with qtherm merge)"));
  s.add(key("checkpoint", "dir", ValueType::string, "",
            "directory for checkpoints and finished points (default: <output.file>.checkpoint); removed after success"));
  auto every_time = key("checkpoint", "every_time", ValueType::real, "0", "checkpoint every this much simulated time (0: off)");
  every_time.min = 0;
  every_time.unit = "time";
  s.add(every_time);
  auto every_seconds = key("checkpoint", "every_seconds", ValueType::real, "0",
                           "checkpoint every this many wall-clock seconds (0: off); SIGTERM and SIGUSR1 always checkpoint and stop");
  every_seconds.min = 0;
  every_seconds.unit = "s";
  s.add(every_seconds);
  s.add(key("run", "memory_limit", ValueType::string, "auto",
            "memory one rank may use, e.g. 8G, 500MB, 2e9 (bytes; KiB/MiB/GiB for powers of 1024); auto: the cgroup "
            "limit, else physical memory, shared by the ranks on the node. Runs whose estimate exceeds it are refused"));
  s.add(key("checkpoint", "keep", ValueType::boolean, "false", "keep the checkpoint directory after a successful run"));
  return s;
}

Prepared prepare(const std::string& file, const std::vector<std::string>& overrides, const RankLayout& layout) {
  const io::RawConfig raw = io::read_raw(file, overrides);
  Prepared p;
  p.is_default = file.empty();
  p.source = file;
  p.overrides = overrides;
  std::string name = default_model;
  if (const auto* e = raw.find("model", "name")) {
    name = e->value;
  } else if (!file.empty()) {
    throw InputError(file, "model", "name", "missing; one of: " + list_models());
  }
  p.model = models::find_model(name);
  if (!p.model) {
    const auto* e = raw.find("model", "name");
    const std::string near = io::nearest(name, models::model_names());
    throw InputError(e ? e->origin : file, "model", "name",
                     "unknown model '" + name + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?"));
  }
  const io::Schema schema = schema_for(*p.model);
  p.config = io::Config(schema, raw);
  check_output_paths(p.config);  // before anything runs: a path that cannot be written fails now
  const auto axes = sweep_axes(p.config, schema);
  const auto* sweep_entry = raw.find("sweep", "parameters");
  long k = 0;
  const bool skip_invalid = p.config.boolean("sweep", "skip_invalid");
  const auto grid = sweep_points(axes, p.config.text("sweep", "mode"));
  p.memory = memory_budget(p.config, static_cast<long>(grid.size()), layout);
  for (const auto& values : grid) {
    Point point;
    point.index = k;
    io::RawConfig point_raw = raw;
    std::string label;
    for (const auto& [name_, value] : values) {
      const auto dot = name_.rfind('.');
      point_raw.values[name_.substr(0, dot)][name_.substr(dot + 1)] = {value, sweep_entry ? sweep_entry->origin : file};
      label += (label.empty() ? "" : ", ") + name_ + "=" + value;
    }
    point.swept = values;
    point.label = "point " + std::to_string(point.index) + (label.empty() ? "" : " (" + label + ")");
    try {
      point.config = io::Config(schema, point_raw);
    } catch (const InputError& e) {  // a wrong type or range is a typo, never skipped
      if (axes.empty()) throw;
      throw InputError(e.file(), e.section(), e.key(), "sweep " + point.label + ": " + e.reason());
    }
    // The memory estimate comes from sizes alone. The model's own checks are more specific (a route's
    // limits), so they speak first; but they may build operators, and a point that cannot fit must
    // not die of bad_alloc there: any other failure of a point too large is the memory refusal.
    std::optional<InputError> too_large;
    try {
      check_point_memory(*p.model, point.config, k, axes.empty() ? "" : "sweep " + point.label, p.memory);
    } catch (const InputError& e) {
      too_large = e;
    }
    try {
      try {
        p.model->validate(point.config);
      } catch (const InputError&) {
        throw;
      } catch (const std::exception&) {
        if (!too_large) throw;
      }
    } catch (const InputError& e) {
      if (axes.empty()) throw;
      if (!skip_invalid) throw InputError(e.file(), e.section(), e.key(), "sweep " + point.label + ": " + e.reason());
      p.skipped.push_back(label + ": [" + e.section() + "] " + e.key() + ": " + e.reason());
      continue;
    }
    if (too_large) throw *too_large;  // never skipped: the point is valid, only too large here
    ++k;
    p.points.push_back(std::move(point));
  }
  if (p.points.empty())
    throw InputError(sweep_entry ? sweep_entry->origin : file, "sweep", "skip_invalid",
                     "the model refuses every point of the grid (first: " + p.skipped.front() + ")");
  parse_slice(p.config, static_cast<long>(p.points.size()));  // a bad slice is bad input for `check` too
  return p;
}

std::string list_models() {
  std::string s;
  for (const auto& n : models::model_names()) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace qtherm::study
