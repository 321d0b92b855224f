#include "qtherm/study/study.hpp"

#include <filesystem>
#include <optional>

#include "qtherm/base/error.hpp"
#include "qtherm/base/parse.hpp"
#include "qtherm/study/output_paths.hpp"
#include "qtherm/study/study_keys.hpp"
#include "qtherm/study/sweep.hpp"

namespace qtherm::study {
io::Schema schema_for(const models::Model& model) {
  io::Schema s;
  StudyKeys head;
  head.head = true, head.tail = false;
  head.model_names = models::model_names();
  head.model_name = default_model;
  io::declare(s, head);
  model.declare(s);
  io::declare(s, StudyKeys{});
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
  const auto keys = io::read<StudyKeys>(p.config);
  const bool skip_invalid = keys.skip_invalid;
  const auto grid = sweep_points(axes, keys.sweep_mode);
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
