#include "qtherm/info/measures.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "qtherm/info/coherence.hpp"
#include "qtherm/info/discord.hpp"
#include "qtherm/info/entanglement.hpp"
#include "qtherm/info/entropy.hpp"
#include "qtherm/info/state_checks.hpp"

namespace qtherm::info {
namespace {

struct Entry {
  MeasureInfo info;
  int min_groups, max_groups;  // max < 0: unbounded
  long qubit_groups;           // leading groups that must have dimension 2
};

// Groups: at least `min`, at most `max` (< 0: unbounded); the first `qubits` groups must have
// dimension 2.
Entry entry(int min, int max, long qubits, const char* name, const char* syntax, const char* unit,
            const char* meaning) {
  return {{name, syntax, unit, meaning}, min, max, qubits};
}

const std::vector<Entry>& table() {
  static const std::vector<Entry> t = {
      entry(1, 1, 0, "entropy", "entropy(P)", "nat", "von Neumann entropy S(P) = -tr rho_P ln rho_P of the parties P"),
      entry(1, 1, 0, "purity", "purity(P)", "1", "tr rho_P^2"),
      entry(1, 1, 0, "min_eigenvalue", "min_eigenvalue(P)", "1",
            "smallest eigenvalue of rho_P (below zero when positivity is lost numerically)"),
      entry(1, 1, 0, "coherence_l1", "coherence_l1(P)", "1",
            "l1-norm of coherence sum_{i!=j} |rho_ij| of rho_P in the computational basis"),
      entry(2, 2, 0, "mutual_information", "mutual_information(A:B)", "nat", "I(A:B) = S(A) + S(B) - S(AB)"),
      entry(2, 2, 0, "conditional_entropy", "conditional_entropy(A|B)", "nat", "S(A|B) = S(AB) - S(B)"),
      entry(2, -1, 0, "correlation_information", "correlation_information(G1:G2[:G3...])", "nat",
            "total correlation sum_i S(G_i) - S(G_1...G_N)"),
      entry(2, 2, 2, "concurrence", "concurrence(a:b)", "1", "Wootters concurrence of two qubits a, b"),
      entry(2, 2, 0, "negativity", "negativity(A:B)", "1",
            "(||rho^{T_A}||_1 - 1)/2 of the state of A and B (partial transpose on A)"),
      entry(2, 2, 0, "log_negativity", "log_negativity(A:B)", "nat",
            "ln ||rho^{T_A}||_1 of the state of A and B (natural log)"),
      entry(2, 2, 1, "discord", "discord(A:B)", "nat",
            "quantum discord D(B|A): projective measurement on the qubit A (first group), B of any dimension"),
  };
  return t;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

const Entry& find(const std::string& name, const std::string& text) {
  for (const auto& e : table())
    if (e.info.name == name) return e;
  const Entry* near = &table().front();
  for (const auto& e : table())
    if (edit_distance(name, e.info.name) < edit_distance(name, near->info.name)) near = &e;
  std::string known;
  for (const auto& e : table()) known += (known.empty() ? "" : ", ") + e.info.name;
  throw std::invalid_argument("unknown measure '" + name + "' in '" + text + "': did you mean '" + near->info.name +
                              "'? (known: " + known + ")");
}

std::vector<int> parse_group(const std::string& g, const std::string& who, const std::vector<long>& dims) {
  std::vector<int> parties;
  size_t pos = 0;
  while (true) {
    const size_t comma = g.find(',', pos);
    const std::string item = trim(g.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    if (item.empty() || !std::all_of(item.begin(), item.end(), [](unsigned char c) { return std::isdigit(c); }) ||
        item.size() > 9)
      throw std::invalid_argument(who + ": '" + item + "' is not a party number (parties are 0.." +
                                  std::to_string(long(dims.size()) - 1) + ")");
    const int k = std::stoi(item);
    if (k >= int(dims.size()))
      throw std::invalid_argument(who + ": party " + item + " out of range (the model has " +
                                  std::to_string(dims.size()) + " parties, 0.." + std::to_string(dims.size() - 1) +
                                  ")");
    parties.push_back(k);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  std::sort(parties.begin(), parties.end());
  return parties;
}

}  // namespace

MeasureSpec parse_measure(const std::string& text_in, const std::vector<long>& dims) {
  const std::string text = trim(text_in);
  const size_t open = text.find('(');
  if (open == std::string::npos || text.back() != ')')
    throw std::invalid_argument("measure '" + text + "': expected name(parties), e.g. entropy(0) or discord(0:1)");
  MeasureSpec spec{trim(text.substr(0, open)), {}, text};
  const Entry& entry = find(spec.name, text);
  const std::string who = spec.name + " '" + text + "'";
  const std::string inside = text.substr(open + 1, text.size() - open - 2);
  const bool bar = inside.find('|') != std::string::npos;
  if (bar && spec.name != "conditional_entropy")
    throw std::invalid_argument(who + ": groups are separated by ':' ('|' is for conditional_entropy)");
  if (bar && inside.find(':') != std::string::npos)
    throw std::invalid_argument(who + ": mixes ':' and '|' between groups");
  const char sep = bar ? '|' : ':';
  for (size_t pos = 0;;) {
    const size_t s = inside.find(sep, pos);
    spec.groups.push_back(
        parse_group(inside.substr(pos, s == std::string::npos ? std::string::npos : s - pos), who, dims));
    if (s == std::string::npos) break;
    pos = s + 1;
  }
  const int n = int(spec.groups.size());
  if (n < entry.min_groups || (entry.max_groups >= 0 && n > entry.max_groups))
    throw std::invalid_argument(
        who + ": needs " +
        (entry.max_groups < 0 ? "at least " + std::to_string(entry.min_groups) : std::to_string(entry.min_groups)) +
        " group" + (entry.min_groups > 1 ? "s" : "") + " of parties, got " + std::to_string(n) + " (syntax " +
        entry.info.syntax + ")");
  std::vector<int> all;
  for (const auto& g : spec.groups) all.insert(all.end(), g.begin(), g.end());
  std::sort(all.begin(), all.end());
  const auto dup = std::adjacent_find(all.begin(), all.end());
  if (dup != all.end())
    throw std::invalid_argument(who + ": party " + std::to_string(*dup) + " appears twice (groups must not overlap)");
  for (long g = 0; g < entry.qubit_groups; ++g) {
    long d = 1;
    for (int k : spec.groups[g]) d *= dims[k];
    if (d != 2)
      throw std::invalid_argument(who + ": " +
                                  (spec.name == "concurrence" ? std::string("needs two qubits")
                                                              : std::string("the measured group A must be a qubit")) +
                                  ", group " + std::to_string(g + 1) + " has dimension " + std::to_string(d));
  }
  return spec;
}

double evaluate(const MeasureSpec& spec, const ReduceFn& reduce, const std::vector<long>& dims) {
  const std::string& name = spec.name;
  const auto entry = std::find_if(table().begin(), table().end(), [&](const Entry& e) { return e.info.name == name; });
  if (entry == table().end()) throw std::invalid_argument(name + ": unknown measure");
  const int n = int(spec.groups.size());
  if (n < entry->min_groups || (entry->max_groups >= 0 && n > entry->max_groups))
    throw std::invalid_argument(name + ": wrong number of groups of parties (" + std::to_string(n) + "), syntax " +
                                entry->info.syntax);
  std::vector<int> all;
  for (const auto& g : spec.groups) all.insert(all.end(), g.begin(), g.end());
  std::sort(all.begin(), all.end());
  if (all.empty()) throw std::invalid_argument(name + ": no parties");
  if (std::adjacent_find(all.begin(), all.end()) != all.end())
    throw std::invalid_argument(name + ": groups of parties overlap");
  std::vector<long> sub;  // dimensions of the reduced state's parties
  for (int k : all) {
    if (k < 0 || k >= int(dims.size())) throw std::invalid_argument(name + ": no party " + std::to_string(k));
    sub.push_back(dims[k]);
  }
  // Relabel the groups by position in the reduced state.
  std::vector<std::vector<int>> groups = spec.groups;
  for (auto& g : groups)
    for (int& k : g) k = int(std::lower_bound(all.begin(), all.end(), k) - all.begin());
  try {
    const Eigen::MatrixXcd rho = reduce(all);
    check_state(rho, sub, name);
    if (name == "entropy") return von_neumann_entropy(rho);
    if (name == "purity") return purity(rho);
    if (name == "min_eigenvalue") return eigenvalues(rho)(0);
    if (name == "coherence_l1") return coherence_l1(rho);
    if (name == "correlation_information") return correlation_information(rho, sub, groups);
    const auto &a = groups[0], &b = groups[1];
    if (name == "mutual_information") return mutual_information(rho, sub, a, b);
    if (name == "conditional_entropy") return conditional_entropy(rho, sub, a, b);
    if (name == "negativity") return negativity(rho, sub, a, b);
    if (name == "log_negativity") return log_negativity(rho, sub, a, b);
    if (name == "discord") return discord(rho, sub, a, b);
    if (name == "concurrence") {
      long da = 0, db = 0;
      const Eigen::MatrixXcd ab = bipartite_state(rho, sub, a, b, da, db, name);
      if (da != 2 || db != 2)
        throw std::invalid_argument("concurrence: needs two qubits (4x4 state), got dimensions " + std::to_string(da) +
                                    " and " + std::to_string(db) + " (" + std::to_string(da * db) + "x" +
                                    std::to_string(da * db) + ")");
      return concurrence(ab);
    }
  } catch (const std::invalid_argument& e) {
    // Library functions name themselves (e.g. "entropy"); make sure the spec's name leads.
    const std::string what = e.what();
    if (what.rfind(name + ":", 0) == 0) throw;
    throw std::invalid_argument(name + ": " + what);
  }
  throw std::logic_error(name + ": in the measure table but not evaluated");  // unreachable
}

std::vector<MeasureInfo> measure_catalog() {
  std::vector<MeasureInfo> out;
  for (const auto& e : table()) out.push_back(e.info);
  return out;
}

}  // namespace qtherm::info
