#include "qtherm/models/builtin.hpp"
#include "qtherm/models/model.hpp"

namespace qtherm::models {

const std::vector<std::unique_ptr<Model>>& registry() {
  static const std::vector<std::unique_ptr<Model>> models = [] {
    std::vector<std::unique_ptr<Model>> m;
#define QTHERM_ADD_MODEL(f) m.push_back(make_##f());
    QTHERM_BUILTIN_MODELS(QTHERM_ADD_MODEL)
#undef QTHERM_ADD_MODEL
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
