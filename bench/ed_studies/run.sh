#!/usr/bin/env bash
# Benchmark (issue 23): exact-diagonalization studies of interacting reservoirs on the many-body
# route. The seed 003 interacting model (uniform all-to-all h, u = 0.4 inside each reservoir,
# the canonical Gibbs start of one particle-number sector) at several sector sizes on 1 rank (a
# single sector is one serial dense job whatever the rank count): wall time of the whole qtherm
# process and of its evolution, the route it chose, its peak memory, and a dense NumPy/SciPy
# reference (reference.py: eigh + U rho0 U^dagger per time) with its times and the agreement; then
# the grand-canonical 6 + 6 model (13 sectors spread over the ranks) at 1 and 2 ranks, and
# 50-point sweeps at 924 states on 2 ranks: over gamma (every point diagonalizes) and over beta1
# (the spectrum is kept from point to point). Not a test: numbers only.
#
# usage: bench/ed_studies/run.sh [BUILD_DIR]
#   QTHERM_ED_SIZES="4:4:4 5:5:5 6:6:6 7:7:7"  (n1:n2:particles; 70, 252, 924, 3432 states)
#   QTHERM_ED_SAMPLES=11 (output times), QTHERM_ED_SWEEP=50 (sweep points; 0 skips the sweep),
#   QTHERM_ED_KRYLOV=1 also times evolution = krylov on the 70-state example (about 20 s),
#   QTHERM_ED_SWEEP_ONE_RANK=1 also runs the gamma sweep on 1 rank (for the 2-rank speed-up),
#   QTHERM_ED_REFERENCE_MAX=924 (largest sector given to the Python reference: 924 states take it ~1 min).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" 2>/dev/null && pwd) || { echo "ed_studies bench: no build directory" >&2; exit 2; }
qtherm=$build/apps/qtherm
[ -x "$qtherm" ] || { echo "ed_studies bench: no $qtherm; build first" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
samples=${QTHERM_ED_SAMPLES:-11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# model N1 N2 [PARTICLES]: the seed 003 example's physics at another size (no particles: grand canonical).
model() {
  cat <<INI
[model]
name = interacting_reservoirs
route = many_body
n1 = $1
n2 = $2
omega1 = 1
omega2 = 0.8
g = 0.05
gamma = 0.05
u1 = 0.4
u2 = 0.4
beta1 = 0.5
beta2 = 3
mu1 = 1
mu2 = 0.8
${3:+particles = $3}
[time]
t_final = 20
samples = $samples
progress_interval = 0
INI
}

# timed NAME NP ARGS...: runs qtherm on NP ranks (one rank as a user would: without mpiexec); prints
# wall seconds and peak memory (MB, largest rank).
timed() {
  local name=$1 np=$2; shift 2
  local t0 t1 launch=()
  [ "$np" = 1 ] || launch=(mpiexec --oversubscribe -n "$np")
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$name.mem" "${launch[@]}" "$qtherm" run "$@" > "$name.log" 2>&1 \
    || { echo "ed_studies bench: $name failed:" >&2; tail -5 "$name.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  wall=$(echo "$t1 - $t0" | bc -l)
  route=$(sed -n 's/.*interacting_reservoirs: evolution (\([a-z]*\)): \([0-9]*\) sector(s) dense, \([0-9]*\) by Krylov.*/\2 dense, \3 krylov/p' "$name.log" | head -1)
}

echo "== one sector, $samples output times, 1 rank (one sector runs on one rank whatever the rank count)"
echo "   qtherm: whole process (MPI/PETSc start-up included) and its evolution line; reference: whole"
echo "   python3 process (imports included) and its computation; speed-ups process/process, compute/compute"
printf '%-7s %-6s %-9s %9s %9s %7s %9s %9s %9s %9s %9s\n' states modes route process evolution MB "ref proc" "ref comp" "x proc" "x comp" agreement
for size in ${QTHERM_ED_SIZES:-4:4:4 5:5:5 6:6:6 7:7:7}; do
  IFS=: read -r n1 n2 k <<< "$size"
  model "$n1" "$n2" "$k" > "s$k.ini"
  timed "s$k" 1 "s$k.ini" --output.file="s$k.h5"
  w1=$wall r1=$route m1=$(( $(tail -1 "s$k.mem") / 1024 ))
  evo=$(sed -n 's/.*largest sector [0-9]* states, in \([0-9.e+-]*\) s.*/\1/p' "s$k.log" | head -1)
  states=$(sed -n 's/.*largest sector \([0-9]*\) states.*/\1/p' "s$k.log" | head -1)
  rp="-" rc="-" xp="-" xc="-" agree="-"
  if [ "$states" -le "${QTHERM_ED_REFERENCE_MAX:-924}" ]; then
    t0=$(date +%s.%N)
    /usr/bin/python3 "$here/reference.py" "$n1" "$n2" "$k" 20 "$samples" "s$k.h5" > "s$k.ref" 2>&1 \
      || { echo "ed_studies bench: reference failed:" >&2; cat "s$k.ref" >&2; exit 1; }
    rp=$(echo "$(date +%s.%N) - $t0" | bc -l)
    rc=$(sed -n 's/^reference: .*times: \([0-9.]*\) s.*/\1/p' "s$k.ref")
    agree=$(sed -n 's/^agreement: .* = \(.*\)$/\1/p' "s$k.ref")
    xp=$(printf '%.1f' "$(echo "$rp / $w1" | bc -l)") xc=$(printf '%.0f' "$(echo "$rc / $evo" | bc -l)")
    rp=$(printf '%.2fs' "$rp") rc=${rc}s
  fi
  printf '%-7s %-6s %-9s %8.2fs %8.3gs %7s %9s %9s %9s %9s %9s\n' "$states" "$n1+$n2" "${r1%%,*}" "$w1" "$evo" "$m1" "$rp" "$rc" "$xp" "$xc" "$agree"
done

echo "== the 70-state example (examples/seed003_many_body_interacting.ini: 41 times, 2 EPS eigenvalues)"
timed example 1 "$root/examples/seed003_many_body_interacting.ini" --output.file=example.h5
echo "evolution = auto: $(printf '%.2f' "$wall") s ($route)"
if [ "${QTHERM_ED_KRYLOV:-0}" = 1 ]; then
  timed example_krylov 1 "$root/examples/seed003_many_body_interacting.ini" --model.evolution=krylov --output.file=krylov.h5
  echo "evolution = krylov: $(printf '%.2f' "$wall") s ($route)"
fi

echo "== grand canonical 6 + 6 modes (13 sectors, 4096 states, largest 924), $samples output times"
model 6 6 > gc.ini
timed gc.np1 1 gc.ini --output.file=gc1.h5
g1=$wall
timed gc.np2 2 gc.ini --output.file=gc2.h5
printf '1 rank %.2f s, 2 ranks %.2f s: %.2fx (%s)\n' "$g1" "$wall" "$(echo "$g1 / $wall" | bc -l)" "$route"

points=${QTHERM_ED_SWEEP:-50}
# sweep KEY FROM TO NP: a $points-point sweep of KEY at 924 states on NP ranks.
sweep() {
  local values
  values=$(awk -v n="$points" -v a="$2" -v b="$3" 'BEGIN { for (i = 0; i < n; i++) printf "%s%.6g", (i ? ", " : ""), a + (b - a) * i / (n > 1 ? n - 1 : 1) }')
  { model 6 6 6; printf '[sweep]\nparameters = model.%s : %s\n' "$1" "$values"; } > "sweep_$1.ini"
  timed "sweep_$1.np$4" "$4" "sweep_$1.ini" --output.file="sweep_$1.np$4.h5"
  local kept
  kept=$(grep -c "sector spectra kept" "sweep_$1.np$4.log" || true)
  printf '%-6s %d ranks: %6.1f s for %d points (%.2f s per point per rank; %d points reused a spectrum)\n' \
    "$1" "$4" "$wall" "$points" "$(echo "$4 * $wall / $points" | bc -l)" "$kept"
}
if [ "$points" -gt 0 ]; then
  echo "== $points-point sweeps at 924 states (6 + 6 modes, 6 particles), $samples output times"
  sweep gamma 0.01 0.1 2
  sweep beta1 0.2 2 2
  [ "${QTHERM_ED_SWEEP_ONE_RANK:-0}" = 1 ] && sweep gamma 0.01 0.1 1
fi
exit 0
