#!/usr/bin/env bash
# `qtherm run` without a configuration file (docs/design.md, "The user-facing contract"):
#  - runs the built-in default study, says so, prints a table, writes qtherm.h5 that passes
#    tests/cli/contract_check.py, leaves no .partial, and refuses to overwrite it;
#  - the `config` root attribute is a complete configuration: running it again gives the same numbers;
#  - 2 and 3 MPI ranks give the serial numbers (to 1e-10) and record mpi_ranks;
#  - options after `--` reach PETSc (a different RK scheme: other step count, same physics to 1e-6;
#    an unknown -ts_type is an error; a fixed-step scheme finishes in a bounded number of steps).
# Run by ctest (cli.default_run) with QTHERM, QTHERM_SOURCE_DIR and MPIEXEC set (tests/CMakeLists.txt).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
contract=$QTHERM_SOURCE_DIR/tests/cli/contract_check.py
use_mpiexec
use_python_h5py
make_work_dir defaultrun
cd "$work"

# compare.py A B TOL [--ranks N | --observables-only]: every observable, scalar and t of /runs/*
# equal to TOL, the same names in both; --ranks also checks B's mpi_ranks attribute.
cat > compare.py <<'PY'
import sys
import h5py
import numpy as np

a_path, b_path, tol = sys.argv[1], sys.argv[2], float(sys.argv[3])
ranks = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--ranks" else None
kinds = ("observables",) if "--observables-only" in sys.argv[4:] else ("observables", "scalars")
bad = []
worst = 0.0
with h5py.File(a_path, "r") as a, h5py.File(b_path, "r") as b:
    if ranks is not None and int(b.attrs["mpi_ranks"]) != ranks:
        bad.append(f"{b_path}: mpi_ranks is {b.attrs['mpi_ranks']}, expected {ranks}")
    if sorted(a["runs"]) != sorted(b["runs"]):
        bad.append(f"runs differ: {sorted(a['runs'])} vs {sorted(b['runs'])}")
    for run in sorted(set(a["runs"]) & set(b["runs"])):
        ra, rb = a["runs"][run], b["runs"][run]
        names = ["t"]
        for kind in kinds:
            na, nb = set(ra[kind]), set(rb[kind])
            if na != nb:
                bad.append(f"/runs/{run}/{kind}: names differ: only in {a_path}: {sorted(na - nb)}, "
                           f"only in {b_path}: {sorted(nb - na)}")
            names += [f"{kind}/{n}" for n in sorted(na & nb)]
        if len(names) < 10:
            bad.append(f"/runs/{run}: only {len(names)} datasets to compare")
        for n in names:
            x, y = np.asarray(ra[n][()], float), np.asarray(rb[n][()], float)
            if x.shape != y.shape:
                bad.append(f"/runs/{run}/{n}: shapes {x.shape} vs {y.shape}")
                continue
            if not np.array_equal(np.isnan(x), np.isnan(y)):
                bad.append(f"/runs/{run}/{n}: NaN in one file only")
                continue
            d = float(np.nanmax(np.abs(x - y))) if x.size and not np.all(np.isnan(x)) else 0.0
            worst = max(worst, d)
            if d > tol:
                bad.append(f"/runs/{run}/{n}: max |diff| = {d:.3e} > {tol:g}")
for line in bad:
    print("   ", line)
print(f"    max |diff| over all datasets: {worst:.3e}")
sys.exit(1 if bad else 0)
PY

echo "== qtherm run (no arguments)"
run_qtherm run1 run
if [ "$status" -ne 0 ]; then
  fail "qtherm run: exit status $status, expected 0"; show run1.err
else
  ok "qtherm run: exit 0"
fi
if grep -qi "built-in default study" run1.out; then ok "stdout says it runs the built-in default study"
else fail "stdout does not say 'built-in default study'"; show run1.out; fi
# The table: a header naming the columns and one row per observable (J_total among them).
if grep -qE '^ *observable +t = 0 +t = end' run1.out && grep -qE '^ *J_total +[-+0-9.e]+ +[-+0-9.e]+' run1.out; then
  ok "stdout prints the table of observables"
else
  fail "stdout has no table (header 'observable  t = 0  t = end' and a J_total row)"; show run1.out
fi
if grep -q '^\[model\]' run1.out && grep -q '^name = cascaded_qubits' run1.out; then
  ok "stdout prints the resolved configuration"
