# Shared scaffolding of the CLI tests, sourced by each tests/cli/test_*.sh:
#     source "$(dirname "$0")/lib.sh"
# It is not a test itself (ctest registers test_*.sh only) and runs nothing when sourced: it
# defines functions and the failure counter. The scripts keep their own `set -euo pipefail`.

# --- reporting -------------------------------------------------------------------------------
# Counting checks: `fail` records a failure and goes on, `finish` reports at the end.
# Each line ends with the seconds since the script started, so a slow case shows in the ctest log.
failures=0
fail() { echo "FAIL: $* [${SECONDS}s]"; failures=$((failures + 1)); }
ok() { echo "ok:   $* [${SECONDS}s]"; }
# fail_now MESSAGE: for scripts that stop at the first failure (message on stderr, exit 1).
fail_now() { echo "FAIL: $*" >&2; exit 1; }
# show FILE: the first 40 lines of FILE, indented under a FAIL line.
show() { sed 's/^/        | /' "$1" | head -n 40; }
nlines() { awk 'END { print NR }' "$1"; }
# wait_for FILE PID: until FILE exists (a finished checkpoint: written as .partial, then renamed)
# or the process PID is gone; 60 s at most.
wait_for() {
  for _ in $(seq 600); do
    [ -e "$1" ] && return 0
    kill -0 "$2" 2> /dev/null || return 1
    sleep 0.1
  done
  return 1
}
# kill_all PID: SIGKILL to PID (mpiexec) and its children (the ranks, which would otherwise run on),
# and wait until they are gone.
kill_all() {
  local children
  children=$(pgrep -P "$1" || true)
  kill -KILL "$1" $children 2> /dev/null || true
  wait "$1" 2> /dev/null || true
  for c in $children; do while kill -0 "$c" 2> /dev/null; do sleep 0.05; done; done
}
# stop REASON: later checks need what failed; exit 1 now.
stop() { echo "$failures check(s) failed ($1: stopping here)"; exit 1; }
# finish WHAT: exit 1 if any check failed, else print "all WHAT checks passed".
finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
  fi
  echo "all $1 checks passed"
}

# --- environment -----------------------------------------------------------------------------
# make_work_dir TAG: $work = a new temporary directory qtherm-TAG.XXXXXX, removed on exit.
make_work_dir() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/qtherm-$1.XXXXXX")
  trap 'rm -rf "$work"' EXIT
}

# use_mpiexec: $mpiexec = $MPIEXEC (set by ctest) or mpiexec, oversubscription allowed. As root,
# OpenMPI refuses to start without the two OMPI_ALLOW_* variables (test harness only: ctest sets
# them already; repeated so that a script also runs by hand).
use_mpiexec() {
  # shellcheck disable=SC2034  # used by the scripts
  mpiexec=${MPIEXEC:-mpiexec}
  if [ "$(id -u)" -eq 0 ]; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  fi
  export OMPI_MCA_rmaps_base_oversubscribe=1
}

# use_python_h5py: $python = the system python3 (Debian python3-h5py / python3-numpy), which the
# checks of output files need; stops here if it cannot import them.
use_python_h5py() {
  python=/usr/bin/python3
  if ! "$python" -c 'import h5py, numpy' 2> /dev/null; then
    echo "FAIL: $python cannot import h5py and numpy (Debian: python3-h5py python3-numpy)"
    exit 1
  fi
}

# cmake_cache_value NAME: NAME's value in $QTHERM_BUILD_DIR/CMakeCache.txt (empty if unknown).
cmake_cache_value() {
  local cache=${QTHERM_BUILD_DIR:-}/CMakeCache.txt
  if [ -n "${QTHERM_BUILD_DIR:-}" ] && [ -f "$cache" ]; then
    sed -n "s/^$1:[A-Z]*=//p" "$cache" | head -n1
  fi
}
# build_cmake: the cmake that configured $QTHERM_BUILD_DIR, else cmake from PATH.
build_cmake() {
  local c
  c=$(cmake_cache_value CMAKE_COMMAND)
  if [ -n "$c" ] && [ -x "$c" ]; then echo "$c"; else echo cmake; fi
}

