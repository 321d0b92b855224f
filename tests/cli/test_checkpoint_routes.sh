#!/usr/bin/env bash
# Engine-wide checkpoints (issue 17, issue 19 item 7): for each route beyond the open-system and
# collision ones (tests/cli/test_checkpoint.sh) -- cascaded_oscillators fock (sector and shell) and
# gaussian, spin_chain_erasure exact, typicality, dense and free_fermion, interacting_reservoirs
# many_body and single_particle -- a run SIGKILLed after its first
# checkpoint and restarted ends bitwise equal to an uninterrupted run, at 1 and at 2 ranks; a
# checkpoint written at 2 ranks restarts at 1 and at 3 ranks to 1e-10; checkpoint schedules (by
# simulated or wall time) never change a trajectory; SIGKILL during checkpoint writes never leaves an
# unusable checkpoint.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
make_work_dir checkpoint_routes
use_mpiexec
use_python_h5py
cd "$work"


# The routes, small (a few seconds each), checkpointing often.
cat > fock.ini <<'INI'
[model]
name = cascaded_oscillators
N = 0.2
initial = thermal
N_s = 1
route = fock
cutoff = 30
[time]
t_final = 6
samples = 31
progress_interval = 0
[checkpoint]
every_time = 0.5
INI
# Not phase invariant: the full-space shell Liouvillian.
cat > shell.ini <<'INI'
[model]
name = cascaded_oscillators
N = 0
initial = squeezed_thermal
N_s = 0.5
squeezing = 0.3
route = fock
cutoff = 18
[time]
t_final = 5
samples = 21
progress_interval = 0
[checkpoint]
every_time = 0.5
INI
cat > exact.ini <<'INI'
[model]
name = spin_chain_erasure
N = 5
J0 = 0.1
beta = 1
route = exact
# One Krylov evolution per chain basis state, checkpointed after each (dense takes a blink).
evolution = krylov
[time]
t_final = 2
samples = 9
progress_interval = 0
[checkpoint]
every_time = 1
INI
cat > typicality.ini <<'INI'
[model]
name = spin_chain_erasure
N = 6
J0 = 0.1
beta = 1
route = typicality
samples = 12
[time]
t_final = 3
samples = 11
progress_interval = 0
[checkpoint]
every_time = 1
INI

# Routes computed one output time after another (Checkpoint::by_output_time), sized to run a few
# seconds with checkpoints from the first tenth on.
cat > dense.ini <<'INI'
[model]
name = spin_chain_erasure
N = 7
J0 = 0.1
beta = 1
route = dense
[time]
t_final = 2
samples = 21
progress_interval = 0
[checkpoint]
every_time = 0.2
INI
cat > free_fermion.ini <<'INI'
[model]
name = spin_chain_erasure
N = 800
J0 = 0.1
beta = 1
route = free_fermion
[time]
t_final = 20
samples = 201
progress_interval = 0
[checkpoint]
every_time = 1
INI
cat > gaussian.ini <<'INI'
[model]
name = cascaded_oscillators
N = 0.2
initial = squeezed_thermal
N_s = 0.5
squeezing = 0.3
route = gaussian
[time]
t_final = 10
samples = 20001
progress_interval = 0
[checkpoint]
every_time = 0.5
INI
cat > single_particle.ini <<'INI'
[model]
name = interacting_reservoirs
route = single_particle
n1 = 30
n2 = 30
omega1 = 1
omega2 = 0.8
g = 0.05
gamma = 0.05
beta1 = 0.5
beta2 = 3
mu1 = 1
mu2 = 0.8
[time]
t_final = 10
samples = 41
progress_interval = 0
[checkpoint]
every_time = 0.5
INI

# Many-body reservoirs: EPS eigenvalues, then 11 particle-number sectors by Krylov.
sed '/^\[model\]/a thermal = typicality\ntypical_samples = 2\nevolution = krylov' \
  "$QTHERM_SOURCE_DIR/tests/cli/reservoirs_many_body.ini" > reservoirs.ini

# qtherm inspect on the 1-rank checkpoint shows the running point and how far it got.
inspect_k1() {
  local route=$1 want
  run_qtherm $route.inspect inspect $route.k1.h5.checkpoint
  case $route in
    fock | shell | dense | free_fermion | gaussian | single_particle) want="at t = .* of [0-9.]* (.*%), .* of simulated time left" ;;
    exact) want="of 32 eigenvectors done" ;;
    typicality) want="of 12 samples done" ;;
    reservoirs) want="sectors done" ;;
  esac
  [ "$status" -eq 0 ] && grep -q "running: 1" $route.inspect.out && grep -q "$want" $route.inspect.out \
    && ok "$route: qtherm inspect shows the running point: $(grep 'point 0' $route.inspect.out | sed 's/;.*//')" \
    || { fail "$route: qtherm inspect"; show $route.inspect.out; show $route.inspect.err; }
}
for route in fock shell exact typicality reservoirs dense free_fermion gaussian single_particle; do
  # Chains and sectors this small are diagonalized densely on one rank (KrylovExponential) and can
  # end before any kill; the checkpointed loop is the same with the Krylov exponential.
  case $route in exact | typicality | reservoirs) export PETSC_OPTIONS="-mfn_dense_max 0" ;; *) unset PETSC_OPTIONS ;; esac
  restart_matrix $route inspect_k1 || true
done
unset PETSC_OPTIONS

