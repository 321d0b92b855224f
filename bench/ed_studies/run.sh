#!/usr/bin/env bash
# Benchmark (issue 23): exact-diagonalization studies of interacting reservoirs on the many-body
# route, the seed 003 interacting model (uniform all-to-all h, u = 0.4 inside each reservoir, the
# canonical Gibbs start of one particle-number sector): the 70-state example; the grand-canonical
# 6 + 6 model (13 sectors spread over the ranks) at 1 and 2 ranks; 50-point sweeps at 924 states
# on 2 ranks over gamma (every point diagonalizes) and beta1 (the spectrum is kept from point to
# point); typicality with 8 samples at 12870 states (vectors over groups of ranks) at 1 and 2
# ranks; then one sector per size, fermions and bosons with a cutoff, 70 to 1.5e6 states: dense
# sectors on 1 rank with a dense NumPy/SciPy reference (reference.py: eigh + U rho0 U^dagger per
# time) where it fits, times and agreement; Krylov sectors (one typical vector) at 1 and 2 ranks;
# and the start-up floors of a PETSc-linked program and of Python. Not a test: numbers only.
#
# usage: bench/ed_studies/run.sh [BUILD_DIR]
#   QTHERM_ED_SIZES="4:4:4 ... 9:9:9:2"  (n1:n2:particles[:cutoff]; fermions 70, 252, 924, 3432 states
#     dense, 12870, 184756, 1352078 Krylov; bosons with cutoff 3: 336 and 1428, cutoff 2: 266 dense,
#     8074, 258570, 1481108 Krylov)
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

