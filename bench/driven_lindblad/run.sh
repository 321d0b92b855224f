#!/usr/bin/env bash
# Benchmark of issue 21: a driven, dissipative N-qubit chain (problem.py: the transverse field
# oscillates, period 1; 10 periods, 101 output times) by qtherm (matrix-free shell, rk route with the
# drive as a fixed part fused into L(t), at 1 and 2 ranks) and by QuTiP 4.7 mesolve with a string
# coefficient (Debian python3-qutip, single-threaded), both at atol 1e-10, rtol 1e-8. Prints per
# size: wall times (process start to exit), qtherm's applications of L(t) (each one fused pass of
# L_0 and the drive), the speed-up, peak memory per unknown, the largest difference of the final
# observables, and qtherm's first-law residual. Not a test: numbers only; run it on an otherwise
# idle machine.
#
# usage: bench/driven_lindblad/run.sh [SIZES="6 8 10"] [BUILD_DIR=build]
#   QTHERM_BENCH_RANKS="1 2"   qtherm rank counts
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
sizes=${1:-6 8 10}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${2:-$root/build}" 2>/dev/null && pwd) || { echo "run.sh: no build directory" >&2; exit 2; }
qtherm=$build/apps/qtherm
[ -x "$qtherm" ] || { echo "run.sh: no $qtherm; build first" >&2; exit 2; }
py=/usr/bin/python3
here=$(cd "$(dirname "$0")" && pwd)
"$py" -c 'import qutip' 2> /dev/null || { echo "run.sh: needs Debian python3-qutip" >&2; exit 2; }
bench_environment

seconds() { awk -v a="$2" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
echo "driven_lindblad benchmark: 10 periods, 101 output times, atol 1e-10, rtol 1e-8; $(nproc --all) cores"
for n in $sizes; do
  "$py" "$here/problem.py" ini "$n" > q$n.ini
  line="N = $n ($((4 ** n)) unknowns):"
  declare -A wall=()
  for np in ${QTHERM_BENCH_RANKS:-1 2}; do
    t0=$(date +%s.%N)
    mpiexec -n "$np" sh -c '/usr/bin/time -f %M -o "$0.rss.$OMPI_COMM_WORLD_RANK" "$@"' q$n.$np \
      "$qtherm" run q$n.ini --output.file=q$n.$np.h5 --time.progress_interval=0 > q$n.$np.log 2>&1 ||
      { cat q$n.$np.log >&2; exit 1; }
    wall[$np]=$(seconds "$t0" "$(date +%s.%N)")
    rss=$(cat q$n.$np.rss.* | awk -v u=$((4 ** n)) '{ s += $1 } END { printf "%.0f", s * 1024 / u }')
    apps=$(sed -n 's/.* \([0-9][0-9]*\) applications of L \([0-9.e+-]*\) s.*/\1 in \2 s/p' q$n.$np.log)
    line="$line qtherm ${np}r ${wall[$np]} s ($apps, $rss B/unknown);"
  done
  t0=$(date +%s.%N)
  "$py" "$here/problem.py" qutip "$n" > qutip$n.out
  qwall=$(seconds "$t0" "$(date +%s.%N)")
  qrss=$(sed -n 's/.*peak_rss=\([0-9]*\).*/\1/p' qutip$n.out | awk -v u=$((4 ** n)) '{ printf "%.0f", $1 / u }')
  diff=$("$py" - q$n.1.h5 qutip$n.out <<'PY'
import sys, h5py
o = h5py.File(sys.argv[1])["runs/0/observables"]
q = dict(kv.split("=") for kv in open(sys.argv[2]).read().split())
d = max(abs(o[k][-1] - float(q[k])) for k in ("z_first", "z_last"))
print(f"{d:.1e}, first-law residual {max(abs(o['energy_balance_error'][:])):.1e}")
PY
)
  line="$line QuTiP $qwall s ($qrss B/unknown); speed-up 1 rank $(awk -v a="$qwall" -v b="${wall[1]}" 'BEGIN { printf "%.2f", a / b }')x; max |diff| $diff"
  echo "$line"
done
