#!/usr/bin/env bash
# Benchmark: an 8-point sweep at 1 and 2 ranks (one point per rank at a time). Prints the wall
# times and the speed-up; issue 8 asks for at least 1.9x on 2 cores. Not a test: numbers only.
#
# usage: bench/sweep_scaling.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" 2>/dev/null && pwd) || { echo "sweep_scaling: no build directory '${1:-$root/build}'" >&2; exit 2; }
qtherm=$build/apps/qtherm
[ -x "$qtherm" ] || { echo "sweep_scaling: no $qtherm; build first (bash scripts/main.sh or cmake --build build)" >&2; exit 2; }
# Benchmarks may run as root on a CI-like machine; mpiexec refuses that without these.
[ "$(id -u)" -eq 0 ] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# config NAME DIMS T_FINAL: eight points of a three-party system (one point per rank at a time).
config() {
  cat > "$1.ini" <<INI
[model]
name = lindblad
dims = $2
hamiltonian = 1.0*n(0) + 0.5*sz(1) + 1.0*n(2) + 0.3*adag(0)*sm(1) + 0.3*a(0)*sp(1)
jumps = up : 0.4 : a(0); out : 0.4 : a(2); pump : 0.1 : adag(0)
cascades = 0.4 : a(0) -> a(2)
initial_basis = 2, 0, 0
[sweep]
parameters = time.atol : 1e-10, 2e-10, 3e-10, 4e-10, 5e-10, 6e-10, 7e-10, 8e-10
[time]
t_final = $3
samples = 81
progress_interval = 0
[steady]
solve = false
INI
}
seconds() {  # seconds INI RANKS: wall time of the sweep on RANKS ranks
  local start end
  start=$(date +%s.%N)
  mpiexec --oversubscribe -n "$2" "$qtherm" run "$1" --output.file="$1.np$2.h5" > "$1.np$2.log" 2>&1 \
    || { echo "sweep_scaling: the run on $2 rank(s) failed:" >&2; tail -5 "$1.np$2.log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}
runs=0
report() {  # report LABEL DIMS T_FINAL UNKNOWNS
  runs=$((runs + 1))
  config "case$runs" "$2" "$3"
  local t1 t2
  t1=$(seconds "case$runs.ini" 1)
  t2=$(seconds "case$runs.ini" 2)
  awk -v l="$1" -v n="$4" -v a="$t1" -v b="$t2" \
    'BEGIN { printf "%-34s %9s  1 rank %7.2f s  2 ranks %7.2f s  speed-up %.2fx\n", l, n, a, b, a / b }'
}
echo "8-point sweep on $(nproc) cores (target: 2 ranks >= 1.9x faster than 1)"
report "start-up only (near-empty points)" "4, 2, 4" 0.001 "1024 unk"
report "cache-resident points (4x2x4)" "4, 2, 4" 16000 "1024 unk"
report "bandwidth-bound points (8x2x8)" "8, 2, 8" 80 "65536 unk"
