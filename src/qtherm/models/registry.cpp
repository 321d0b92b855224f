#include "qtherm/models/builtin.hpp"
#include "qtherm/models/model.hpp"

namespace qtherm::models {

const std::vector<std::unique_ptr<Model>>& registry() {
  static const std::vector<std::unique_ptr<Model>> models = [] {
    std::vector<std::unique_ptr<Model>> m;
    m.push_back(make_cascaded_qubits());
    m.push_back(make_lindblad());
    m.push_back(make_otto_engine());
    m.push_back(make_collision_ness());
    m.push_back(make_collision_cascade());
    m.push_back(make_collision_indirect());
    m.push_back(make_cascaded_oscillators());
    m.push_back(make_spin_chain_erasure());
    m.push_back(make_interacting_reservoirs());
    return m;
  }();
  return models;
}

const Model* find_model(const std::string& name) {
  for (const auto& m : registry())
    if (m->name() == name) return m.get();
  return nullptr;
}

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  for (const auto& m : registry()) names.push_back(m->name());
  return names;
}

}  // namespace qtherm::models
