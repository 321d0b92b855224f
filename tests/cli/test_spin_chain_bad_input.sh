#!/usr/bin/env bash
# Bad input to the spin_chain_erasure model (issue 6): N < 1, alpha outside [-1, 1], zero
# typicality samples, route limits (route = auto picks typicality for an interacting chain beyond N = 10). Each must give exit status 2 and ONE line on stderr naming
# file, section and key, from both `qtherm check` and `qtherm run`, without an output file.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
make_work_dir spin_chain_badinput
cd "$work"

case_header=("[model]" "name = spin_chain_erasure")

case_file n_zero "[model] N: " ">= 1" "got 0" -- "N = 0"
case_file n_negative "[model] N: " ">= 1" -- "N = -3"
case_file alpha_above "[model] alpha: " "[-1, 1]" "1.5" -- "alpha = 1.5"
case_file alpha_below "[model] alpha: " "[-1, 1]" -- "alpha = -1.01"
case_file samples_zero "[model] samples: " ">= 1" -- "route = typicality" "samples = 0"
case_file dense_too_large "[model] N: " "route dense" "N <= 10" -- "route = dense" "N = 14"
case_file auto_beyond_typicality "[model] N: " "route typicality" "N <= 40" -- "N = 41" "Delta = 0.5"
case_file free_fermion_interacting "[model] Delta: " "Delta = 0" -- "route = free_fermion" "Delta = 0.5"
case_file rho_not_a_state "[model] initial_matrix: " "trace" -- "initial = matrix" "initial_matrix = [[0.7, 0], [0, 0.7]]"
case_file unknown_route "[model] route: " "free_fermion" -- "route = fermions"

finish spin-chain-bad-input