# --- running qtherm --------------------------------------------------------------------------
# run_to NAME COMMAND...: runs COMMAND with stdout in NAME.out and stderr in NAME.err; its exit
# status in $status (the script goes on whatever it is).
run_to() {
  local name=$1; shift
  status=0
  "$@" > "$name.out" 2> "$name.err" || status=$?
}
# run_qtherm NAME ARGS...: run_to NAME "$QTHERM" ARGS...
run_qtherm() {
  local name=$1; shift
  run_to "$name" "$QTHERM" "$@"
}

# expect_error_line LABEL NAME PREFIX FRAGMENT...: the command run by `run_to NAME` broke the
# contract for bad input unless it exited with status 2 and wrote exactly one line to NAME.err
# that starts with PREFIX and contains every FRAGMENT. Each broken rule is one failure; returns
# 1 if any was found (after showing NAME.err), 0 (silently) if none.
expect_error_line() {
  local label=$1 name=$2 prefix=$3; shift 3
  local bad=0 n line f
  n=$(nlines "$name.err")
  line=$(head -n 1 "$name.err")
  if [ "$status" -ne 2 ]; then fail "$label: exit status $status, expected 2"; bad=1; fi
  if [ "$n" -ne 1 ]; then fail "$label: $n lines on stderr, expected exactly 1"; bad=1; fi
  if [[ "$line" != "$prefix"* ]]; then fail "$label: stderr line does not start with '$prefix'"; bad=1; fi
  for f in "$@"; do
    if ! grep -qF -- "$f" "$name.err"; then fail "$label: error line lacks '$f'"; bad=1; fi
  done
  if [ "$bad" -ne 0 ]; then
    echo "      stderr:"; show "$name.err"
    return 1
  fi
}

# --- reading output files (after use_python_h5py) --------------------------------------------
h5attr() {  # h5attr FILE ATTRIBUTE: print a root attribute
  "$python" -c 'import sys, h5py; print(h5py.File(sys.argv[1], "r").attrs[sys.argv[2]], end="")' "$1" "$2"
}
h5scalar() {  # h5scalar FILE NAME: print /runs/0/scalars/NAME
  "$python" -c 'import sys, h5py; print(float(h5py.File(sys.argv[1], "r")["runs/0/scalars"][sys.argv[2]][()]))' "$1" "$2"
}
# compare A.h5 B.h5 [--bitwise | --tol=T] [--skip=...]: tests/cli/compare_runs.py (exit 1 if they differ).
compare() { "$python" "$QTHERM_SOURCE_DIR/tests/cli/compare_runs.py" "$@"; }

