#!/usr/bin/env bash
# Parameter sweeps: the same 8-point grid at 1, 2 and 4 ranks gives identical points (bitwise with
# one rank per point, to 1e-10 with two), zip and range syntax, slices merged with `qtherm merge`
# equal the whole sweep, and bad sweep input ends with one line and status 2.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
make_work_dir sweep
use_mpiexec
use_python_h5py
cd "$work"

cat > sweep.ini <<'INI'
[model]
name = cascaded_qubits
initial = correlated
xi_s = 0.25
[sweep]
parameters = model.rho23 : -0.5, 0, 0.5, 0.75; model.cascade : true, false
[time]
t_final = 6
samples = 31
progress_interval = 0
INI

# --- the same points at every rank count ----------------------------------------------------
run_qtherm np1 run sweep.ini --output.file=np1.h5
[ "$status" -eq 0 ] && ok "np1 sweep" || { fail "np1 sweep exit $status"; show np1.err; stop "no reference"; }
n=$("$python" -c 'import h5py; print(len(h5py.File("np1.h5")["runs"]))')
[ "$n" -eq 8 ] && ok "8 runs written" || fail "$n runs in np1.h5, expected 8"
for np in 2 4; do
  run_to np$np "$mpiexec" -n $np "$QTHERM" run sweep.ini --output.file=np$np.h5
  if [ "$status" -ne 0 ]; then fail "np$np sweep exit $status"; show np$np.err; continue; fi
  compare np1.h5 np$np.h5 --bitwise > cmp$np.txt && ok "np$np: every point bitwise equal to np1" || { fail "np$np differs"; show cmp$np.txt; }
  [ "$(h5attr np$np.h5 mpi_ranks)" = "$np" ] && ok "np$np: mpi_ranks = $np" || fail "np$np: mpi_ranks $(h5attr np$np.h5 mpi_ranks)"
done
# Two groups of two ranks: each point is itself distributed.
run_to g2 "$mpiexec" -n 4 "$QTHERM" run sweep.ini --output.file=g2.h5 --sweep.groups=2 --time.rtol=1e-12 --time.atol=1e-14
run_qtherm g2ref run sweep.ini --output.file=g2ref.h5 --time.rtol=1e-12 --time.atol=1e-14
if [ "$status" -eq 0 ] && compare g2ref.h5 g2.h5 --tol=1e-10 > cmpg2.txt; then ok "4 ranks in 2 groups: equal to serial to 1e-10 ($(tail -1 cmpg2.txt))"
else fail "2 groups of 2 ranks differ"; show cmpg2.txt; fi
grep -q "in 2 group(s)" g2.out && ok "reports 2 groups" || fail "no '2 group(s)' line"

# --- parameters of each point, zip and ranges -------------------------------------------------
"$python" - np1.h5 <<'PY' > params.txt || true
import sys, h5py
f = h5py.File(sys.argv[1])
for k in sorted(f["runs"], key=int):
    a = f["runs"][k].attrs
    print(k, a["rho23"], a["cascade"])
PY
[ "$(sed -n 2p params.txt)" = "1 -0.5 false" ] && [ "$(sed -n 8p params.txt)" = "7 0.75 false" ] \
  && ok "cartesian order: the last parameter fastest" || { fail "cartesian points in the wrong order"; show params.txt; }
run_qtherm zip run sweep.ini --output.file=zip.h5 --sweep.mode=zip \
  "--sweep.parameters=model.rho23 : linspace(-0.5, 0.5, 3); model.beta : logspace(0.1, 10, 3)"
"$python" - zip.h5 <<'PY' > zip.txt || true
import sys, h5py
f = h5py.File(sys.argv[1])
print(" ".join(f"{f['runs'][k].attrs['rho23']:g}:{f['runs'][k].attrs['beta']:g}" for k in sorted(f["runs"], key=int)))
PY
[ "$status" -eq 0 ] && [ "$(cat zip.txt)" = "-0.5:0.1 0:1 0.5:10" ] && ok "zip with linspace and logspace" || { fail "zip points: $(cat zip.txt)"; show zip.err; }

