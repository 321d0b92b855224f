#!/usr/bin/env bash
# Bad input to `qtherm check` and `qtherm run` (docs/design.md, "The user-facing contract"):
# exit status 2 and exactly ONE line on stderr,
#     qtherm: error: <file>: [<section>] <key>: <reason>
# where <file> is the configuration path, or "command line" for --section.key=value overrides.
# `run` must not create the output file (nor its .partial). Under MPI the line appears once, not
# once per rank. Run by ctest (cli.bad_input) with QTHERM and MPIEXEC set (tests/CMakeLists.txt).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
use_mpiexec
make_work_dir badinput
cd "$work"

head_cq=("[model]" "name = cascaded_qubits")

head_cc=("[model]" "name = collision_cascade")
head_ci=("[model]" "name = collision_indirect")
head_cn=("[model]" "name = collision_ness")
echo "== bad configuration files (check and run)"
case_file unknown_key "[model] omegaa: " "unknown key" "'omega'" -- \
  "${head_cq[@]}" "omegaa = 1"
case_file unknown_section "[modle] " "unknown section" -- \
  "${head_cq[@]}" "[modle]" "omega = 1"
case_file wrong_type "[model] gamma: " "real number" "fast" -- \
  "${head_cq[@]}" "gamma = fast"
case_file xi_out_of_range "[model] xi: " "[-1, 1]" "1.5" -- \
  "${head_cq[@]}" "xi = 1.5"
# Hermitian, trace 1, positive diagonal, eigenvalues 0.65, 0.25, 0.25, -0.15.
case_file matrix_not_positive "[model] initial_matrix: " "positive" -- \
  "${head_cq[@]}" "initial = matrix" \
  "initial_matrix = [[0.25, 0, 0, 0.4], [0, 0.25, 0, 0], [0, 0, 0.25, 0], [0.4, 0, 0, 0.25]]"
# Trace 1, positive diagonal, rho[0][1] = 0.1 but rho[1][0] = 0.
case_file matrix_not_hermitian "[model] initial_matrix: " "Hermitian" -- \
  "${head_cq[@]}" "initial = matrix" \
  "initial_matrix = [[0.25, 0.1, 0, 0], [0, 0.25, 0, 0], [0, 0, 0.25, 0], [0, 0, 0, 0.25]]"
# Non-Hermitian only through the imaginary parts: (0,1) = 0.1i and (1,0) = 0.1i (not -0.1i).
case_file matrix_not_hermitian_imag "[model] initial_matrix: " "Hermitian" -- \
  "${head_cq[@]}" "initial = matrix" \
  "initial_matrix = [[0.25, 0.1i, 0, 0], [0.1i, 0.25, 0, 0], [0, 0, 0.25, 0], [0, 0, 0, 0.25]]"
case_file matrix_trace "[model] initial_matrix: " "trace" -- \
  "${head_cq[@]}" "initial = matrix" \
  "initial_matrix = [[0.5, 0, 0, 0], [0, 0.25, 0, 0], [0, 0, 0.25, 0], [0, 0, 0, 0.25]]"
case_file order_unknown_party "[model] order: " "unknown party 'C'" -- \
  "${head_cc[@]}" "beta = 1" "order = A, C"
case_file order_party_without_coupling "[model] order: " "party A does not couple" -- \
  "${head_ci[@]}" "beta = 1" "order = free, A"
case_file ancilla_temperature_missing "[model] beta: " "required" -- \
  "${head_cc[@]}"
case_file coupling_not_hermitian "[model] V: " "not Hermitian" -- \
  "${head_cn[@]}" "beta = 1" "coupling = expression" "V = sp(0)*sm(1)"
case_file cascade_coupling_not_hermitian "[model] V: " "not Hermitian" -- \
  "${head_cc[@]}" "beta = 1" "coupling = expression" "V = sm(0)*sm(1)"
case_file fock_beyond_cutoff "[model] fock: " "levels" -- \
  "${head_cc[@]}" "beta = 1" "party = oscillator" "levels = 3" "fock = 3"
case_file t_final_zero "[time] t_final: " "> 0" -- \
  "${head_cq[@]}" "[time]" "t_final = 0"
case_file t_final_negative "[time] t_final: " "> 0" "-1" -- \
  "${head_cq[@]}" "[time]" "t_final = -1"
case_file unknown_model "[model] name: " "unknown model" "nosuchmodel" -- \
  "[model]" "name = nosuchmodel"
# Eq. (42): |rho23| <= 1 - xi_s^2 = 0.75 for xi_s = 0.5.
case_file rho23_too_large "[model] rho23: " "1 - xi_s^2" -- \
  "${head_cq[@]}" "initial = correlated" "xi_s = 0.5" "rho23 = 0.8"
