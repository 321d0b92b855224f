#pragma once
// Physics checks of user-given states, reported as InputError naming the key.
#include <string>

#include "qtherm/io/config.hpp"

namespace qtherm::models {

// The matrix at [section] key must be dim×dim, Hermitian, of unit trace and positive
// semidefinite (tolerance 1e-10, relative to its norm). Not collective.
void check_density_matrix(const io::Config& config, const std::string& section, const std::string& key, long dim);

}  // namespace qtherm::models
