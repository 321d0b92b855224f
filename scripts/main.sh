#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is missing, build (Release, build/),
# run `qtherm run` and keep its HDF5 file under results/ with a UTC timestamp in its name.
#
#   bash scripts/main.sh                      # the built-in default study
#   bash scripts/main.sh examples/X.ini       # a configuration file
#   bash scripts/main.sh [CONFIG.ini] --section.key=value ... [-- PETSc/SLEPc options]
#   QTHERM_RANKS=4 bash scripts/main.sh ...   # under mpiexec -n 4
#
# All arguments go to `qtherm run`. Unless they set output.file themselves, the file is
# results/<config name, or "default">-<UTC timestamp>.h5; an existing file is never overwritten.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/setup.sh

# Ninja for a fresh build/, as scripts/test.sh (a build/ made by make keeps its generator).
generator=()
[ -f build/CMakeCache.txt ] || generator=(-G Ninja)
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release
cmake --build build --target qtherm_app -j"$(nproc)"

# Split the arguments at the first "--": qtherm options before it, PETSc options after it.
qtherm_args=()
petsc_args=()
seen_dashdash=0
config=""
user_output=0
for a in "$@"; do
  if [ "$seen_dashdash" -eq 1 ]; then
    petsc_args+=("$a")
    continue
  fi
  case "$a" in
    --) seen_dashdash=1; petsc_args+=("$a"); continue ;;
    --output.file|--output.file=*) user_output=1 ;;
    -*) ;;
    *) [ -n "$config" ] || [ ! -f "$a" ] || config=$a ;;  # the configuration file, if any
  esac
  qtherm_args+=("$a")
done

if [ "$user_output" -eq 0 ]; then
  mkdir -p results
  name=default
  if [ -n "$config" ]; then
    name=$(basename "$config")
    name=${name%.*}
  fi
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  output=results/$name-$stamp.h5
  n=1
  while [ -e "$output" ]; do  # two runs within one second: never overwrite
    output=results/$name-$stamp-$n.h5
    n=$((n + 1))
  done
  qtherm_args+=("--output.file=$output")
fi

cmd=(build/apps/qtherm run "${qtherm_args[@]}" "${petsc_args[@]}")
ranks=${QTHERM_RANKS:-1}
case "$ranks" in
  ''|*[!0-9]*) echo "main: QTHERM_RANKS must be a positive integer, got '$ranks'" >&2; exit 2 ;;
esac
if [ "$ranks" -gt 1 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    # OpenMPI's mpiexec refuses to start as root unless both are set; fresh Debian machines and
    # containers often run as root. Set here, for this launch only, never in qtherm itself.
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  fi
  cmd=(mpiexec -n "$ranks" "${cmd[@]}")
fi

echo "main: ${cmd[*]}"
"${cmd[@]}"
if [ "$user_output" -eq 0 ]; then
  if [ ! -s "$output" ]; then
    echo "main: qtherm exited 0 but wrote no $output" >&2
    exit 1
  fi
  echo "main: results written to $output"
fi