# model N1 N2 [PARTICLES [CUTOFF]]: the seed 003 example's physics at another size (no particles:
# grand canonical); with CUTOFF bosons (mu below the lowest one-body energies 0.95 and 0.75).
model() {
  local mu1=1 mu2=0.8
  [ -n "${4:-}" ] && mu1=0.5 mu2=0.3
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
mu1 = $mu1
mu2 = $mu2
${3:+particles = $3}
${4:+statistics = bosons
cutoff = $4}
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

# evolution_of LOG: the seconds of the evolution line of a run's log.
evolution_of() { sed -n 's/.*largest sector [0-9]* states, in \([0-9.e+-]*\) s.*/\1/p' "$1" | head -1; }

# row N1 N2 PARTICLES [CUTOFF]: one sector, dense or Krylov as evolution = auto chooses; dense
# sectors on 1 rank (one serial job whatever the rank count), Krylov sectors (beyond dense_limit,
# a typicality start with one random vector: an exact start there is one evolution per product
# eigenstate) on 1 and 2 ranks; the reference where it fits.
row() {
  local n1=$1 n2=$2 k=$3 cut=${4:-} tag=s$1_$2_$3_${4:-f} extra=()
  model "$n1" "$n2" "$k" "$cut" > "$tag.ini"
  local states w1 r1 m1 evo w2="-" e2="-" x2="-"
  states=$(/usr/bin/python3 -c "
import itertools, math
n, k, c = $n1 + $n2, $k, int('${cut:-0}')
print(math.comb(n, k) if c == 0 else sum(1 for o in itertools.product(range(c + 1), repeat=n) if sum(o) == k))")
  if [ "$states" -gt 4000 ]; then  # beyond dense_limit: Krylov, typicality, 1 and 2 ranks
    timed "$tag" 1 "$tag.ini" --model.thermal=typicality --model.typical_samples=1 --output.file="$tag.h5"
    w1=$wall m1=$(( $(tail -1 "$tag.mem") / 1024 ))
    evo=$(evolution_of "$tag.log")
    timed "$tag.t2" 2 "$tag.ini" --model.thermal=typicality --model.typical_samples=1 --output.file="$tag.t2.h5"
    w2=$(printf '%.2fs' "$wall")
    e2=$(evolution_of "$tag.t2.log")
    x2=$(printf '%.2f' "$(echo "$evo / $e2" | bc -l)") e2=$(printf '%.3gs' "$e2")
    r1="krylov(1 vec)"
  else
    timed "$tag" 1 "$tag.ini" --output.file="$tag.h5"
    w1=$wall r1=dense m1=$(( $(tail -1 "$tag.mem") / 1024 ))
    evo=$(evolution_of "$tag.log")
  fi
  local rp="-" rc="-" xp="-" xc="-" agree="-"
  [ -n "$cut" ] && extra=(--cutoff="$cut" --mu1=0.5 --mu2=0.3)
  if [ "$r1" = dense ] && [ "$states" -le "${QTHERM_ED_REFERENCE_MAX:-924}" ]; then
    local t0
    t0=$(date +%s.%N)
    /usr/bin/python3 "$here/reference.py" "$n1" "$n2" "$k" 20 "$samples" "$tag.h5" "${extra[@]}" > "$tag.ref" 2>&1 \
      || { echo "ed_studies bench: reference failed:" >&2; cat "$tag.ref" >&2; exit 1; }
    rp=$(echo "$(date +%s.%N) - $t0" | bc -l)
    rc=$(sed -n 's/^reference: .*times: \([0-9.]*\) s.*/\1/p' "$tag.ref")
    agree=$(sed -n 's/^agreement: .* = \(.*\)$/\1/p' "$tag.ref")
    xp=$(printf '%.1f' "$(echo "$rp / $w1" | bc -l)") xc=$(printf '%.0f' "$(echo "$rc / $evo" | bc -l)")
    rp=$(printf '%.2fs' "$rp") rc=${rc}s
  fi
  printf '%-8s %-9s %-13s %8.2fs %9.3gs %9s %9s %6s %6s %9s %9s %6s %6s %9s\n' "$states" \
    "$n1+$n2${cut:+ b$cut}" "$r1" "$w1" "$evo" "$w2" "$e2" "$x2" "$m1" "$rp" "$rc" "$xp" "$xc" "$agree"
}

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
g1=$wall v1=$(evolution_of gc.np1.log)
timed gc.np2 2 gc.ini --output.file=gc2.h5
v2=$(evolution_of gc.np2.log)
printf '1 rank %.2f s, 2 ranks %.2f s in all: %.2fx; evolution %.2f s and %.2f s: %.2fx (%s)\n' "$g1" "$wall" \
  "$(echo "$g1 / $wall" | bc -l)" "$v1" "$v2" "$(echo "$v1 / $v2" | bc -l)" "$route"

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

echo "== typicality with 8 samples, 8 + 8 modes, 8 particles (12870 states, Krylov): the vectors over groups of ranks"
model 8 8 8 > typ.ini
for np in 1 2; do
  timed "typ.np$np" "$np" typ.ini --model.thermal=typicality --model.typical_samples=8 --output.file="typ$np.h5"
  evo=$(evolution_of "typ.np$np.log")
  printf '%d rank(s): %.2f s in all, evolution %.2f s\n' "$np" "$wall" "$evo"
done

# The size table last: its 10^6-state rows hold 13 GB for minutes, after which the machine's memory
# reclaim slowed the short runs above by up to 35 % (measured).
echo "== one sector per row, $samples output times to t = 20; qtherm: whole process (MPI/PETSc start-up"
echo "   included) and its evolution line at 1 and 2 ranks (dense: 1 rank, one serial job); reference:"
echo "   whole python3 process (imports included) and its computation; speed-ups process/process and"
echo "   compute/compute; b2: bosons with cutoff 2 per mode"
printf '%-8s %-9s %-13s %9s %10s %9s %9s %6s %6s %9s %9s %6s %6s %9s\n' states modes route "1r proc" "1r evol" \
  "2r proc" "2r evol" "x 2r" MB "ref proc" "ref comp" "x proc" "x comp" agreement
"$qtherm" --version > /dev/null 2>&1 && /usr/bin/python3 -c "import numpy, scipy.linalg, h5py"  # warm the page cache
for size in ${QTHERM_ED_SIZES:-4:4:4 5:5:5 6:6:6 7:7:7 3:3:6:3 4:4:4:2 4:4:6:3 8:8:8 10:10:10 12:11:11 6:6:6:2 8:8:8:2 9:9:9:2}; do
  IFS=: read -r n1 n2 k cut <<< "$size"
  row "$n1" "$n2" "$k" "$cut"
done
# The start-up floor of any program on this stack, against Python's: a C program that links
# PETSc/SLEPc (Open MPI singleton, as qtherm starts) and only calls MPI_Init/MPI_Finalize.
if command -v mpicc > /dev/null && pkg-config --exists slepc 2> /dev/null; then
  printf '#include <slepcsys.h>\nint main(int c, char** v) { MPI_Init(&c, &v); if (c > 9) SlepcInitialize(&c, &v, 0, 0); MPI_Finalize(); }\n' > floor.c
  if mpicc -O2 floor.c -o floor $(pkg-config --cflags --libs slepc) -Wl,-rpath,"$(pkg-config --variable=libdir slepc)" 2> /dev/null; then
    floor() { local t0; t0=$(date +%s.%N); "$@" > /dev/null 2>&1; echo "$(date +%s.%N) - $t0" | bc -l; }
    OMPI_MCA_ess_singleton_isolated=1 OMPI_MCA_pml=ob1 floor ./floor > /dev/null  # warm the page cache
    printf 'start-up floors: a PETSc/SLEPc-linked MPI program %.3f s; python3 -c "import numpy, scipy.linalg" %.3f s\n' \
      "$(OMPI_MCA_ess_singleton_isolated=1 OMPI_MCA_pml=ob1 floor ./floor)" "$(floor /usr/bin/python3 -c 'import numpy, scipy.linalg')"
  fi
fi

exit 0
