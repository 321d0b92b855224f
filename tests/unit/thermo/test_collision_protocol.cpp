// The multipartite collision protocol: the distributed engine against the dense single-party collision
// map (seed 004), the first law per step (thermo/collision_energetics), the continuous limit against seed 000's printed
// cascade master equation (Eqs. 8–10) and the dense single-party limit, and the discrete cascade converging to its
// limit at first order in dt.
#define BOOST_TEST_MODULE collision_protocol
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <unsupported/Eigen/KroneckerProduct>

#include "petsc_fixture.hpp"
#include "qtherm/base/eigen_exp.hpp"
#include "qtherm/dynamics/state.hpp"
#include "qtherm/operators/local_operator.hpp"
#include "qtherm/dynamics/collision_engine.hpp"
#include "qtherm/dynamics/collision_limit.hpp"
#include "qtherm/dynamics/collision_map.hpp"
#include "qtherm/dynamics/protocol_limit.hpp"
#include "qtherm/thermo/collision_energetics.hpp"

using namespace qtherm;
using Dense = Eigen::MatrixXcd;
using cplx = std::complex<double>;

namespace {
Dense op(const char* n, long d = 2) { return operators::local_operator(n, d); }
Dense kron(const Dense& a, const Dense& b) { return Eigen::kroneckerProduct(a, b).eval(); }

// Party kinds: qubit or oscillator with `levels`, exchange coupling 2(x σ+ + x† σ−) with a qubit ancilla.
dynamics::PartyCoupling exchange_coupling(int party, const Dense& x) {
  return {party, {{2.0 * x.adjoint(), op("sm")}, {2.0 * x, op("sp")}}};
}

dynamics::CollisionProtocol cascade(int n, long levels, double beta, double dt, bool oscillators) {
  dynamics::CollisionProtocol p(space::TensorSpace(std::vector<PetscInt>(n, oscillators ? levels : 2)));
  p.H_R = 0.5 * op("sz");
  p.beta = beta, p.dt = dt, p.g0 = 0.8;
  for (int k = 0; k < n; ++k) {
    p.local_H.push_back(oscillators ? Dense(op("n", levels)) : Dense(0.5 * op("sz")));
    p.H_S.add(operators::ProductTerm{1.0, {{k, p.local_H.back()}}});
    p.couplings.push_back(exchange_coupling(k, oscillators ? op("a", levels) : op("sm")));
    p.stages.push_back({k, 0});
  }
  return p;
}

Dense random_state(long d, unsigned seed) {
  std::srand(seed);
  const Dense a = Dense::Random(d, d);
  Dense r = a * a.adjoint();
  return r / r.trace();
}

Dense vec(const Dense& m) { return Eigen::Map<const Eigen::VectorXcd>(m.data(), m.size()); }
Dense unvec(const Eigen::VectorXcd& v, long d) { return Eigen::Map<const Dense>(v.data(), d, d); }

Dense liouvillian(const operators::SuperOperator& L, long d) {
  Dense M(d * d, d * d);
  for (long c = 0; c < d * d; ++c) {
    Dense e = Dense::Zero(d, d);
    e(c % d, c / d) = 1;
    M.col(c) = vec(L.apply(e));
  }
  return M;
}
}  // namespace

