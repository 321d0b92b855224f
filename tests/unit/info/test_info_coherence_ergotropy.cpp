// l1-norm of coherence (computational basis, Hamiltonian eigenbasis, explicit basis) and
// ergotropy / passive states: known values, thermal states (zero ergotropy, passive), the qubit
// closed form 𝓔 = (ω/2)(⟨σz⟩ + |r|), the passive state as the minimum over unitary orbits, and
// validation messages.
#define BOOST_TEST_MODULE info_coherence_ergotropy
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "error_messages.hpp"
#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/dynamics/state.hpp"
#include "qtherm/info/coherence.hpp"
#include "qtherm/info/ergotropy.hpp"
#include "quantum_states.hpp"

using namespace qtherm::info;

namespace {
Dense random_hermitian(long d, unsigned seed) {
  const Dense r = random_density_matrix(d, seed) * double(d);
  const Dense u = random_unitary(d, seed + 1);
  return u * r * u.adjoint() - Dense::Identity(d, d);
}
}  // namespace

BOOST_AUTO_TEST_CASE(coherence_known_values) {
  for (long d : {2L, 3L, 6L}) {
    const Dense maxcoh = Dense::Constant(d, d, 1.0 / double(d));  // |+...+><+...+|
    BOOST_TEST(std::abs(coherence_l1(maxcoh) - double(d - 1)) < 1e-14);
    BOOST_TEST(coherence_l1(Dense(Dense::Identity(d, d) / double(d))) == 0.0);
  }
  BOOST_TEST(std::abs(coherence_l1(qubit(0.3, 0.4, 0.1)) - 0.5) < 1e-15);  // 2·|r_x − i r_y|/2
  // In the eigenbasis of H = σx, |+><+| is incoherent; a Gibbs state of any H is too.
  const Dense sx = (Dense(2, 2) << 0, 1, 1, 0).finished();
  BOOST_TEST(coherence_l1(qubit(1, 0, 0), sx) < 1e-15);
  BOOST_TEST(std::abs(coherence_l1(qubit(0, 0, 1), sx) - 1.0) < 1e-15);
  const Dense h = random_hermitian(5, 3);
  BOOST_TEST(coherence_l1(qtherm::dynamics::gibbs(h, 0.7), h) < 1e-14);
  // An explicit basis U: C(UρU†) in U's columns equals C(ρ) in the computational basis.
  const Dense rho = random_density_matrix(4, 4), u = random_unitary(4, 5);
  BOOST_TEST(std::abs(coherence_l1_in_basis(Dense(u * rho * u.adjoint()), u) - coherence_l1(rho)) < 1e-13);
  BOOST_TEST(coherence_l1(rho) > 0.1);
  BOOST_CHECK_EXCEPTION(coherence_l1(rho, Dense::Identity(3, 3)), std::invalid_argument,
                        starts("coherence_l1: Hamiltonian is 3x3"));
  BOOST_CHECK_EXCEPTION(coherence_l1_in_basis(rho, Dense(2 * u)), std::invalid_argument,
                        starts("coherence_l1: basis matrix is not unitary"));
  BOOST_CHECK_EXCEPTION(coherence_l1(Dense(2 * rho)), std::invalid_argument,
                        starts("coherence_l1: density matrix has trace 2"));
}

BOOST_AUTO_TEST_CASE(ergotropy_and_passive_states) {
  // Qubit, qtherm convention index 0 = |e>: H = (ω/2)σz; 𝓔 = (ω/2)(⟨σz⟩ + |r|).
  const double w = 1.3;
  const Dense h = (Dense(2, 2) << w / 2, 0, 0, -w / 2).finished();
  BOOST_TEST(std::abs(ergotropy(qubit(0, 0, 1), h) - w) < 1e-15);  // excited state: all of ω
  BOOST_TEST(ergotropy(qubit(0, 0, -1), h) < 1e-15);
  std::mt19937 g(1);
  std::uniform_real_distribution<double> u(-0.57, 0.57);
  for (int k = 0; k < 10; ++k) {
    const Eigen::Vector3d r(u(g), u(g), u(g));
    BOOST_TEST(std::abs(ergotropy(qubit(r(0), r(1), r(2)), h) - w / 2 * (r(2) + r.norm())) < 1e-15);
  }
  for (unsigned seed = 1; seed <= 6; ++seed) {
    const long d = 2 + seed % 4;
    const Dense hh = random_hermitian(d, seed);
    // Thermal states (any β ≥ 0) are passive: zero ergotropy, passive_state returns them.
    for (double beta : {0.0, 0.4, 3.0}) {
      const Dense th = qtherm::dynamics::gibbs(hh, beta);
      BOOST_TEST(ergotropy(th, hh) < 1e-14);
      if (beta > 0) BOOST_TEST((passive_state(th, hh) - th).norm() < 1e-12);
    }
    // A random state: the passive state commutes with H, has ρ's spectrum, and no unitary
    // orbit point has lower energy; 𝓔 is invariant under H → H + c.
    const Dense rho = random_density_matrix(d, seed + 30);
    const Dense pi = passive_state(rho, hh);
    const double e_pass = (pi * hh).trace().real(), e = ergotropy(rho, hh);
    BOOST_TEST((pi * hh - hh * pi).norm() < 1e-12);
    BOOST_TEST(std::abs(e - ((rho * hh).trace().real() - e_pass)) < 1e-13);
    BOOST_TEST(e > 0.0);
    const Eigen::VectorXd a = Eigen::SelfAdjointEigenSolver<Dense>(rho).eigenvalues();
    const Eigen::VectorXd b = Eigen::SelfAdjointEigenSolver<Dense>(pi).eigenvalues();
    BOOST_TEST((a - b).norm() < 1e-13);
    for (unsigned t = 0; t < 50; ++t) {
      const Dense v = random_unitary(d, 1000 * seed + t);
      BOOST_TEST((v * rho * v.adjoint() * hh).trace().real() >= e_pass - 1e-13);
    }
    BOOST_TEST(std::abs(ergotropy(rho, Dense(hh + 2.5 * Dense::Identity(d, d))) - e) < 1e-13);
  }
  // Degenerate H: the energy is still well defined. H = diag(0, 1, 1), ρ = diag(0.1, 0.3, 0.6):
  // passive energy 0.6·0 + 0.3·1 + 0.1·1 = 0.4, tr ρH = 0.9.
  Dense hd = Dense::Zero(3, 3), rd = Dense::Zero(3, 3);
  hd.diagonal() << 0, 1, 1;
  rd.diagonal() << 0.1, 0.3, 0.6;
  BOOST_TEST(std::abs(ergotropy(rd, hd) - 0.5) < 1e-15);
  BOOST_CHECK_EXCEPTION(ergotropy(rd, Dense::Identity(2, 2)), std::invalid_argument,
                        starts("ergotropy: Hamiltonian is 2x2"));
  Dense nh = hd;
  nh(0, 1) = 1;
  BOOST_CHECK_EXCEPTION(passive_state(rd, nh), std::invalid_argument,
                        starts("passive_state: Hamiltonian is not Hermitian"));
  BOOST_CHECK_EXCEPTION(ergotropy(Dense(0.5 * rd), hd), std::invalid_argument,
                        starts("ergotropy: density matrix has trace 0.5"));
}
