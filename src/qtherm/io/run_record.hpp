#pragma once
// One grid point's results, as a model returns them and the HDF5 writer stores them under
// /runs/<k>: parameter attributes, times, observables aligned with the times, scalars, states.
#include <complex>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace qtherm::io {

using AttrValue = std::variant<double, long, std::string>;

// What a number means: stored as HDF5 attributes beside it and printed by `qtherm describe`.
struct Quantity {
  std::string name;
  std::string unit;     // e.g. "omega*gamma" (hbar = k_B = 1), "1" for dimensionless, "nat"
  std::string sign;     // sign convention, e.g. "> 0: energy flows into the reservoir"; "" if none
  std::string meaning;  // one sentence
};

struct Series {
  Quantity what;
  std::vector<double> values;  // aligned with RunRecord::t
};

struct Scalar {
  Quantity what;
  double value = 0;
};

// A complex array (for instance density matrices over time), stored as float64 with a trailing
// dimension of 2 (real, imaginary) so that any HDF5 reader can open it.
struct ComplexArray {
  std::string name;
  std::vector<unsigned long long> shape;
  std::vector<std::complex<double>> data;  // row-major, product(shape) entries
};

struct RunRecord {
  std::vector<std::pair<std::string, AttrValue>> parameters;
  std::vector<double> t;
  std::vector<Series> observables;
  std::vector<Scalar> scalars;
  std::vector<ComplexArray> states;

  const Series* observable(const std::string& name) const;
  const Scalar* scalar(const std::string& name) const;
};

}  // namespace qtherm::io
