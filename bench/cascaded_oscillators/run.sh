#!/usr/bin/env bash
# Benchmark of issue 4: cascaded oscillators, N_S = 1, N = 0, t in [0, 5], 51 output times,
# atol 1e-10, rtol 1e-8, n Fock levels per mode (n^4 Liouville unknowns), solved by
#   qtherm (Fock route, matrix-free Liouvillian) at 1 and 2 ranks, and QuTiP 4.7 (mesolve),
# in one run. Prints wall times, their ratios, peak memory per Liouville unknown, the effective
# bandwidth of one Liouvillian application against a triad on the same vectors, and the
# agreement of the final currents. Not a test: numbers only; run it on an idle machine.
#
# usage: bench/cascaded_oscillators/run.sh [N_LEVELS=30] [BUILD_DIR=build]
#   QTHERM_BENCH_QUTIP=auto|yes|no  (auto: QuTiP only for n <= 40; its assembled n^4
#                                    superoperator does not fit memory far beyond that)
set -euo pipefail
n=${1:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${2:-$root/build}" 2>/dev/null && pwd) || { echo "run.sh: no build directory" >&2; exit 2; }
qtherm=$build/apps/qtherm
[ -x "$qtherm" ] || { echo "run.sh: no $qtherm; build first" >&2; exit 2; }
py=/usr/bin/python3
use_qutip=${QTHERM_BENCH_QUTIP:-auto}
[ "$use_qutip" = auto ] && { [ "$n" -le 40 ] && use_qutip=yes || use_qutip=no; }
if [ "$use_qutip" = yes ] && ! "$py" -c 'import qutip' 2> /dev/null; then
  echo "installing python3-qutip (Debian) ..."
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y python3-qutip > /dev/null; else sudo apt-get install -y python3-qutip > /dev/null; fi
fi
"$py" -c 'import h5py' 2> /dev/null || { echo "run.sh: needs python3-h5py" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > bench.ini <<INI
[model]
name = cascaded_oscillators
route = fock
initial = thermal
N_s = 1
N = 0
cutoff = $n
# speed benchmark: the truncation is reported (truncation_max), not refused
truncation_tolerance = 1
[time]
t_final = 5
samples = 51
atol = 1e-10
rtol = 1e-8
progress_interval = 60
INI

# run_qtherm RANKS OUT [overrides]: wall seconds on stdout; per-rank peak RSS (kB) in OUT.rss.*
run_qtherm() {
  local np=$1 out=$2; shift 2
  local t0 t1
  t0=$(date +%s.%N)
  mpiexec -n "$np" sh -c '/usr/bin/time -f %M -o "$0.rss.$OMPI_COMM_WORLD_RANK" "$@"' "$out" \
    "$qtherm" run bench.ini --output.file="$out.h5" "$@" > "$out.log" 2>&1 || { cat "$out.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
rss_sum() { cat "$1".rss.* | awk '{ s += $1 } END { print s * 1024 }'; }

echo "cascaded_oscillators benchmark: n = $n levels per mode, $((n ** 4)) Liouville unknowns, N_S = 1, N = 0, t in [0, 5]"
run_qtherm 1 base --model.cutoff=2 > /dev/null  # baseline process memory (libraries, PETSc)
base=$(rss_sum base)
w1=$(run_qtherm 1 np1)
w2=$(run_qtherm 2 np2)
run_qtherm 1 bw --bench.bandwidth=true --time.t_final=0.01 --time.samples=2 > /dev/null
if [ "$use_qutip" = yes ]; then
  q=$("$py" "$root/bench/cascaded_oscillators/qutip_run.py" "$n" 1 0 5 51)
else
  q="wall=nan peak_rss=nan J1=nan J2=nan J12=nan qutip_version=skipped"
fi

"$py" - "$n" "$w1" "$w2" "$(rss_sum np1)" "$(rss_sum np2)" "$base" "$q" <<'PY'
import sys, h5py, math
n, w1, w2, r1, r2, base = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
q = dict(kv.split("=", 1) for kv in sys.argv[7].split())
u = n ** 4
def final(f, name): return h5py.File(f)["runs/0/observables/" + name][-1]
def scal(f, name): return float(h5py.File(f)["runs/0/scalars/" + name][()])
wq = float(q["wall"])
print(f"{'':24s}{'wall [s]':>12s}{'QuTiP/this':>12s}{'peak B/unknown':>16s}{'(above baseline)':>18s}")
print(f"{'qtherm 1 rank':24s}{w1:12.3f}{wq / w1:12.2f}{r1 / u:16.1f}{(r1 - base) / u:18.1f}")
print(f"{'qtherm 2 ranks':24s}{w2:12.3f}{wq / w2:12.2f}{r2 / u:16.1f}{(r2 - 2 * base) / u:18.1f}")
print(f"{'QuTiP ' + q['qutip_version']:24s}{wq:12.3f}{1.0:12.2f}{float(q['peak_rss']) / u:16.1f}")
print(f"speed-up 2 ranks / 1 rank: {w1 / w2:.2f}; time steps (1 rank): {scal('np1.h5', 'steps'):.0f}; "
      f"truncation_max: {scal('np1.h5', 'truncation_max'):.2e}")
bl, bt = scal("bw.h5", "liouvillian_bandwidth"), scal("bw.h5", "triad_bandwidth")
print(f"one Liouvillian application: {scal('bw.h5', 'liouvillian_apply_seconds') * 1e3:.3f} ms = {bl:.2f} GB/s effective "
      f"(32 B/unknown); triad: {bt:.2f} GB/s (48 B/unknown); ratio {100 * bl / bt:.1f} %")
for name in ("J1", "J2", "J12"):
    a, b = final("np1.h5", name), float(q[name])
    c = final("np2.h5", name)
    print(f"{name}(t=5): qtherm {a:.10e}  2 ranks - 1 rank {c - a:.1e}  QuTiP - qtherm {b - a:.1e}")
PY
