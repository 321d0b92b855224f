#pragma once
// Typed parameters: a parameter struct binds each member to its key in one declaration, and the
// same declaration both adds the keys to a Schema (the default is the member's initial value) and
// fills the struct from a validated Config:
//
//   struct Medium {
//     double omega = 1;
//     long levels = 20;
//     void bind(io::Binder& b) {
//       b.section("model");
//       b.key("omega", omega).unit("energy").positive().meaning("level spacing");
//       b.key("levels", levels).range(2, 256).meaning("Fock states kept");
//     }
//   };
//   io::declare<Medium>(schema);                 // at declaration
//   const auto m = io::read<Medium>(config);     // at run time
//
// A shared section is a struct of its own whose bind() every user calls. Member types: double
// (real), long (integer), bool (boolean), std::string (string, or choice with .choices()),
// std::vector<double> (list of reals), std::vector<std::string> (list of strings), and
// std::optional of those or of Eigen::MatrixXcd (an optional key: no default, empty when not given).
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "qtherm/io/config.hpp"
#include "qtherm/io/schema.hpp"

namespace qtherm::io {

// The named fields of one key (instead of a positional argument list).
class KeyBuilder {
 public:
  explicit KeyBuilder(KeySpec& spec) : spec_(spec) {}
  KeyBuilder& unit(std::string u);
  KeyBuilder& meaning(std::string m);
  KeyBuilder& choices(std::vector<std::string> names);  // a std::string member becomes a choice
  KeyBuilder& min(double v, bool exclusive = false);
  KeyBuilder& max(double v, bool exclusive = false);
  KeyBuilder& range(double lo, double hi) { return min(lo).max(hi); }
  KeyBuilder& positive() { return min(0, true); }  // (0, inf)
  KeyBuilder& non_negative() { return min(0); }    // [0, inf)
  KeyBuilder& resolve_paths(std::function<std::string(const std::string&, const std::string&)> f);

 private:
  KeySpec& spec_;
};

// Text of a default value as a user would write it (shortest round trip, e.g. 0.1, 1e-6, 1e+06 as 1e6).
std::string default_text(double v);
std::string default_text(long v);
std::string default_text(bool v);
std::string default_text(const std::string& v);
std::string default_text(const std::vector<double>& v);
std::string default_text(const std::vector<std::string>& v);

class Binder {
 public:
  // Keys bound from here on belong to this section.
  void section(std::string name) { section_ = std::move(name); }

  template <class T>
  KeyBuilder key(const std::string& name, T& member) {
    Entry& e = push(name, type_of(member), default_text(member));
    // An empty default (text, lists) is "no value": the member is then left empty.
    e.read = [&member](const Config& c, const KeySpec& k) {
      if (c.has(k.section, k.key))
        assign(c, k, member);
      else
        member = T{};
    };
    return KeyBuilder(e.spec);
  }
  template <class T>
  KeyBuilder key(const std::string& name, std::optional<T>& member) {
    Entry& e = push(name, type_of(T{}), "");
    e.read = [&member](const Config& c, const KeySpec& k) {
      member.reset();
      if (c.has(k.section, k.key)) assign(c, k, member.emplace());
    };
    return KeyBuilder(e.spec);
  }

  void declare(Schema& schema) const;
  void read(const Config& config) const;

 private:
  struct Entry {
    KeySpec spec;
    std::function<void(const Config&, const KeySpec&)> read;
  };
  Entry& push(const std::string& name, ValueType type, std::string default_value);

  static ValueType type_of(double) { return ValueType::real; }
  static ValueType type_of(long) { return ValueType::integer; }
  static ValueType type_of(bool) { return ValueType::boolean; }
  static ValueType type_of(const std::string&) { return ValueType::string; }
  static ValueType type_of(const std::vector<double>&) { return ValueType::real_list; }
  static ValueType type_of(const std::vector<std::string>&) { return ValueType::string_list; }
  static ValueType type_of(const Eigen::MatrixXcd&) { return ValueType::matrix; }
  static void assign(const Config& c, const KeySpec& k, double& v) { v = c.real(k.section, k.key); }
  static void assign(const Config& c, const KeySpec& k, long& v) { v = c.integer(k.section, k.key); }
  static void assign(const Config& c, const KeySpec& k, bool& v) { v = c.boolean(k.section, k.key); }
  static void assign(const Config& c, const KeySpec& k, std::string& v) { v = c.text(k.section, k.key); }
  static void assign(const Config& c, const KeySpec& k, std::vector<double>& v) { v = c.real_list(k.section, k.key); }
  static void assign(const Config& c, const KeySpec& k, std::vector<std::string>& v) {
    v = c.string_list(k.section, k.key);
  }
  static void assign(const Config& c, const KeySpec& k, Eigen::MatrixXcd& v) { v = c.matrix(k.section, k.key); }

  std::string section_ = "model";
  std::deque<Entry> entries_;  // stable addresses: KeyBuilders refer into it
};

// P has `void bind(Binder&)`; `p` holds the defaults (and any switches bind() looks at, e.g. which
// keys a model leaves to the user): declare and read with the same p.
template <class P>
void declare(Schema& schema, P p = P{}) {
  Binder b;
  p.bind(b);
  b.declare(schema);
}

template <class P>
P read(const Config& config, P p = P{}) {
  Binder b;
  p.bind(b);
  b.read(config);
  return p;
}

}  // namespace qtherm::io
