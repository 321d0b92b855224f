#include "qtherm/thermo/heat.hpp"

namespace qtherm::thermo {

operators::OperatorSum heat_current_operator(const operators::SuperOperator& dissipator,
                                             const operators::OperatorSum& H) {
  return dissipator.dual(H).scaled(-1.0);
}

}  // namespace qtherm::thermo