grep -q "resuming with the eigenvalues from the checkpoint" reservoirs.k1.2.out \
  && ok "reservoirs: the restart skips the eigen-solve" || { fail "reservoirs: the restart solved again"; show reservoirs.k1.2.out; }

# --- issue 19 item 7: checkpoint schedules never change the trajectory --------------------------
# The rk route carries a first-same-as-last stage from step to step; a checkpoint must not reset it.
cp "$QTHERM_SOURCE_DIR/tests/cli/three_party.ini" long.ini
# Long enough (~4 s on an idle core; 15 took 1.1 s) that the signal sent after 1 s below always lands mid-run.
rk=(--time.integrator=rk --time.t_final=200)
run_qtherm sched.none run long.ini --output.file=sched.none.h5 --checkpoint.every_time=0 "${rk[@]}"
run_qtherm sched.time run long.ini --output.file=sched.time.h5 --checkpoint.every_time=0.37 "${rk[@]}"
run_qtherm sched.wall run long.ini --output.file=sched.wall.h5 --checkpoint.every_time=0 \
  --checkpoint.every_seconds=0.05 "${rk[@]}"
for s in time wall; do
  compare sched.none.h5 sched.$s.h5 --bitwise > sched.$s.cmp && ok "checkpoints every_$s: bitwise the trajectory without checkpoints" \
    || { fail "checkpoints every_$s change the trajectory"; show sched.$s.cmp; }
done
# A signal at an arbitrary step (not on the schedule): the carried stage is restored, bitwise.
"$QTHERM" run long.ini --output.file=sig.h5 --checkpoint.every_time=0 "${rk[@]}" > sig.1.out 2>&1 &
pid=$!
sleep 1
kill -TERM $pid
st=0
wait $pid || st=$?
grep -q "continue with: qtherm run long.ini --output.file=sig.h5 --checkpoint.every_time=0 --time.integrator=rk --time.t_final=200 --restart" sig.1.out \
  && ok "the resume hint repeats the overrides" || { fail "resume hint without the overrides"; show sig.1.out; }
if [ "$st" = 3 ]; then
  run_qtherm sig.2 run long.ini --output.file=sig.h5 --restart --checkpoint.every_time=0 "${rk[@]}"
  compare sched.none.h5 sig.h5 --bitwise > sig.cmp && ok "rk: SIGTERM at an arbitrary step + restart bitwise equal" \
    || { fail "rk: SIGTERM + restart differs"; show sig.cmp; }
else
  fail "rk: SIGTERM exit $st (expected 3; the run may have finished first)"
fi

# --- SIGKILL during checkpoint writes ---------------------------------------------------------
# The rk route with a checkpoint after every step (~40 % of the run's time is spent writing them):
# killed at random moments, a kill often lands inside a write. Every restart must find the previous
# checkpoint usable, and the chain must end equal to the uninterrupted run.
atomic=(--time.integrator=rk --checkpoint.every_time=0.02)
rounds=0
resumed=0
# A restart resumes the point, or -- killed after the point finished but before the output file was
# written -- takes the finished point from the checkpoint directory.
resumes="resuming \|finished in an earlier run"
while [ ! -e atomic.h5 ] && [ $rounds -lt 12 ]; do
  rounds=$((rounds + 1))
  args=()
  [ -e atomic.h5.checkpoint ] && args=(--restart)
  # A stale half-written file from an earlier kill must not be mistaken for a checkpoint.
  [ $rounds = 3 ] && [ -d atomic.h5.checkpoint ] && echo garbage > atomic.h5.checkpoint/point_0.state.h5.partial
  "$QTHERM" run long.ini --output.file=atomic.h5 "${atomic[@]}" "${args[@]}" > atomic.$rounds.out 2>&1 &
  pid=$!
  if [ $rounds = 1 ]; then
    wait_for atomic.h5.checkpoint/point_0.state.h5 $pid || true
  else  # resumed (and so past reading the checkpoint)
    for _ in $(seq 300); do grep -q "$resumes" atomic.$rounds.out && break; kill -0 $pid 2> /dev/null || break; sleep 0.05; done
  fi
  sleep "0.$((RANDOM % 4 + 1))"
  kill_all $pid
  grep -q "$resumes" atomic.$rounds.out && resumed=$((resumed + 1))
  if grep -q "qtherm: error" atomic.$rounds.out; then fail "SIGKILL during writes, round $rounds: $(grep "qtherm: error" atomic.$rounds.out | head -1)"; fi
done
# Not finished after 12 kills (a slow machine): the rest without a kill.
[ -e atomic.h5 ] || run_qtherm atomic.last run long.ini --output.file=atomic.h5 "${atomic[@]}" --restart
[ -e atomic.h5 ] && [ $resumed -ge 3 ] && [ $resumed = $((rounds - 1)) ] && ok "$rounds runs SIGKILLed at random moments during frequent checkpoint writes: $resumed restarts resumed, the chain finished" \
  || fail "SIGKILL during checkpoint writes: $rounds rounds, $resumed resumed, finished: $([ -e atomic.h5 ] && echo yes || echo no)"
run_qtherm atomic.ref run long.ini --output.file=atomic.ref.h5 --checkpoint.every_time=0 --time.integrator=rk
[ -e atomic.h5 ] && compare atomic.ref.h5 atomic.h5 --bitwise > atomic.cmp && ok "... and equals the uninterrupted run bitwise" \
  || { fail "killed-during-write chain differs"; [ -e atomic.cmp ] && show atomic.cmp; }

finish checkpoint_routes
