#!/usr/bin/env bash
# Benchmark (issue 6): the spin_chain_erasure typicality route with N chain spins plus the system
# spin (2^(N+1) states; default N = 23, i.e. 2^24) at 1 and 2 ranks, matrix-free operators.
# Prints, per rank count: wall time, the largest resident memory of a rank, and <Q>, B_Q at t_final
# with their jackknife errors; then the speed-up. Not a test: numbers only. Run on an idle machine.
#
# usage: bench/spin_chain/run.sh [BUILD_DIR] [N] [SAMPLES]   (defaults: build 23 2)
# memory: about 31 vectors of 16·2^(N+1) bytes over all ranks with -mfn_ncv 10 (measured at N = 19:
# 564 MB); N = 23: about 8.5 GB in all. Time: about 2·10^3 shell products of 2^(N+1) rows per run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" 2>/dev/null && pwd) || { echo "spin_chain bench: no build directory '${1:-$root/build}'" >&2; exit 2; }
N=${2:-23}
samples=${3:-2}
qtherm=$build/apps/qtherm
[ -x "$qtherm" ] || { echo "spin_chain bench: no $qtherm; build first" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > bench.ini <<INI
[model]
name = spin_chain_erasure
N = $N
B0 = 1
B = 1
J = 1
J0 = 0.5
beta = 1
alpha = 0.9
route = typicality
samples = $samples
seed = 1
operator = shell
mfn_tol = 1e-8
[time]
t_final = 1
samples = 2
progress_interval = 60
INI
echo "spin_chain_erasure typicality: N = $N chain spins + 1 (dimension 2^$((N + 1))), $samples samples, t = 0, 1, shell operators"
declare -A wall
for np in 1 2; do
  start=$(date +%s.%N)
  mpiexec --oversubscribe -n "$np" /usr/bin/time -f "maxrss_kB %M" "$qtherm" run bench.ini \
      --output.file="np$np.h5" -- -mfn_ncv 10 > "np$np.log" 2>&1 \
    || { echo "spin_chain bench: the run on $np rank(s) failed:" >&2; tail -20 "np$np.log" >&2; exit 1; }
  end=$(date +%s.%N)
  wall[$np]=$(awk -v a="$end" -v b="$start" 'BEGIN { printf "%.3f", a - b }')
  rss=$(awk '/^maxrss_kB/ { if ($2 > m) m = $2 } END { printf "%.2f", m / 1048576 }' "np$np.log")
  line() { awk -v k="$1" '$1 == k { print $3 }' "np$np.log" | head -n1; }
  printf "ranks %d: wall %8.1f s   max RSS per rank %s GiB   <Q>(t=1) = %s +- %s   B_Q = %s +- %s\n" \
    "$np" "${wall[$np]}" "$rss" "$(line heat)" "$(line heat_error)" "$(line B_Q)" "$(line B_Q_error)"
done
# The same point by free fermions (exact for Delta = 0): typicality should agree within its error.
"$qtherm" run bench.ini --model.route=free_fermion --output.file=ff.h5 > ff.log 2>&1 \
  || { echo "spin_chain bench: the free-fermion run failed:" >&2; tail -5 ff.log >&2; exit 1; }
ff() { awk -v k="$1" '$1 == k { print $3 }' ff.log | head -n1; }
printf "free fermions (exact):                                   <Q>(t=1) = %s             B_Q = %s\n" "$(ff heat)" "$(ff B_Q)"
printf "speed-up 2 ranks vs 1: %.2fx (issue 6 asks >= 1.6x)\n" "$(awk -v a="${wall[1]}" -v b="${wall[2]}" 'BEGIN { print a / b }')"