# --- killed and restarted runs (after use_mpiexec and use_python_h5py, in the work directory) -----
# now: seconds since the epoch, to the nanosecond.
now() { date +%s.%N; }
# started TAG NP INI [SECONDS]: starts INI at NP ranks into TAG.h5 in the background ($pid: mpiexec's)
# and returns at a random moment, 0 to 0.29 s, after its first checkpoint appeared, or, given the
# SECONDS an uninterrupted run takes, at a random 50-70 % of them from the start if that is later;
# false (a failure counted) when no checkpoint appeared.
started() {
  local tag=$1 np=$2 ini=$3 seconds=${4:-0} t0
  t0=$(now)
  $mpiexec -n "$np" "$QTHERM" run "$ini" --output.file="$tag.h5" > "$tag.1.out" 2>&1 &
  pid=$!
  if ! wait_for "$tag.h5.checkpoint/point_0.state.h5" $pid; then
    wait $pid || true
    fail "$tag: no checkpoint appeared"; show "$tag.1.out"; return 1
  fi
  local delay
  delay=$(awk -v t0="$t0" -v now="$(now)" -v s="$seconds" -v f=$((50 + RANDOM % 21)) -v r=$((RANDOM % 30)) \
    'BEGIN { late = t0 + s * f / 100 - now; printf "%.2f", (late > r / 100 ? late : r / 100) }')
  sleep "$delay" || { fail "$tag: no delay from '$delay'"; return 1; }
}
# killed TAG NP INI [SECONDS]: started, then SIGKILLed (mpiexec and its ranks); true when it was
# killed with a checkpoint left. A run that finished first is a failure (the case is too short to test).
killed() {
  local tag=$1
  started "$@" || return 1
  kill_all $pid
  if [ -e "$tag.h5" ] || [ ! -e "$tag.h5.checkpoint/point_0.state.h5" ]; then
    fail "$tag: the run finished before it was killed (make it longer)"; return 1
  fi
}
# restarted TAG NP INI: continues TAG's checkpoint at NP ranks; true when it resumed and finished.
restarted() {
  local tag=$1 np=$2 ini=$3
  run_to "$tag.2" $mpiexec -n "$np" "$QTHERM" run "$ini" --output.file="$tag.h5" --restart
  if [ "$status" -ne 0 ]; then fail "$tag: restart at $np rank(s) exit $status"; show "$tag.2.err"; return 1; fi
  grep -q "resuming " "$tag.2.out" || { fail "$tag: the restart did not resume"; show "$tag.2.out"; return 1; }
}
# signalled CASE NP: CASE.ini started at NP ranks into CASE.s$NP.h5, then SIGUSR1 to mpiexec (which
# forwards it to the ranks): the run must checkpoint where it stands (an arbitrary step, not on the
# schedule) and exit 3; restarted at NP ranks it must equal CASE.ref$NP.h5 (restart_matrix's
# reference) to 1e-9.
signalled() {
  local case=$1 np=$2 tag=$1.s$2 st=0
  started "$tag" "$np" "$case.ini" || return 1
  kill -USR1 $pid
  wait $pid || st=$?
  if [ "$st" -ne 3 ] || [ -e "$tag.h5" ]; then
    fail "$tag: SIGUSR1: exit $st, expected 3 without an output file (finished first? make it longer)"; show "$tag.1.out"; return 1
  fi
  restarted "$tag" "$np" "$case.ini" || return 1
  compare "$case.ref$np.h5" "$tag.h5" --tol=1e-9 > "$tag.cmp" \
    && ok "$case, $np rank(s): SIGUSR1 at an arbitrary step + restart equal to 1e-9 ($(tail -1 "$tag.cmp"))" \
    || { fail "$case, $np rank(s): SIGUSR1 + restart differs"; show "$tag.cmp"; }
}
# restart_matrix CASE [HOOK]: the acceptance of issue 17 for CASE.ini (which checkpoints early in a
# run of a few seconds). Uninterrupted references at 1 and 2 ranks (without checkpoints); a run
# SIGKILLed after its first checkpoint and restarted at the same rank count equals its reference bit
# for bit, at 1 and at 2 ranks; the 2-rank checkpoint restarted at 1 and at 3 ranks equals the 2-rank
# reference to 1e-10. HOOK CASE, when given, runs between the 1-rank kill and its restart (e.g.
# `qtherm inspect CASE.k1.h5.checkpoint`). The 2-rank run is killed late (50-70 % of the reference's
# time): its checkpoint is restarted three times, once at 3 oversubscribed ranks, the slowest leg.
# from2 (default "1 3"), when set for the call, lists the rank counts that restart the 2-rank
# checkpoint (e.g. `from2=1 restart_matrix CASE` for a model whose checkpoint another case
# already restarts at 3 ranks through the same pipeline).
restart_matrix() {
  local case=$1 hook=${2:-} np t0 ref1 ref2 k1=0 st=0
  # The 1-rank reference runs beside the 1-rank kill and restart, one process per core; the 2-rank
  # runs follow by themselves (the 2-rank reference's time sets when the 2-rank kill lands).
  $mpiexec -n 1 "$QTHERM" run "$case.ini" --output.file="$case.ref1.h5" --checkpoint.every_time=0 \
    > "$case.ref1.out" 2> "$case.ref1.err" &
  ref1=$!
  if killed "$case.k1" 1 "$case.ini"; then
    [ -z "$hook" ] || "$hook" "$case"
    restarted "$case.k1" 1 "$case.ini" && k1=1
  fi
  wait $ref1 || st=$?
  [ "$st" -eq 0 ] || { fail "$case: reference at 1 rank exit $st"; show "$case.ref1.err"; return 1; }
  if [ $k1 = 1 ]; then
    compare "$case.ref1.h5" "$case.k1.h5" --bitwise > "$case.cmp1" && ok "$case, 1 rank: SIGKILL + restart bitwise equal" \
      || { fail "$case, 1 rank: restart differs"; show "$case.cmp1"; }
  fi
  t0=$(now)
  run_to "$case.ref2" $mpiexec -n 2 "$QTHERM" run "$case.ini" --output.file="$case.ref2.h5" --checkpoint.every_time=0
  [ "$status" -eq 0 ] || { fail "$case: reference at 2 ranks exit $status"; show "$case.ref2.err"; return 1; }
  ref2=$(awk -v a="$(now)" -v b="$t0" 'BEGIN { print a - b }')  # the 2-rank reference's seconds
  killed "$case.k2" 2 "$case.ini" "$ref2" || return 1
  for np in ${from2:-1 3}; do cp -r "$case.k2.h5.checkpoint" "$case.k2to$np.h5.checkpoint"; done
  # At 2 ranks the steady state (when the case has one) is solved again on restart by MUMPS, whose
  # parallel factorization picks its helper processes by the current load: on a busy machine it is
  # reproducible to rounding, not to the bit (seen once in ctest -j2, never on an idle machine).
  # Everything else must be bitwise; the steady scalars to 1e-10.
  local steady=steady_residual,steady_next_eigenvalue,steady_final_state_distance
  if restarted "$case.k2" 2 "$case.ini"; then
    compare "$case.ref2.h5" "$case.k2.h5" --bitwise --skip=$steady > "$case.cmp2" \
      && compare "$case.ref2.h5" "$case.k2.h5" --tol=1e-10 >> "$case.cmp2" \
      && ok "$case, 2 ranks: SIGKILL + restart bitwise equal (steady scalars to 1e-10)" \
      || { fail "$case, 2 ranks: restart differs"; show "$case.cmp2"; }
  fi
  for np in ${from2:-1 3}; do
    restarted "$case.k2to$np" $np "$case.ini" || continue
    compare "$case.ref2.h5" "$case.k2to$np.h5" --tol=1e-10 > "$case.cmp2to$np" \
      && ok "$case: written at 2 ranks, restarted at $np: equal to 1e-10 ($(tail -1 "$case.cmp2to$np"))" \
      || { fail "$case: 2 -> $np ranks differs"; show "$case.cmp2to$np"; }
  done
}

