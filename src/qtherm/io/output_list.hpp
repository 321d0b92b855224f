#pragma once
// Outputs declared once: each quantity (name, unit, sign, meaning) is bound to the member of a values
// struct that holds it, so the declaration `describe` lists and the record `run()` writes come from
// the same table and cannot drift apart by position:
//
//   struct Steady { double beta_eff = 0, p_e = 0; };
//   const io::OutputList<Steady> kSteady = {
//       {{"beta_eff", "1/energy", "", "effective inverse temperature"}, &Steady::beta_eff},
//       {{"steady_p_e", "1", "", "excited population"}, &Steady::p_e}};
//   scalars():  return kSteady.quantities();
//   run():      kSteady.write(rec.scalars, steady);        // every declared one, nothing else
//
// Observables sampled over time: append() one values struct per output time to columns from
// empty_columns(), then write_columns(rec.observables, columns).
#include <initializer_list>
#include <utility>
#include <vector>

#include "qtherm/io/run_record.hpp"

namespace qtherm::io {

// T = double: scalars, or one row per output time; T = std::vector<double>: whole series.
template <class Values, class T = double>
class OutputList {
 public:
  using Entry = std::pair<Quantity, T Values::*>;
  OutputList(std::initializer_list<Entry> entries) : entries_(entries) {}
  explicit OutputList(std::vector<Entry> entries) : entries_(std::move(entries)) {}

  std::vector<Quantity> quantities() const {
    std::vector<Quantity> q;
    for (const auto& e : entries_) q.push_back(e.first);
    return q;
  }
  size_t size() const { return entries_.size(); }

  // Scalars (T = double) or series (T = std::vector<double>): one per declared quantity.
  template <class Out>
  void write(std::vector<Out>& out, const Values& v) const {
    for (const auto& [what, member] : entries_) out.push_back({what, v.*member});
  }

  // Rows over output times (T = double): columns[i] belongs to the i-th declared quantity.
  std::vector<std::vector<double>> empty_columns() const { return std::vector<std::vector<double>>(size()); }
  void append(std::vector<std::vector<double>>& columns, const Values& v) const {
    for (size_t i = 0; i < entries_.size(); ++i) columns.at(i).push_back(v.*(entries_[i].second));
  }
  void write_columns(std::vector<Series>& out, std::vector<std::vector<double>> columns) const {
    for (size_t i = 0; i < entries_.size(); ++i) out.push_back({entries_[i].first, std::move(columns.at(i))});
  }

 private:
  std::vector<Entry> entries_;
};

}  // namespace qtherm::io
