#!/usr/bin/env bash
# The gallery's seed 004 Fig. 2 examples (examples/seed004_fig2a.ini, seed004_fig2bcd.ini) against
# an independent NumPy computation of the paper's family (seed004_fig2_reference.py) at five values
# of alpha to 1e-8: the fixed-point coherence of Fig. 2(a) at beta = 9 and 1, and the currents and
# their integrals of Fig. 2(b)-(d) at every sample. The examples run as written, only their sweep
# cut to five alphas (including the figure's pi/4 and 3pi/8, where the old unit-norm family was off)
# and Fig. 2(b)-(d) to 200 collisions.
# Run by ctest (cli.seed004_fig2) with QTHERM and QTHERM_SOURCE_DIR set.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
use_python_h5py
make_work_dir seed004_fig2
cd "$work"
ex=$QTHERM_SOURCE_DIR/examples
alphas="0, 0.3, 0.785398163, 1.178097245, 1.4"

run_qtherm fig2a run "$ex/seed004_fig2a.ini" "--sweep.parameters=model.alpha : $alphas; model.beta : 9, 1" \
  --output.file=fig2a.h5
[ "$status" -eq 0 ] || { fail "qtherm run seed004_fig2a: exit $status"; show fig2a.err; stop "no data"; }
run_qtherm fig2bcd run "$ex/seed004_fig2bcd.ini" "--sweep.parameters=model.alpha : $alphas" \
  --time.collisions=200 --output.file=fig2bcd.h5
[ "$status" -eq 0 ] || { fail "qtherm run seed004_fig2bcd: exit $status"; show fig2bcd.err; stop "no data"; }

if "$python" "$QTHERM_SOURCE_DIR/tests/cli/seed004_fig2_reference.py" fig2a.h5 fig2bcd.h5 > ref.out; then
  ok "seed 004 Fig. 2 against the paper's family: $(tail -n 1 ref.out)"
else
  fail "seed 004 Fig. 2 differs from the paper's family:"; show ref.out
fi
finish "seed 004 Fig. 2"
