#pragma once
// The output contract: a run writes only what its model declares, under the declared unit, sign
// and meaning, so a reordered or misspelt list cannot mislabel a user's data.
#include "qtherm/io/run_record.hpp"
#include "qtherm/models/model.hpp"

namespace qtherm::models {

// Throws std::logic_error naming the first written quantity that `model` does not declare (as an
// observable, resp. scalar; an information measure of [output] measures when the model has that
// key) or declares alone with a different unit or sign.
void check_declared_outputs(const Model& model, const io::RunRecord& record);

}  // namespace qtherm::models
