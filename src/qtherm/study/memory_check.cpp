#include "qtherm/study/memory_check.hpp"

#include <algorithm>
#include <cmath>

#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/base/memory.hpp"
#include "qtherm/base/parse.hpp"
#include "qtherm/study/study_keys.hpp"

namespace qtherm::study {
namespace {

double total(const MemoryEstimate& e) {
  double sum = 0;
  for (const auto& t : e) sum += t.now();
  return sum;
}

// The largest whole value v <= the dominant term's value for which every term driven by the same key
// (at v) plus the other terms (as they are) stays within `limit`, or 0 if none.
double largest_fitting(const MemoryEstimate& e, const MemoryTerm& dominant, double fixed, double limit) {
  const auto at = [&](double v) {
    double sum = fixed;
    for (const auto& t : e) sum += t.section == dominant.section && t.key == dominant.key ? t.bytes(v) : t.now();
    return sum;
  };
  double hi = std::floor(dominant.value);
  if (hi < 1 || at(1) > limit) return 0;
  double lo = 1;
  while (hi > lo) {  // invariant: lo fits
    const double mid = std::floor(lo + (hi - lo + 1) / 2);
    if (at(mid) <= limit)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

std::string term_text(const MemoryTerm& t) { return t.what + " " + format_bytes(t.now()); }

}  // namespace

int ranks_per_group(const io::Config& c, long points, int ranks) {
  long groups = io::read<StudyKeys>(c).groups;
  if (groups == 0) groups = std::max(1L, std::min<long>(ranks, points));
  return static_cast<int>(std::max(1L, ranks / groups));
}

MemoryVerdict memory_budget(const io::Config& c, long points, const RankLayout& layout) {
  MemoryVerdict v;
  v.ranks_per_group = ranks_per_group(c, points, layout.ranks);
  const std::string limit_text = trim(io::read<StudyKeys>(c).memory_limit);
  if (!limit_text.empty() && limit_text != "auto") {
    try {
      v.limit = parse_bytes(limit_text);
    } catch (const std::invalid_argument& e) {
      throw c.error("run", "memory_limit", e.what());
    }
    v.limit_source = "[run] memory_limit";
  } else {
    const int sharing = std::max(1, std::min(layout.ranks, layout.ranks_on_node));
    v.limit = available_memory_bytes() / sharing;
    v.limit_source = "this node's memory (cgroup limit or physical) shared by " + std::to_string(sharing) + " rank(s)";
  }
  v.baseline = resident_bytes();
  v.estimate = v.baseline;
  return v;
}

void check_point_memory(const models::Model& model, const io::Config& c, long index, const std::string& label,
                        MemoryVerdict& v) {
  const MemoryEstimate e = model.memory_estimate(c, v.ranks_per_group);
  const double bytes = v.baseline + total(e);
  if (e.empty()) return;
  const auto dominant =
      std::max_element(e.begin(), e.end(), [](const MemoryTerm& a, const MemoryTerm& b) { return a.now() < b.now(); });
  if (bytes <= v.limit) {
    if (bytes > v.estimate || v.dominant.empty()) {
      v.estimate = bytes, v.point = index;
      v.dominant = "[" + dominant->section + "] " + dominant->key + ": " + term_text(*dominant);
    }
    return;
  }
  std::string parts;
  for (const auto& t : e) parts += term_text(t) + "; ";
  // The key's own terms vary with it; the others count as they are (so does the baseline).
  const double fits = largest_fitting(e, *dominant, v.baseline, v.limit);
  const std::string what = dominant->quantity.empty() ? dominant->key : dominant->quantity;
  throw c.error(dominant->section, dominant->key,
                (label.empty() ? "" : label + ": ") + "needs about " + format_bytes(bytes) + " per rank at " +
                    std::to_string(v.ranks_per_group) + " rank(s) (" + parts + "baseline " + format_bytes(v.baseline) +
                    ") but " + format_bytes(v.limit) + " are available per rank (" + v.limit_source + "); " +
                    (fits >= 1 ? "the largest " + what + " that fits is " + format_number(fits, 15)
                               : "even " + what + " = 1 does not fit") +
                    " (or more ranks, or [run] memory_limit to override)");
}

std::string describe_verdict(const MemoryVerdict& v) {
  return "memory: estimate " + format_bytes(v.estimate) + " per rank (baseline " + format_bytes(v.baseline) +
         (v.dominant.empty() ? "" : "; largest term " + v.dominant) + "), " + format_bytes(v.limit) + " available (" +
         v.limit_source + ")";
}

}  // namespace qtherm::study
