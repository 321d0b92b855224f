#include "qtherm/io/run_record.hpp"

namespace qtherm::io {

const Series* RunRecord::observable(const std::string& name) const {
  for (const auto& s : observables)
    if (s.what.name == name) return &s;
  return nullptr;
}

const Scalar* RunRecord::scalar(const std::string& name) const {
  for (const auto& s : scalars)
    if (s.what.name == name) return &s;
  return nullptr;
}

}  // namespace qtherm::io
