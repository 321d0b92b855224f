// The dense collision map (seed 004) and its energetics (thermo/collision_energetics): first law, the
// two forms of the entropy production, the fixed point of the finite-δt map, against random systems
// and couplings.
#define BOOST_TEST_MODULE collision_map
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>
#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/space/partial_trace.hpp"
#include "qtherm/dynamics/collision_map.hpp"
#include "qtherm/info/entropy.hpp"
#include "qtherm/thermo/collision_energetics.hpp"

namespace {

using Dense = Eigen::MatrixXcd;
using qtherm::dynamics::CollisionModel;

Dense random_hermitian(long d, std::mt19937& gen, double scale = 1) {
  std::normal_distribution<double> n(0, 1);
  Dense a(d, d);
  for (long i = 0; i < d; ++i)
    for (long j = 0; j < d; ++j) a(i, j) = {n(gen), n(gen)};
  return scale * 0.5 * (a + a.adjoint());
}

Dense random_state(long d, std::mt19937& gen) {
  std::normal_distribution<double> n(0, 1);
  Dense a(d, d);
  for (long i = 0; i < d; ++i)
    for (long j = 0; j < d; ++j) a(i, j) = {n(gen), n(gen)};
  Dense r = a * a.adjoint();
  return r / r.trace().real();
}

}  // namespace

BOOST_AUTO_TEST_CASE(first_law_and_entropy_production_on_random_systems) {
  std::mt19937 gen(4004);
  double worst_first_law = 0, worst_conservation = 0, worst_sigma_forms = 0, min_sigma = 1e300;
  double worst_mi_vs_info = 0, worst_d_vs_info = 0;
  int cases = 0;
  for (long ds : {2L, 3L})
    for (long da : {2L, 3L})
      for (double beta : {0.0, 0.3, 1.0, 4.0})
        for (double dt : {0.05, 0.7})
          for (int rep = 0; rep < 5; ++rep) {
            const Dense Hs = random_hermitian(ds, gen), Ha = random_hermitian(da, gen),
                        V = random_hermitian(ds * da, gen);
            const double g = 1.3 / std::sqrt(dt);
            const CollisionModel m(Hs, Ha, V, g, dt, beta);
            Dense rho = random_state(ds, gen);
            for (int k = 0; k < 3; ++k) {  // a few consecutive collisions
              const auto step = m.step(rho);
              const auto s = qtherm::thermo::collision_energetics(m, rho, step);
              ++cases;
              worst_first_law = std::max(worst_first_law, std::abs(s.first_law_residual));
              // Independent: U conserves H_S + H_A + gV on the joint state.
              const Dense before = Eigen::kroneckerProduct(rho, m.ancilla_state()).eval();
              const Dense Hs_full = Eigen::kroneckerProduct(Hs, Dense::Identity(da, da)).eval();
              const Dense Ha_full = Eigen::kroneckerProduct(Dense::Identity(ds, ds), Ha).eval();
              const Dense diff = step.joint_after - before;
              const double dtot = (diff * (Hs_full + Ha_full + g * V)).trace().real();
              worst_conservation = std::max(worst_conservation, std::abs(dtot));
              // W as defined is the change of the bare energy H_S + H_A.
              worst_first_law =
                  std::max(worst_first_law, std::abs(s.work - (diff * (Hs_full + Ha_full)).trace().real()));
              worst_sigma_forms =
                  std::max(worst_sigma_forms, std::abs(s.entropy_production - s.entropy_production_info()));
              min_sigma = std::min(min_sigma, s.entropy_production);
              // Private entropies against the info layer.
              const double mi = qtherm::info::mutual_information(step.joint_after, {ds, da}, {0}, {1});
              worst_mi_vs_info = std::max(worst_mi_vs_info, std::abs(mi - s.mutual_information));
              const Dense rho_a =
                  qtherm::space::partial_trace(step.joint_after, qtherm::space::TensorSpace({int(ds), int(da)}), {1});
              const double d = qtherm::info::relative_entropy(rho_a, m.ancilla_state());
              worst_d_vs_info = std::max(worst_d_vs_info, std::abs(d - s.ancilla_relative_entropy));
              rho = step.rho_after;
            }
          }
  BOOST_TEST_MESSAGE("collision map: " << cases << " random collisions; max |first-law residual| = " << worst_first_law
                                       << ", max |d(H_S+H_A+gV)| = " << worst_conservation
                                       << ", max |Sigma - (I + D)| = " << worst_sigma_forms
                                       << ", min Sigma = " << min_sigma << ", MI vs info " << worst_mi_vs_info
                                       << ", D vs info " << worst_d_vs_info);
  BOOST_TEST(worst_first_law < 1e-12);
  BOOST_TEST(worst_conservation < 1e-12);
  BOOST_TEST(worst_sigma_forms < 1e-10);
  BOOST_TEST(min_sigma >= -1e-12);
  BOOST_TEST(worst_mi_vs_info < 1e-10);
  // info::relative_entropy takes ln σ from σ's numerical eigenvalues, which lose relative precision
  // when tiny (β = 4 with random H_A): agreement only to ~1e-8 there.
  BOOST_TEST(worst_d_vs_info < 1e-7);
}

