#include "qtherm/models/collision/collision_party.hpp"

#include "qtherm/dynamics/state.hpp"
#include "qtherm/operators/local_operator.hpp"

namespace qtherm::models {

using Dense = Eigen::MatrixXcd;

PartyKind PartyKind::of(const std::string& kind, long levels) {
  const bool oscillator = kind == "oscillator";
  return {oscillator, oscillator ? levels : 2};
}

Dense PartyKind::hamiltonian(double omega) const {
  return oscillator ? Dense(omega * operators::local_operator("n", dim))
                    : Dense(0.5 * omega * operators::local_operator("sz", 2));
}

Dense PartyKind::lowering() const { return operators::local_operator(oscillator ? "a" : "sm", dim); }

dynamics::PartyCoupling PartyKind::exchange_with_qubit(int party) const {
  const Dense x = lowering();
  return {party,
          {{2.0 * x.adjoint(), operators::local_operator("sm", 2)}, {2.0 * x, operators::local_operator("sp", 2)}}};
}

Dense PartyKind::state(const std::string& initial, double omega, long fock, double beta_s) const {
  if (initial == "thermal") return dynamics::gibbs(hamiltonian(omega), beta_s);
  Dense rho = Dense::Zero(dim, dim);
  if (initial == "excited")
    rho(oscillator ? fock : 0, oscillator ? fock : 0) = 1;
  else
    rho(oscillator ? 0 : 1, oscillator ? 0 : 1) = 1;
  return rho;
}

}  // namespace qtherm::models
