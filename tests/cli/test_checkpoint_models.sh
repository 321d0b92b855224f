#!/usr/bin/env bash
# Issue 17's acceptance for the models and routes that tests/cli/test_checkpoint_routes.sh does not
# take: lindblad with the assembled Liouvillian, cascaded_qubits, collision_ness, the discrete and
# continuous collision protocols (collision_cascade), collision_indirect, cascaded_oscillators
# route = both and interacting_reservoirs many_body with dense sector evolution. For each
# (restart_matrix in lib.sh): a run SIGKILLed at a random moment after its first checkpoint and
# restarted ends bitwise equal to an uninterrupted run, at 1 and at 2 ranks; the 2-rank checkpoint
# restarts at 1 and at 3 ranks equal to 1e-10 (at 1 only for qubits and continuous: they restart
# through the same open-system pipeline as lindblad, which covers 3 ranks); a run stopped by
# SIGUSR1 at an arbitrary step (not a scheduled checkpoint) and restarted equals the uninterrupted
# run to 1e-9, at 1 and at 2 ranks (signalled in lib.sh). Each case is sized to run 1.5-3.5 s on an idle core with checkpoints from its
# first few percent on, so the signals land mid-run: ~3.5 min in all on 2 cores.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
make_work_dir checkpoint_models
use_mpiexec
use_python_h5py
cd "$work"

# Open systems (the LindbladEvolution pipeline). The three-party system of three_party.ini on the
# assembled Liouvillian (taylor steps).
sed 's/^\[model\]$/[model]\nliouvillian = assembled/' "$QTHERM_SOURCE_DIR/tests/cli/three_party.ini" > lindblad.ini
# Four states: the length comes from the output times (taylor steps end on them), far past relaxation.
cat > qubits.ini <<'INI'
[model]
name = cascaded_qubits
beta = 1
beta_s = 0.5
[time]
t_final = 10000
samples = 100001
progress_interval = 0
[checkpoint]
every_time = 250
INI
# The continuous limit of the collision protocol (a master equation on the same pipeline).
cat > continuous.ini <<'INI'
[model]
name = collision_cascade
party = oscillator
levels = 6
beta = 0.7
route = continuous
[time]
t_final = 100
samples = 401
progress_interval = 0
[checkpoint]
every_time = 5
INI

# Collision loops: the counters, sums and samples so far, and the joint state.
cat > ness.ini <<'INI'
[model]
name = collision_ness
beta = 1
jyy = -0.5
[time]
collisions = 400000
samples = 101
progress_interval = 0
[checkpoint]
every_time = 1000
INI
cp "$QTHERM_SOURCE_DIR/tests/cli/collision_protocol.ini" discrete.ini
cat > indirect.ini <<'INI'
[model]
name = collision_indirect
mediator = oscillator
levels = 20
J = 0.1
gamma = 0.05
beta = 2
[time]
t_final = 40
samples = 41
progress_interval = 0
[checkpoint]
every_time = 2
INI

# The Fock route and the Gaussian comparison in one run.
cat > both.ini <<'INI'
[model]
name = cascaded_oscillators
N = 0.2
initial = thermal
N_s = 1
route = both
cutoff = 24
[time]
t_final = 6
samples = 31
progress_interval = 0
[checkpoint]
every_time = 0.25
INI
# Exact Gibbs start, each of the 13 particle-number sectors (the largest 924 states) diagonalized
# densely, the sectors spread over the ranks. The dense sectors are one unit of the checkpoint loop
# (checkpointed once all are done, so a kill inside them redoes them); the first checkpoint here is
# the EPS result, and the kill lands in the dense evolution after it.
sed -e 's/^n\([12]\) = 5/n\1 = 6/' -e '/^\[model\]/a thermal = exact\nevolution = dense' \
  "$QTHERM_SOURCE_DIR/tests/cli/reservoirs_many_body.ini" > sectors.ini

for case in lindblad qubits continuous ness discrete indirect both sectors; do
  case $case in qubits | continuous) from2=1 restart_matrix $case || true ;; *) restart_matrix $case || true ;; esac
  for np in 1 2; do
    if [ -e $case.ref$np.h5 ]; then signalled $case $np || true; fi
  done
done
grep -q "evolution (dense): 13 sector(s) dense" sectors.ref1.out \
  && ok "sectors: every sector evolved densely" || { fail "sectors: not the dense evolution"; show sectors.ref1.out; }
grep -q "resuming with the eigenvalues from the checkpoint" sectors.k2to3.2.out \
  && ok "sectors: the restart skips the eigen-solve" || { fail "sectors: the restart solved again"; show sectors.k2to3.2.out; }

finish "checkpoint models"
