#!/usr/bin/env bash
# The SLURM job scripts: syntax, what they submit (recorded by stand-in sbatch/srun on PATH), and
# end to end with local runs: one run, a wide sweep, a job array merged afterwards, and a restart
# chain that checkpoints on USR1 and resubmits itself.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
make_work_dir jobscripts
use_mpiexec
use_python_h5py
cd "$work"
jobs=$QTHERM_SOURCE_DIR/jobscripts

for f in "$jobs"/*; do
  bash -n "$f" && ok "bash -n $(basename "$f")" || fail "bash -n $(basename "$f")"
done

# --- stand-ins: sbatch runs the job at once (array tasks one after another), srun uses mpiexec ---
mkdir -p bin slurm
cat > bin/sbatch <<'SH'
#!/usr/bin/env bash
# Stand-in sbatch: records its arguments and the script's #SBATCH lines, then runs the job here.
set -uo pipefail
dir=$FAKE_SLURM
id=$(( $(cat "$dir/next_id" 2>/dev/null || echo 1000) + 1 )); echo "$id" > "$dir/next_id"
echo "sbatch $*" >> "$dir/calls"
array="" dep="" parsable=0 script=""
for a in "$@"; do
  case "$a" in
    --array=*) array=${a#--array=} ;;
    --dependency=*) dep=${a#--dependency=} ;;
    --parsable) parsable=1 ;;
    --*) ;;
    *) script=$a ;;
  esac
done
grep '^#SBATCH' "$script" | sed "s/^/job $id: /" >> "$dir/directives"
if [[ $dep == afterok:* ]] && [ "$(cat "$dir/status_${dep#afterok:}")" != 0 ]; then
  echo "job $id: dependency $dep never satisfied" >> "$dir/calls"; echo "$id"; exit 0
fi
run() {  # run ENV... : the script with SLURM's variables, its status recorded
  env SLURM_JOB_ID="$id" "$@" bash "$script" >> "$dir/job_$id.log" 2>&1 &
  local pid=$!
  echo "$pid" > "$dir/pid_$id"
  wait "$pid"
}
st=0
if [ -n "$array" ]; then
  lo=${array%-*} hi=${array#*-}
  for i in $(seq "$lo" "$hi"); do
    run SLURM_ARRAY_JOB_ID="$id" SLURM_ARRAY_TASK_ID="$i" SLURM_ARRAY_TASK_COUNT=$((hi - lo + 1)) || st=$?
  done
else
  run || st=$?
fi
echo "$st" > "$dir/status_$id"
if [ "$parsable" = 1 ]; then echo "$id"; else echo "Submitted batch job $id"; fi
SH
cat > bin/srun <<'SH'
#!/usr/bin/env bash
# Stand-in srun: the command on FAKE_SRUN_RANKS ranks (default 1).
echo "srun $*" >> "$FAKE_SLURM/calls"
exec ${MPIEXEC:-mpiexec} -n "${FAKE_SRUN_RANKS:-1}" "$@"
SH
chmod +x bin/*
export PATH="$work/bin:$PATH" FAKE_SLURM="$work/slurm" QTHERM

cat > sweep.ini <<'INI'
[model]
name = cascaded_qubits
[sweep]
parameters = model.beta_s : 0.25, 0.5, 1, 2; model.cascade : true, false
[time]
t_final = 4
samples = 21
progress_interval = 0
INI
run_qtherm ref run sweep.ini --output.file=ref.h5
[ "$status" -eq 0 ] || { fail "reference sweep"; show ref.err; stop "no reference"; }

# --- one run ---------------------------------------------------------------------------------
CONFIG=sweep.ini EXTRA="--output.file=one.h5" sbatch "$jobs/run.sbatch" > /dev/null
compare ref.h5 one.h5 --bitwise > cmp1.txt && ok "run.sbatch: the study ran through srun" || { fail "run.sbatch"; show slurm/calls; }
grep -q "^srun $QTHERM run sweep.ini --restart=auto --output.file=one.h5" slurm/calls && ok "run.sbatch: srun qtherm run CONFIG" || fail "run.sbatch: srun line"

# A checkpoint left as a time-out leaves it: no output yet, one point unfinished. Every point's
# state is exact at its end, so the continuation must equal the uninterrupted sweep bitwise.
interrupt_like_a_timeout() {  # interrupt_like_a_timeout OUTPUT.h5
  rm "$1"
  local point
  point=$(find "$1.checkpoint" -name 'point_*.h5' ! -name '*.state.h5' | sort | head -n 1)
  rm "$point"
}
CONFIG=sweep.ini EXTRA="--output.file=again.h5 --checkpoint.keep=true" sbatch "$jobs/run.sbatch" > /dev/null
interrupt_like_a_timeout again.h5
job=$(( $(cat slurm/next_id) + 1 ))
CONFIG=sweep.ini EXTRA="--output.file=again.h5" sbatch "$jobs/run.sbatch" > /dev/null
grep -q "continuing from the checkpoint" "slurm/job_$job.log" && grep -q "finished in an earlier run" "slurm/job_$job.log" \
  && compare ref.h5 again.h5 --bitwise > cmpr.txt && [ ! -e again.h5.checkpoint ] \
  && ok "run.sbatch resubmitted after a time-out continues from the checkpoint" || { fail "run.sbatch resubmission"; show "slurm/job_$job.log"; show cmpr.txt; }

# --- one wide job in groups --------------------------------------------------------------------
FAKE_SRUN_RANKS=4 CONFIG=sweep.ini RANK_GROUPS=2 EXTRA="--output.file=wide.h5" sbatch "$jobs/sweep_wide.sbatch" > /dev/null
grep -q -- "--sweep.groups=2" slurm/calls && ok "sweep_wide.sbatch passes the groups" || fail "sweep_wide: no --sweep.groups=2"
compare ref.h5 wide.h5 --tol=1e-10 > cmpw.txt && ok "sweep_wide.sbatch: 4 ranks in 2 groups equal the serial sweep" || { fail "sweep_wide"; show cmpw.txt; }

# --- a job array and the merge after it --------------------------------------------------------
CONFIG=sweep.ini bash "$jobs/submit_sweep_array.sh" sweep.ini 3 merged.h5 parts > submit.out 2>&1 || true
array_id=$(grep -o "array job [0-9]*" submit.out | grep -o "[0-9]*$" || true)
grep -q -- "--array=0-2 .*sweep_array.sbatch" slurm/calls && ok "array submitted with --array=0-2" || fail "no --array=0-2"
grep -q -- "--dependency=afterok:$array_id .*merge.sbatch" slurm/calls && ok "merge waits for the array (afterok:$array_id)" \
  || { fail "merge dependency"; show slurm/calls; }
ls parts/part_0.h5 parts/part_1.h5 parts/part_2.h5 > /dev/null 2>&1 && ok "three part files" || fail "part files missing"
compare ref.h5 merged.h5 --bitwise > cmpa.txt && ok "array + merge equals the one-job sweep (bitwise)" || { fail "array + merge"; show cmpa.txt; show submit.out; }
task1() {  # task1 LOG EXTRA: array task 1 of the 3 declared, resubmitted alone (sbatch --array=1)
  env SLURM_JOB_ID=1 SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=1 CONFIG=sweep.ini PARTS=retry EXTRA="$2" \
    bash "$jobs/sweep_array.sbatch" > "$1" 2>&1
}
mkdir -p retry && cp parts/array_tasks retry/  # as submit_sweep_array.sh left it
grep -qx 3 parts/array_tasks && ok "submit_sweep_array records the array's size" || fail "no parts/array_tasks = 3"
task1 retry_a.log --checkpoint.keep=true || { fail "array task 1"; show retry_a.log; }
interrupt_like_a_timeout retry/part_1.h5
task1 retry_b.log "" || true
grep -q "continuing from the checkpoint" retry_b.log && grep -q "finished in an earlier run" retry_b.log \
  && compare parts/part_1.h5 retry/part_1.h5 --bitwise > cmpt.txt \
  && ok "a resubmitted array task continues its own checkpoint" || { fail "array task resubmission"; show retry_b.log; show cmpt.txt; }
run_to badtasks bash "$jobs/submit_sweep_array.sh" sweep.ini zero out.h5
[ "$status" -eq 2 ] && ok "submit_sweep_array refuses a bad task count" || fail "bad task count: exit $status"

# --- a restart chain: USR1 before the time limit, checkpoint, resubmission, --restart ---------------
cp "$QTHERM_SOURCE_DIR/tests/cli/three_party.ini" chain.ini
printf '[output]\nfile = chain.h5\n' >> chain.ini
run_qtherm chain_ref run chain.ini --output.file=chain_ref.h5
grep -q -- "--signal=B:USR1@120" "$jobs/restart_chain.sbatch" && ok "restart_chain asks for USR1 120 s before the limit" || fail "no --signal=B:USR1@120"
before=$(cat slurm/next_id)
CONFIG=chain.ini CHECKPOINT_DIR=chain.h5.checkpoint sbatch "$jobs/restart_chain.sbatch" > chain.submit &
sbatch_pid=$!
first=$((before + 1))
for _ in $(seq 600); do [ -e chain.h5.checkpoint/point_0.state.h5 ] && break; sleep 0.1; done
kill -USR1 "$(cat slurm/pid_$first)"  # what SLURM does at --signal=B:USR1@120
wait "$sbatch_pid" || true
grep -q "qtherm: stopped by signal 10" "slurm/job_$first.log" && ok "link 1 checkpointed on USR1" || { fail "link 1 did not stop on USR1"; show "slurm/job_$first.log"; }
grep -q -- "--dependency=afterany:$first .*restart_chain.sbatch" slurm/calls && ok "link 2 submitted with afterany:$first" || { fail "no resubmission"; show slurm/calls; }
grep -q "run chain.ini --restart" slurm/calls && ok "link 2 runs with --restart" || fail "link 2 without --restart"
compare chain_ref.h5 chain.h5 --tol=1e-8 --skip=hermiticity_error > cmpc.txt && ok "the chain's result equals an uninterrupted run ($(tail -1 cmpc.txt); stopped by a signal at an arbitrary step, see test_checkpoint.sh)" \
  || { fail "chain result differs"; show cmpc.txt; }
[ ! -e chain.h5.checkpoint ] && ok "the finished chain leaves no checkpoint" || fail "checkpoint left after the chain"

finish jobscripts
