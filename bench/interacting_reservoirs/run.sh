#!/usr/bin/env bash
# Benchmark (issue 7): the many-body route of interacting_reservoirs on one particle-number sector,
# matrix-free (MATSHELL): the lowest eigenpairs (SLEPc EPS, Krylov-Schur) and a time evolution
# (SLEPc MFN) of a typical thermal vector, at 1 and 2 ranks. Prints the sector size, the seconds of
# each phase on each rank count and the speed-ups. Not a test: numbers only.
#
# usage: bench/interacting_reservoirs/run.sh [N1 N2 PARTICLES [BUILD_DIR]]
#   default 14 13 13: 27 modes, 13 particles, C(27,13) = 20 058 300 states (the issue's target);
#   verify quickly with e.g. 11 11 11 (705 432 states).
#   QTHERM_BENCH_T=0.5 (evolution time), QTHERM_BENCH_EPS_TOL=1e-8 (EPS tolerance),
#   QTHERM_BENCH_LOGS=DIR (keep bench.ini, npN.log and npN.h5 there; -eps_monitor shows progress),
#   QTHERM_BENCH_H=random (default) | uniform (the one-body matrices h1, h2; see below)
# h1 and h2 are all-to-all either way. `uniform` is seed 003's omega 1 + g (J - 1): its low
# many-body spectrum is a near-degenerate cluster (all modes but the symmetric one are degenerate and
# u splits them weakly), where Krylov-Schur restarts for hours at the default size. `random` adds
# fixed pseudo-random entries in [-0.2, 0.2] to every element (Park-Miller, the same on every awk),
# which spreads the spectrum while keeping the all-to-all cost per row.
# Memory at the default size: each vector is 320 MB; EPS keeps ~17 of them, MFN ~12 (ncv 10), and
# every matrix-free operator holds one gathered copy of its input per rank: about 12 GB in all.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
n1=${1:-14} n2=${2:-13} particles=${3:-13}
build=$(cd "${4:-$root/build}" 2>/dev/null && pwd) || { echo "interacting_reservoirs bench: no build directory" >&2; exit 2; }
qtherm=$build/apps/qtherm
[ -x "$qtherm" ] || { echo "interacting_reservoirs bench: no $qtherm; build first" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
if [ -n "${QTHERM_BENCH_LOGS:-}" ]; then  # keep the configuration, logs and outputs there
  mkdir -p "$QTHERM_BENCH_LOGS" && work=$(cd "$QTHERM_BENCH_LOGS" && pwd)
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
cd "$work"
# n x n real symmetric: omega on the diagonal plus entries uniform in [-0.2, 0.2], from seed $2.
random_h() { awk -v n="$1" -v x="$2" -v w="$3" 'BEGIN {
  for (i = 1; i <= n; i++) for (j = i; j <= n; j++) {
    x = (x * 16807) % 2147483647; a[i, j] = a[j, i] = (2 * x / 2147483647 - 1) * 0.2 }
  for (i = 1; i <= n; i++) { a[i, i] += w; for (j = 1; j <= n; j++) printf "%s%.12g", (j > 1 ? ", " : ""), a[i, j]
    printf "%s", (i < n ? "; " : "") } }'; }
case ${QTHERM_BENCH_H:-random} in
  random) hamiltonian="h1 = $(random_h "$n1" 1 1)
h2 = $(random_h "$n2" 2 0.8)" ;;
  uniform) hamiltonian="omega1 = 1
omega2 = 0.8
g = 0.05" ;;
  *) echo "interacting_reservoirs bench: QTHERM_BENCH_H must be random or uniform" >&2; exit 2 ;;
esac
cat > bench.ini <<INI
[model]
name = interacting_reservoirs
route = many_body
n1 = $n1
n2 = $n2
$hamiltonian
gamma = 0.02
u1 = 0.3
u2 = 0.3
beta1 = 0.5
beta2 = 0.25
particles = $particles
thermal = typicality
typical_samples = 1
storage = matrix_free
eigenvalues = 2
[time]
t_final = ${QTHERM_BENCH_T:-0.5}
samples = 2
progress_interval = 0
INI
# MFN Krylov basis of 10 vectors (memory); an EPS tolerance of 1e-8 is plenty for timing.
# -eps_monitor goes to the log only: it shows how far a long EPS phase has come.
petsc_opts="-mfn_ncv 10 -eps_tol ${QTHERM_BENCH_EPS_TOL:-1e-8} -eps_monitor"
declare -A eps evo
for np in 1 2; do
  mpiexec --oversubscribe -n "$np" "$qtherm" run bench.ini --output.file="np$np.h5" -- $petsc_opts > "np$np.log" 2>&1 \
    || { echo "interacting_reservoirs bench: the run on $np rank(s) failed:" >&2; tail -5 "np$np.log" >&2; exit 1; }
  eps[$np]=$(sed -n 's/.*eigenpairs of a sector of \([0-9]*\) states in \([0-9.e+-]*\) s.*/\2/p' "np$np.log")
  evo[$np]=$(sed -n 's/.*largest sector [0-9]* states, in \([0-9.e+-]*\) s.*/\1/p' "np$np.log")
  states=$(sed -n 's/.*eigenpairs of a sector of \([0-9]*\) states.*/\1/p' "np$np.log")
  grep -h "interacting_reservoirs:" "np$np.log" | sed "s/^/np$np: /"
done
echo "sector: $n1 + $n2 modes, $particles particles, $states states (matrix-free, ${QTHERM_BENCH_H:-random} h); t = ${QTHERM_BENCH_T:-0.5}, EPS tol ${QTHERM_BENCH_EPS_TOL:-1e-8}"
awk -v e1="${eps[1]}" -v e2="${eps[2]}" -v v1="${evo[1]}" -v v2="${evo[2]}" 'BEGIN {
  printf "lowest eigenpairs: 1 rank %.1f s, 2 ranks %.1f s, speed-up %.2fx\n", e1, e2, e1 / e2
  printf "time evolution:    1 rank %.1f s, 2 ranks %.1f s, speed-up %.2fx\n", v1, v2, v1 / v2
  printf "total:             speed-up %.2fx (target >= 1.6x)\n", (e1 + v1) / (e2 + v2) }'
