#include "qtherm/base/error.hpp"

namespace qtherm {
namespace {
std::string format(const std::string& file, const std::string& section, const std::string& key,
                   const std::string& reason) {
  std::string s;
  if (!file.empty()) s += file + ": ";
  if (!section.empty()) s += "[" + section + "] ";
  if (!key.empty()) s += key + ": ";
  return s + reason;
}
}  // namespace

InputError::InputError(std::string file, std::string section, std::string key, std::string reason)
    : std::runtime_error(format(file, section, key, reason)),
      file_(std::move(file)),
      section_(std::move(section)),
      key_(std::move(key)),
      reason_(std::move(reason)) {}

InputError InputError::in_file(const std::string& file) const { return InputError(file, section_, key_, reason_); }

}  // namespace qtherm
