#pragma once
// The [fcs] outputs of the open-system pipeline that need more than the steady state: the
// finite-time generating functions of the counted N_t. Internal to models/common.
#include <string>
#include <vector>

#include "qtherm/dynamics/counting_statistics.hpp"
#include "qtherm/io/run_record.hpp"
#include "qtherm/models/common/open_system.hpp"

namespace qtherm::models {

// The counted channels of [fcs] count as jump terms with their weights (names checked at check time).
std::vector<dynamics::CountedJump> counted_jumps(const OpenSystem& sys, const OpenSystemSettings& set);

// The finite-time series ([fcs] finite_time, lambda; documented by counting_observables()).
std::vector<io::Quantity> counting_observables();

// Collective: for [fcs] finite_time, fcs_cgf_<k> = ln <e^{chi_k N_t}> per chi of [fcs] chi, and for
// [fcs] lambda, fcs_char_re_<k>, fcs_char_im_<k> = <e^{i lambda_k N_t}>, at every output time from
// rho0 (one evolution of the tilted state per field, with the run's integrator settings).
std::vector<io::Series> finite_time_counting(MPI_Comm comm, const OpenSystem& sys, const OpenSystemSettings& set,
                                             const dynamics::MakeOperator& make, const operators::SuperOperator& L,
                                             Vec rho0, const std::string& label);

}  // namespace qtherm::models
