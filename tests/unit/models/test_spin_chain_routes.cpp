// Seed 001 spin-chain erasure: the dense exact and free-fermion routes against the N = 1 closed
// forms (docs/physics.md, with the β slip of Eq. 12 corrected) and against each other; the heat
// fluctuation relation ⟨e^{−βQ}⟩ = tr[Mρ_S] (Eqs. 6–7); the Reeb–Wolf constant.
#define BOOST_TEST_MODULE spin_chain_routes
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "qtherm/info/entropy.hpp"
#include "qtherm/models/spin_chain/spin_chain.hpp"
#include "qtherm/thermo/reeb_wolf.hpp"

namespace sc = qtherm::models::spin_chain;

namespace {
sc::Params single(double B, double J, double beta, double alpha) {
  sc::Params p;
  p.N = 1, p.B0 = p.B = B, p.J0 = p.J = J, p.beta = beta, p.rho_S = sc::pure_state(alpha);
  return p;
}
double bq(const sc::Snapshot& s, const Eigen::Matrix2cd& rho) { return -std::log((s.M * rho).trace().real()); }
}  // namespace

BOOST_AUTO_TEST_CASE(physics_md_test_vector) {
  const auto p = single(0.7, 0.3, 1.3, 0.8);
  for (const auto& s : {sc::dense_route(p, {1.1})[0], sc::free_fermion_route(p, {1.1})[0]}) {
    BOOST_TEST(std::abs(s.heat - 0.263436531665) < 1e-11);
    BOOST_TEST(std::abs(bq(s, p.rho_S) - 0.078938332289) < 1e-11);
    BOOST_TEST(std::abs(qtherm::info::von_neumann_entropy(s.rho_S) - 0.362431100809) < 1e-11);
  }
}

BOOST_AUTO_TEST_CASE(n1_closed_forms_over_time) {
  for (double alpha : {-0.3, 0.2, 0.95, 1.0})
    for (double beta : {0.0, 1.0, 10.0}) {
      const double B = 1.0, J = 0.4;
      const auto p = single(B, J, beta, alpha);
      std::vector<double> times;
      for (int k = 0; k <= 12; ++k) times.push_back(0.27 * k);
      std::vector<qtherm::thermo::HeatDistribution> pq;
      const auto d = sc::dense_route(p, times, &pq);
      const auto f = sc::free_fermion_route(p, times);
      for (size_t k = 0; k < times.size(); ++k) {
        const double s2 = std::pow(std::sin(2 * J * times[k]), 2), th = std::tanh(beta * B);
        const double Q = B * s2 * (2 * alpha * alpha + th - 1);
        const double BQ = -std::log(1 - (2 * alpha * alpha - 1) * s2 * th);
        for (const auto* s : {&d[k], &f[k]}) {
          BOOST_TEST(std::abs(s->heat - Q) < 1e-10);
          BOOST_TEST(std::abs(bq(*s, p.rho_S) - BQ) < 1e-10);
          BOOST_TEST(std::abs(s->phi - std::cos(2 * J * times[k])) < 1e-10);
        }
        // Eq. (3) → Eqs. (4)–(7): the distribution's mean and exponential average.
        BOOST_TEST(std::abs(pq[k].mean - Q) < 1e-10);
        BOOST_TEST(std::abs(pq[k].exp_average - (d[k].M * p.rho_S).trace().real()) < 1e-10);
        double norm = 0;
        for (const auto& [q, w] : pq[k].points) norm += w;
        BOOST_TEST(std::abs(norm - 1) < 1e-10);
      }
    }
}

BOOST_AUTO_TEST_CASE(free_fermions_match_dense_for_general_parameters) {
  sc::Params p;
  p.N = 5, p.B0 = 0.8, p.B = 1.1, p.J0 = 0.35, p.J = 0.9, p.beta = 0.7;
  Eigen::Matrix2cd rho;
  rho << 0.7, std::complex<double>(0.2, -0.25), std::complex<double>(0.2, 0.25), 0.3;
  p.rho_S = rho;
  const std::vector<double> times{0, 0.4, 1.3, 2.9};
  std::vector<qtherm::thermo::HeatDistribution> pq;
  const auto d = sc::dense_route(p, times, &pq);
  const auto f = sc::free_fermion_route(p, times);
  for (size_t k = 0; k < times.size(); ++k) {
    BOOST_TEST(std::abs(d[k].heat - f[k].heat) < 1e-10);
    BOOST_TEST((d[k].rho_S - f[k].rho_S).norm() < 1e-10);
    BOOST_TEST((d[k].M - f[k].M).norm() < 1e-10);
    BOOST_TEST(std::abs(d[k].phi - f[k].phi) < 1e-10);
    BOOST_TEST(std::abs(pq[k].exp_average - (d[k].M * p.rho_S).trace().real()) < 1e-10);
    BOOST_TEST(std::abs(pq[k].mean - d[k].heat) < 1e-10);
  }
}

BOOST_AUTO_TEST_CASE(interacting_chain_fluctuation_relation) {
  sc::Params p;
  p.N = 3, p.Delta = 0.6, p.J0 = 0.3, p.beta = 1.5, p.rho_S = sc::pure_state(0.6);
  std::vector<qtherm::thermo::HeatDistribution> pq;
  const auto d = sc::dense_route(p, {0.0, 0.8, 2.0}, &pq);
  for (size_t k = 0; k < d.size(); ++k) {
    BOOST_TEST(std::abs(pq[k].exp_average - (d[k].M * p.rho_S).trace().real()) < 1e-10);
    BOOST_TEST(std::abs(d[k].M.trace().real() - 2) < 1e-12);
    BOOST_TEST(-std::log((d[k].M * p.rho_S).trace().real()) <= p.beta * d[k].heat + 1e-12);  // Eq. (8)
  }
  BOOST_TEST(std::abs(d[0].heat) < 1e-12);
}

BOOST_AUTO_TEST_CASE(reeb_wolf_constant_values) {
  using namespace qtherm::thermo;
  BOOST_TEST(std::abs(reeb_wolf_constant(log_two_pow_minus_one(1)) - 0.4392288399) < 1e-9);
  BOOST_TEST(std::abs(reeb_wolf_constant(log_two_pow_minus_one(2)) - 1.023490554) < 1e-8);
  // The ΔS ≥ 0 branch carries the 2 in ΔS²/(2R); both branches meet at ΔS = 0.
  BOOST_TEST(std::abs(reeb_wolf_bound(0.3, 1.5) - (0.3 + 0.09 / 3.0)) < 1e-15);
  BOOST_TEST(std::abs(reeb_wolf_bound(-1e-12, 1.5)) < 1e-11);
  BOOST_TEST(reeb_wolf_bound(-0.5, 1.0) < 0);
}
