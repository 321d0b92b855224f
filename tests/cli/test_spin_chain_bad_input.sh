#!/usr/bin/env bash
# Bad input to the spin_chain_erasure model (issue 6): N < 1, alpha outside [-1, 1], zero
# typicality samples, route limits. Each must give exit status 2 and ONE line on stderr naming
# file, section and key, from both `qtherm check` and `qtherm run`, without an output file.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
make_work_dir spin_chain_badinput
cd "$work"

outputs() { find . -maxdepth 1 \( -name '*.h5' -o -name '*.h5.*' \) -printf '%f ' ; }

# case_file NAME "[section] key: " FRAGMENT... -- INI LINES...
case_file() {
  local name=$1 where=$2; shift 2
  local frags=()
  while [ "$1" != "--" ]; do frags+=("$1"); shift; done
  shift
  printf '%s\n' "[model]" "name = spin_chain_erasure" "$@" > "$name.ini"
  local prefix="qtherm: error: $name.ini: $where"
  for cmd in check run; do
    local before after bad=0
    before=$(outputs)
    run_to last "$QTHERM" "$cmd" "$name.ini"
    expect_error_line "$cmd $name" last "$prefix" "${frags[@]}" || bad=1
    after=$(outputs)
    if [ "$after" != "$before" ]; then fail "$cmd $name: output file(s) created: $after"; bad=1; fi
    [ "$bad" -ne 0 ] || ok "$cmd $name: $(head -n 1 last.err)"
  done
}

case_file n_zero "[model] N: " ">= 1" "got 0" -- "N = 0"
case_file n_negative "[model] N: " ">= 1" -- "N = -3"
case_file alpha_above "[model] alpha: " "[-1, 1]" "1.5" -- "alpha = 1.5"
case_file alpha_below "[model] alpha: " "[-1, 1]" -- "alpha = -1.01"
case_file samples_zero "[model] samples: " ">= 1" -- "route = typicality" "samples = 0"
case_file dense_too_large "[model] N: " "route dense" "N <= 10" -- "N = 14"
case_file free_fermion_interacting "[model] Delta: " "Delta = 0" -- "route = free_fermion" "Delta = 0.5"
case_file rho_not_a_state "[model] initial_matrix: " "trace" -- "initial = matrix" "initial_matrix = [[0.7, 0], [0, 0.7]]"
case_file unknown_route "[model] route: " "free_fermion" -- "route = fermions"

finish spin-chain-bad-input
