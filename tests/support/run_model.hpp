#pragma once
// Runs a model in-process from "--section.key=value" overrides (no file, no output), for tests.
#include <mpi.h>
#include <petscsys.h>

#include <string>
#include <vector>

#include "qtherm/io/run_record.hpp"
#include "qtherm/study/study.hpp"

inline qtherm::io::RunRecord run_model(MPI_Comm comm, std::vector<std::string> overrides) {
  overrides.push_back("--time.progress_interval=0");
  const auto p = qtherm::study::prepare("", overrides);
  qtherm::models::RunContext context;  // no checkpoints
  return p.model->run(comm, p.points.front().config, context);
}

inline const std::vector<double>& series(const qtherm::io::RunRecord& r, const std::string& name) {
  const auto* s = r.observable(name);
  if (!s) throw std::runtime_error("no observable " + name);
  return s->values;
}

inline double scalar(const qtherm::io::RunRecord& r, const std::string& name) {
  const auto* s = r.scalar(name);
  if (!s) throw std::runtime_error("no scalar " + name);
  return s->value;
}
