#include "qtherm/study/study.hpp"

#include <cmath>
#include <memory>
#include <cstdio>
#include <sstream>

#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/base/progress.hpp"
#include "qtherm/base/version.hpp"
#include "qtherm/io/hdf5_writer.hpp"
#include "qtherm/parallel/runtime.hpp"
#include "qtherm/study/summary.hpp"

namespace qtherm::study {

io::Schema schema_for(const models::Model& model) {
  io::Schema s;
  io::KeySpec name;
  name.section = "model", name.key = "name", name.type = io::ValueType::choice, name.default_value = default_model;
  name.choices = models::model_names();
  name.meaning = "which model to run (`qtherm models` lists them)";
  s.add(name);
  model.declare(s);
  io::KeySpec file;
  file.section = "output", file.key = "file", file.type = io::ValueType::string, file.default_value = "qtherm.h5";
  file.meaning = "HDF5 output file (written as FILE.partial, renamed when complete)";
  s.add(file);
  io::KeySpec overwrite;
  overwrite.section = "output", overwrite.key = "overwrite", overwrite.type = io::ValueType::boolean;
  overwrite.default_value = "false";
  overwrite.meaning = "replace an existing output file (otherwise an existing file is an error and is kept)";
  s.add(overwrite);
  return s;
}

Prepared prepare(const std::string& file, const std::vector<std::string>& overrides) {
  const io::RawConfig raw = io::read_raw(file, overrides);
  Prepared p;
  p.is_default = file.empty();
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
  p.config = io::Config(schema_for(*p.model), raw);
  p.model->validate(p.config);
  return p;
}

namespace {

io::AttrValue attribute_of(const std::string& text) {
  try {
    return io::parse_real(text);
  } catch (const std::invalid_argument&) {
    return text;
  }
}

}  // namespace

io::RunRecord run(MPI_Comm comm, const Prepared& p) {
  const auto& c = p.config;
  const int ranks = size_of(comm);
  if (p.is_default)
    print0(comm, "qtherm: no configuration file given: running the built-in default study (" + p.model->name() +
                     ", seed 002 Fig. 2 parameters)");
  print0(comm, "qtherm " + std::string(version) + " (" + git_revision + "), " + std::to_string(ranks) + " MPI rank(s)\n" +
                   c.to_ini());

  // Open the output before the run: a refused output file costs nothing.
  std::unique_ptr<io::OutputFile> opened;
  try {
    opened = std::make_unique<io::OutputFile>(comm, c.text("output", "file"), c.boolean("output", "overwrite"));
  } catch (const InputError& e) {
    throw c.error("output", "file", e.reason());  // attributed to wherever output.file was set
  }
  io::OutputFile& out = *opened;
  Progress clock(comm, p.model->name(), 0, 1, 0);
  io::RunRecord rec = p.model->run(comm, c);
  const double wall = clock.elapsed_seconds();
  // The point's parameters: every [model] key that has a value.
  rec.parameters.clear();
  const io::Schema schema = schema_for(*p.model);
  for (const auto& spec : schema.keys())
    if (spec.section == "model" && c.has("model", spec.key))
      rec.parameters.emplace_back(spec.key, attribute_of(c.text("model", spec.key)));

  out.set_attribute("qtherm_version", std::string(version));
  out.set_attribute("git_revision", std::string(git_revision));
  out.set_attribute("model", p.model->name());
  out.set_attribute("config", c.to_ini());
  out.set_attribute("mpi_ranks", long(ranks));
  out.set_attribute("petsc_version", parallel::Runtime::petsc_version());
  out.set_attribute("slepc_version", parallel::Runtime::slepc_version());
  out.set_attribute("created_utc", io::OutputFile::utc_now_iso8601());
  out.write_run(0, rec);
  out.commit();
  print0(comm, summary_table(p.model->name(), rec, wall, c.text("output", "file")));
  return rec;
}

std::string list_models() {
  std::string s;
  for (const auto& n : models::model_names()) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace qtherm::study
