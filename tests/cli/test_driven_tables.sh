#!/usr/bin/env bash
# Tabulated functions of t (issue 21, [model] tables; docs/driven_systems.md):
# 1. A drive and a jump rate given by a table of sin(2t) sampled every 2e-3 on exactly [0, t_final]
#    reproduce the run with the expression sin(2*t) to 1e-8 in every output series (measured: 2e-9,
#    in work_current, which takes the spline's slope, O(Δ³) near the ends; the values are good to
#    ~1e-12; the derivative stencil at 0 and t_final reaches past the table's ends, which is allowed). The configuration sits in another directory than the one qtherm runs in: the table's
#    relative path is read from the configuration's directory, and the resolved configuration (the
#    run's stored config) names it absolutely. The table run at 3 ranks equals 1 rank to 1e-10.
# 2. A table changed between a checkpoint and its restart is refused (its points are physics); a
#    comment added is not a change.
# 3. Bad input, from `qtherm check` and `qtherm run`: exit 2, one line naming file, section, key and
#    the reason (for a table out of range: the table, its times and the time asked); no output file.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
make_work_dir driven_tables
use_mpiexec
use_python_h5py
cd "$work"

mkdir -p cfg/data
# sin(2t) at t = 0, 0.002, ..., 4 (the run's t_final), "t, value" with a comment line.
awk 'BEGIN { print "# t, sin(2t)"; for (k = 0; k <= 2000; k++) { t = 4 * k / 2000; printf "%.17g, %.17g\n", t, sin(2 * t) } }' \
  > cfg/data/sin2.dat
common=("[model]" "name = lindblad" "dims = 2" "hamiltonian = 0.5*sz(0)" "initial = gibbs" "initial_beta = 2"
        "[time]" "t_final = 4" "samples = 41" "rtol = 1e-10" "atol = 1e-12")
printf '%s\n' "${common[@]}" "[model]" "tables = s2 : data/sin2.dat" \
  "drives = f : 0.3*s2(t) : sx(0)" "jumps = em : 0.1*(1 + 0.5*s2(t)) : sm(0)" > cfg/table.ini
printf '%s\n' "${common[@]}" "[model]" \
  "drives = f : 0.3*sin(2*t) : sx(0)" "jumps = em : 0.1*(1 + 0.5*sin(2*t)) : sm(0)" > cfg/expression.ini

for case in table expression; do
  run_qtherm "$case" run "cfg/$case.ini" --output.file="$case.h5"
  [ "$status" -eq 0 ] || { fail "$case run: exit $status"; show "$case.err"; stop "no run"; }
done
if "$python" - table.h5 expression.h5 > cmp.out 2>&1 << 'EOF'; then ok "table of sin(2t) = sin(2*t): $(cat cmp.out)"; else fail "table run differs"; show cmp.out; fi
import sys, h5py, numpy as np
a, b = (h5py.File(f, "r")["runs/0/observables"] for f in sys.argv[1:3])
worst, name = 0.0, ""
for k in a:
    d = float(np.max(np.abs(a[k][()] - b[k][()])))
    if d > worst: worst, name = d, k
print(f"max difference {worst:.2e} ({name}) over {len(a)} series")
sys.exit(0 if worst <= 1e-8 and "W" in a else 1)
EOF
run_to table3 $mpiexec -n 3 "$QTHERM" run cfg/table.ini --output.file=table3.h5
if [ "$status" -eq 0 ]; then
  compare table.h5 table3.h5 --tol=1e-10 > table3.cmp && ok "3 ranks equal 1 rank to 1e-10 ($(tail -1 table3.cmp))" \
    || { fail "3 ranks differ from 1"; show table3.cmp; }
else
  fail "table run at 3 ranks: exit $status"; show table3.err
fi
"$python" -c 'import sys, h5py; c = h5py.File(sys.argv[1], "r").attrs["config"]; c = c.decode() if isinstance(c, bytes) else c; sys.exit(0 if sys.argv[2] in c else 1)' \
  table.h5 "s2 : $work/cfg/data/sin2.dat" 2> /dev/null \
  && ok "the stored configuration names the table absolutely" \
  || { fail "the stored configuration lacks 's2 : $work/cfg/data/sin2.dat'"; }

