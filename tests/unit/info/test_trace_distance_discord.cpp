// Trace-distance discord of any two-qubit state (info/trace_distance_discord): the general
// minimisation against the X-state closed form on 1000 random X states (1e-8); against a brute-force
// minimisation of ½‖ρ − Π_n(ρ)‖₁ over measurement directions on random full states, and no
// classical–quantum state of random basis and random blocks closer than it; seed 002 Sec. VII
// (Eqs. 46–47): the model's D_trace at γt = 1 against brute force on an independently evolved state
// (1e-6), with J1 = J12 = 0 while D→ ≠ 0.
#define BOOST_TEST_MODULE trace_distance_discord
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "petsc_fixture.hpp"
#include "qtherm/base/eigen_exp.hpp"
#include "qtherm/info/trace_distance.hpp"
#include "qtherm/info/trace_distance_discord.hpp"
#include "quantum_states.hpp"
#include "run_model.hpp"

using qtherm::info::trace_distance;
using qtherm::info::trace_distance_discord;
using qtherm::info::trace_distance_discord_general;
using qtherm::info::trace_distance_discord_x;

namespace {
const std::complex<double> I(0, 1);

// ½‖ρ − Π_n(ρ)‖₁ with Π_n the projective measurement of A along the Bloch angles (θ, φ).
double measured(const Dense& rho, double th, double ph) {
  const Eigen::Vector2cd u(std::cos(th / 2), std::exp(I * ph) * std::sin(th / 2));
  const Eigen::Vector2cd v(-std::exp(-I * ph) * std::sin(th / 2), std::cos(th / 2));
  Dense chi = Dense::Zero(4, 4);
  for (const auto& e : {u, v}) {
    const Dense P = kron(e * e.adjoint(), Dense::Identity(2, 2));
    chi += P * rho * P;
  }
  return trace_distance(rho, chi);
}

// Brute force: a 60 x 120 grid over the sphere, then the best five cells zoomed 25 times by a 9 x 9
// grid shrinking by 4 each time.
double brute_force(const Dense& rho) {
  std::vector<std::tuple<double, double, double>> cells;
  const int M = 60;
  for (int a = 0; a <= M; ++a)
    for (int b = 0; b < 2 * M; ++b) {
      const double th = M_PI * a / M, ph = M_PI * b / M;
      cells.emplace_back(measured(rho, th, ph), th, ph);
    }
  std::partial_sort(cells.begin(), cells.begin() + 5, cells.end());
  double best = std::get<0>(cells.front());
  for (int k = 0; k < 5; ++k) {
    auto [f, th, ph] = cells[k];
    double h = M_PI / M;
    for (int zoom = 0; zoom < 25; ++zoom, h /= 4) {
      double bt = th, bp = ph;
      for (int i = -4; i <= 4; ++i)
        for (int j = -4; j <= 4; ++j) {
          const double t = th + i * h / 4, p = ph + j * h / 4, m = measured(rho, t, p);
          if (m < f) f = m, bt = t, bp = p;
        }
      th = bt, ph = bp;
    }
    best = std::min(best, f);
  }
  return best;
}

}  // namespace

BOOST_AUTO_TEST_CASE(general_minimisation_equals_the_x_state_closed_form) {
  double worst = 0;
  for (unsigned seed = 1; seed <= 1000; ++seed) {
    const Dense r = random_x_state(seed);
    worst = std::max(worst, std::abs(trace_distance_discord_general(r) - trace_distance_discord_x(r)));
  }
  BOOST_TEST_MESSAGE("1000 random X states: max |general - closed form| = " << worst);
  BOOST_TEST(worst < 1e-8);
  // Known values through the general path too.
  BOOST_TEST(std::abs(trace_distance_discord_general(bell_phi_plus()) - 0.5) < 1e-10);
  for (double p : {0.3, 0.8}) BOOST_TEST(std::abs(trace_distance_discord_general(werner(p)) - p / 2) < 1e-10);
}

BOOST_AUTO_TEST_CASE(general_states_against_brute_force_and_random_cq_states) {
  std::mt19937 gen(7);
  std::uniform_real_distribution<double> u(0, 1);
  for (unsigned seed = 1; seed <= 12; ++seed) {
    const Dense r = seed % 3 ? random_density_matrix(4, seed) : random_pure(4, seed);
    const double d = trace_distance_discord(r);
    BOOST_TEST_CONTEXT("seed " << seed) {
      BOOST_TEST(std::abs(d - brute_force(r)) < 1e-8);
      // Any χ = Σ_k |k><k| ⊗ X_k (random basis, random positive blocks, unit trace) is no closer.
      for (int trial = 0; trial < 200; ++trial) {
        const Dense U = random_unitary(2, 1000 * seed + trial);
        const Dense X0 = random_density_matrix(2, 5000 * seed + trial),
                    X1 = random_density_matrix(2, 9000 * seed + trial);
        const double p = u(gen);
        Dense chi = p * kron(U.col(0) * U.col(0).adjoint(), X0) + (1 - p) * kron(U.col(1) * U.col(1).adjoint(), X1);
        BOOST_TEST(trace_distance(r, chi) >= d - 1e-12);
      }
    }
  }
}

