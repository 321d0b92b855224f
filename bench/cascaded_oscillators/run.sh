#!/usr/bin/env bash
# Benchmark of issue 4: cascaded oscillators, N_S = 1, N = 0, t in [0, 5], 51 output times,
# atol 1e-10, rtol 1e-8, n Fock levels per mode (n^4 Liouville unknowns), solved by
#   qtherm (Fock route, matrix-free Liouvillian) at 1 and 2 ranks, and QuTiP 4.7 (mesolve),
# in one run. Prints wall times, their ratios, peak memory per Liouville unknown, the effective
# bandwidth of one Liouvillian application against a triad on the same vectors, and the
# agreement of the final currents. Not a test: numbers only; run it on an idle machine.
#
# usage: bench/cascaded_oscillators/run.sh [N_LEVELS=30] [BUILD_DIR=build]
#   QTHERM_BENCH_QUTIP=auto|yes|no    (auto: QuTiP only for n <= 40; its assembled n^4
#                                      superoperator does not fit memory far beyond that)
#   QTHERM_BENCH_LIOUVILLIAN="sector shell"  qtherm variants: sector = only the entries with equal
#                                      ket and bra excitation number (O(n^3), the default of the
#                                      model for this state); shell = all n^4 entries, matrix-free
#   QTHERM_BENCH_RANKS="1 2"
#   QTHERM_BENCH_ATOL=1e-10 QTHERM_BENCH_RTOL=1e-8   (the qtherm runs' tolerances; QuTiP keeps 1e-10/1e-8)
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
n=${1:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${2:-$root/build}" 2>/dev/null && pwd) || { echo "run.sh: no build directory" >&2; exit 2; }
qtherm=$build/apps/qtherm
[ -x "$qtherm" ] || { echo "run.sh: no $qtherm; build first" >&2; exit 2; }
py=/usr/bin/python3
use_qutip=${QTHERM_BENCH_QUTIP:-auto}
[ "$use_qutip" = auto ] && { [ "$n" -le 40 ] && use_qutip=yes || use_qutip=no; }
if [ "$use_qutip" = yes ]; then need_qutip; fi
"$py" -c 'import h5py' 2> /dev/null || { echo "run.sh: needs python3-h5py" >&2; exit 2; }
bench_environment

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
atol = ${QTHERM_BENCH_ATOL:-1e-10}
rtol = ${QTHERM_BENCH_RTOL:-1e-8}
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
  awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.3f", a - b }'
}
rss_sum() { cat "$1".rss.* | awk '{ s += $1 } END { print s * 1024 }'; }

variants=${QTHERM_BENCH_LIOUVILLIAN:-sector shell}
ranks=${QTHERM_BENCH_RANKS:-1 2}
echo "cascaded_oscillators benchmark: n = $n levels per mode, $((n ** 4)) Liouville unknowns, N_S = 1, N = 0, t in [0, 5], qtherm atol ${QTHERM_BENCH_ATOL:-1e-10} rtol ${QTHERM_BENCH_RTOL:-1e-8}"
run_qtherm 1 base --model.cutoff=2 > /dev/null  # baseline process memory (libraries, PETSc)
rows=()
for v in $variants; do
  for np in $ranks; do
    w=$(run_qtherm "$np" "$v.$np" --model.liouvillian="$v")
    rows+=("$v $np $w $(rss_sum "$v.$np")")
  done
done
# One application against a triad on the same vectors, for the full-space shell (the streaming kernel).
run_qtherm 1 bw --model.liouvillian=shell --bench.bandwidth=true --time.t_final=0.01 --time.samples=2 > /dev/null
if [ "$use_qutip" = yes ]; then
  q=$("$py" "$root/bench/cascaded_oscillators/qutip_run.py" "$n" 1 0 5 51)
else
  q="wall=nan peak_rss=nan J1=nan J2=nan J12=nan qutip_version=skipped"
fi

"$py" - "$n" "$(rss_sum base)" "$q" "${rows[@]}" <<'PY'
import sys, h5py
n, base = int(sys.argv[1]), float(sys.argv[2])
q = dict(kv.split("=", 1) for kv in sys.argv[3].split())
rows = [r.split() for r in sys.argv[4:]]
u = n ** 4
def f(name): return h5py.File(name + ".h5")["runs/0"]
def scal(name, s): return float(f(name)["scalars/" + s][()])
wq = float(q["wall"])
print(f"{'':22s}{'wall [s]':>10s}{'QuTiP/this':>12s}{'steps':>7s}{'peak B per n^4':>16s}{'above baseline':>16s}")
for v, np_, w, rss in rows:
    w, rss, np_ = float(w), float(rss), int(np_)
    print(f"{'qtherm ' + v + ' ' + str(np_) + ' rank':22s}{w:10.3f}{wq / w:12.2f}{scal(v + '.' + str(np_), 'steps'):7.0f}"
          f"{rss / u:16.1f}{(rss - np_ * base) / u:16.1f}")
print(f"{'QuTiP ' + q['qutip_version']:22s}{wq:10.3f}{1.0:12.2f}{'':7s}{float(q['peak_rss']) / u:16.1f}")
bl, bt = scal("bw", "liouvillian_bandwidth"), scal("bw", "triad_bandwidth")
print(f"full-space shell, one application: {scal('bw', 'liouvillian_apply_seconds') * 1e3:.3f} ms = {bl:.2f} GB/s "
      f"effective (32 B/unknown); triad on the same vectors: {bt:.2f} GB/s (48 B/unknown); ratio {100 * bl / bt:.1f} %")
ref = rows[0][0] + "." + rows[0][1]
print(f"truncation_max ({ref}): {scal(ref, 'truncation_max'):.2e}")
for name in ("J1", "J2", "J12"):
    a = f(ref)["observables/" + name][-1]
    others = "  ".join(f"{v}.{np_} {f(v + '.' + np_)['observables/' + name][-1] - a:+.1e}" for v, np_, *_ in rows[1:])
    print(f"{name}(t=5) = {a:.10e} ({ref}); differences: {others}  QuTiP {float(q[name]) - a:+.1e}")
PY
