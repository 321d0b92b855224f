// The operator layer against dense references: local conventions, operator sums, superoperators
// (vec(AρB) = (Bᵀ⊗A)vec ρ), the dual map, functionals, the expression parser.
#define BOOST_TEST_MODULE operators
#include <boost/test/unit_test.hpp>

#include "dense_reference.hpp"
#include "petsc_fixture.hpp"
#include "qtherm/space/vectorize.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/operators/expression.hpp"
#include "qtherm/space/partial_trace.hpp"

using namespace qtherm;
using operators::OperatorSum;

namespace {
const std::vector<long> kDims = {2, 3, 2};
space::TensorSpace space3() { return space::TensorSpace({2, 3, 2}); }
Dense named(const std::string& n, long d) { return operators::local_operator(n, d); }

// Every kind of term the model layer uses, on three parties of mixed dimension.
operators::SuperOperator rich_generator(const space::TensorSpace& h) {
  OperatorSum H(h);
  H.add("sz", 0, 0.7).add("n", 1, 1.1);
  H.add(operators::local(h, "sx", 0) * operators::local(h, "a", 1) * operators::local(h, "sy", 2), {0.3, -0.2});
  H.add(H.adjoint());  // make it Hermitian
  auto L = operators::hamiltonian_part(H);
  L.add(operators::dissipator(operators::local(h, "a", 1), 0.4));
  L.add(operators::dissipator(operators::local(h, "sp", 2), 0.25));
  L.add(operators::cascade(operators::local(h, "sm", 0), operators::local(h, "sm", 2), 0.6));
  Eigen::MatrixXcd g(2, 2);
  g << 1.0, std::complex<double>(0.3, 0.1), std::complex<double>(0.3, -0.1), 0.5;
  L.add(operators::gksl({operators::local(h, "sm", 0), operators::local(h, "adag", 1)}, g));
  return L;
}

Dense dense_liouvillian(const operators::SuperOperator& L) {
  const long n = L.liouville().dim();
  Dense M = Dense::Zero(n, n);
  operators::Row row;
  for (long r = 0; r < n; ++r) {
    row.clear();
    L.append_row(r, row);
    for (const auto& [c, v] : row) M(r, c) += v;
  }
  return M;
}
}  // namespace

