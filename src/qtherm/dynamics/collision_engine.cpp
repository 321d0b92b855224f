#include "qtherm/dynamics/collision_engine.hpp"

#include "qtherm/base/check.hpp"
#include "qtherm/space/vectorize.hpp"
#include "qtherm/info/entropy.hpp"
#include "qtherm/operators/assemble.hpp"
#include "qtherm/operators/subsystem_map.hpp"
#include "qtherm/space/partial_trace.hpp"

namespace qtherm::dynamics {

CollisionEngine::CollisionEngine(MPI_Comm comm, const CollisionProtocol& protocol)
    : comm_(comm), p_(protocol), joint_(protocol.joint()) {
  p_.validate();
  const double dt = p_.dt;
  for (const auto& s : p_.stages) {
    const auto parties = p_.stage_parties(s);
    const Dense U = unitary_of(p_.stage_generator(s), s.party >= 0 ? dt : s.duration);
    Stage st{operators::assemble_left(comm, joint_, parties, U),
             operators::assemble_right(comm, joint_, parties, U.adjoint()),
             {},
             s.party};
    stages_.push_back(std::move(st));
  }
  reset_ = operators::assemble_reset(comm, joint_, p_.ancilla(), p_.ancilla_state());
  work_ = initial_product({});
  for (size_t k = 0; k < p_.stages.size(); ++k)
    stages_[k].w_generator = operators::functional(p_.stage_generator_sum(p_.stages[k]), work_);
  w_HS_ = operators::functional(p_.on_joint(p_.H_S), work_);
  operators::OperatorSum HR(joint_);
  HR.add(operators::ProductTerm{1.0, {{p_.ancilla(), p_.H_R}}});
  w_HR_ = operators::functional(HR, work_);
}

parallel::Vector CollisionEngine::initial_product(const std::vector<Dense>& locals) const {
  if (locals.empty()) {  // a vector of the right layout (contents unspecified)
    parallel::Vector v;
    QTHERM_PETSC(MatCreateVecs(reset_, v.out(), nullptr));
    return v;
  }
  auto all = locals;
  all.push_back(p_.ancilla_state());
  return space::vectorize_product(comm_, all, space::LiouvilleSpace(joint_));
}

parallel::Vector CollisionEngine::initial_dense(const Dense& rho_s) const {
  const Dense eta = p_.ancilla_state();
  Dense joint(rho_s.rows() * eta.rows(), rho_s.cols() * eta.cols());
  for (Eigen::Index i = 0; i < rho_s.rows(); ++i)
    for (Eigen::Index j = 0; j < rho_s.cols(); ++j)
      joint.block(i * eta.rows(), j * eta.cols(), eta.rows(), eta.cols()) = rho_s(i, j) * eta;
  return space::vectorize(comm_, joint, space::LiouvilleSpace(joint_));
}

ProtocolStep CollisionEngine::step(Vec state, bool correlations) {
  ProtocolStep r;
  r.system_energy.push_back(operators::expectation(w_HS_, state));
  r.ancilla_energy.push_back(operators::expectation(w_HR_, state));
  for (Stage& st : stages_) {
    const double g_before = operators::expectation(st.w_generator, state);
    QTHERM_PETSC(MatMult(st.left, state, work_));
    QTHERM_PETSC(MatMult(st.right, work_, state));
    r.system_energy.push_back(operators::expectation(w_HS_, state));
    r.ancilla_energy.push_back(operators::expectation(w_HR_, state));
    r.generator_change.push_back(operators::expectation(st.w_generator, state) - g_before);
    r.stage_party.push_back(st.party);
  }
  if (correlations) {
    const Dense joint = space::gather_density_matrix(state, space::LiouvilleSpace(joint_));
    std::vector<long> dims(joint_.local_dims().begin(), joint_.local_dims().end());
    std::vector<int> system(p_.system.parties());
    for (int q = 0; q < p_.system.parties(); ++q) system[q] = q;
    r.mutual_information = info::mutual_information(joint, dims, system, {p_.ancilla()});
  }
  QTHERM_PETSC(MatMult(reset_, state, work_));
  QTHERM_PETSC(VecCopy(work_, state));
  return r;
}

Dense CollisionEngine::reduced(Vec state, const std::vector<int>& keep) const {
  return space::partial_trace(state, space::LiouvilleSpace(joint_), keep);
}

double CollisionEngine::system_energy(Vec state) const { return operators::expectation(w_HS_, state); }

}  // namespace qtherm::dynamics
