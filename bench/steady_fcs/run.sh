#!/usr/bin/env bash
# Benchmark of issue 16: the steady state of the dissipative transverse-field Ising chain of
# bench/generic_lindblad (h = 1, J = 0.5, eps = 0.3, decay 0.1 on every site) by qtherm's iterative
# route (GMRES, eigenbasis preconditioner: the default through [steady] method = auto beyond 5000
# unknowns) at 1 and 2 ranks, and by QuTiP 4.7 steadystate (direct and iterative-gmres) where it
# finishes within QTHERM_BENCH_QUTIP_TIMEOUT seconds. Prints per size: wall time (process start to
# exit), GMRES iterations, ||L rho_ss||, peak memory per unknown, and U_steady against QuTiP's.
# Not a test: numbers only; run it on an otherwise idle machine.
#
# usage: bench/steady_fcs/run.sh [SIZES="7 8 9 10"] [BUILD_DIR=build]
#   QTHERM_BENCH_QUTIP_MAX=8          largest chain QuTiP is tried on (its direct solve of 8 qubits ran
#                                     > 20 minutes on this machine)
#   QTHERM_BENCH_QUTIP_TIMEOUT=600    seconds per QuTiP solve
#   QTHERM_BENCH_JACOBI_MAX=7         largest chain also solved with the Jacobi preconditioner (2000
#                                     iterations at most)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
sizes=${1:-7 8 9 10}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${2:-$root/build}" 2> /dev/null && pwd) || { echo "run.sh: no build directory" >&2; exit 2; }
qtherm=$build/apps/qtherm
[ -x "$qtherm" ] || { echo "run.sh: no $qtherm; build first" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
qutip_max=${QTHERM_BENCH_QUTIP_MAX:-8}
qutip_timeout=${QTHERM_BENCH_QUTIP_TIMEOUT:-600}
jacobi_max=${QTHERM_BENCH_JACOBI_MAX:-7}
if [ "$qutip_max" -gt 0 ]; then need_qutip; fi
bench_environment

# steady N RANKS TAG [options...]: one line of figures from qtherm's log
steady() {
  local n=$1 np=$2 tag=$3; shift 3
  local ini=i$n.ini out=s$n.$np.$tag t0 t1 rss
  "$py" "$root/bench/generic_lindblad/problem.py" ini ising "$n" 0.01 2 | sed 's/^solve = false/solve = true/' > "$ini"
  t0=$(date +%s.%N)
  mpiexec -n "$np" sh -c '/usr/bin/time -f %M -o "$0.rss.$OMPI_COMM_WORLD_RANK" "$@"' "$out" \
    "$qtherm" run "$ini" --output.file="$out.h5" "$@" > "$out.log" 2>&1 || true
  t1=$(date +%s.%N)
  rss=$(cat "$out".rss.* | awk '{ s += $1 } END { print s * 1024 }')
  local line
  line=$(grep -o 'steady state by .*' "$out.log" | head -1 || true)
  if [ -z "$line" ]; then line="no steady state: $(grep -m1 -o 'warning: .*\|error: .*' "$out.log" | cut -c1-200 || true)"; fi
  local u
  u=$(sed -n 's/^ *U_steady *\([-0-9.e+]*\).*/\1/p' "$out.log" | head -1)
  awk -v a="$t1" -v b="$t0" -v r="$rss" -v n="$n" -v np="$np" -v u="${u:-nan}" -v l="$line" \
    -v t="$tag" 'BEGIN { printf "  qtherm %-10s %d rank(s): %8.2f s  %6.0f B/unknown  U_steady %s  [%s]\n", t, np, a - b, r / 4 ^ n, u, l }'
}

echo "steady_fcs benchmark: dissipative Ising chain, $(nproc --all) cores, $(date -u +%F)"
for n in $sizes; do
  echo "N = $n qubits ($((4 ** n)) unknowns)"
  steady "$n" 1 eigenbasis
  steady "$n" 2 eigenbasis
  if [ "$n" -le "$jacobi_max" ]; then
    steady "$n" 1 jacobi --steady.preconditioner=jacobi -- -steady_ksp_max_it 2000
  fi
  if [ "$n" -le "$qutip_max" ]; then
    for method in direct iterative-gmres; do
      status=0
      timeout "$qutip_timeout" "$py" "$here/qutip_steady.py" "$n" "$method" > q.out 2>&1 || status=$?
      r=$(tail -n 1 q.out)
      [ "$status" -ne 0 ] && r="failed: $(grep -m1 '^[A-Za-z.]*\(Exception\|Error\): ' q.out || true)"
      [ "$status" -eq 124 ] && r="did not finish within $qutip_timeout s"
      echo "  QuTiP steadystate $method: $r"
    done
  fi
done
