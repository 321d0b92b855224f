#!/usr/bin/env bash
# Checkpoint and restart (issue 8): a run killed with SIGKILL after its first checkpoint and
# continued with --restart ends equal to an uninterrupted run (to 1e-10 adaptive; bitwise with a
# fixed step); SIGTERM writes a checkpoint and exits with status 3; no HDF5 file is ever left
# corrupt or under the final name early; a restart with other physics is refused; a killed sweep
# restarts and skips its finished points.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
make_work_dir checkpoint
use_mpiexec
use_python_h5py
cd "$work"

# tests/cli/three_party.ini: a few seconds, long enough to be interrupted.
cp "$QTHERM_SOURCE_DIR/tests/cli/three_party.ini" long.ini

all_files_readable() {  # every .h5 below . opens and reads with h5py
  "$python" - <<'PY'
import glob, sys, h5py
bad = []
for p in glob.glob("**/*.h5", recursive=True):
    try:
        with h5py.File(p, "r") as f:
            f.visititems(lambda n, o: o[()] if isinstance(o, h5py.Dataset) else None)
    except Exception as e:
        bad.append(f"{p}: {e}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

# kill_and_restart TAG SIGNAL INI [ARGS...]: run INI into TAG.h5, send SIGNAL after the first
# checkpoint, check what is left, restart, and leave the result in TAG.h5.
kill_and_restart() {
  local tag=$1 sig=$2 ini=$3; shift 3
  "$QTHERM" run $ini --output.file=$tag.h5 "$@" > $tag.1.out 2> $tag.1.err &
  local pid=$!
  if ! wait_for $tag.h5.checkpoint/point_0.state.h5 $pid; then fail "$tag: no checkpoint appeared"; show $tag.1.err; return 1; fi
  kill -$sig $pid
  local st=0
  wait $pid || st=$?
  echo "$st" > $tag.status
  [ ! -e $tag.h5 ] && ok "$tag: no output file after SIG$sig" || fail "$tag: an output file exists after SIG$sig"
  all_files_readable > $tag.readable && ok "$tag: every HDF5 file left reads completely" || { fail "$tag: unreadable HDF5 files"; show $tag.readable; }
  run_qtherm $tag.2 run $ini --output.file=$tag.h5 --restart "$@"
  if [ "$status" -ne 0 ]; then fail "$tag: restart exit $status"; show $tag.2.err; return 1; fi
  grep -q "resuming " $tag.2.out && ok "$tag: resumed from its checkpoint" || fail "$tag: restart did not resume"
  [ ! -e $tag.h5.checkpoint ] && ok "$tag: checkpoint directory removed after success" || fail "$tag: checkpoint directory left"
}

# Uninterrupted references, adaptive and fixed-step (classical RK4: no first-same-as-last stage).
fixed=(-- -ts_rk_type 4 -ts_adapt_type none -ts_dt 0.05)
run_qtherm ref run long.ini --output.file=ref.h5
run_qtherm ref_fixed run long.ini --output.file=ref_fixed.h5 "${fixed[@]}"
[ -e ref.h5 ] && [ -e ref_fixed.h5 ] || { fail "reference runs failed"; show ref.err; stop "no reference"; }

kill_and_restart killed KILL long.ini
# Killed after a checkpoint of the schedule the uninterrupted run shares: equal to the last bit.
compare ref.h5 killed.h5 --bitwise > cmp_killed.txt && ok "SIGKILL + restart is bitwise equal to the uninterrupted run (adaptive)" \
  || { fail "SIGKILL + restart differs"; show cmp_killed.txt; }
kill_and_restart killed_fixed KILL long.ini "${fixed[@]}"
compare ref_fixed.h5 killed_fixed.h5 --bitwise > cmp_fixed.txt && ok "fixed step: SIGKILL + restart is bitwise equal" \
  || { fail "fixed step: restart not bitwise equal"; show cmp_fixed.txt; }
# `run CHECKPOINT_DIR --restart` from another working directory: the directory holds the
# configuration, the output path and the PETSc options (the fixed-step ones here, which change the
# result if lost), so nothing else is needed.
"$QTHERM" run long.ini --output.file=bydir.h5 "${fixed[@]}" > bydir.1.out 2> bydir.1.err &
pid=$!
if wait_for bydir.h5.checkpoint/point_0.state.h5 $pid; then
  kill -KILL $pid
  wait $pid || true
  mkdir -p elsewhere && cd elsewhere
  run_qtherm ../bydir.2 run ../bydir.h5.checkpoint --restart
  cd ..
  if [ "$status" -eq 0 ] && [ -e bydir.h5 ] && [ ! -e elsewhere/bydir.h5 ]; then
    compare ref_fixed.h5 bydir.h5 --bitwise > cmp_bydir.txt && ok "run CHECKPOINT_DIR --restart from elsewhere: bitwise equal" \
      || { fail "run CHECKPOINT_DIR --restart differs"; show cmp_bydir.txt; }
  else
    fail "run CHECKPOINT_DIR --restart: exit $status, output not where the first run put it"; show bydir.2.err
  fi
else
  fail "bydir: no checkpoint appeared"; show bydir.1.err
fi
kill_and_restart termed TERM long.ini
grep -q "(or: qtherm run termed.h5.checkpoint --restart)" termed.1.out && ok "SIGTERM: the hint names the directory form" \
  || fail "SIGTERM: no directory form in the hint"
[ "$(cat termed.status)" = 3 ] && ok "SIGTERM: exit status 3" || fail "SIGTERM: exit status $(cat termed.status), expected 3"
grep -q "stopped by signal 15 after writing checkpoints" termed.1.out && ok "SIGTERM: says where the checkpoint is" || fail "SIGTERM: no message"
# A signal stops at an arbitrary step, where the uninterrupted run carried its first-same-as-last
# stage on and the resumed run computes it afresh: the runs part by rounding there, which the
# adaptive stepper grows (measured up to 5e-11); the Hermiticity monitor (a norm over every entry)
# shows it most and is left out. Scheduled checkpoints (above) are bitwise.
compare ref.h5 termed.h5 --tol=1e-8 --skip=hermiticity_error > cmp_term.txt && ok "SIGTERM + restart equals the uninterrupted run ($(tail -1 cmp_term.txt))" || { fail "SIGTERM + restart differs"; show cmp_term.txt; }
kill_and_restart usr1 USR1 long.ini
[ "$(cat usr1.status)" = 3 ] && ok "SIGUSR1: exit status 3" || fail "SIGUSR1: exit status $(cat usr1.status)"

# --- the collision model: its loop state checkpoints too -------------------------------------
cat > collisions.ini <<'INI'
[model]
name = collision_ness
beta = 1
jyy = -0.5
[time]
collisions = 3000000
samples = 101
progress_interval = 0
[checkpoint]
every_time = 5000
INI
run_qtherm col_ref run collisions.ini --output.file=col_ref.h5
kill_and_restart col_killed KILL collisions.ini
compare col_ref.h5 col_killed.h5 --bitwise > cmp_col.txt && ok "collision model: SIGKILL + restart is bitwise equal" \
  || { fail "collision model restart differs"; show cmp_col.txt; }
kill_and_restart col_termed TERM collisions.ini
[ "$(cat col_termed.status)" = 3 ] && ok "collision model: SIGTERM exit status 3" || fail "collision model: SIGTERM exit $(cat col_termed.status)"
compare col_ref.h5 col_termed.h5 --bitwise > cmp_colt.txt && ok "collision model: SIGTERM + restart is bitwise equal" \
  || { fail "collision model SIGTERM restart differs"; show cmp_colt.txt; }

# --- a distributed collision protocol (joint state vector, sums, samples) --------------------------
cp "$QTHERM_SOURCE_DIR/tests/cli/collision_protocol.ini" protocol.ini
run_qtherm prot_ref run protocol.ini --output.file=prot_ref.h5
kill_and_restart prot_killed KILL protocol.ini
compare prot_ref.h5 prot_killed.h5 --bitwise > cmp_prot.txt && ok "collision protocol: SIGKILL + restart is bitwise equal" \
  || { fail "collision protocol restart differs"; show cmp_prot.txt; }
kill_and_restart prot_termed TERM protocol.ini
compare prot_ref.h5 prot_termed.h5 --bitwise > cmp_prott.txt && ok "collision protocol: SIGTERM + restart is bitwise equal" \
  || { fail "collision protocol SIGTERM restart differs"; show cmp_prott.txt; }

# --- refusals -------------------------------------------------------------------------------
"$QTHERM" run long.ini --output.file=guard.h5 > guard.out 2>&1 &
pid=$!
if wait_for guard.h5.checkpoint/point_0.state.h5 $pid; then
  kill -STOP $pid  # holds its lock, and cannot finish meanwhile
  for mode in --restart --restart=auto; do
    run_qtherm busy run long.ini --output.file=guard.h5 $mode
    expect_error_line "a second run on a live directory ($mode)" busy "qtherm: error: " "in use by a running qtherm" "pid $pid" \
      && ok "a second run on a running one's directory is refused, naming it ($mode)"
  done
  kill -KILL $pid  # the kernel releases the lock: the restarts below must not be refused for it
fi
wait $pid || true
run_qtherm changed run long.ini --output.file=guard.h5 --restart --model.hamiltonian="1.0*n(0)"
expect_error_line "restart with other physics" changed "qtherm: error: long.ini: restart refused" "[model] hamiltonian" \
  && ok "restart with changed physics refused, naming the key"
run_qtherm states run long.ini --output.file=guard.h5 --restart --output.states=true
expect_error_line "restart storing rho(t) from now on" states "qtherm: error: long.ini: restart refused" "[output] states" \
  && ok "restart that would add rho(t) half-way refused, naming [output] states"
run_qtherm fresh run long.ini --output.file=guard.h5
expect_error_line "a new run over an unfinished one" fresh "qtherm: error: " "[checkpoint] dir" "--restart" \
  && ok "a new run does not silently replace checkpoints"
[ -e guard.h5.checkpoint/point_0.state.h5 ] && ok "the checkpoint is still there" || fail "the checkpoint was lost"
run_qtherm nothing run long.ini --output.file=none.h5 --restart
expect_error_line "restart without a checkpoint" nothing "qtherm: error: " "nothing to restart" && ok "--restart without a checkpoint refused"

# --- signals through OpenMPI's mpiexec. USR1 is forwarded to the ranks, which checkpoint, and mpiexec
# exits with their 3. TERM is not dependable: mpiexec exits 1, and its ranks sometimes checkpoint,
# sometimes finish the run (README, "A job chain"). Either way nothing may be lost.
ends_like_reference() {  # ends_like_reference SIG: the output, directly or after --restart, equals ref.h5
  local sig=$1
  if [ ! -e mpi_$sig.h5 ]; then
    run_to mpi_${sig}_restart "$mpiexec" -n 2 "$QTHERM" run long.ini --output.file=mpi_$sig.h5 --restart
    [ "$status" -eq 0 ] || { show mpi_${sig}_restart.err; return 1; }
  fi
  compare ref.h5 mpi_$sig.h5 --tol=1e-9 --skip=hermiticity_error > cmp_mpi_$sig.txt || { show cmp_mpi_$sig.txt; return 1; }
}
for sig in TERM USR1; do
  rm -rf mpi_$sig.h5 mpi_$sig.h5.checkpoint
  "$mpiexec" -n 2 "$QTHERM" run long.ini --output.file=mpi_$sig.h5 > mpi_$sig.out 2>&1 &
  pid=$!
  if ! wait_for mpi_$sig.h5.checkpoint/point_0.state.h5 $pid; then fail "mpiexec $sig: no checkpoint appeared"; continue; fi
  kill -$sig $pid
  st=0; wait $pid || st=$?
  if [ $sig = USR1 ]; then
    grep -q "stopped by signal" mpi_$sig.out && [ "$st" -eq 3 ] && [ ! -e mpi_$sig.h5 ] \
      && ok "mpiexec forwards USR1: the ranks checkpoint, mpiexec exits 3" || { fail "mpiexec USR1: exit $st"; show mpi_$sig.out; }
  else
    [ "$st" -ne 0 ] && ok "mpiexec on TERM exits $st (not 0)" || fail "mpiexec TERM: exit 0"
  fi
  ends_like_reference $sig && ok "... and the 2-rank result (restarted where needed) equals the uninterrupted run ($(tail -1 cmp_mpi_$sig.txt))" \
    || fail "mpiexec $sig: result lost or different"
done

# --- a killed sweep: finished points are kept, the rest resumes --------------------------------
sweep=(--time.t_final=20 "--sweep.parameters=time.atol : 1e-10, 1e-11, 1e-12")
run_qtherm sweep_ref run long.ini --output.file=sweep_ref.h5 "${sweep[@]}"
if [ "$status" -ne 0 ]; then fail "sweep reference: exit $status"; show sweep_ref.err; fi
"$QTHERM" run long.ini --output.file=sweep.h5 "${sweep[@]}" > sweep.1.out 2>&1 &
pid=$!
if wait_for sweep.h5.checkpoint/point_1.state.h5 $pid; then
  kill -KILL $pid
  wait $pid || true
  run_qtherm sweep.2 run long.ini --output.file=sweep.h5 --restart "${sweep[@]}"
  grep -q "point 0 .*finished in an earlier run" sweep.2.out && ok "sweep restart skips the finished point" || { fail "sweep restart reran point 0"; show sweep.2.out; }
  compare sweep_ref.h5 sweep.h5 --tol=1e-10 > cmp_sweep.txt && ok "killed sweep + restart equals the uninterrupted sweep" \
    || { fail "sweep restart differs"; show cmp_sweep.txt; }
else
  fail "sweep: no checkpoint of point 1 appeared"; show sweep.1.out
fi

finish checkpoint