BOOST_AUTO_TEST_CASE(single_party_engine_equals_dense_collision_map) {
  // Seed 004's qubit with a generic coupling, the party's and ancilla's Hamiltonians in the collision.
  const Dense Hs = 0.5 * 1.3 * op("sz"), Ha = 0.5 * op("sz");
  const Dense V = 0.9 * kron(op("sx"), op("sx")) - 0.4 * kron(op("sy"), op("sy")) + 0.3 * kron(op("sz"), op("sy"));
  const double dt = 0.05, g0 = 1.1, beta = 0.7;
  const dynamics::CollisionModel dense(Hs, Ha, V, g0 / std::sqrt(dt), dt, beta);
  dynamics::CollisionProtocol p(space::TensorSpace({2}));
  p.H_S.add(operators::ProductTerm{1.0, {{0, Hs}}});
  p.local_H = {Hs};
  p.H_R = Ha;
  p.beta = beta, p.dt = dt, p.g0 = g0, p.free_in_collisions = true;
  p.couplings = {{0, {{0.9 * op("sx"), op("sx")}, {-0.4 * op("sy"), op("sy")}, {0.3 * op("sz"), op("sy")}}}};
  p.stages = {{0, 0}};
  dynamics::CollisionEngine engine(PETSC_COMM_SELF, p);
  Dense rho = random_state(2, 3);
  auto state = engine.initial_dense(rho);
  for (int k = 0; k < 40; ++k) {
    const auto ref_step = dense.step(rho);
    const auto ref = thermo::collision_energetics(dense, rho, ref_step);
    const auto step = engine.step(state, k % 10 == 0);
    const auto st = thermo::protocol_energetics(step, 1);
    if (k % 10 == 0) BOOST_TEST(std::abs(step.mutual_information - ref.mutual_information) < 1e-12);
    BOOST_TEST(std::abs(st.heat - ref.heat) < 1e-13);
    BOOST_TEST(std::abs(st.work - ref.work) < 1e-13);
    BOOST_TEST(std::abs(st.energy_change - ref.energy_change) < 1e-13);
    BOOST_TEST(std::abs(st.first_law_residual) < 1e-12);
    rho = ref_step.rho_after;
    BOOST_TEST((engine.reduced(state, {0}) - rho).norm() < 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(first_law_per_step_for_cascades_and_free_stages) {
  for (bool osc : {false, true}) {
    auto p = cascade(2, 4, 0.6, 0.02, osc);
    p.free_in_collisions = osc;  // both forms of the collision generator
    p.H_S.add(operators::ProductTerm{
        0.3, {{0, op(osc ? "adag" : "sp", osc ? 4 : 2)}, {1, op(osc ? "a" : "sm", osc ? 4 : 2)}}});
    p.H_S.add(operators::ProductTerm{
        0.3, {{0, op(osc ? "a" : "sm", osc ? 4 : 2)}, {1, op(osc ? "adag" : "sp", osc ? 4 : 2)}}});
    p.stages.insert(p.stages.begin() + 1, {-1, 0.03});  // A, free, B
    dynamics::CollisionEngine engine(PETSC_COMM_SELF, p);
    const long d = osc ? 4 : 2;
    auto state = engine.initial_dense(random_state(d * d, 5));
    double worst = 0;
    for (int k = 0; k < 50; ++k) {
      const auto st = thermo::protocol_energetics(engine.step(state), 2);
      worst = std::max(worst, std::abs(st.energy_change - (st.work - st.heat)));
      BOOST_TEST(std::abs(st.party_heat[0] + st.party_heat[1] - st.heat) < 1e-13);
    }
    BOOST_TEST(worst < 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(cascade_limit_is_seed000_eqs_8_to_10) {
  // Eqs. (8)-(10) with S_k = R_k = sx, sy (V_X = sum_i s_Xi (x) s_Ri), written out term by term.
  dynamics::CollisionProtocol p(space::TensorSpace({2, 2}));
  p.H_R = 0.5 * op("sz");
  p.beta = 0.9, p.dt = 0.01, p.g0 = std::sqrt(0.7);
  p.local_H = {0.5 * op("sz"), 0.5 * op("sz")};
  p.H_S.add("sz", 0, 0.5).add("sz", 1, 0.5);
  for (int x = 0; x < 2; ++x) p.couplings.push_back({x, {{op("sx"), op("sx")}, {op("sy"), op("sy")}}});
  p.stages = {{0, 0}, {1, 0}};
  const auto lim = dynamics::continuous_limit(p);
  const Dense eta = dynamics::gibbs(p.H_R, p.beta);
  const Dense I2 = Dense::Identity(2, 2);
  const Dense SA[2] = {kron(op("sx"), I2), kron(op("sy"), I2)}, SB[2] = {kron(I2, op("sx")), kron(I2, op("sy"))};
  const Dense R[2] = {op("sx"), op("sy")};
  const double gamma = 0.7;
  auto corr = [&](int k, int j) { return (R[k] * R[j] * eta).trace(); };  // <R_k R_j>
  const Dense rho = random_state(4, 11);
  Dense expected = Dense::Zero(4, 4);
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 2; ++j) {
      for (const Dense* S : {SA, SB})
        expected += gamma * corr(k, j) * (S[j] * rho * S[k] - 0.5 * (S[k] * S[j] * rho + rho * S[k] * S[j]));
      expected += gamma * (corr(j, k) * (SA[k] * rho * SB[j] - SB[j] * SA[k] * rho) +
                           corr(k, j) * (SB[j] * rho * SA[k] - rho * SA[k] * SB[j]));
    }
  BOOST_TEST((lim.generator().apply(rho) - expected).norm() < 1e-13);
  // Energy-preserving: the heat into the ancillas is the energy the system loses.
  BOOST_TEST(std::abs((lim.heat_operator.dense() * rho).trace().real() + (p.H_S.dense() * expected).trace().real()) <
             1e-13);
}

BOOST_AUTO_TEST_CASE(single_party_limit_equals_dense_limit) {
  const Dense Hs = 0.5 * op("sz"), Ha = 0.5 * 1.2 * op("sz");
  const Dense V = kron(op("sx"), op("sx")) + 0.5 * kron(op("sy"), op("sy"));
  const dynamics::CollisionLimit dense(Hs, Ha, V, 0.9, 0.8);
  dynamics::CollisionProtocol p(space::TensorSpace({2}));
  p.H_S.add(operators::ProductTerm{1.0, {{0, Hs}}});
  p.local_H = {Hs};
  p.H_R = Ha, p.beta = 0.8, p.g0 = 0.9, p.free_in_collisions = true;
  p.couplings = {{0, {{op("sx"), op("sx")}, {0.5 * op("sy"), op("sy")}}}};
  p.stages = {{0, 0}};
  const auto lim = dynamics::continuous_limit(p);
  BOOST_TEST((liouvillian(lim.generator(), 2) - dense.generator()).norm() < 1e-13);
  const Dense rho = random_state(2, 7);
  BOOST_TEST(std::abs((lim.heat_operator.dense() * rho).trace().real() - dense.heat_current(rho)) < 1e-13);
}

BOOST_AUTO_TEST_CASE(limit_refused_when_first_order_survives) {
  auto p = cascade(2, 2, 0.5, 0.01, false);
  p.couplings[1].terms.push_back({op("sx"), op("sz")});  // <sz>_eta != 0 and sx is not ∝ 1
  BOOST_CHECK_THROW(dynamics::continuous_limit(p), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(discrete_cascade_converges_to_its_limit_at_first_order) {
  // Three qubits in cascade with a free intra-system stage: error of rho(t = 1) for dt and dt/2.
  auto error_at = [](double dt) {
    auto p = cascade(3, 2, 0.4, dt, false);
    p.H_S.add(operators::ProductTerm{0.5, {{0, op("sx")}, {2, op("sx")}}});
    p.stages.push_back({-1, dt});
    const auto lim = dynamics::continuous_limit(p);
    const Dense rho0 = kron(kron(op("sp") * op("sm"), random_state(2, 2)), op("sm") * op("sp"));
    const Dense Lmat = liouvillian(lim.generator(), 8);
    const Dense exact = unvec((Lmat * 1.0).exp() * vec(rho0), 8);
    dynamics::CollisionEngine engine(PETSC_COMM_SELF, p);
    auto state = engine.initial_dense(rho0);
    for (long k = 0; k < std::lround(1.0 / dt); ++k) engine.step(state);
    return (engine.reduced(state, {0, 1, 2}) - exact).norm();
  };
  const double e1 = error_at(0.02), e2 = error_at(0.01), e3 = error_at(0.005);
  BOOST_TEST_MESSAGE("errors " << e1 << " " << e2 << " " << e3);
  BOOST_TEST(e2 < 0.1);
  BOOST_TEST(e1 / e2 > 1.8);
  BOOST_TEST(e1 / e2 < 2.2);
  BOOST_TEST(e2 / e3 > 1.8);
  BOOST_TEST(e2 / e3 < 2.2);
}