# Restarts: the table's points join the physics of the checkpoints. Four qubits (a few seconds), SIGKILLed after the first checkpoint: with one point of the table changed the restart is
# refused in one line naming the table (exit 2); with only a comment added it resumes and ends
# bitwise equal to the uninterrupted run.
awk 'BEGIN { for (k = 0; k <= 20000; k++) { t = 1000 * k / 20000; printf "%.17g %.17g\n", t, sin(1.3 * t) } }' > cfg/data/s13.dat
cp cfg/data/s13.dat s13.orig
cat > cfg/restart.ini << 'INI'
[model]
name = lindblad
dims = 2, 2, 2, 2
tables = s : data/s13.dat
# An XY chain between a hot and a cold contact; the middle driven by the table, the hot rate too.
hamiltonian = sz(0) + sz(1) + sz(2) + sz(3) + 0.3*sp(0)*sm(1) + 0.3*sm(0)*sp(1) + 0.3*sp(1)*sm(2) + 0.3*sm(1)*sp(2) + 0.3*sp(2)*sm(3) + 0.3*sm(2)*sp(3)
drives = d : 0.2*s(t) : sx(1)
jumps = hot : 0.05*(1 + 0.5*s(t)) : sp(0); cold : 0.1 : sm(3)
initial = gibbs
[checkpoint]
every_time = 20
[time]
progress_interval = 0
samples = 101
t_final = 1000
atol = 1e-12
rtol = 1e-10
INI
run_qtherm r.ref run cfg/restart.ini --output.file=r.ref.h5 --checkpoint.every_time=0
[ "$status" -eq 0 ] || { fail "restart reference: exit $status"; show r.ref.err; }
if killed r 1 cfg/restart.ini; then
  sed -i '3s/.*/0.1 0.3/' cfg/data/s13.dat  # line 3 is t = 0.1: a new value
  run_to r.changed "$QTHERM" run cfg/restart.ini --output.file=r.h5 --restart
  expect_error_line "restart with a changed table" r.changed "qtherm: error: cfg/restart.ini: [model] tables: " \
    "restart refused: table s ('$work/cfg/data/s13.dat') changed since the checkpoint" \
    && ok "restart with a changed table: $(cat r.changed.err)"
  { echo "# the same points"; cat s13.orig; } > cfg/data/s13.dat
  if restarted r 1 cfg/restart.ini; then
    compare r.ref.h5 r.h5 --bitwise > r.cmp && ok "a comment added to the table: restart resumes, bitwise equal" \
      || { fail "restart after a comment differs"; show r.cmp; }
  fi
fi

# Bad input. Tables: short.dat covers [0, 3] only; unsorted.dat repeats t = 1 on line 3.
printf '0 0\n1 1\n3 2\n' > short.dat
printf '# t value\n0 0\n1 1\n1 2\n3 3\n' > unsorted.dat
case_header=("[model]" "name = lindblad" "dims = 2" "hamiltonian = 0.5*sz(0)" "[time]" "t_final = 4" "samples = 5" "[model]")
case_file out_of_range "[model] drives: " "f = 0.3*s(t)" "table s ('$work/short.dat') covers t in [0, 3]" \
  "evaluated at t = 3.125" "[0, t_final] = [0, 4]" -- "tables = s : short.dat" "drives = f : 0.3*s(t) : sx(0)"
case_file rate_out_of_range "[model] jumps: " "rate of em" "covers t in [0, 3]" "evaluated at t = 3.125" -- \
  "tables = s : short.dat" "jumps = em : 0.1*(1 + s(t)) : sm(0)"
case_file shifted_out_of_range "[model] drives: " "evaluated at t = -1 (at the run's time 0;" -- \
  "tables = s : short.dat" "drives = f : s(t - 1) : sx(0)"
case_file constant_out_of_range "[model] drives: " "evaluated at t = 5" -- "tables = s : short.dat" "drives = f : s(5) : sx(0)"
case_file unsorted "[model] tables: " "s: '$work/unsorted.dat' line 4" "t = 1 does not increase" -- \
  "tables = s : unsorted.dat" "drives = f : 0.3*s(t) : sx(0)"
case_file missing_file "[model] tables: " "s: cannot open '$work/missing.dat'" -- \
  "tables = s : missing.dat" "drives = f : 0.3*s(t) : sx(0)"
case_file unknown_name "[model] drives: " "unknown function 'r'" "tables: s" -- \
  "tables = s : short.dat" "drives = f : 0.3*r(t) : sx(0)"
case_file builtin_name "[model] tables: " "'sin' is a built-in function" -- "tables = sin : short.dat"
case_file variable_name "[model] tables: " "'t' is the variable of time" -- "tables = t : short.dat"
case_file malformed "[model] tables: " "expected NAME : FILE" -- "tables = s short.dat"
# [periodic] compares each function with itself one period later: flat.dat covers [0, 4] (t_final)
# but not [0, 2*period] = [0, 6].
printf '0 1\n4 1\n' > flat.dat
case_file periodic_out_of_range "[periodic] period: " "covers t in [0, 4]" "[0, 2*period]" -- \
  "tables = s : flat.dat" "drives = f : 0.3*s(t) : sx(0)" "[periodic]" "period = 3"

finish driven-tables
