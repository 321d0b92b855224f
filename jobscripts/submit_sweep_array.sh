#!/usr/bin/env bash
# Submits a sweep as a job array of TASKS tasks plus a merge job that runs after all of them
# succeeded (--dependency=afterok).
#
# usage: submit_sweep_array.sh CONFIG TASKS OUTPUT [PARTS]
#   CONFIG  the study's configuration file (with a [sweep] section)
#   TASKS   number of array tasks (each takes a contiguous block of the points)
#   OUTPUT  the merged study file
#   PARTS   directory for the per-task files (default: OUTPUT.parts)
# Environment: QTHERM (the qtherm command), EXTRA (arguments for every task's `qtherm run`).
set -euo pipefail

[ $# -ge 3 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
CONFIG=$1 TASKS=$2 OUTPUT=$3 PARTS=${4:-$3.parts}
[[ $TASKS =~ ^[1-9][0-9]*$ ]] || { echo "submit_sweep_array: TASKS must be a positive integer, got '$TASKS'" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)

export CONFIG PARTS OUTPUT QTHERM="${QTHERM:-qtherm}" EXTRA="${EXTRA:-}"
# The array's size, where every task (and a task resubmitted alone with --array=<i>) finds it.
mkdir -p "$PARTS"
echo "$TASKS" > "$PARTS/array_tasks"
array=$(sbatch --parsable --export=ALL --array="0-$((TASKS - 1))" "$here/sweep_array.sbatch")
array=${array%%;*}  # --parsable prints "jobid[;cluster]"
merge=$(sbatch --parsable --export=ALL --dependency="afterok:$array" "$here/merge.sbatch")
echo "submitted array job $array ($TASKS tasks) and merge job ${merge%%;*} -> $OUTPUT"
