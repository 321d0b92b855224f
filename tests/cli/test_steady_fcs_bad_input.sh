#!/usr/bin/env bash
# Bad input to [spectrum] and [fcs] (issue 16): a counted channel that does not exist, a chi grid
# without 0, finite-time fields without their grid or count, stationary statistics without the
# steady state, a spectrum request as large as the space, malformed counts. Each: exit status 2 and ONE
# line on stderr naming file, section and key, from `qtherm check` and `qtherm run`, before any run;
# on lindblad and on the models with a system of their own (cascaded_qubits, collision continuous).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
make_work_dir steady_fcs_badinput
cd "$work"

case_header=("[model]" "name = lindblad" "dims = 2" "hamiltonian = 0.5*sz(0)" "jumps = em : 0.3 : sm(0); ab : 0.1 : sp(0)")

case_file no_such_channel "[fcs] count: " "no jump channel named 'cold'" "em, ab" -- "[fcs]" "count = cold : 1"
case_file chi_without_zero "[fcs] chi: " "must contain 0" -- "[fcs]" "count = em : 1" "chi = -0.5, 0.5"
case_file count_malformed "[fcs] count: " "NAME : WEIGHT" -- "[fcs]" "count = em"
case_file finite_time_without_chi "[fcs] finite_time: " "needs [fcs] chi" -- "[fcs]" "count = em : 1" "finite_time = true"
case_file lambda_without_count "[fcs] lambda: " "needs [fcs] count" -- "[fcs]" "lambda = 1"
case_file count_without_steady "[fcs] count: " "solve = true" -- "[steady]" "solve = false" "[fcs]" "count = em : 1"
case_file beta_partial "[fcs] count: " "BETA" -- "[fcs]" "count = em : 1 : 2; ab : -1"
case_file spectrum_too_large "[spectrum] eigenvalues: " "only 4 eigenvalues" -- "[spectrum]" "eigenvalues = 4"

# The models with a built-in system check the same requests against it before the run.
case_header=("[model]" "name = cascaded_qubits")
case_file qubits_spectrum_too_large "[spectrum] eigenvalues: " "only 16 eigenvalues" -- "[spectrum]" "eigenvalues = 16"
case_header=("[model]" "name = collision_cascade" "parties = 1" "order = A" "xi = 0.9" "route = continuous")
case_file continuous_spectrum_too_large "[spectrum] eigenvalues: " "only 4 eigenvalues" -- "[spectrum]" "eigenvalues = 5"

finish steady-fcs-bad-input
