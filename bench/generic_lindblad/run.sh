#!/usr/bin/env bash
# Benchmark of issue 15: systems a user writes into the generic `lindblad` model, solved in one run by
# qtherm (matrix-free shell at 1 and 2 ranks, assembled at 1 rank; Taylor integrator, the default) and
# by QuTiP 4.7 mesolve (Debian python3-qutip, single-threaded) at the same tolerances (atol 1e-10,
# rtol 1e-8), t in [0, T], 101 output times. Prints per size: wall times and ratios, Liouvillian
# applications and their rate, the bytes one application must move (read rho, write L rho: 32 per
# unknown) against a triad measured on vectors of the same size in the same run, peak memory per
# unknown, and the largest difference of the final observables against QuTiP.
# Not a test: numbers only; run it on an otherwise idle machine.
#
# usage: bench/generic_lindblad/run.sh [FAMILY=ising] [SIZES] [BUILD_DIR=build]
#   FAMILY ising: SIZES are qubit counts (default "7 8 9 10"); cavities: MxN (default "3x6 4x5 3x10")
#   QTHERM_BENCH_T=10                final time
#   QTHERM_BENCH_QUTIP=auto|yes|no   auto: QuTiP up to 1.1e6 unknowns (its CSR superoperator grows with them)
#   QTHERM_BENCH_VARIANTS="shell:1 shell:2 assembled:1"   qtherm runs as LIOUVILLIAN:RANKS
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
family=${1:-ising}
case "$family" in
  ising) sizes=${2:-7 8 9 10} ;;
  cavities) sizes=${2:-3x6 4x5 3x10} ;;
  *) echo "run.sh: unknown family '$family' (ising, cavities)" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${3:-$root/build}" 2>/dev/null && pwd) || { echo "run.sh: no build directory" >&2; exit 2; }
qtherm=$build/apps/qtherm
[ -x "$qtherm" ] || { echo "run.sh: no $qtherm; build first" >&2; exit 2; }
py=/usr/bin/python3
here=$(cd "$(dirname "$0")" && pwd)
T=${QTHERM_BENCH_T:-10}
use_qutip=${QTHERM_BENCH_QUTIP:-auto}
if [ "$use_qutip" != no ]; then need_qutip; fi
bench_environment

# run_qtherm INI RANKS OUT [overrides]: wall seconds on stdout; per-rank peak RSS (kB) in OUT.rss.*
run_qtherm() {
  local ini=$1 np=$2 out=$3; shift 3
  local t0 t1
  t0=$(date +%s.%N)
  mpiexec -n "$np" sh -c '/usr/bin/time -f %M -o "$0.rss.$OMPI_COMM_WORLD_RANK" "$@"' "$out" \
    "$qtherm" run "$ini" --output.file="$out.h5" --time.progress_interval=0 "$@" > "$out.log" 2>&1 ||
    { cat "$out.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.3f", a - b }'
}
rss_sum() { cat "$1".rss.* | awk '{ s += $1 } END { print s * 1024 }'; }
# From the run summary: "<n> applications of L <s> s".
applications() { sed -n 's/.* \([0-9][0-9]*\) applications of L \([0-9.e+-]*\) s.*/\1 \2/p' "$1.log"; }
final() { "$py" -c 'import h5py,sys; f=h5py.File(sys.argv[1]); o=f["runs/0/observables"]; print(*(o[k][-1] for k in sorted(o) if k.endswith(("_first","_last"))))' "$1.h5"; }