BOOST_AUTO_TEST_CASE(local_operator_conventions) {
  // Index 0 is the excited state: σz|0> = |0>, σ+|1> = |0>.
  BOOST_TEST(named("sz", 2)(0, 0).real() == 1.0);
  BOOST_TEST(named("sz", 2)(1, 1).real() == -1.0);
  BOOST_TEST(named("sp", 2)(0, 1).real() == 1.0);
  BOOST_TEST((named("sx", 2) * named("sy", 2) - std::complex<double>(0, 1) * named("sz", 2)).norm() == 0.0);
  const Dense a = named("a", 4);
  BOOST_TEST((a.adjoint() * a - named("n", 4)).norm() < 1e-15);
  BOOST_TEST(std::abs(a(2, 3) - std::sqrt(3.0)) < 1e-15);
  BOOST_CHECK_THROW(named("sz", 3), std::invalid_argument);
  BOOST_CHECK_THROW(named("bogus", 2), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(operator_sums_match_kronecker_products) {
  const auto h = space3();
  OperatorSum O(h);
  O.add("sx", 0, 0.5).add(operators::local(h, "a", 1) * operators::local(h, "sz", 2), {0, 2});
  const Dense ref = 0.5 * embed(named("sx", 2), 0, kDims) +
                    std::complex<double>(0, 2) * embed(named("a", 3), 1, kDims) * embed(named("sz", 2), 2, kDims);
  BOOST_TEST((O.dense() - ref).norm() < 1e-14);
  BOOST_TEST((O.adjoint().dense() - ref.adjoint()).norm() < 1e-14);
  BOOST_TEST((O.transpose().dense() - Dense(ref.transpose())).norm() < 1e-14);
  BOOST_TEST(((O * O.adjoint()).dense() - ref * ref.adjoint()).norm() < 1e-13);
}

BOOST_AUTO_TEST_CASE(dissipator_matches_the_kronecker_formula) {
  const space::TensorSpace h({3});
  const Dense c = named("a", 3) + 0.3 * named("n", 3);
  OperatorSum co(h);
  co.add(operators::local(h, "a", 0)).add("n", 0, 0.3);
  BOOST_TEST((dense_liouvillian(operators::dissipator(co, 1.0)) - dissipator_kron(c)).norm() < 1e-14);
}

BOOST_AUTO_TEST_CASE(liouville_rows_apply_the_map) {
  const auto h = space3();
  const auto L = rich_generator(h);
  const Dense rho = random_density_matrix(h.dim(), 7);
  const Eigen::VectorXcd lhs = dense_liouvillian(L) * vec(rho);
  BOOST_TEST((lhs - vec(L.apply(rho))).norm() < 1e-12);
  // Trace preservation: tr L(ρ) = 0 for a GKSL generator with cascades between distinct parties.
  BOOST_TEST(std::abs(L.apply(rho).trace()) < 1e-13);
  // The dual map: tr(O L(ρ)) = tr(L*(O) ρ).
  const Dense O = embed(named("n", 3), 1, kDims) + embed(named("sx", 2), 2, kDims);
  OperatorSum Os(h);
  Os.add("n", 1).add("sx", 2);
  BOOST_TEST(std::abs((O * L.apply(rho)).trace() - (L.dual(Os).dense() * rho).trace()) < 1e-12);
}

BOOST_AUTO_TEST_CASE(assembled_matrix_functionals_and_partial_traces_on_one_rank) {
  const auto h = space3();
  const space::LiouvilleSpace ls(h);
  const auto L = rich_generator(h);
  const Dense rho = random_density_matrix(h.dim(), 11);
  auto A = operators::assemble(PETSC_COMM_SELF, L);
  auto x = space::vectorize(PETSC_COMM_SELF, rho, ls);
  auto y = parallel::duplicate(x);
  QTHERM_PETSC(MatMult(A, x, y));
  const Dense Ly = space::gather_density_matrix(y, ls);
  BOOST_TEST((Ly - L.apply(rho)).norm() < 1e-12);
  OperatorSum O(h);
  O.add("sz", 0).add("adag", 1, 0.5);
  auto w = operators::functional(O, x);
  PetscScalar v = 0;
  QTHERM_PETSC(VecTDot(x, w, &v));
  BOOST_TEST(std::abs(v - (O.dense() * rho).trace()) < 1e-13);
  for (const std::vector<int>& keep : {std::vector<int>{0}, {1}, {0, 2}, {2, 1}})
    BOOST_TEST((space::partial_trace(x, ls, keep) - space::partial_trace(rho, h, keep)).norm() < 1e-14);
  // Product states vectorize without forming the product.
  const std::vector<Dense> locals = {random_density_matrix(2, 1), random_density_matrix(3, 2),
                                     random_density_matrix(2, 3)};
  auto p = space::vectorize_product(PETSC_COMM_SELF, locals, ls);
  const Dense full = Eigen::kroneckerProduct(Eigen::kroneckerProduct(locals[0], locals[1]).eval(), locals[2]).eval();
  BOOST_TEST((space::gather_density_matrix(p, ls) - full).norm() < 1e-14);
}

BOOST_AUTO_TEST_CASE(expression_parser) {
  const auto h = space3();
  const std::map<std::string, Dense> user = {{"P", (Dense(2, 2) << 1, 0, 0, 0).finished()}};
  const auto O = operators::parse_operator("0.5*sz(0) - (0.1+0.2i)*sx(0)*a(1) + 2i*P(2) + 3*n(1)*adag(1)", h, user);
  const Dense ref = 0.5 * embed(named("sz", 2), 0, kDims) -
                    std::complex<double>(0.1, 0.2) * embed(named("sx", 2), 0, kDims) * embed(named("a", 3), 1, kDims) +
                    std::complex<double>(0, 2) * embed(user.at("P"), 2, kDims) +
                    3.0 * embed(named("n", 3) * named("adag", 3), 1, kDims);
  BOOST_TEST((O.dense() - ref).norm() < 1e-14);
  for (const char* bad : {"", "sz(5)", "sz(0) +", "0.5*", "sz 0", "foo(0)", "sz(0))", "(1+2i*sz(0)"})
    BOOST_CHECK_THROW(operators::parse_operator(bad, h, user), std::invalid_argument);
}
