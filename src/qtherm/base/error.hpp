#pragma once
// Exceptions that carry their context: a failed library call (Error) or bad user input (InputError).
#include <stdexcept>
#include <string>

namespace qtherm {

// A failure inside qtherm or a library it calls: what was called, where, and why.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

// Bad input from the user: the same on every rank (it comes from the configuration), so every
// rank can exit cleanly with one line instead of aborting the job.
// Formatted as "<file>: [<section>] <key>: <reason>"; empty parts are left out.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::string section, std::string key, std::string reason);
  const std::string& file() const { return file_; }
  const std::string& section() const { return section_; }
  const std::string& key() const { return key_; }
  const std::string& reason() const { return reason_; }
  // The same error attributed to a configuration file (the layer that knows the file adds it).
  InputError in_file(const std::string& file) const;

 private:
  std::string file_, section_, key_, reason_;
};

}  // namespace qtherm
