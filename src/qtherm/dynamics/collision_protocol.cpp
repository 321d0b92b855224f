#include "qtherm/dynamics/collision_protocol.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <unsupported/Eigen/KroneckerProduct>

#include "qtherm/base/eigen_solvers.hpp"
#include "qtherm/dynamics/state.hpp"

namespace qtherm::dynamics {
namespace {

void require_hermitian(const Dense& m, long dim, const std::string& what) {
  if (m.rows() != dim || m.cols() != dim)
    throw std::invalid_argument(what + " must be " + std::to_string(dim) + "x" + std::to_string(dim) + ", got " +
                                std::to_string(m.rows()) + "x" + std::to_string(m.cols()));
  if ((m - m.adjoint()).norm() > 1e-12 * std::max(1.0, m.norm()))
    throw std::invalid_argument(what + " is not Hermitian");
}

operators::ProductTerm term(PetscScalar c, std::map<int, Dense> factors) { return {c, std::move(factors)}; }

}  // namespace

Dense PartyCoupling::dense() const {
  if (terms.empty()) throw std::invalid_argument("coupling of party " + std::to_string(party) + " has no terms");
  Dense V = Dense::Zero(terms[0].first.rows() * terms[0].second.rows(), terms[0].first.rows() * terms[0].second.rows());
  for (const auto& [S, R] : terms) V += Eigen::kroneckerProduct(S, R).eval();
  return V;
}

void CollisionProtocol::validate() const {
  const int n = system.parties();
  if (static_cast<int>(local_H.size()) != n) throw std::invalid_argument("one local Hamiltonian per party is needed");
  for (int p = 0; p < n; ++p)
    require_hermitian(local_H[p], system.local_dim(p), "local Hamiltonian of party " + std::to_string(p));
  require_hermitian(H_R, H_R.rows(), "the ancilla Hamiltonian");
  if (!(dt > 0) || !std::isfinite(dt)) throw std::invalid_argument("the collision time dt must be positive and finite");
  if (!std::isfinite(g0)) throw std::invalid_argument("g0 must be finite");
  // β < 0 (inverted ancillas) is allowed: η is still e^{−βH_R}/Z.
  if (std::isnan(beta)) throw std::invalid_argument("the ancilla inverse temperature is not a number");
  for (const auto& c : couplings) {
    if (c.party < 0 || c.party >= n)
      throw std::invalid_argument("a coupling names party " + std::to_string(c.party) + ", which does not exist");
    for (const auto& [S, R] : c.terms) {
      if (S.rows() != system.local_dim(c.party) || S.cols() != S.rows() || R.rows() != H_R.rows() ||
          R.cols() != R.rows())
        throw std::invalid_argument("a coupling term of party " + std::to_string(c.party) + " has the wrong shape");
    }
    require_hermitian(c.dense(), system.local_dim(c.party) * H_R.rows(),
                      "the coupling of party " + std::to_string(c.party));
  }
  if (stages.empty()) throw std::invalid_argument("the protocol has no stages");
  for (const auto& s : stages) {
    if (s.party >= n)
      throw std::invalid_argument("a stage names party " + std::to_string(s.party) + ", which does not exist");
    if (s.party >= 0) coupling_of(s.party);
    if (s.party < 0 && !(s.duration >= 0)) throw std::invalid_argument("a free evolution needs a duration >= 0");
  }
}

double CollisionProtocol::g() const { return g0 / std::sqrt(dt); }

Dense CollisionProtocol::ancilla_state() const { return dynamics::gibbs(H_R, beta); }

space::TensorSpace CollisionProtocol::joint() const {
  auto dims = system.local_dims();
  dims.push_back(H_R.rows());
  return space::TensorSpace(dims);
}

const PartyCoupling& CollisionProtocol::coupling_of(int party) const {
  for (const auto& c : couplings)
    if (c.party == party) return c;
  throw std::invalid_argument("party " + std::to_string(party) + " collides but has no coupling");
}

std::vector<int> CollisionProtocol::stage_parties(const CollisionStage& s) const {
  if (s.party >= 0) return {s.party, ancilla()};
  std::vector<int> all(system.parties());
  for (int p = 0; p < system.parties(); ++p) all[p] = p;
  return all;
}

Dense CollisionProtocol::stage_generator(const CollisionStage& s) const {
  if (s.party < 0) return H_S.dense();
  Dense G = g() * coupling_of(s.party).dense();
  if (free_in_collisions) {
    const long dp = system.local_dim(s.party), dr = H_R.rows();
    G += Eigen::kroneckerProduct(local_H[s.party], Dense::Identity(dr, dr)).eval();
    G += Eigen::kroneckerProduct(Dense::Identity(dp, dp), H_R).eval();
  }
  return G;
}

operators::OperatorSum CollisionProtocol::on_joint(const operators::OperatorSum& op) const {
  operators::OperatorSum out(joint());
  for (const auto& t : op.terms()) out.add(t);
  return out;
}

operators::OperatorSum CollisionProtocol::stage_generator_sum(const CollisionStage& s) const {
  if (s.party < 0) return on_joint(H_S);
  operators::OperatorSum G(joint());
  for (const auto& [S, R] : coupling_of(s.party).terms) G.add(term(g(), {{s.party, S}, {ancilla(), R}}));
  if (free_in_collisions) {
    G.add(term(1.0, {{s.party, local_H[s.party]}}));
    G.add(term(1.0, {{ancilla(), H_R}}));
  }
  return G;
}

Dense unitary_of(const Dense& G, double t) {
  const Dense hermitian = 0.5 * (G + G.adjoint());
  Eigen::SelfAdjointEigenSolver<Dense> es(hermitian);
  Eigen::VectorXcd phases(es.eigenvalues().size());
  for (Eigen::Index k = 0; k < phases.size(); ++k)
    phases(k) = std::exp(std::complex<double>(0, -t * es.eigenvalues()(k)));
  return es.eigenvectors() * phases.asDiagonal() * es.eigenvectors().adjoint();
}

}  // namespace qtherm::dynamics
