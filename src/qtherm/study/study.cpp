#include "qtherm/study/study.hpp"

#include <filesystem>

#include "qtherm/base/error.hpp"
#include "qtherm/base/parse.hpp"
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
  s.add(key("checkpoint", "keep", ValueType::boolean, "false", "keep the checkpoint directory after a successful run"));
  return s;
}

Prepared prepare(const std::string& file, const std::vector<std::string>& overrides) {
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
  const auto axes = sweep_axes(p.config, schema);
  const auto* sweep_entry = raw.find("sweep", "parameters");
  long k = 0;
  const bool skip_invalid = p.config.boolean("sweep", "skip_invalid");
  for (const auto& values : sweep_points(axes, p.config.text("sweep", "mode"))) {
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
    try {
      p.model->validate(point.config);
    } catch (const InputError& e) {
      if (axes.empty()) throw;
      if (!skip_invalid) throw InputError(e.file(), e.section(), e.key(), "sweep " + point.label + ": " + e.reason());
      p.skipped.push_back(label + ": [" + e.section() + "] " + e.key() + ": " + e.reason());
      continue;
    }
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
