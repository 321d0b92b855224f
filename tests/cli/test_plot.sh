#!/usr/bin/env bash
# scripts/plot.py on real qtherm output: a time series, a sweep curve, a two-parameter map and one
# registered paper figure each write a non-empty PNG; every registered figure names an existing
# example; a missing observable or file is a one-line error with exit status 2.
# Run by ctest (cli.plot) with QTHERM and QTHERM_SOURCE_DIR set.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
use_python_h5py
"$python" -c 'import matplotlib' 2> /dev/null || { echo "FAIL: $python cannot import matplotlib (Debian: python3-matplotlib)"; exit 1; }
plot=$QTHERM_SOURCE_DIR/scripts/plot.py
make_work_dir plot
cd "$work"

png_ok() {  # png_ok LABEL FILE
  if [ -s "$2" ] && [ "$(head -c 4 "$2" | tail -c 3)" = "PNG" ]; then ok "$1: $(basename "$2")"; else fail "$1: no PNG at $2"; fi
}

run_qtherm grid run --model.name=collision_ness --model.beta=1 --time.collisions=20 --time.every=5 \
  "--sweep.parameters=model.alpha : 0, 0.5, 1; model.gamma : -0.5, 0.5" --output.file=grid.h5
[ "$status" -eq 0 ] || { fail "qtherm run of the grid: exit $status"; show grid.err; }

"$python" "$plot" series grid.h5 heat_current,work_current --runs 0,1 --out series.png > /dev/null
png_ok "series" series.png
"$python" "$plot" sweep grid.h5 steady_coherence_l1 --x alpha --group gamma --out sweep.png > /dev/null
png_ok "sweep" sweep.png
"$python" "$plot" map grid.h5 steady_ergotropy --x alpha --y gamma --out map.png > /dev/null
png_ok "map" map.png

# A registered figure end to end (its example is small): qtherm runs it, plot.py draws it.
"$python" "$plot" figure seed000_fig1b --data fig --qtherm "$QTHERM" > fig.out 2>&1 || { fail "figure seed000_fig1b"; show fig.out; }
png_ok "figure seed000_fig1b" fig/seed000_fig1b.png

# Every registered figure's example exists.
while read -r name example _; do
  if [ -f "$QTHERM_SOURCE_DIR/$example" ]; then ok "figure $name: $example exists"; else fail "figure $name: $example is missing"; fi
done < <("$python" "$plot" figures)

expect_plot_error() {  # expect_plot_error LABEL FRAGMENT ARGS...
  local label=$1 frag=$2; shift 2
  set +e
  "$python" "$plot" "$@" > err.out 2> err.txt
  local rc=$?
  set -e
  if [ "$rc" -eq 2 ] && [ "$(wc -l < err.txt)" -eq 1 ] && grep -q -- "$frag" err.txt; then ok "$label: $(cat err.txt)"
  else fail "$label: exit $rc, stderr:"; show err.txt; fi
}
expect_plot_error "unknown observable" "no observable 'nope'" series grid.h5 nope
expect_plot_error "missing file" "no such file" series missing.h5 heat_current
expect_plot_error "unknown figure" "unknown figure" figure not_a_figure
finish plot
