// The measure registry: parsing (groups, separators, every error class with its message),
// evaluation through a reduce callback against the direct dense functions (each measure, group
// orders, the one-call contract), validation of the reduced state, and the catalog.
#define BOOST_TEST_MODULE info_measures
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <set>

#include "dense_reference.hpp"
#include "error_messages.hpp"
#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/info/coherence.hpp"
#include "qtherm/info/discord.hpp"
#include "qtherm/info/entanglement.hpp"
#include "qtherm/info/entropy.hpp"
#include "qtherm/info/measures.hpp"
#include "qtherm/space/partial_trace.hpp"

using namespace qtherm::info;

namespace {
const std::vector<long> dims{2, 3, 2, 2};  // qubit, qutrit, qubit, qubit
const Dense rho = random_density_matrix(24, 17);

ReduceFn reducer(const Dense& r, const std::vector<long>& d, int* calls = nullptr) {
  return [r, d, calls](const std::vector<int>& parties) {
    if (calls) ++*calls;
    BOOST_TEST(std::is_sorted(parties.begin(), parties.end()));
    return qtherm::space::partial_trace(r, qtherm::space::TensorSpace(std::vector<PetscInt>(d.begin(), d.end())),
                                        parties);
  };
}
double eval(const std::string& text, const Dense& r = rho, const std::vector<long>& d = dims) {
  return evaluate(parse_measure(text, d), reducer(r, d), d);
}
}  // namespace

BOOST_AUTO_TEST_CASE(parsing) {
  const MeasureSpec m = parse_measure(" mutual_information(0:1) ", dims);
  BOOST_TEST(m.name == "mutual_information");
  BOOST_TEST(m.text == "mutual_information(0:1)");
  BOOST_TEST((m.groups == std::vector<std::vector<int>>{{0}, {1}}));
  BOOST_TEST((parse_measure("entropy(2,0)", dims).groups == std::vector<std::vector<int>>{{0, 2}}));
  BOOST_TEST((parse_measure("log_negativity(0:1, 2)", dims).groups == std::vector<std::vector<int>>{{0}, {1, 2}}));
  BOOST_TEST((parse_measure("conditional_entropy(0|1)", dims).groups == std::vector<std::vector<int>>{{0}, {1}}));
  BOOST_TEST((parse_measure("conditional_entropy(0:1)", dims).groups == std::vector<std::vector<int>>{{0}, {1}}));
  BOOST_TEST(parse_measure("correlation_information(0:1:2:3)", dims).groups.size() == 4u);
  BOOST_TEST((parse_measure("discord(2:1,3)", dims).groups == std::vector<std::vector<int>>{{2}, {1, 3}}));
  BOOST_TEST(parse_measure("concurrence(0:3)", dims).name == "concurrence");
}

BOOST_AUTO_TEST_CASE(parse_errors_name_the_measure_and_the_problem) {
  BOOST_CHECK_EXCEPTION(
      parse_measure("mutal_information(0:1)", dims), std::invalid_argument,
      starts("unknown measure 'mutal_information' in 'mutal_information(0:1)': did you mean 'mutual_information'?"));
  BOOST_CHECK_EXCEPTION(parse_measure("concurence(0:1)", dims), std::invalid_argument,
                        contains("did you mean 'concurrence'"));
  BOOST_CHECK_EXCEPTION(parse_measure("entropy", dims), std::invalid_argument,
                        starts("measure 'entropy': expected name(parties)"));
  BOOST_CHECK_EXCEPTION(parse_measure("mutual_information(0)", dims), std::invalid_argument,
                        starts("mutual_information 'mutual_information(0)': needs 2 groups of parties, got 1"));
  BOOST_CHECK_EXCEPTION(parse_measure("entropy(0:1)", dims), std::invalid_argument,
                        starts("entropy 'entropy(0:1)': needs 1 group of parties, got 2"));
  BOOST_CHECK_EXCEPTION(parse_measure("correlation_information(0,1)", dims), std::invalid_argument,
                        contains("needs at least 2 groups"));
  BOOST_CHECK_EXCEPTION(parse_measure("entropy(4)", dims), std::invalid_argument,
                        starts("entropy 'entropy(4)': party 4 out of range (the model has 4 parties, 0..3)"));
  BOOST_CHECK_EXCEPTION(parse_measure("entropy(-1)", dims), std::invalid_argument,
                        contains("'-1' is not a party number"));
  BOOST_CHECK_EXCEPTION(parse_measure("entropy(0,,1)", dims), std::invalid_argument,
                        contains("'' is not a party number"));
  BOOST_CHECK_EXCEPTION(parse_measure("mutual_information(0,1:1)", dims), std::invalid_argument,
                        starts("mutual_information 'mutual_information(0,1:1)': party 1 appears twice"));
  BOOST_CHECK_EXCEPTION(parse_measure("entropy(0,0)", dims), std::invalid_argument, contains("party 0 appears twice"));
  BOOST_CHECK_EXCEPTION(parse_measure("mutual_information(0|1)", dims), std::invalid_argument,
                        contains("'|' is for conditional_entropy"));
  BOOST_CHECK_EXCEPTION(parse_measure("conditional_entropy(0|1:2)", dims), std::invalid_argument,
                        contains("mixes ':' and '|'"));
  BOOST_CHECK_EXCEPTION(parse_measure("concurrence(0:1)", dims), std::invalid_argument,
                        starts("concurrence 'concurrence(0:1)': needs two qubits, group 2 has dimension 3"));
  BOOST_CHECK_EXCEPTION(parse_measure("concurrence(0:2,3)", dims), std::invalid_argument,
                        contains("needs two qubits, group 2 has dimension 4"));
  BOOST_CHECK_EXCEPTION(
      parse_measure("discord(1:0)", dims), std::invalid_argument,
      starts("discord 'discord(1:0)': the measured group A must be a qubit, group 1 has dimension 3"));
}

