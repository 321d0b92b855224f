#!/usr/bin/env bash
# Benchmark (issue 23): the spin_chain_erasure `exact` route (distributed vectors, H_E's eigenvectors
# for ρ_E, SLEPc exponentials; dense below -mfn_dense_max) against the `dense` route (Eigen on the
# whole 2^(N+1) space) at every N where dense fits, one rank each. An interacting chain (Delta =
# 0.5, so free fermions do not apply), 21 output times to t = 10, the seed's other parameters.
# Prints per N: both wall times (process start to exit), their ratio and whether the outputs agree
# to 1e-8 (tests/cli/compare_runs.py; else its first difference). Not a test: numbers only. Run on
# an idle machine.
#
# usage: bench/spin_chain/exact_vs_dense.sh [BUILD_DIR] ["N ..."]   (defaults: build "4 5 6 7 8 9 10")
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" 2>/dev/null && pwd) || { echo "exact_vs_dense: no build directory '${1:-$root/build}'" >&2; exit 2; }
sizes=${2:-4 5 6 7 8 9 10}
qtherm=$build/apps/qtherm
[ -x "$qtherm" ] || { echo "exact_vs_dense: no $qtherm; build first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > chain.ini <<INI
[model]
name = spin_chain_erasure
B0 = 1
B = 1
J = 1
J0 = 0.5
Delta = 0.5
beta = 1
alpha = 0.9
[time]
t_final = 10
samples = 21
progress_interval = 0
INI
seconds() { awk -v a="$2" -v b="$1" 'BEGIN { printf "%.2f", a - b }'; }
printf "%3s %8s %10s %10s %8s  %s\n" N states "exact (s)" "dense (s)" ratio "outputs"
for N in $sizes; do
  declare -A wall=()
  for route in exact dense; do
    start=$(date +%s.%N)
    "$qtherm" run chain.ini --model.N="$N" --model.route=$route --output.file="$route$N.h5" > "$route$N.log" 2>&1 \
      || { echo "exact_vs_dense: N = $N, route $route failed:" >&2; tail -5 "$route$N.log" >&2; exit 1; }
    wall[$route]=$(seconds "$start" "$(date +%s.%N)")
  done
  # The files differ in model.route, and P(Q)'s two observables are NaN on the exact route.
  diff=$(/usr/bin/python3 "$root/tests/cli/compare_runs.py" "dense$N.h5" "exact$N.h5" --tol=1e-8 \
    --skip=phi,exp_heat_average | grep -v "parameters differ" | head -n1 || true)
  diff=${diff:-all outputs agree to 1e-8}
  printf "%3d %8d %10s %10s %8s  %s\n" "$N" $((2 ** (N + 1))) "${wall[exact]}" "${wall[dense]}" \
    "$(awk -v a="${wall[exact]}" -v b="${wall[dense]}" 'BEGIN { printf "%.2f", a / b }')" "$diff"
done
