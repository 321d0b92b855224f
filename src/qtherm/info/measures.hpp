#pragma once
// Registry of information measures usable as output observables: parse a specification such as
// "discord(0:1)" against the parties of a model, then evaluate it on reduced states.
//
//   entropy(P) purity(P) min_eigenvalue(P) coherence_l1(P)       one group
//   mutual_information(A:B) conditional_entropy(A|B) concurrence(a:b)
//   negativity(A:B) log_negativity(A:B) discord(A:B)              two groups
//   correlation_information(G1:G2[:G3...])                        two or more groups
//
// Groups are separated by ':' ('|' for conditional_entropy, which also takes ':'), parties inside
// a group by ','. conditional_entropy(A|B) = S(A|B) = S(AB) − S(B); discord(A:B) = D(B|A) with
// the first group A measured (a qubit). Entropies, information and log_negativity in nats;
// concurrence, negativity, coherence, purity in "1". measure_catalog() lists them for
// `qtherm describe`.
#include <Eigen/Dense>
#include <functional>
#include <string>
#include <vector>

namespace qtherm::info {

struct MeasureSpec {
  std::string name;                      // e.g. "discord"
  std::vector<std::vector<int>> groups;  // groups in the written order; each group sorted
  std::string text;                      // the specification as written (trimmed)
};

// Throws std::invalid_argument naming the measure and what is wrong (unknown measure with the
// nearest known name, wrong number of groups, party out of range, overlapping groups, parties of
// the wrong dimension for concurrence/discord) given the local dimensions of the parties.
MeasureSpec parse_measure(const std::string& text, const std::vector<long>& local_dims);

// Reduced density matrix of the given parties (sorted ascending, party order preserved).
using ReduceFn = std::function<Eigen::MatrixXcd(const std::vector<int>&)>;
// Calls `reduce` exactly once, with the union of the spec's groups, so that with a collective
// reduce (space::partial_trace of a distributed state) every rank must call evaluate for the
// same specs in the same order. Validates the reduced state (square, Hermitian, unit trace,
// dimension of the parties) and the measure's requirements; throws std::invalid_argument whose
// message starts with the measure name.
double evaluate(const MeasureSpec& spec, const ReduceFn& reduce, const std::vector<long>& local_dims);

struct MeasureInfo {
  std::string name, syntax, unit, meaning;
};
std::vector<MeasureInfo> measure_catalog();

}  // namespace qtherm::info