else
  fail "stdout does not print the resolved configuration"
fi
if [ -s run1.err ]; then fail "the default study writes to stderr (warnings?)"; show run1.err; else ok "stderr is empty"; fi
if [ -f qtherm.h5 ]; then
  ok "qtherm.h5 written"
  if "$python" "$contract" qtherm.h5 --model cascaded_qubits > contract.out 2>&1; then
    ok "contract_check: $(tail -n 1 contract.out)"
  else
    fail "contract_check.py qtherm.h5 --model cascaded_qubits"; show contract.out
  fi
else
  fail "qtherm.h5 not written"
fi
leftovers=$(find . -name '*.partial*' -printf '%f ')
[ -z "$leftovers" ] && ok "no .partial left" || fail "left behind: $leftovers"

if [ ! -f qtherm.h5 ]; then
  stop "no qtherm.h5"
fi

echo "== a second qtherm run refuses to overwrite qtherm.h5"
sum1=$(md5sum < qtherm.h5)
run_qtherm run2 run
[ "$status" -eq 2 ] && ok "second run: exit 2" || fail "second run: exit status $status, expected 2"
nl=$(nlines run2.err)
if [ "$nl" -eq 1 ] && grep -q '^qtherm: error: .*\[output\] file: .*qtherm\.h5' run2.err; then
  ok "second run: $(cat run2.err)"
else
  fail "second run: expected one 'qtherm: error: ... [output] file: ...qtherm.h5...' line on stderr"; show run2.err
fi
[ "$(md5sum < qtherm.h5)" = "$sum1" ] && ok "qtherm.h5 unchanged" || fail "qtherm.h5 was changed by the refused run"
leftovers=$(find . -name '*.partial*' -printf '%f ')
[ -z "$leftovers" ] || fail "refused run left: $leftovers"

echo "== the config attribute reproduces the run"
h5attr qtherm.h5 config > cfg.ini
if ! grep -q '^\[model\]' cfg.ini; then fail "config attribute is not INI text"; show cfg.ini; fi
run_qtherm again run cfg.ini --output.file=again.h5
if [ "$status" -ne 0 ]; then
  fail "qtherm run cfg.ini --output.file=again.h5: exit status $status"; show again.err
else
  ok "qtherm run cfg.ini --output.file=again.h5: exit 0"
  if "$python" compare.py qtherm.h5 again.h5 1e-12 > cmp.out; then
    ok "again.h5 equals qtherm.h5 ($(tail -n 1 cmp.out | sed 's/^ *//'))"
  else
    fail "again.h5 differs from qtherm.h5 by more than 1e-12"; show cmp.out
  fi
  # The resolved configuration is the same except for the output file.
  h5attr again.h5 config > cfg_again.ini
  if diff <(grep -v '^file = ' cfg.ini) <(grep -v '^file = ' cfg_again.ini) > cfg.diff; then
    ok "again.h5 records the same configuration (apart from output.file)"
  else
    fail "the re-run records a different configuration"; show cfg.diff
  fi
  grep -q '^file = again.h5$' cfg_again.ini || fail "again.h5's config does not say file = again.h5"
fi

echo "== MPI: 2 and 3 ranks give the serial numbers"
for n in 2 3; do
  run_to "np$n" "$mpiexec" -n "$n" "$QTHERM" run --output.file="np$n.h5"
  if [ "$status" -ne 0 ]; then
    fail "mpiexec -n $n qtherm run --output.file=np$n.h5: exit status $status"; show "np$n.err"
    continue
  fi
  if "$python" compare.py qtherm.h5 "np$n.h5" 1e-10 --ranks "$n" > cmp.out; then
    ok "-n $n: equal to the serial file, mpi_ranks = $n ($(tail -n 1 cmp.out | sed 's/^ *//'))"
  else
    fail "-n $n: differs from the serial file (tolerance 1e-10) or wrong mpi_ranks"; show cmp.out
  fi
  "$python" "$contract" "np$n.h5" --model cascaded_qubits > contract.out 2>&1 \
    || { fail "contract_check.py np$n.h5"; show contract.out; }
  n_lines=$(grep -c 'wrote np'"$n"'.h5' "np$n.out" || true)
  [ "$n_lines" -le 1 ] || fail "-n $n: 'wrote np$n.h5' printed $n_lines times (once per rank?)"
done

