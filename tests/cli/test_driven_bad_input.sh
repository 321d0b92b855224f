#!/usr/bin/env bash
# Bad input to driven open systems (issue 21): an expression of t with an unknown function or
# variable, a time-dependent rate negative at some time (between output times too), a drive not
# finite at some time, an explicit taylor integrator with drives, a malformed drive. Each: exit status
# 2 and ONE line on stderr naming file, section and key (and the time), from `qtherm check` and
# `qtherm run`, before any run. Also [periodic] with a generator that does not repeat with the period.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
make_work_dir driven_badinput
cd "$work"

case_header=("[model]" "name = lindblad" "dims = 2" "hamiltonian = 0.5*sz(0)")
time=("[time]" "t_final = 4" "samples = 5")

case_file unknown_function "[model] drives: " "unknown function 'sinn'" "f1" -- "drives = f1 : 0.5*sinn(2*t) : sx(0)" "${time[@]}"
case_file unknown_variable "[model] drives: " "unknown variable 'omega'" -- "drives = 0.5*sin(omega*t) : sx(0)" "${time[@]}"
case_file rate_unknown_variable "[model] jumps: " "rate of em" "unknown variable 'tau'" -- "jumps = em : 0.1*exp(-t/tau) : sm(0)" "${time[@]}"
# 0.1*cos(t) first dips below 0 after pi/2: between the output times 0, 1, 2 (checked inside them).
case_file negative_rate "[model] jumps: " "rate of em" "< 0 at t = 1.625" -- "jumps = em : 0.1*cos(t) : sm(0)" "${time[@]}"
case_file not_finite "[model] drives: " "f1" "not finite at t = 0" -- "drives = f1 : log(t) : sx(0)" "${time[@]}"
case_file taylor_with_drives "[time] integrator: " "taylor" "drives" -- "drives = 0.1*sin(t) : sx(0)" "${time[@]}" "integrator = taylor"
case_file malformed_drive "[model] drives: " "[NAME :] F(t) : OPERATOR" "parentheses" -- "drives = f : t < 1 ? t : 1 : sx(0)" "${time[@]}"
case_file unknown_beta_channel "[model] betas: " "no channel named 'hot'" "em" -- "jumps = em : 0.1 : sm(0)" "betas = hot : 1" "${time[@]}"
case_file spectrum_with_drives "[spectrum] eigenvalues: " "time-independent" -- "drives = 0.1*sin(t) : sx(0)" "${time[@]}" "[spectrum]" "eigenvalues = 1"
# [periodic]: a drive (or rate) that does not repeat with the period, and a generator without time.
case_file not_periodic "[periodic] period: " "drive 1" "does not repeat with period 4" -- "drives = 0.3*sin(1.5*t) : sx(0)" "${time[@]}" "[periodic]" "period = 4"
case_file rate_not_periodic "[periodic] period: " "the rate of J_em" -- "jumps = em : 0.1*exp(-t) : sm(0)" "${time[@]}" "[periodic]" "period = 4"
case_file periodic_constant "[periodic] period: " "does not depend on time" -- "jumps = em : 0.1 : sm(0)" "${time[@]}" "[periodic]" "period = 4"

# The Otto engine's generator depends on time by construction: it has no stationary analysis.
case_header=("[model]" "name = otto")
case_file otto_steady "[steady] " "unknown section" -- "[steady]" "solve = true"
case_file otto_spectrum "[spectrum] " "unknown section" -- "[spectrum]" "eigenvalues = 3"
case_file otto_fcs "[fcs] " "unknown section" -- "[fcs]" "count = hot_absorb : 1" "chi = 0, 0.1"
# Nor counting statistics on models whose channels have no jump term to count.
case_header=("[model]" "name = cascaded_qubits")
case_file qubits_fcs "[fcs] " "unknown section" -- "[fcs]" "count = J1 : 1"

finish driven-bad-input
