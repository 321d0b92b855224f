#include "qtherm/models/common/open_system_counting.hpp"

#include <cmath>
#include <complex>
#include <mpi.h>

#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/dynamics/lindblad_evolution.hpp"

namespace qtherm::models {
namespace {

const io::Quantity kCgf{"fcs_cgf_<k>", "1", "",
                        "ln <exp(chi_k N_t)>: the cumulant generating function of N_t counted from the first output "
                        "time, chi_k the k-th of [fcs] chi ([fcs] finite_time); (1/t) of it tends to theta(chi_k)"};
const io::Quantity kCharRe{"fcs_char_re_<k>", "1", "",
                           "real part of <exp(i lambda_k N_t)>, lambda_k the k-th of [fcs] lambda: the characteristic "
                           "function of N_t counted from the first output time"};
const io::Quantity kCharIm{"fcs_char_im_<k>", "1", "", "imaginary part of <exp(i lambda_k N_t)> ([fcs] lambda)"};

io::Quantity numbered(const io::Quantity& pattern, size_t k) {
  io::Quantity q = pattern;
  q.name = q.name.substr(0, q.name.find("<k>")) + std::to_string(k);
  return q;
}

}  // namespace

std::vector<dynamics::CountedJump> counted_jumps(const OpenSystem& sys, const OpenSystemSettings& set) {
  std::vector<dynamics::CountedJump> counted;
  for (const auto& c : set.counted) {
    const OpenSystem::Channel* ch = nullptr;
    for (const auto& k : sys.channels)
      if (k.heat.name == "J_" + c.name && k.jump) ch = &k;
    if (!ch) throw Error("[fcs] count: no jump channel named " + c.name);
    counted.push_back({*ch->jump, c.weight});
  }
  return counted;
}

std::vector<io::Quantity> counting_observables() { return {kCgf, kCharRe, kCharIm}; }

std::vector<io::Series> finite_time_counting(MPI_Comm comm, const OpenSystem& sys, const OpenSystemSettings& set,
                                             const dynamics::MakeOperator& make, const operators::SuperOperator& L,
                                             Vec rho0, const std::string& label) {
  std::vector<PetscScalar> fields;
  if (set.finite_time)
    for (double x : set.chi) fields.push_back(x);
  for (double x : set.lambda) fields.push_back(PetscScalar(0, x));
  if (fields.empty()) return {};
  const double t0 = MPI_Wtime();
  size_t done = 0;
  const auto evolve = [&](Mat A, Vec rho, const std::function<void(Vec)>& at) {
    dynamics::EvolutionSettings es = set.evolution;
    es.label = label + ": counting field " + std::to_string(++done) + " of " + std::to_string(fields.size());
    dynamics::LindbladEvolution ev(comm, A, es);
    ev.evolve(rho, set.times, [&](double, Vec x, const std::vector<double>&) { at(x); });
  };
  const auto Z = dynamics::generating_function(make, L, counted_jumps(sys, set), fields, rho0, sys.space.dim(), evolve);
  std::vector<io::Series> out;
  size_t k = 0;
  if (set.finite_time)
    for (size_t i = 0; i < set.chi.size(); ++i, ++k) {
      std::vector<double> v;
      for (auto z : Z[k]) v.push_back(std::log(PetscRealPart(z)));
      out.push_back({numbered(kCgf, i), v});
    }
  for (size_t i = 0; i < set.lambda.size(); ++i, ++k) {
    std::vector<double> re, im;
    for (auto z : Z[k]) re.push_back(PetscRealPart(z)), im.push_back(PetscImaginaryPart(z));
    out.push_back({numbered(kCharRe, i), re});
    out.push_back({numbered(kCharIm, i), im});
  }
  print0(comm, label + ": finite-time counting statistics, " + std::to_string(fields.size()) +
                   " tilted evolutions in " + format_number(MPI_Wtime() - t0) + " s");
  return out;
}

}  // namespace qtherm::models
