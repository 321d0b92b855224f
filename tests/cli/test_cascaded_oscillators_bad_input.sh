#!/usr/bin/env bash
# Bad input to the cascaded_oscillators model (issue 4): an unphysical covariance matrix, a
# negative occupation, a cutoff too small for the requested state (also for states with
# <a1 a2> != 0), a construction too costly, and the route/state combinations a route or a
# storage cannot represent. Each must give exit status 2 and ONE line on stderr
#     qtherm: error: <file>: [<section>] <key>: <reason>
# from `qtherm check` (validate) and from `qtherm run`, with no output file.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
make_work_dir oscbad
cd "$work"

case_header=("[model]" "name = cascaded_oscillators")

# Eq. (31) with c13 = c24 = 1.2 > N_s = 1 violates Eq. (D5) (symplectic eigenvalue < 1/2).
case_file unphysical_covariance "[model] c13: " "unphysical" "D2" -- \
  "initial = correlated" "N_s = 1" "c13 = 1.2" "c24 = 1.2"
# Positive definite but not a quantum state: c13 = -c24 = 1.45 > sqrt(N_s(N_s+1)) + ... (D4 only).
case_file unphysical_covariance_d4 "[model] c13: " "symplectic eigenvalue" -- \
  "initial = correlated" "N_s = 1" "c13 = 1.45" "c24 = -1.45"
case_file negative_occupation "[model] N: " "-0.5" -- "N = -0.5"
case_file negative_initial_occupation "[model] N_s: " "-1" -- "N_s = -1"
case_file cutoff_too_small_thermal "[model] cutoff: " "too small" -- \
  "route = fock" "initial = thermal" "N_s = 2" "cutoff = 10"
case_file cutoff_too_small_fock "[model] cutoff: " "Fock level 12" -- \
  "route = fock" "initial = fock" "fock = 12, 0" "cutoff = 10"
case_file cutoff_too_small_coherent "[model] cutoff: " "too small" -- \
  "route = both" "initial = coherent" "alpha = 3, 0" "cutoff = 8"
case_file cutoff_beyond_petscint "[model] cutoff: " "PetscInt" -- \
  "route = fock" "liouvillian = shell" "initial = thermal" "N_s = 0.1" "cutoff = 300"
case_file total_cutoff_needs_sector "[model] max_excitations: " "sector" -- \
  "route = fock" "liouvillian = shell" "initial = thermal" "N_s = 0.1" "cutoff = 8" "max_excitations = 6"
case_file fock_state_on_gaussian_route "[model] fock: " "not Gaussian" -- \
  "route = gaussian" "initial = fock" "fock = 1, 0"
# States with <a1 a2> != 0 are outside the excitation-difference-0 sector storage.
case_file squeezed_in_sector "[model] liouvillian: " "<a1 a2> != 0" -- \
  "route = fock" "liouvillian = sector" "initial = squeezed_thermal" "squeezing = 0.3" "N_s = 0.2" "cutoff = 12"
case_file correlated_c13_ne_c24_in_sector "[model] liouvillian: " "c13 != c24" -- \
  "route = both" "liouvillian = sector" "initial = correlated" "N_s = 1" "c13 = 0.5" "c24 = -0.5" "cutoff = 12"
case_file cutoff_too_small_squeezed "[model] cutoff: " "too small" -- \
  "route = fock" "initial = squeezed_thermal" "squeezing = 0.5" "N_s = 0.5" "cutoff = 10"
case_file cutoff_too_small_correlated "[model] cutoff: " "too small" -- \
  "route = fock" "initial = correlated" "N_s = 1" "c13 = 1.2" "c24 = -1.2" "cutoff = 12"
case_file squeezed_construction_too_costly "[model] cutoff: " "operations" -- \
  "route = fock" "liouvillian = shell" "initial = squeezed_thermal" "squeezing = 0.3" "N_s = 0.5" "cutoff = 200"
case_file bad_alpha "[model] alpha: " "alpha" -- "initial = coherent" "alpha = 1"
# Not an error: a state that reaches the highest retained level runs, with one truncation warning.
printf '%s\n' "[model]" "name = cascaded_oscillators" "route = fock" "initial = fock" "fock = 5, 0" "cutoff = 6" \
  "[time]" "t_final = 0.5" "samples = 3" "progress_interval = 0" "[output]" "file = trunc.h5" > trunc.ini
run_to trunc "$QTHERM" run trunc.ini
if [ "$status" -eq 0 ] && [ "$(grep -c 'truncation: population' trunc.err)" -eq 1 ]; then
  ok "truncation warning: $(grep 'truncation: population' trunc.err)"
else
  fail "truncation warning: status $status, stderr:"; show trunc.err
fi
rm -f trunc.h5
finish "cascaded_oscillators bad-input"