# --- bad input: one line on stderr, exit 2, no output file (after make_work_dir) ---------------
case_header=()
# Output files (any *.h5, *.h5.partial) in the work directory.
outputs() { find . -maxdepth 1 \( -name '*.h5' -o -name '*.h5.*' \) -printf '%f ' ; }

# expect_error LABEL PREFIX FRAGMENT... -- COMMAND...
#   COMMAND must exit 2 with exactly one line on stderr; the line must start with PREFIX
#   (which pins file, section and key) and contain every FRAGMENT (the reason).
#   No output file may appear in the work directory.
expect_error() {
  local label=$1 prefix=$2; shift 2
  local frags=()
  while [ "$1" != "--" ]; do frags+=("$1"); shift; done
  shift
  local before after bad=0
  before=$(outputs)
  run_to last "$@"
  expect_error_line "$label" last "$prefix" "${frags[@]}" || bad=1
  after=$(outputs)
  if [ "$after" != "$before" ]; then fail "$label: output file(s) created: $after"; bad=1; fi
  if [ "$bad" -ne 0 ]; then
    echo "      command: $*"
  else
    ok "$label: $(head -n 1 last.err)"
  fi
}

# case_file NAME SECTION_KEY_PREFIX FRAGMENT... -- INI LINES...
#   writes NAME.ini (the lines of the array case_header first, if the script sets it) and checks
#   it with both `check` and `run`.
case_file() {
  local name=$1 where=$2; shift 2
  local frags=()
  while [ "$1" != "--" ]; do frags+=("$1"); shift; done
  shift
  printf '%s\n' "${case_header[@]}" "$@" > "$name.ini"
  local prefix="qtherm: error: $name.ini: $where"
  expect_error "check $name" "$prefix" "${frags[@]}" -- "$QTHERM" check "$name.ini"
  expect_error "run $name" "$prefix" "${frags[@]}" -- "$QTHERM" run "$name.ini"
}