BOOST_AUTO_TEST_CASE(evaluation_matches_the_dense_functions) {
  const qtherm::space::TensorSpace h({2, 3, 2, 2});
  const auto red = [&](std::vector<int> k) { return qtherm::space::partial_trace(rho, h, k); };
  BOOST_TEST(std::abs(eval("entropy(0,2)") - von_neumann_entropy(red({0, 2}))) < 1e-14);
  BOOST_TEST(std::abs(eval("purity(1)") - purity(red({1}))) < 1e-14);
  BOOST_TEST(std::abs(eval("min_eigenvalue(0,1)") -
                      Eigen::SelfAdjointEigenSolver<Dense>(red({0, 1})).eigenvalues()(0)) < 1e-14);
  BOOST_TEST(std::abs(eval("coherence_l1(3,1)") - coherence_l1(red({1, 3}))) < 1e-14);
  BOOST_TEST(std::abs(eval("mutual_information(0:1)") - mutual_information(rho, dims, {0}, {1})) < 1e-14);
  BOOST_TEST(std::abs(eval("mutual_information(3:0,1)") - mutual_information(rho, dims, {3}, {0, 1})) < 1e-14);
  // S(0|1) = S(0,1) − S(1).
  BOOST_TEST(std::abs(eval("conditional_entropy(0|1)") -
                      (von_neumann_entropy(red({0, 1})) - von_neumann_entropy(red({1})))) < 1e-14);
  BOOST_TEST(std::abs(eval("conditional_entropy(2|0)") -
                      (von_neumann_entropy(red({0, 2})) - von_neumann_entropy(red({0})))) < 1e-14);
  const double ci = von_neumann_entropy(red({0})) + von_neumann_entropy(red({1})) + von_neumann_entropy(red({2, 3})) -
                    von_neumann_entropy(rho);
  BOOST_TEST(std::abs(eval("correlation_information(0:1:2,3)") - ci) < 1e-13);
  BOOST_TEST(std::abs(eval("concurrence(0:3)") - concurrence(red({0, 3}))) < 1e-14);
  BOOST_TEST(std::abs(eval("negativity(1:2)") - negativity(rho, dims, {1}, {2})) < 1e-14);
  BOOST_TEST(std::abs(eval("log_negativity(0:1,2)") - log_negativity(rho, dims, {0}, {1, 2})) < 1e-14);
  // discord(A:B) = D(B|A) with A first: discord(2:0) measures party 2.
  BOOST_TEST(std::abs(eval("discord(0:1)") - discord(red({0, 1}), 3).discord) < 1e-12);
  BOOST_TEST(std::abs(eval("discord(2:0)") - discord(rho, dims, {2}, {0})) < 1e-12);
  BOOST_TEST(std::abs(eval("discord(2:0)") - eval("discord(0:2)")) > 1e-6);  // asymmetric in general
  // A pure entangled state of two qubits embedded as parties 0 and 3: known values.
  Eigen::VectorXcd bell = Eigen::VectorXcd::Zero(4);
  bell(0) = bell(3) = 1 / std::sqrt(2.0);
  const Dense b = bell * bell.adjoint();
  const std::vector<long> d2{2, 2};
  BOOST_TEST(std::abs(eval("concurrence(0:1)", b, d2) - 1) < 1e-12);
  BOOST_TEST(std::abs(eval("discord(1:0)", b, d2) - std::log(2.0)) < 1e-10);
  BOOST_TEST(std::abs(eval("log_negativity(0:1)", b, d2) - std::log(2.0)) < 1e-14);
  BOOST_TEST(std::abs(eval("conditional_entropy(0|1)", b, d2) + std::log(2.0)) < 1e-14);
  // One reduce call per evaluation, with the union of the groups.
  int calls = 0;
  evaluate(parse_measure("correlation_information(0:1:3)", dims), reducer(rho, dims, &calls), dims);
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(evaluation_validates_the_reduced_state) {
  const MeasureSpec s = parse_measure("entropy(0)", dims);
  const auto give = [](Dense m) { return [m](const std::vector<int>&) { return m; }; };
  Dense nonherm = random_density_matrix(2, 1);
  nonherm(0, 1) += 0.01;
  BOOST_CHECK_EXCEPTION(evaluate(s, give(nonherm), dims), std::invalid_argument,
                        starts("entropy: density matrix is not Hermitian"));
  BOOST_CHECK_EXCEPTION(evaluate(s, give(Dense(1.5 * random_density_matrix(2, 1))), dims), std::invalid_argument,
                        starts("entropy: density matrix has trace 1.5, not one"));
  BOOST_CHECK_EXCEPTION(evaluate(parse_measure("concurrence(0:2)", dims), give(random_density_matrix(6, 1)), dims),
                        std::invalid_argument,
                        starts("concurrence: parties of dimensions 2x2 need a 4x4 state, got 6x6"));
  // A spec built by hand that parse_measure would reject: evaluate still checks.
  MeasureSpec bad{"concurrence", {{0}, {1}}, "concurrence(0:1)"};
  BOOST_CHECK_EXCEPTION(evaluate(bad, reducer(rho, dims), dims), std::invalid_argument,
                        starts("concurrence: needs two qubits (4x4 state), got dimensions 2 and 3 (6x6)"));
  MeasureSpec disc{"discord", {{1}, {0}}, "discord(1:0)"};
  BOOST_CHECK_EXCEPTION(evaluate(disc, reducer(rho, dims), dims), std::invalid_argument,
                        starts("discord: the measured group A must be one qubit"));
  MeasureSpec unknown{"nonsense", {{0}}, "nonsense(0)"};
  BOOST_CHECK_EXCEPTION(evaluate(unknown, reducer(rho, dims), dims), std::invalid_argument,
                        starts("nonsense: unknown measure"));
  MeasureSpec count{"mutual_information", {{0}}, "mutual_information(0)"};
  BOOST_CHECK_EXCEPTION(evaluate(count, reducer(rho, dims), dims), std::invalid_argument,
                        starts("mutual_information: wrong number of groups of parties (1)"));
  MeasureSpec range{"entropy", {{7}}, "entropy(7)"};
  BOOST_CHECK_EXCEPTION(evaluate(range, reducer(rho, dims), dims), std::invalid_argument,
                        starts("entropy: no party 7"));
}

BOOST_AUTO_TEST_CASE(catalog_lists_every_measure_with_units) {
  std::set<std::string> names;
  for (const auto& m : measure_catalog()) {
    names.insert(m.name);
    BOOST_TEST(m.syntax.rfind(m.name + "(", 0) == 0u);
    BOOST_TEST(!m.meaning.empty());
    // Every catalogued syntax parses once its placeholders are replaced by parties.
    std::string ex = m.syntax.substr(0, m.syntax.find('('));
    const bool one = m.syntax.find(':') == std::string::npos && m.syntax.find('|') == std::string::npos;
    BOOST_CHECK_NO_THROW(parse_measure(ex + (one ? "(0)" : "(0:2)"), dims));
  }
  const std::set<std::string> expected{"entropy",
                                       "purity",
                                       "min_eigenvalue",
                                       "coherence_l1",
                                       "mutual_information",
                                       "conditional_entropy",
                                       "correlation_information",
                                       "concurrence",
                                       "negativity",
                                       "log_negativity",
                                       "discord"};
  BOOST_TEST((names == expected));
  for (const auto& m : measure_catalog()) {
    const bool nat = m.name == "entropy" || m.name == "mutual_information" || m.name == "conditional_entropy" ||
                     m.name == "correlation_information" || m.name == "log_negativity" || m.name == "discord";
    BOOST_TEST(m.unit == (nat ? "nat" : "1"), m.name);
  }
}
