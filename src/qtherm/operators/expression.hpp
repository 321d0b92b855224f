#pragma once
// Operator sums written as text, for configurations:  0.5*sz(0) + 0.5*sz(1) - 0.1*sx(0)*sx(1)
// A term is a product of factors: numbers (2, -1e-3, 0.5i, (0.1+0.2i)) and operators NAME(party)
// with NAME a local operator (local_operator_names()) or a user matrix from `user`.
#include <map>
#include <string>

#include "qtherm/operators/operator_sum.hpp"

namespace qtherm::operators {

// Throws std::invalid_argument with a short reason (position and what was expected).
OperatorSum parse_operator(const std::string& text, const space::TensorSpace& space,
                           const std::map<std::string, Dense>& user = {});

}  // namespace qtherm::operators