variants=${QTHERM_BENCH_VARIANTS:-shell:1 shell:2 assembled:1}
echo "generic_lindblad benchmark: family $family, t in [0, $T], 101 output times, atol 1e-10, rtol 1e-8; $(nproc --all) cores"
printf '[model]\nname = lindblad\n' > base.ini
printf '[model]\nname = cascaded_oscillators\n' > triad.ini
run_qtherm base.ini 1 base --model.dims=2 > /dev/null  # baseline process memory (libraries, PETSc, MPI)
base=$(rss_sum base)
echo "baseline process memory (subtracted from qtherm's peak): $(awk -v b="$base" 'BEGIN { printf "%.1f MB", b / 1e6 }')"
for size in $sizes; do
  rm -f ./*.h5 ./*.rss.*
  "$py" "$here/problem.py" ini "$family" "$size" "$T" > p.ini
  unknowns=$(awk -F= '/^dims/ { n = split($2, a, ","); p = 1; for (i = 1; i <= n; ++i) p *= a[i]; print p * p }' p.ini)
  echo
  echo "== $family $size: $unknowns Liouville unknowns"
  for v in $variants; do
    kind=${v%:*} np=${v#*:}
    wall=$(run_qtherm p.ini "$np" "$kind.$np" --model.liouvillian="$kind")
    read -r napp tapp < <(applications "$kind.$np")
    rss=$(rss_sum "$kind.$np")
    awk -v k="$kind" -v np="$np" -v w="$wall" -v n="$napp" -v t="$tapp" -v r="$rss" -v b="$base" -v u="$unknowns" \
      'BEGIN { printf "qtherm %-9s %d rank(s): %9.3f s  %6d applications, %8.2f ms each, %7.1f /s; peak %6.1f bytes/unknown (%.1f without the baseline)\n",
               k, np, w, n, 1e3 * t / n, n / t, r / u, (r - np * b) / u }'
    eval "wall_${kind}_$np=$wall; app_${kind}_$np=$tapp; napp_${kind}_$np=$napp; rss_${kind}_$np=$rss"
  done
  # Triad w = 0.5 x + y on vectors of about this size, by qtherm's own bandwidth probe.
  n4=$(awk -v u="$unknowns" 'BEGIN { n = int(exp(log(u) / 4) + 0.5); if (n < 2) n = 2; print n }')
  run_qtherm triad.ini 1 triad --model.route=fock --model.cutoff="$n4" \
    --model.truncation_tolerance=1 --bench.bandwidth=true --time.t_final=0.01 --time.samples=2 > /dev/null
  triad=$("$py" -c 'import h5py,sys; print(h5py.File(sys.argv[1])["runs/0/scalars/triad_bandwidth"][()])' triad.h5)
  if [ -n "${app_shell_1:-}" ]; then
    awk -v u="$unknowns" -v t="$app_shell_1" -v n="$napp_shell_1" -v tr="$triad" \
      'BEGIN { bw = 32 * u / (t / n) / 1e9; printf "one shell application (1 rank): %.2f GB/s for the 32 bytes per unknown it must move; triad %.2f GB/s: %.0f %%\n", bw, tr, 100 * bw / tr }'
  fi
  [ -n "${wall_shell_2:-}" ] && awk -v a="$wall_shell_1" -v b="$wall_shell_2" 'BEGIN { printf "2 ranks vs 1 (shell): %.2fx\n", a / b }'
  q=$use_qutip
  [ "$q" = auto ] && { [ "$unknowns" -le 1100000 ] && q=yes || q=no; }
  if [ "$q" = yes ]; then
    line=$("$py" "$here/problem.py" qutip "$family" "$size" "$T")
    qwall=$(sed -n 's/.* wall=\([^ ]*\).*/\1/p' <<< "$line")
    qrss=$(sed -n 's/.* peak_rss=\([^ ]*\).*/\1/p' <<< "$line")
    read -r qf ql < <(sed -n 's/.* first=\([^ ]*\) last=\([^ ]*\).*/\1 \2/p' <<< "$line")
    read -r mf ml < <(final shell.1)
    awk -v q="$qwall" -v a="$wall_shell_1" -v r="$qrss" -v m="$rss_shell_1" -v u="$unknowns" -v qf="$qf" -v ql="$ql" -v mf="$mf" -v ml="$ml" \
      'function abs(x) { return x < 0 ? -x : x } BEGIN {
         printf "QuTiP %s: %9.3f s, peak %.1f bytes/unknown; qtherm shell 1 rank is %.2fx faster, %.2fx the memory; final observables differ by %.1e\n",
                "4.7", q, r / u, q / a, m / r, (abs(qf - mf) > abs(ql - ml) ? abs(qf - mf) : abs(ql - ml)) }'
  fi
  unset wall_shell_1 wall_shell_2 app_shell_1
done
