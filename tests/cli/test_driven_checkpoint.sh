#!/usr/bin/env bash
# Checkpoints of driven open systems (issue 21): a time-dependent generator carries no more state
# than the time, rho, the integrals (now with W) and the rk stage, so checkpoint schedules never
# change the trajectory, a run SIGKILLed after its first checkpoint and restarted ends bitwise equal
# to the uninterrupted run, and its checkpoint restarted at 2 ranks ends equal to 1e-10. One rank
# where it can be: a few seconds in all (the rank-count matrix of checkpoints is test_checkpoint.sh's).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
make_work_dir driven_checkpoint
use_mpiexec
use_python_h5py
cd "$work"

# Four driven qubits, one with a rate of t, with temperatures (Sigma is in the samples too).
cat > driven.ini <<'INI'
[model]
name = lindblad
dims = 2, 2, 2, 2
hamiltonian = 0.5*sz(0) + 0.5*sz(1) + 0.5*sz(2) + 0.5*sz(3) + 0.2*sx(0)*sx(1) + 0.2*sx(1)*sx(2) + 0.2*sx(2)*sx(3)
drives = f : 0.3*sin(1.3*t) : sx(0); g : 0.1*tanh(t) : sz(3)
jumps = a : 0.1 : sm(0); b : 0.05*(1 + sin(0.5*t)^2) : sm(3); c : 0.02 : sp(3)
betas = b : 2; c : 2
initial = basis
initial_basis = 0, 1, 0, 1
[time]
t_final = 60
samples = 61
rtol = 1e-10
atol = 1e-12
progress_interval = 0
[checkpoint]
every_time = 2
INI

run_qtherm ref run driven.ini --output.file=ref.h5 --checkpoint.every_time=0
[ "$status" -eq 0 ] || { fail "reference: exit $status"; show ref.err; stop "no reference"; }
grep -q "integrator rk" ref.out || fail "the driven run does not say it takes the rk route"
run_qtherm sched run driven.ini --output.file=sched.h5 --checkpoint.every_time=0.37
compare ref.h5 sched.h5 --bitwise > sched.cmp && ok "checkpoints every 0.37: bitwise the trajectory without" \
  || { fail "checkpoints change the trajectory"; show sched.cmp; }

"$QTHERM" run driven.ini --output.file=k.h5 > k.1.out 2>&1 &
pid=$!
if ! wait_for "k.h5.checkpoint/point_0.state.h5" $pid; then
  wait $pid || true
  fail "no checkpoint appeared"; show k.1.out; stop "no checkpoint"
fi
kill_all $pid
[ -e k.h5 ] && stop "the run finished before it was killed (make it longer)"
cp -r k.h5.checkpoint k1to2.h5.checkpoint
run_qtherm k.2 run driven.ini --output.file=k.h5 --restart
[ "$status" -eq 0 ] && grep -q "resuming " k.2.out || { fail "restart: exit $status"; show k.2.out; show k.2.err; }
compare ref.h5 k.h5 --bitwise > k.cmp && ok "SIGKILL + restart: bitwise equal" \
  || { fail "restart differs"; show k.cmp; }

run_to k1to2 $mpiexec -n 2 "$QTHERM" run driven.ini --output.file=k1to2.h5 --restart
[ "$status" -eq 0 ] && grep -q "resuming " k1to2.out || { fail "1 -> 2 ranks: exit $status"; show k1to2.out; show k1to2.err; }
compare ref.h5 k1to2.h5 --tol=1e-10 > k1to2.cmp && ok "written at 1 rank, restarted at 2: equal to 1e-10" \
  || { fail "1 -> 2 ranks differs"; show k1to2.cmp; }
finish "driven checkpoint"
