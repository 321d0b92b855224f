#pragma once
// The driver: configuration -> model -> run -> one HDF5 file per study, and the texts of
// `qtherm describe` and `qtherm models`.
#include <mpi.h>

#include <string>
#include <vector>

#include "qtherm/io/config.hpp"
#include "qtherm/io/run_record.hpp"
#include "qtherm/models/model.hpp"

namespace qtherm::study {

// The model a study runs when no configuration file is given (seed 002 Fig. 2, qubits).
inline constexpr const char* default_model = "cascaded_qubits";

// Common sections ([model] name, [output]) plus the model's own keys.
io::Schema schema_for(const models::Model& model);

struct Prepared {
  const models::Model* model = nullptr;
  io::Config config;
  bool is_default = false;  // no configuration file: the built-in default study
};

// Reads the file (may be "") and the overrides, picks the model, validates everything (types,
// ranges, the model's physics checks). Throws InputError. Not collective.
Prepared prepare(const std::string& file, const std::vector<std::string>& overrides);

// Collective on comm: prints the resolved configuration, runs, writes the output file atomically,
// prints a summary table. Returns the run's record.
io::RunRecord run(MPI_Comm comm, const Prepared& prepared);

std::string describe(const models::Model& model);
std::string list_models();

}  // namespace qtherm::study
