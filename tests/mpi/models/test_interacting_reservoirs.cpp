// Many-body route of interacting_reservoirs at whatever rank count mpiexec gives (ctest: 1, 2, 3):
// at U = 0 it must reproduce the single-particle route to 1e-10 (energies, particle numbers, bare
// and interaction schemes) on the dense and the Krylov sector routes, assembled and matrix-free
// operators must agree, the EPS ground energy must be the sum of the lowest one-body levels, and
// every distributed run must equal the serial one (PETSC_COMM_SELF), typicality included; the same
// for truncated bosons with U ≠ 0; dense sectors spread over the ranks equal serial Krylov runs.
#define BOOST_TEST_MODULE interacting_reservoirs_mpi
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>

#include "petsc_fixture.hpp"
#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/models/reservoirs/many_body_reservoirs.hpp"
#include "qtherm/dynamics/single_particle.hpp"
#include "qtherm/operators/boson_operator.hpp"
#include "qtherm/operators/fermion_operator.hpp"
#include "run_model.hpp"

using namespace qtherm;

namespace {

std::vector<std::string> base(std::vector<std::string> extra) {
  std::vector<std::string> a = {"--model.name=interacting_reservoirs",
                                "--model.n1=3",
                                "--model.n2=3",
                                "--model.omega1=1",
                                "--model.omega2=0.7",
                                "--model.g=0.08",
                                "--model.gamma=0.06",
                                "--model.beta1=2",
                                "--model.beta2=0.4",
                                "--model.mu1=0.9",
                                "--model.mu2=0.5",
                                "--time.t_final=12",
                                "--time.samples=5"};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

double max_diff(const io::RunRecord& a, const io::RunRecord& b, const std::string& name) {
  const auto &x = series(a, name), &y = series(b, name);
  double w = 0;
  for (size_t i = 0; i < x.size(); ++i) w = std::max(w, std::abs(x[i] - y[i]));
  return w;
}

const char* kCompared[] = {"E1",       "E2",       "E_I",     "E_total", "N1",       "N2",
                           "Q_bare_1", "W_bare_1", "U_int_2", "Q_int_2", "E1_error", "W_bare_1_error"};

}  // namespace

BOOST_AUTO_TEST_CASE(many_body_equals_single_particle_at_u_zero) {
  const auto sp = run_model(PETSC_COMM_WORLD, base({"--model.route=single_particle"}));
  for (const auto& [evolution, storage] : {std::pair{"krylov", "assembled"}, std::pair{"krylov", "matrix_free"},
                                           std::pair{"dense", "assembled"}, std::pair{"auto", "assembled"}}) {
    const auto mb =
        run_model(PETSC_COMM_WORLD, base({"--model.route=many_body", std::string("--model.storage=") + storage,
                                          std::string("--model.evolution=") + evolution}));
    double worst = 0;
    for (const char* name : kCompared) {
      worst = std::max(worst, max_diff(sp, mb, name));
      BOOST_TEST_CONTEXT(evolution << " " << storage << " " << name) { BOOST_TEST(max_diff(sp, mb, name) < 1e-10); }
    }
    BOOST_TEST_MESSAGE(evolution << " " << storage << ": max |many_body - single_particle| = " << worst);
    BOOST_TEST(scalar(mb, "energy_drift") < 1e-10);
    const bool krylov = std::string(evolution) == "krylov";
    // Krylov: every product eigenstate of 2^6 with weight; dense (and auto at 20 states): all 7 sectors.
    if (krylov)
      BOOST_TEST(scalar(mb, "evolved_states") > 50);
    else
      BOOST_TEST(scalar(mb, "evolved_states") == 0);
    BOOST_TEST(scalar(mb, "dense_sectors") == (krylov ? 0 : 7));
  }
}

BOOST_AUTO_TEST_CASE(dense_sectors_over_the_ranks_equal_serial_krylov) {
  for (const char* statistics : {"fermions", "bosons"}) {
    std::vector<std::string> extra = {"--model.route=many_body", "--model.u1=0.5", "--model.u2=-0.3",
                                      std::string("--model.statistics=") + statistics};
    if (std::string(statistics) == "bosons")
      extra.insert(extra.end(), {"--model.cutoff=2", "--model.n1=2", "--model.n2=2"});
    auto with = [&](const char* evolution) {
      auto a = extra;
      a.push_back(std::string("--model.evolution=") + evolution);
      return base(a);
    };
    const auto dense = run_model(PETSC_COMM_WORLD, with("dense"));
    const auto krylov = run_model(PETSC_COMM_SELF, with("krylov"));
    double worst = 0;
    for (const char* name : kCompared) {
      worst = std::max(worst, max_diff(krylov, dense, name));
      BOOST_TEST_CONTEXT(statistics << " " << name) { BOOST_TEST(max_diff(krylov, dense, name) < 1e-10); }
    }
    BOOST_TEST_MESSAGE(statistics << ": max |dense over the ranks - serial krylov| = " << worst);
    // Grand canonical: every sector, N = 0..6 (3 + 3 fermionic modes) or 0..8 (2 + 2 modes, cutoff 2).
    BOOST_TEST(scalar(dense, "dense_sectors") == (std::string(statistics) == "bosons" ? 9 : 7));
    BOOST_TEST(scalar(krylov, "dense_sectors") == 0);
    BOOST_TEST(std::abs(scalar(dense, "energy_drift")) < 1e-10);
  }
}

BOOST_AUTO_TEST_CASE(ground_energy_is_the_sum_of_the_lowest_levels) {
  const auto mb =
      run_model(PETSC_COMM_WORLD,
                base({"--model.route=many_body", "--model.particles=3", "--model.eigenvalues=2", "--time.samples=2"}));
  dynamics::TwoReservoirs r;
  const long n1 = 3, n2 = 3;
  r.h1 = Eigen::MatrixXcd::Constant(n1, n1, 0.08) + (1 - 0.08) * Eigen::MatrixXcd::Identity(n1, n1);
  r.h2 = Eigen::MatrixXcd::Constant(n2, n2, 0.08) + (0.7 - 0.08) * Eigen::MatrixXcd::Identity(n2, n2);
  r.g = Eigen::MatrixXcd::Constant(n1, n2, 0.06);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> es(r.one_body());
  const double want = es.eigenvalues()(0) + es.eigenvalues()(1) + es.eigenvalues()(2);
  BOOST_TEST(std::abs(scalar(mb, "ground_energy") - want) < 1e-10);
}

BOOST_AUTO_TEST_CASE(distributed_runs_equal_serial_runs_with_interactions) {
  for (const char* thermal : {"exact", "typicality"}) {
    const auto extra = std::vector<std::string>{"--model.route=many_body", "--model.u1=0.5",
                                                "--model.u2=-0.3",         std::string("--model.thermal=") + thermal,
                                                "--model.seed=7",          "--model.storage=matrix_free"};
    const auto dist = run_model(PETSC_COMM_WORLD, base(extra));
    const auto serial = run_model(PETSC_COMM_SELF, base(extra));
    for (const char* name : kCompared) {
      BOOST_TEST_CONTEXT(thermal << " " << name) { BOOST_TEST(max_diff(serial, dist, name) < 1e-10); }
    }
    BOOST_TEST(scalar(dist, "energy_drift") < 1e-10);
  }
}

BOOST_AUTO_TEST_CASE(bosonic_distributed_runs_equal_serial_runs_with_interactions) {
  for (const char* thermal : {"exact", "typicality"})
    for (const char* storage : {"assembled", "matrix_free"}) {
      const auto extra =
          base({"--model.route=many_body", "--model.statistics=bosons", "--model.cutoff=2", "--model.n1=2",
                "--model.n2=2", "--model.u1=0.5", "--model.u2=-0.3", std::string("--model.thermal=") + thermal,
                "--model.seed=7", std::string("--model.storage=") + storage, "--model.eigenvalues=2"});
      const auto dist = run_model(PETSC_COMM_WORLD, extra);
      const auto serial = run_model(PETSC_COMM_SELF, extra);
      double worst = 0;
      for (const char* name : kCompared) {
        worst = std::max(worst, max_diff(serial, dist, name));
        BOOST_TEST_CONTEXT(thermal << " " << storage << " " << name) {
          BOOST_TEST(max_diff(serial, dist, name) < 1e-10);
        }
      }
      BOOST_TEST_MESSAGE("bosons " << thermal << " " << storage << ": max |distributed - serial| = " << worst);
      BOOST_TEST(std::abs(scalar(dist, "ground_energy") - scalar(serial, "ground_energy")) < 1e-10);
      BOOST_TEST(scalar(dist, "energy_drift") < 1e-10);
      BOOST_TEST(scalar(dist, "largest_sector") == 19);          // 4 modes, cutoff 2, 4 bosons
      BOOST_TEST(std::isnan(scalar(dist, "truncated_weight")));  // interacting: Z unknown
    }
}

namespace {

// y = O x for the assembled and the matrix-free form against the dense reference; the worst entry.
double worst_product(Mat A, Mat S, const Eigen::MatrixXcd& D) {
  const long size = D.rows();
  parallel::Vector x, ya, ys;
  QTHERM_PETSC(MatCreateVecs(A, x.out(), ya.out()));
  ys = parallel::duplicate(ya);
  PetscInt lo, hi;
  QTHERM_PETSC(VecGetOwnershipRange(x, &lo, &hi));
  Eigen::VectorXcd xe(size);
  for (long i = 0; i < size; ++i) xe(i) = std::complex<double>(std::cos(1.3 * i), std::sin(0.7 * i * i));
  for (PetscInt i = lo; i < hi; ++i) QTHERM_PETSC(VecSetValue(x, i, xe(i), INSERT_VALUES));
  QTHERM_PETSC(VecAssemblyBegin(x));
  QTHERM_PETSC(VecAssemblyEnd(x));
  QTHERM_PETSC(MatMult(A, x, ya));
  QTHERM_PETSC(MatMult(S, x, ys));
  const Eigen::VectorXcd ye = D * xe;
  double worst = 0;
  const PetscScalar *a, *s;
  QTHERM_PETSC(VecGetArrayRead(ya, &a));
  QTHERM_PETSC(VecGetArrayRead(ys, &s));
  for (PetscInt i = lo; i < hi; ++i)
    worst = std::max({worst, std::abs(a[i - lo] - ye(i)), std::abs(s[i - lo] - ye(i))});
  QTHERM_PETSC(VecRestoreArrayRead(ya, &a));
  QTHERM_PETSC(VecRestoreArrayRead(ys, &s));
  return worst;
}

}  // namespace

BOOST_AUTO_TEST_CASE(assembled_and_matrix_free_products_agree) {
  const int n = 9, k = 4;
  const auto sector = space::BitBasis::sector(n, k);
  operators::NumberConservingOperator op{Eigen::MatrixXcd::Random(n, n),
                                         Eigen::MatrixXd::Random(n, n)};  // Eigen's fixed seed
  op.hopping = (op.hopping + op.hopping.adjoint()).eval();
  BOOST_TEST(worst_product(operators::assemble_fermion(PETSC_COMM_WORLD, sector, op),
                           operators::shell_fermion(PETSC_COMM_WORLD, sector, op),
                           operators::dense_fermion(sector, op)) < 1e-12);
  const space::BosonBasis bosons(6, 3, 7);
  const auto gather = operators::shell_gather(PETSC_COMM_WORLD, PetscInt(bosons.size()));
  operators::NumberConservingOperator bop{op.hopping.topLeftCorner(6, 6), op.density.topLeftCorner(6, 6)};
  BOOST_TEST(worst_product(operators::assemble_boson(PETSC_COMM_WORLD, bosons, bop),
                           operators::shell_boson(PETSC_COMM_WORLD, bosons, bop, gather),
                           operators::dense_boson(bosons, bop)) < 1e-12);
}

namespace {

// 3 + 3 fermionic modes, uniform h, u1 = 0.5, u2 = -0.3: seven sectors of at most 20 states.
models::ManyBodyReservoirs three_and_three_interacting() {
  models::ManyBodyReservoirs mb;
  const long n1 = 3, n2 = 3;
  mb.one_body.h1 = Eigen::MatrixXcd::Constant(n1, n1, 0.08) + (1 - 0.08) * Eigen::MatrixXcd::Identity(n1, n1);
  mb.one_body.h2 = Eigen::MatrixXcd::Constant(n2, n2, 0.08) + (0.7 - 0.08) * Eigen::MatrixXcd::Identity(n2, n2);
  mb.one_body.g = Eigen::MatrixXcd::Constant(n1, n2, 0.06);
  mb.U1 = 0.5, mb.U2 = -0.3;
  return mb;
}

}  // namespace

BOOST_AUTO_TEST_CASE(dense_spectra_are_reused_while_the_hamiltonian_is_unchanged) {
  // Three calls through one cache, as three sweep points: new temperatures reuse every sector's
  // spectrum (on whichever rank owns it) and still equal a run without cache; a new coupling
  // rebuilds them.
  models::ManyBodyReservoirs mb = three_and_three_interacting();
  const std::vector<double> times = {0, 3, 12};
  models::EvolutionOptions plain, cached;
  plain.route = cached.route = models::SectorRoute::dense;
  models::DenseSectorCache cache;
  cached.cache = &cache;
  models::ThermalStart st;
  st.beta1 = 2, st.beta2 = 0.4, st.mu1 = 0.9, st.mu2 = 0.5;
  const auto first = models::evolve_thermal(PETSC_COMM_WORLD, mb, st, times, cached);
  BOOST_TEST(first.reused_spectra == 0);
  st.beta1 = 0.7, st.mu2 = 0.1;
  const auto second = models::evolve_thermal(PETSC_COMM_WORLD, mb, st, times, cached);
  const auto reference = models::evolve_thermal(PETSC_COMM_WORLD, mb, st, times, plain);
  BOOST_TEST(second.reused_spectra == 7);  // every sector N = 0..6
  double worst = 0, moved = 0;
  for (size_t j = 0; j < times.size(); ++j) {
    worst = std::max({worst, std::abs(second.E1[j] - reference.E1[j]), std::abs(second.EI[j] - reference.EI[j]),
                      std::abs(second.N1[j] - reference.N1[j])});
    moved = std::max(moved, std::abs(second.E1[j] - first.E1[j]));
  }
  BOOST_TEST(worst < 1e-12);
  BOOST_TEST(moved > 1e-2);  // the new temperatures do change the answer
  mb.one_body.g *= 2;
  BOOST_TEST(models::evolve_thermal(PETSC_COMM_WORLD, mb, st, times, cached).reused_spectra == 0);
}

BOOST_AUTO_TEST_CASE(krylov_vectors_over_groups_equal_vectors_on_all_ranks) {
  // Small Krylov sectors with several start vectors spread the vectors over groups of ranks;
  // group_limit = 0 keeps every vector on all ranks. Both equal the serial run, exact start (one
  // vector per product eigenstate) and typicality (5 samples: uneven over 2 and 3 groups), and the
  // typicality leave-one-out estimates too.
  models::ManyBodyReservoirs mb = three_and_three_interacting();
  const std::vector<double> times = {0, 3, 12};
  models::EvolutionOptions grouped, all_ranks;
  grouped.route = all_ranks.route = models::SectorRoute::krylov;
  all_ranks.group_limit = 0;
  for (bool typicality : {false, true}) {
    models::ThermalStart st;
    st.beta1 = 2, st.beta2 = 0.4, st.mu1 = 0.9, st.mu2 = 0.5;
    st.typicality = typicality, st.samples = 5, st.seed = 11;
    const auto serial = models::evolve_thermal(PETSC_COMM_SELF, mb, st, times, grouped);
    for (const auto* o : {&grouped, &all_ranks}) {
      const auto run = models::evolve_thermal(PETSC_COMM_WORLD, mb, st, times, *o);
      BOOST_TEST(run.evolved_states == serial.evolved_states);
      BOOST_TEST(run.jackknife.size() == (typicality ? 5u : 0u));
      double worst = 0;
      auto compare = [&](const models::ManyBodyValues& a, const models::ManyBodyValues& b) {
        for (size_t j = 0; j < times.size(); ++j)
          worst = std::max({worst, std::abs(a.E1[j] - b.E1[j]), std::abs(a.E2[j] - b.E2[j]),
                            std::abs(a.EI[j] - b.EI[j]), std::abs(a.N1[j] - b.N1[j]), std::abs(a.N[j] - b.N[j])});
      };
      compare(run, serial);
      for (size_t s = 0; s < run.jackknife.size(); ++s) compare(run.jackknife[s], serial.jackknife[s]);
      BOOST_TEST_CONTEXT((typicality ? "typicality" : "exact") << (o == &grouped ? " grouped" : " all ranks")) {
        BOOST_TEST(worst < 1e-10);
      }
    }
  }
}
