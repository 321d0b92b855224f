#include "qtherm/operators/local_operator.hpp"

#include <cmath>
#include <stdexcept>

namespace qtherm::operators {
namespace {
Dense two_level(const std::string& name, PetscInt dim) {
  if (dim != 2)
    throw std::invalid_argument("operator '" + name + "' needs a party of dimension 2, not " + std::to_string(dim));
  Dense m = Dense::Zero(2, 2);
  const std::complex<double> I(0, 1);
  if (name == "sp")
    m(0, 1) = 1;
  else if (name == "sm")
    m(1, 0) = 1;
  else if (name == "sx")
    m(0, 1) = m(1, 0) = 1;
  else if (name == "sy") {
    m(0, 1) = -I;
    m(1, 0) = I;
  } else {
    m(0, 0) = 1;
    m(1, 1) = -1;
  }  // sz
  return m;
}
}  // namespace

std::vector<std::string> local_operator_names() { return {"id", "sp", "sm", "sx", "sy", "sz", "a", "adag", "n"}; }

Dense local_operator(const std::string& name, PetscInt dim) {
  if (dim < 1) throw std::invalid_argument("party dimension must be >= 1");
  if (name == "id") return Dense::Identity(dim, dim);
  if (name == "sp" || name == "sm" || name == "sx" || name == "sy" || name == "sz") return two_level(name, dim);
  Dense m = Dense::Zero(dim, dim);
  if (name == "a" || name == "adag") {
    for (PetscInt n = 1; n < dim; ++n) m(n - 1, n) = std::sqrt(double(n));
    return name == "a" ? m : Dense(m.adjoint());
  }
  if (name == "n") {
    for (PetscInt n = 0; n < dim; ++n) m(n, n) = double(n);
    return m;
  }
  throw std::invalid_argument("unknown operator '" + name + "'");
}

}  // namespace qtherm::operators