BOOST_AUTO_TEST_CASE(iterated_map_converges_to_fixed_point) {
  std::mt19937 gen(17);
  for (long ds : {2L, 3L}) {
    const long da = 2;
    const Dense Hs = random_hermitian(ds, gen), Ha = random_hermitian(da, gen), V = random_hermitian(ds * da, gen);
    const double dt = 0.1;
    const CollisionModel m(Hs, Ha, V, 1 / std::sqrt(dt), dt, 0.8);
    const Dense rho0 = random_state(ds, gen);
    const auto fp = m.fixed_point(rho0);
    BOOST_TEST(fp.multiplicity == 1);
    BOOST_TEST(fp.residual < 1e-12);
    BOOST_TEST(std::abs(fp.rho.trace().real() - 1) < 1e-13);
    const auto series = m.run(rho0, 4000);
    const double dist = (series.rho.back() - fp.rho).norm();
    BOOST_TEST_MESSAGE("d_S = " << ds << ": ||rho_4000 - rho*||_F = " << dist << ", fixed-point residual "
                                << fp.residual);
    BOOST_TEST(dist < 1e-10);
    // At the fixed point ΔE_S = 0, so the work current equals the heat current into the ancillas.
    const auto fe = qtherm::thermo::collision_energetics(m, fp.rho, fp.step);
    BOOST_TEST(std::abs(fe.work - fe.heat) / dt < 1e-10);
    // Cumulative bookkeeping along the series: ΣΔE = E(final) − E(0) and the first law on the sums.
    double sum_dE = 0, sum_W = 0, sum_Q = 0, worst_step = 0;
    for (size_t k = 0; k + 1 < series.rho.size(); ++k) {
      const auto e = qtherm::thermo::collision_energetics(m, series.rho[k], m.step(series.rho[k]));
      sum_dE += e.energy_change, sum_W += e.work, sum_Q += e.heat;
      worst_step = std::max(worst_step, std::abs(e.first_law_residual));
    }
    const double dE = ((series.rho.back() - rho0) * Hs).trace().real();
    BOOST_TEST_MESSAGE("  max per-collision first-law residual " << worst_step << ", sum dE " << sum_dE << " W "
                                                                 << sum_W << " Q " << sum_Q << " trace drift "
                                                                 << series.rho.back().trace().real() - 1);
    BOOST_TEST(worst_step < 1e-12);
    BOOST_TEST(std::abs(sum_dE - dE) < 1e-11);
    // Sums of ~4000 terms of size |W|/4000: rounding of the sums, relative to |W|.
    BOOST_TEST(std::abs(sum_dE - (sum_W - sum_Q)) < 1e-12 * (1 + std::abs(sum_W)));
  }
}

BOOST_AUTO_TEST_CASE(superoperator_matches_apply) {
  std::mt19937 gen(5);
  const Dense Hs = random_hermitian(3, gen), Ha = random_hermitian(2, gen), V = random_hermitian(6, gen);
  const CollisionModel m(Hs, Ha, V, 2.0, 0.2, 0.5);
  const Dense M = m.superoperator();
  const Dense rho = random_state(3, gen);
  const Eigen::VectorXcd v = M * Eigen::Map<const Eigen::VectorXcd>(rho.data(), 9);
  const Dense out = Eigen::Map<const Dense>(v.data(), 3, 3);
  BOOST_TEST((out - m.apply(rho)).norm() < 1e-13);
  BOOST_CHECK_THROW(CollisionModel(Hs, Ha, V, 2.0, 0.0, 0.5), std::invalid_argument);
  BOOST_CHECK_THROW(CollisionModel(Hs, Ha, V, 2.0, 0.1, -1.0), std::invalid_argument);
}
