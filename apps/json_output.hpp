#pragma once
// `qtherm models --format json` and `qtherm describe MODEL --format json`: the same facts as the
// text, for programs (python/qtherm reads them), so nobody has to parse text meant for people.
#include <string>

#include "qtherm/models/model.hpp"

namespace qtherm::app {

// [{"name": ..., "summary": ...}, ...] in registry order.
std::string models_json();

// {"name", "summary", "conventions", "keys": [...], "observables": [...], "scalars": [...],
//  "measures": [...]}; a quantity's unit is "1" when dimensionless, as the text prints it.
std::string describe_json(const models::Model& model);

}  // namespace qtherm::app
