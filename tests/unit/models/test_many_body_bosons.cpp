// The bosonic many-body route at U = 0 against single-particle propagation: for ANY state of a
// quadratic, number-conserving H the one-body correlation matrix obeys C(t) = U C(0) U†,
// U = e^{−iMt}. A canonical start (fixed total N ≤ cutoff, so the truncated sector holds every
// configuration: no truncation at all) must follow it to 1e-10, every entry of C (measured as the
// Hermitian parts of a_j†a_i through the route's extra observables) and the reservoir energies,
// on the Krylov route (both storages) and the dense one (complex h and g: the complex path).
#define BOOST_TEST_MODULE many_body_bosons
#include <boost/test/unit_test.hpp>

#include <array>
#include <cmath>

#include "petsc_fixture.hpp"
#include "qtherm/models/reservoirs/many_body_reservoirs.hpp"
#include "qtherm/dynamics/single_particle.hpp"

using namespace qtherm;
using Eigen::MatrixXcd;
using cplx = std::complex<double>;

BOOST_AUTO_TEST_CASE(canonical_start_follows_the_single_particle_propagation) {
  const int n1 = 2, n2 = 3, n = n1 + n2;
  models::ManyBodyReservoirs mb;
  mb.cutoff = 3;
  MatrixXcd h1(n1, n1), h2(n2, n2), g(n1, n2);
  h1 << 1.0, cplx(0.1, 0.05), cplx(0.1, -0.05), 1.2;
  h2 << 0.6, 0.07, cplx(0, 0.03), 0.07, 0.75, 0.02, cplx(0, -0.03), 0.02, 0.9;
  g << 0.05, cplx(0.02, 0.04), -0.03, 0.06, cplx(0, 0.05), 0.01;
  mb.one_body = {h1, h2, g};
  models::ThermalStart st;
  st.beta1 = 1.5, st.beta2 = 0.3, st.mu1 = 0.2, st.mu2 = -0.1;
  st.particles = 3;  // ≤ cutoff: the sector is exact
  const std::vector<double> times = {0, 2, 5, 11, 20};
  // Re C_ij (i ≤ j) and Im C_ij (i < j) with C_ij = <a_j† a_i>.
  std::vector<operators::NumberConservingOperator> extra;
  std::vector<std::array<int, 3>> what;  // i, j, 0 = real / 1 = imaginary
  for (int i = 0; i < n; ++i)
    for (int j = i; j < n; ++j)
      for (int part = 0; part < (i == j ? 1 : 2); ++part) {
        operators::NumberConservingOperator o{MatrixXcd::Zero(n, n), Eigen::MatrixXd::Zero(n, n)};
        if (i == j)
          o.hopping(i, i) = 1;
        else if (part == 0)
          o.hopping(i, j) = o.hopping(j, i) = 0.5;
        else
          o.hopping(i, j) = cplx(0, 0.5), o.hopping(j, i) = cplx(0, -0.5);
        extra.push_back(o);
        what.push_back({i, j, part});
      }
  using Route = models::SectorRoute;
  for (auto [storage, route] :
       {std::pair{models::Storage::assembled, Route::krylov}, std::pair{models::Storage::matrix_free, Route::krylov},
        std::pair{models::Storage::assembled, Route::dense}}) {
    models::EvolutionOptions options;
    options.storage = storage, options.route = route;
    const auto s = models::evolve_thermal(PETSC_COMM_SELF, mb, st, times, options, extra);
    auto C = [&](size_t k) {
      MatrixXcd c = MatrixXcd::Zero(n, n);
      for (size_t x = 0; x < extra.size(); ++x) {
        const auto [i, j, part] = what[x];
        c(i, j) += part == 0 ? cplx(s.extra[x][k], 0) : cplx(0, s.extra[x][k]);
        if (i != j) c(j, i) += part == 0 ? cplx(s.extra[x][k], 0) : cplx(0, -s.extra[x][k]);
      }
      return c;
    };
    const dynamics::SingleParticlePropagator U(mb.one_body.one_body());
    const MatrixXcd C0 = C(0);
    double worst_c = 0, worst_e = 0, moved = 0;
    for (size_t k = 0; k < times.size(); ++k) {
      const MatrixXcd want = U.correlation(C0, times[k]);
      worst_c = std::max(worst_c, (C(k) - want).cwiseAbs().maxCoeff());
      moved = std::max(moved, (C(k) - C0).cwiseAbs().maxCoeff());
      const auto e = dynamics::energies(mb.one_body, want);
      worst_e = std::max({worst_e, std::abs(e.E1 - s.E1[k]), std::abs(e.E2 - s.E2[k]), std::abs(e.EI - s.EI[k])});
      BOOST_TEST(std::abs(s.N[k] - 3) < 1e-12);
      BOOST_TEST(std::abs(want.trace().real() - 3) < 1e-10);
    }
    BOOST_TEST_MESSAGE((route == Route::dense ? "dense" : "krylov")
                       << " canonical N = 3, cutoff 3: max |C_mb - U C0 U^dag| = " << worst_c << ", energies "
                       << worst_e << ", max |C(t) - C(0)| = " << moved);
    BOOST_TEST(worst_c < 1e-10);
    BOOST_TEST(worst_e < 1e-10);
    BOOST_TEST(moved > 1e-2);  // the comparison is not trivial: C moves
    BOOST_TEST(s.truncated_weight == 0);
    BOOST_TEST(s.largest_sector == 35);  // C(5 + 3 − 1, 3): every configuration of 3 bosons on 5 modes
    BOOST_TEST(s.dense_sectors == (route == Route::dense ? 1 : 0));
  }
}