# The modulus counts: Re 0.5 and Im 0.6 are each allowed, |0.5+0.6i| = 0.78 is not.
case_file rho23_complex_too_large "[model] rho23: " "1 - xi_s^2" -- \
  "${head_cq[@]}" "initial = correlated" "xi_s = 0.5" "rho23 = 0.5+0.6i"
# Generic model: an operator name the parser does not know.
case_file lindblad_unknown_operator "[model] hamiltonian: " "sq" -- \
  "[model]" "name = lindblad" "hamiltonian = 0.5*sq(0)"

# 24 qubits: 2.8e14 Liouville unknowns, refused before anything of that size exists, with the estimate.
case_file lindblad_too_large "[model] dims: " "Liouville unknowns" "GB" "available" -- \
  "[model]" "name = lindblad" "dims = 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2" \
  "hamiltonian = 0.5*sz(0)" "jumps = 1 : sm(0)" "initial_basis = 0"

echo "== command-line overrides and files that do not exist"
printf '%s\n' "${head_cq[@]}" > good.ini
for cmd in check run; do
  expect_error "$cmd override t_final=-2" "qtherm: error: command line: [time] t_final: " "> 0" "-2" -- \
    "$QTHERM" "$cmd" good.ini --time.t_final=-2
  expect_error "$cmd override unknown key" "qtherm: error: command line: [time] t_finall: " \
    "unknown key" "'t_final'" -- "$QTHERM" "$cmd" good.ini --time.t_finall=1
  expect_error "$cmd missing config file" "qtherm: error: missing.ini: " "cannot open" -- \
    "$QTHERM" "$cmd" missing.ini
done
expect_error "run (default study) override t_final=-2" "qtherm: error: command line: [time] t_final: " \
  "> 0" -- "$QTHERM" run --time.t_final=-2

echo "== an existing output file is refused and kept"
mkdir -p existing
printf 'not an HDF5 file\n' > existing/taken.h5
sum_before=$(md5sum < existing/taken.h5)
printf '%s\n' "${head_cq[@]}" "[output]" "file = existing/taken.h5" > output_exists.ini
expect_error "run output_exists" "qtherm: error: output_exists.ini: [output] file: " "exists" -- \
  "$QTHERM" run output_exists.ini
[ "$(md5sum < existing/taken.h5)" = "$sum_before" ] || fail "run output_exists: existing file was changed"
[ ! -e existing/taken.h5.partial ] || fail "run output_exists: left existing/taken.h5.partial"

echo "== under MPI the error line appears once"
# mpiexec adds its own lines about the non-zero exit: count only qtherm's line.
expect_error_mpi() {
  local label=$1 n=$2 prefix=$3; shift 3
  local count before after
  before=$(outputs)
  run_to last "$mpiexec" -n "$n" "$@"
  count=$(grep -c '^qtherm: error:' last.err || true)
  after=$(outputs)
  local bad=0
  if [ "$status" -eq 0 ]; then fail "$label: exit status 0, expected non-zero"; bad=1; fi
  if [ "$count" -ne 1 ]; then fail "$label: 'qtherm: error:' appears $count times on stderr, expected once"; bad=1; fi
  if ! awk -v p="$prefix" 'index($0, p) == 1 { found = 1 } END { exit !found }' last.err; then
    fail "$label: no stderr line starts with '$prefix'"; bad=1
  fi
  if [ "$after" != "$before" ]; then fail "$label: output file(s) created: $after"; bad=1; fi
  if [ "$bad" -ne 0 ]; then
    echo "      command: $mpiexec -n $n $*"
    echo "      stderr:"; show last.err
  else
    ok "$label (exit $status)"
  fi
}
expect_error_mpi "mpiexec -n 2 run xi_out_of_range" 2 "qtherm: error: xi_out_of_range.ini: [model] xi: " \
  "$QTHERM" run xi_out_of_range.ini
expect_error_mpi "mpiexec -n 3 run rho23_too_large" 3 "qtherm: error: rho23_too_large.ini: [model] rho23: " \
  "$QTHERM" run rho23_too_large.ini
expect_error_mpi "mpiexec -n 2 run override" 2 "qtherm: error: command line: [time] t_final: " \
  "$QTHERM" run good.ini --time.t_final=-2
expect_error_mpi "mpiexec -n 2 run missing file" 2 "qtherm: error: missing.ini: " \
  "$QTHERM" run missing.ini
expect_error_mpi "mpiexec -n 2 check xi_out_of_range" 2 "qtherm: error: xi_out_of_range.ini: [model] xi: " \
  "$QTHERM" check xi_out_of_range.ini

finish bad-input
