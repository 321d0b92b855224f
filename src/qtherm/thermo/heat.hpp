#pragma once
// Heat currents of dissipative channels, positive when energy flows into the environment:
// J_k = −tr(H · D_k(ρ)) = tr(Ĵ_k ρ) with the observable Ĵ_k = −D_k*(H).
#include "qtherm/operators/operator_sum.hpp"
#include "qtherm/operators/superoperator.hpp"

namespace qtherm::thermo {

operators::OperatorSum heat_current_operator(const operators::SuperOperator& dissipator,
                                             const operators::OperatorSum& H);

}  // namespace qtherm::thermo
