#include "qtherm/parallel/petsc_option_values.hpp"

#include <petscksp.h>
#include <petscts.h>
#include <slepceps.h>
#include <slepcmfn.h>

#include <functional>
#include <string>
#include <vector>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"

namespace qtherm::parallel {
namespace {

std::string names_of(PetscFunctionList list) {
  const char** names = nullptr;
  int n = 0;
  if (!list || PetscFunctionListGet(list, &names, &n) != 0) return "";
  std::string s;
  for (int i = 0; i < n; ++i)
    if (names[i]) s += (s.empty() ? "" : ", ") + std::string(names[i]);
  PetscFree(names);
  return s;
}

// Whether `set_type` accepts `value` on a scratch object (PETSc returns, not prints, errors here).
template <class Object>
bool accepts(PetscErrorCode (*create)(MPI_Comm, Object*), PetscErrorCode (*destroy)(Object*),
             const std::function<PetscErrorCode(Object)>& set_type) {
  Object o = nullptr;
  QTHERM_PETSC(create(PETSC_COMM_SELF, &o));
  const PetscErrorCode e = set_type(o);
  QTHERM_PETSC(destroy(&o));
  return e == 0;
}

struct Kind {
  const char* suffix;  // the option without its prefix
  std::function<bool(const char*)> valid;
  std::function<std::string()> allowed;
};

}  // namespace

void check_petsc_option_values() {
  const std::vector<Kind> kinds = {
      {"ts_type",
       [](const char* v) { return accepts<TS>(TSCreate, TSDestroy, [v](TS ts) { return TSSetType(ts, v); }); },
       [] { return names_of(TSList); }},
      {"ts_rk_type",
       [](const char* v) {
         return accepts<TS>(TSCreate, TSDestroy, [v](TS ts) {
           PetscErrorCode e = TSSetType(ts, TSRK);
           return e ? e : TSRKSetType(ts, v);
         });
       },
       [] { return std::string("1fe, 2a, 2b, 3, 3bs, 4, 5f, 5dp, 5bs, 6vr, 7vr, 8vr (see -help)"); }},
      {"ksp_type",
       [](const char* v) { return accepts<KSP>(KSPCreate, KSPDestroy, [v](KSP k) { return KSPSetType(k, v); }); },
       [] { return names_of(KSPList); }},
      {"pc_type", [](const char* v) { return accepts<PC>(PCCreate, PCDestroy, [v](PC p) { return PCSetType(p, v); }); },
       [] { return names_of(PCList); }},
      {"mfn_type",
       [](const char* v) { return accepts<MFN>(MFNCreate, MFNDestroy, [v](MFN m) { return MFNSetType(m, v); }); },
       [] { return names_of(MFNList); }},
      {"eps_type",
       [](const char* v) { return accepts<EPS>(EPSCreate, EPSDestroy, [v](EPS e) { return EPSSetType(e, v); }); },
       [] { return names_of(EPSList); }},
  };
  PetscInt n = 0;
  char** names = nullptr;
  char** values = nullptr;
  QTHERM_PETSC(PetscOptionsLeftGet(nullptr, &n, &names, &values));  // at start: every option given
  std::string bad_option, bad_value, allowed;
  for (PetscInt i = 0; i < n && bad_option.empty(); ++i) {
    const std::string name = names[i];
    for (const auto& k : kinds) {
      const std::string suffix = k.suffix;
      // "ts_type", or a prefixed "steady_ts_type"
      const bool match = name == suffix || (name.size() > suffix.size() &&
                                            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
                                            name[name.size() - suffix.size() - 1] == '_');
      if (!match) continue;
      const char* v = values[i] ? values[i] : "";
      if (!k.valid(v)) bad_option = "-" + name, bad_value = v, allowed = k.allowed();
      break;
    }
  }
  QTHERM_PETSC(PetscOptionsLeftRestore(nullptr, &n, &names, &values));
  if (!bad_option.empty())
    throw InputError("command line", "", bad_option,
                     (bad_value.empty() ? std::string("needs a value") : "unknown value '" + bad_value + "'") +
                         (allowed.empty() ? std::string() : "; allowed: " + allowed));
}

}  // namespace qtherm::parallel
