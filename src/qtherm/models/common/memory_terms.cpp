#include "qtherm/models/common/memory_terms.hpp"

#include <algorithm>
#include <cmath>

#include "qtherm/dynamics/lindblad_evolution.hpp"
#include "qtherm/dynamics/steady_state.hpp"
#include "qtherm/models/common/open_system.hpp"

namespace qtherm::models {

MemoryTerm output_term(const std::string& section, const std::string& key, double samples, double series) {
  // The series and the record's copy (the writer writes from the record). Measured with
  // bench/memory_estimates: 2 copies fit cascaded_qubits and collision_ness to ~10 %, 3 overestimated by 60-70 %.
  return {"output series (" + std::to_string(long(series)) + " of float64)", section, key, samples, "",
          [series](double n) { return 2 * real_bytes(series * n); }};
}

MemoryEstimate open_system_memory(const io::Config& c, const OpenSystemKeys& keys, int ranks,
                                  const std::string& section, const std::string& key, double value,
                                  const std::string& quantity, std::function<double(double)> dimension, double series,
                                  int parts) {
  const OpenSystemKeys k = io::read(c, keys);
  const bool rk = parts > 0 || dynamics::resolve_integrator(k.integrator) == "rk";
  const double vectors = rk ? (parts > 0 ? 19 : 18) : 5, r = std::max(1, ranks);
  const std::string liouvillian = k.liouvillian;
  MemoryEstimate e;
  e.push_back({"state and integrator vectors (" + std::to_string(int(vectors)) + (rk ? ", rk" : ", taylor") +
                   ") of the Liouville unknowns",
               section, key, value, quantity, [=](double v) {
                 const double d = dimension(v);
                 return complex_bytes(vectors * d * d) / r;
               }});
  // Entries per row of L: a few per local term; the row count is d², the pattern grows like log d.
  const auto nnz_per_row = [](double d) { return 4 * std::log2(std::max(2.0, d)) + 2; };
  const bool assembled = liouvillian == "assembled" || !use_shell(liouvillian, long(std::min(1e9, dimension(value))));
  if (assembled)
    e.push_back({parts > 0 ? "assembled Liouvillian and its " + std::to_string(parts) + " time-dependent parts"
                           : std::string("assembled Liouvillian"),
                 section, key, value, quantity, [=](double v) {
                   const double d = dimension(v);
                   return (1 + parts) * 24 * nnz_per_row(d) * d * d / r;
                 }});
  const double counting_series = (k.fcs_finite_time ? double(k.fcs_chi.size()) : 0) + 2.0 * k.fcs_lambda.size();
  if (assembled && counting_series > 0)  // made beside L while the tilted states evolve
    e.push_back({"tilted Liouvillian of [fcs] finite_time / lambda", section, key, value, quantity, [=](double v) {
                   const double d = dimension(v);
                   return 24 * nnz_per_row(d) * d * d / r;
                 }});
  if (k.steady_solve && parts == 0) {
    dynamics::SteadyStateSettings st;
    st.method = k.steady_method, st.direct_max_unknowns = k.direct_max_unknowns;
    st.preconditioner = k.steady_preconditioner;
    const double d0 = dimension(value);
    if (dynamics::resolve_steady_method(st, d0 * d0) == "direct")
      e.push_back({"steady-state solve (assembled L, MUMPS LU factors)", section, key, value, quantity, [=](double v) {
                     const double d = dimension(v), n = d * d;
                     // The assembled L and its LU factors (nested-dissection fill ~ n log n), measured with
                     // bench/memory_estimates on sparse generators: ~70 n log2(n) bytes and 3 MB of MUMPS.
                     return 3e6 + 70 * n * std::log2(std::max(2.0, n)) / r;
                   }});
    else  // GMRES(200): at most 203 vectors; the eigenbasis preconditioner's dense matrices on every rank
      e.push_back({"steady-state solve (GMRES(200) basis" +
                       std::string(dynamics::resolve_steady_preconditioner(st, d0, true) == "eigenbasis"
                                       ? ", dense eigenbasis of H)"
                                       : ")"),
                   section, key, value, quantity, [=](double v) {
                     const double d = dimension(v);
                     const bool eigenbasis = dynamics::resolve_steady_preconditioner(st, d, true) == "eigenbasis";
                     return complex_bytes(203 * d * d) / r +
                            (eigenbasis ? dynamics::EigenbasisPreconditioner::bytes(d) : 0.0);
                   }});
  }
  if (k.periodic && k.period && k.period_length > 0)  // GMRES(50) basis and work vectors
    e.push_back({"periodic-state GMRES vectors (53)", section, key, value, quantity, [=](double v) {
                   const double d = dimension(v);
                   return complex_bytes(53 * d * d) / r;
                 }});
  if (!k.time.grid) return e;  // the model's own grid: it adds the output terms
  const double samples = double(k.time.samples);
  if (k.output_states)
    e.push_back({"stored states rho(t)", section, key, value, quantity, [=](double v) {
                   const double d = dimension(v);
                   return 2 * complex_bytes(samples * d * d);
                 }});
  e.push_back(output_term("time", "samples", samples, series + counting_series));
  return e;
}

}  // namespace qtherm::models