# --- slices of a job array, merged ----------------------------------------------------------------
for i in 0 1 2; do run_qtherm slice$i run sweep.ini --sweep.slice=$i/3 --output.file=part_$i.h5; done
run_qtherm merge merge merged.h5 part_0.h5 part_1.h5 part_2.h5
if [ "$status" -eq 0 ] && compare np1.h5 merged.h5 --bitwise > cmpm.txt; then ok "3 slices merged equal the whole sweep"
else fail "merged slices differ (exit $status)"; show merge.err; show cmpm.txt; fi
run_qtherm overlap merge overlap.h5 part_0.h5 part_0.h5
expect_error_line "merge of overlapping parts" overlap "qtherm: error: part_0.h5: " "also in" && ok "overlapping parts refused"
run_qtherm gap merge gap.h5 part_0.h5 part_2.h5
expect_error_line "merge of an incomplete set" gap "qtherm: error: " "incomplete set" "--allow-missing" \
  && [ ! -e gap.h5 ] && ok "incomplete set refused, nothing written"
run_qtherm gap_allowed merge gap.h5 part_0.h5 part_2.h5 --allow-missing
counts=$("$python" -c 'import h5py, sys; print(*(len(h5py.File(f)["runs"]) for f in sys.argv[1:]))' gap.h5 part_0.h5 part_2.h5)
read -r merged p0 p2 <<< "$counts"
[ "$status" -eq 0 ] && [ "$merged" -eq $((p0 + p2)) ] && [ "$merged" -lt "$n" ] \
  && ok "--allow-missing merges the $merged points there are" || { fail "--allow-missing: exit $status, runs $counts"; show gap_allowed.err; }
run_qtherm other run sweep.ini --sweep.slice=0/3 --output.file=other.h5 --time.t_final=5
run_qtherm mixed merge mixed.h5 part_1.h5 other.h5
expect_error_line "merge of two studies" mixed "qtherm: error: other.h5: " "another study" && ok "parts of another study refused"

# --- bad sweep input ------------------------------------------------------------------------------
bad() {  # bad LABEL KEY FRAGMENT ARGS...: check and run both refuse with one line naming [sweep] KEY
  local label=$1 key=$2 fragment=$3; shift 3
  run_qtherm "bad_$label" check sweep.ini "$@"
  expect_error_line "$label (check)" "bad_$label" "qtherm: error: " "[sweep] $key" "$fragment" && ok "$label refused by check"
}
bad unknown_key parameters "did you mean 'model.gamma'" "--sweep.parameters=model.gama : 1, 2"
bad not_physics parameters "not a physics parameter" "--sweep.parameters=output.file : a.h5, b.h5"
bad empty_range parameters "empty range" "--sweep.parameters=model.beta : linspace(0.1, 1, 0)"
bad empty_list parameters "empty list" "--sweep.parameters=model.beta : ,"
bad zip_lengths parameters "equally long" --sweep.mode=zip "--sweep.parameters=model.beta : 1, 2; model.gamma : 1"
run_qtherm bad_value check sweep.ini "--sweep.parameters=model.xi : 0.5, 1.5"
expect_error_line "a bad value at one point" bad_value "qtherm: error: " "[model] xi" "sweep point 1 (model.xi=1.5)" \
  && ok "a bad value at one point names the key and the point"
bad slice slice "0 <= i < n" --sweep.slice=3/3
run_to groups "$mpiexec" -n 2 "$QTHERM" run sweep.ini --output.file=groups.h5 --sweep.groups=3
if [ "$status" -eq 2 ] && [ "$(grep -c "qtherm: error: .*\[sweep\] groups: 3 groups need" groups.err)" -eq 1 ]; then ok "more groups than ranks refused once"
else fail "more groups than ranks: exit $status"; show groups.err; fi
[ ! -e groups.h5 ] && [ ! -e groups.h5.checkpoint ] && ok "nothing left by refused runs" || fail "refused run left files"

finish sweep