// Seed 002 Sec. VII: ρ(0) = |ψ><ψ| ⊗ diag(1 − ξ2, 1 + ξ2)/2 with |ψ> = √((1+ξ)/2)|g> + √((1−ξ)/2)|e>
// (Eqs. 46–47; the paper's |0> is the ground state: S1 has the reservoir's populations), reservoir
// k_B T = ω (ξ = tanh ½), S2 thermal at 2T (ξ2 = tanh ¼), ω = γ = 1. Basis (e, g) per qubit.
BOOST_AUTO_TEST_CASE(sec_vii_counterexample) {
  const double xi = std::tanh(0.5), xi2 = std::tanh(0.25);
  Eigen::Vector2cd psi(std::sqrt((1 - xi) / 2), std::sqrt((1 + xi) / 2));
  Dense s2 = Dense::Zero(2, 2);
  s2(0, 0) = (1 - xi2) / 2, s2(1, 1) = (1 + xi2) / 2;
  const Dense rho0 = kron(psi * psi.adjoint(), s2);

  // Independent evolution: the 16 x 16 Liouvillian of Eqs. (6)–(8) by Kronecker products, exp(L).
  Dense sm = Dense::Zero(2, 2);
  sm(1, 0) = 1;  // |g><e|
  const Dense one = Dense::Identity(2, 2), I4 = Dense::Identity(4, 4);
  const Dense sm1 = kron(sm, one), sm2 = kron(one, sm), sp1 = sm1.adjoint(), sp2 = sm2.adjoint();
  Dense sz = Dense::Zero(2, 2);
  sz(0, 0) = 1, sz(1, 1) = -1;
  const Dense H = 0.5 * (kron(sz, one) + kron(one, sz));
  auto left = [&](const Dense& A) { return Dense(Eigen::kroneckerProduct(I4, A)); };               // Aρ
  auto right = [&](const Dense& B) { return Dense(Eigen::kroneckerProduct(B.transpose(), I4)); };  // ρB
  const double down = (1 + xi) / 2, up = (1 - xi) / 2;
  Dense L = -I * (left(H) - right(H));
  for (const Dense* c : {&sm1, &sm2}) L += down * dissipator_kron(*c);
  for (const Dense* c : {&sp1, &sp2}) L += up * dissipator_kron(*c);
  // D12ρ = κ(x1[ρ, x2†] + [x2, ρ]x1†) for (σ−, down) and (σ+, up).
  auto cascade = [&](const Dense& x1, const Dense& x2, double k) {
    return Dense(k * (left(x1) * right(x2.adjoint()) - left(x1 * x2.adjoint()) + left(x2) * right(x1.adjoint()) -
                      right(x2 * x1.adjoint())));
  };
  L += cascade(sm1, sm2, down) + cascade(sp1, sp2, up);
  const Eigen::VectorXcd v0 = Eigen::Map<const Eigen::VectorXcd>(rho0.data(), 16);
  const Eigen::VectorXcd v1 = Dense(L.exp()) * v0;
  Dense rho1 = Eigen::Map<const Dense>(v1.data(), 4, 4);
  rho1 = 0.5 * (rho1 + rho1.adjoint());
  BOOST_TEST(!qtherm::info::is_x_state(rho1, 1e-6));
  const double reference = brute_force(rho1);

  std::ostringstream m;
  m.precision(17);
  m << "[";
  for (int i = 0; i < 4; ++i) {
    m << (i ? ", [" : "[");
    for (int j = 0; j < 4; ++j) m << (j ? ", " : "") << rho0(i, j).real();
    m << "]";
  }
  m << "]";
  const auto rec = run_model(PETSC_COMM_SELF, {"--model.name=cascaded_qubits", "--model.beta=1",
                                               "--model.initial=matrix", "--model.initial_matrix=" + m.str(),
                                               "--time.t_final=1", "--time.samples=11", "--steady.solve=false"});
  const double d = series(rec, "D_trace").back();
  BOOST_TEST_MESSAGE("Sec. VII at gamma t = 1: D-> = " << d << ", brute force " << reference);
  BOOST_TEST(std::abs(d - reference) < 1e-6);
  BOOST_TEST(d > 1e-3);
  for (const char* flux : {"J1", "J12"})
    for (double j : series(rec, flux)) BOOST_TEST(std::abs(j) < 1e-9);
}