echo "== options after -- reach PETSc"
run_qtherm bs3 run --output.file=bs3.h5 -- -ts_rk_type 3bs -ts_rtol 1e-10 -ts_atol 1e-12
if [ "$status" -ne 0 ]; then
  fail "qtherm run --output.file=bs3.h5 -- -ts_rk_type 3bs ...: exit status $status"; show bs3.err
else
  ok "-ts_rk_type 3bs -ts_rtol 1e-10 -ts_atol 1e-12: exit 0"
  # Observables only: the scalars include the step count and release times tau_p, which are
  # ill-conditioned where Q_total(t) is flat (d tau = dQ / J_total).
  if "$python" compare.py qtherm.h5 bs3.h5 1e-6 --observables-only > cmp.out; then
    ok "3bs observables within 1e-6 of the default ($(tail -n 1 cmp.out | sed 's/^ *//'))"
  else
    fail "3bs observables differ from the default by more than 1e-6"; show cmp.out
  fi
  steps_default=$(h5scalar qtherm.h5 steps)
  steps_bs3=$(h5scalar bs3.h5 steps)
  if "$python" -c "import sys; sys.exit(0 if float('$steps_bs3') > 2 * float('$steps_default') else 1)"; then
    ok "3bs took $steps_bs3 steps (default $steps_default): the options reached PETSc"
  else
    fail "3bs took $steps_bs3 steps, default $steps_default: the PETSc options seem ignored"
  fi
fi

# The example of `qtherm --help`: another 5th-order scheme must give the same physics without
# warnings, time integrals (Q_*) included.
run_qtherm bs5 run --output.file=bs5.h5 -- -ts_type rk -ts_rk_type 5bs
if [ "$status" -ne 0 ]; then
  fail "qtherm run --output.file=bs5.h5 -- -ts_type rk -ts_rk_type 5bs: exit status $status"; show bs5.err
else
  if [ -s bs5.err ]; then fail "-ts_type rk -ts_rk_type 5bs (the --help example) warns:"; show bs5.err
  else ok "-ts_type rk -ts_rk_type 5bs (the --help example): exit 0, no warnings"; fi
  if "$python" compare.py qtherm.h5 bs5.h5 1e-6 --observables-only > cmp.out; then
    ok "5bs observables within 1e-6 of the default ($(tail -n 1 cmp.out | sed 's/^ *//'))"
  else
    fail "5bs observables differ from the default by more than 1e-6"; show cmp.out
  fi
fi

run_qtherm x run --output.file=x.h5 -- -ts_type nonsense_type
count=$(grep -c '^qtherm: error:' x.err || true)
if [ "$status" -ne 0 ] && [ "$count" -eq 1 ]; then
  ok "-ts_type nonsense_type: exit $status, $(grep '^qtherm: error:' x.err | cut -c1-110)"
else
  fail "-ts_type nonsense_type: exit status $status (expected non-zero), $count 'qtherm: error:' lines (expected 1)"
  show x.err
fi
leftovers=$(find . -maxdepth 1 -name 'x.h5*' -printf '%f ')
[ -z "$leftovers" ] || fail "-ts_type nonsense_type left: $leftovers"

# A fixed-step scheme (no embedded error estimate, TSAdapt none): 1000 steps of initial_step = 1e-3
# to t = 1. The output times must not shrink the step for good. Guarded by a time and memory limit.
status=0
( ulimit -v 4000000; timeout 60 "$QTHERM" run --output.file=rk4.h5 --time.t_final=1 --time.samples=21 \
    -- -ts_rk_type 4 > rk4.out 2> rk4.err ) || status=$?
if [ "$status" -ne 0 ]; then
  fail "qtherm run --time.t_final=1 --time.samples=21 -- -ts_rk_type 4: exit status $status" \
       "(124: not finished in 60 s)"
  tail -n 3 rk4.out | sed 's/^/        | /'; show rk4.err
else
  steps_rk4=$(h5scalar rk4.h5 steps)
  if "$python" -c "import sys; sys.exit(0 if float('$steps_rk4') <= 1100 else 1)"; then
    ok "-ts_rk_type 4 (fixed step 1e-3, t_final 1): $steps_rk4 steps"
  else
    fail "-ts_rk_type 4 (fixed step 1e-3, t_final 1): $steps_rk4 steps, expected about 1000"
  fi
fi

finish default-run
