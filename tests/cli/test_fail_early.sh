#!/usr/bin/env bash
# Failing early and clearly (issue 19): memory estimates refused up front for every model, output
# and checkpoint paths checked before the run, sweeps of the model name, misspelt PETSc options,
# malformed memory limits. Every case runs in a directory of its own, at 1 rank (check and run) and
# at 2 ranks (run under mpiexec), and must end with
#   - the expected exit status (2 for bad input),
#   - exactly one "qtherm: error:" line (mpiexec adds its own lines about the exit; those are not
#     qtherm's), starting with the expected file/section/key prefix and holding every fragment,
#   - nothing left behind: the case's directory holds only its configuration afterwards (no
#     output, no .partial, no checkpoint directory, no directory created for a missing path).
# Run by ctest (cli.fail_early) with QTHERM and MPIEXEC set (tests/CMakeLists.txt).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
use_mpiexec
make_work_dir failearly
cd "$work"
cases=0

# listing DIR: every path below DIR, sorted (what a case may not change), but for files named
# $may_write (the PETSc-option cases finish their run before refusing).
may_write=none
listing() { (cd "$1" && find . -mindepth 1 ! -name "$may_write" | sort | tr '\n' ' '); }

# one_run LABEL STATUS PREFIX FRAGMENTS... -- COMMAND...: run COMMAND in the current directory.
one_run() {
  local label=$1 want=$2 prefix=$3; shift 3
  local frags=()
  while [ "$1" != "--" ]; do frags+=("$1"); shift; done
  shift
  local before after count line bad=0 f
  before=$(listing .)
  run_to ../last "$@"
  after=$(listing .)
  count=$(grep -c '^qtherm: error:' ../last.err || true)
  line=$(grep '^qtherm: error:' ../last.err | head -n 1 || true)
  if [ "$status" -ne "$want" ]; then fail "$label: exit status $status, expected $want"; bad=1; fi
  if [ "$count" -ne 1 ]; then fail "$label: $count 'qtherm: error:' lines, expected 1"; bad=1; fi
  # At one rank nothing but qtherm's line may be on stderr.
  if [ "${1##*/}" != "${mpiexec##*/}" ] && [ "$(nlines ../last.err)" -ne 1 ]; then
    fail "$label: $(nlines ../last.err) lines on stderr, expected 1"; bad=1
  fi
  if [[ "$line" != "$prefix"* ]]; then fail "$label: error line does not start with '$prefix'"; bad=1; fi
  for f in "${frags[@]}"; do
    if [[ "$line" != *"$f"* ]]; then fail "$label: error line lacks '$f'"; bad=1; fi
  done
  if [ "$after" != "$before" ]; then fail "$label: left behind: '$after' (before: '$before')"; bad=1; fi
  if [ "$bad" -ne 0 ]; then
    echo "      command: $*"; echo "      stderr:"; show ../last.err
  else
    ok "$label: $(echo "$line" | cut -c1-160)"
  fi
}

# fe_case NAME PREFIX FRAGMENT... -- [ARGS...] <<< INI: NAME.ini from stdin in its own directory,
# then `check` and `run` at 1 rank and `run` at 2 ranks with ARGS; exit 2 each time. PREFIX
# follows "qtherm: error: " (the file, or "command line", then [section] key).
fe_case() {
  local name=$1 prefix=$2; shift 2
  local frags=()
  while [ "$1" != "--" ]; do frags+=("$1"); shift; done
  shift
  mkdir "$name"
  cat > "$name/$name.ini"
  cases=$((cases + 1))
  (
    cd "$name"
    p="qtherm: error: ${prefix//@/$name.ini}"
    one_run "$name: check" 2 "$p" "${frags[@]}" -- "$QTHERM" check "$name.ini" "$@"
    one_run "$name: run" 2 "$p" "${frags[@]}" -- "$QTHERM" run "$name.ini" "$@"
    one_run "$name: run -n 2" 2 "$p" "${frags[@]}" -- "$mpiexec" -n 2 "$QTHERM" run "$name.ini" "$@"
    exit "$failures"
  ) || failures=$((failures + $?))
}

# run_case NAME STATUS PREFIX FRAGMENT... -- ARGS... <<< INI: as fe_case, `run` only (PETSc options).
run_case() {
  local name=$1 want=$2 prefix=$3; shift 3
  local frags=()
  while [ "$1" != "--" ]; do frags+=("$1"); shift; done
  shift
  mkdir "$name"
  cat > "$name/$name.ini"
  cases=$((cases + 1))
  (
    cd "$name"
    p="qtherm: error: ${prefix//@/$name.ini}"
    one_run "$name: run" "$want" "$p" "${frags[@]}" -- "$QTHERM" run "$name.ini" "$@"
    one_run "$name: run -n 2" "$want" "$p" "${frags[@]}" -- "$mpiexec" -n 2 "$QTHERM" run "$name.ini" "$@"
    exit "$failures"
  ) || failures=$((failures + $?))
}

small_t="[time]
t_final = 0.1
samples = 3"

echo "== memory estimates: oversized configurations refused before anything is built, every model"
fe_case lindblad_14_qubits "@: [model] dims: " "Liouville unknowns" "largest Hilbert dimension that fits is" "available per rank" -- \
  --run.memory_limit=1G <<EOF
[model]
name = lindblad
dims = 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
hamiltonian = 0.5*sz(0)
jumps = 1 : sm(0)
initial_basis = 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
EOF
fe_case lindblad_24_qubits_default_limit "@: [model] dims: " "PB" "largest Hilbert dimension that fits is" -- <<EOF
[model]
name = lindblad
dims = 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
hamiltonian = 0.5*sz(0)
jumps = 1 : sm(0)
initial_basis = 0
EOF
fe_case lindblad_gibbs_start "@: [model] dims: " "dense Gibbs start" -- --run.memory_limit=40M <<EOF
[model]
name = lindblad
dims = 24, 24
hamiltonian = 0.5*n(0)
jumps = 1 : a(0)
initial = gibbs
[steady]
solve = false
EOF
fe_case cascaded_qubits_samples "command line: [time] samples: " "output series" "largest samples that fits" -- \
  --time.samples=20000000 --run.memory_limit=1G <<EOF
[model]
name = cascaded_qubits
EOF
fe_case collision_ness_collisions "command line: [time] collisions: " "largest collisions that fits" -- \
  --time.collisions=20000000 --run.memory_limit=1G <<EOF
[model]
name = collision_ness
beta = 1
EOF
fe_case collision_ness_samples "command line: [time] samples: " "output series" -- \
  --time.samples=20000000 --run.memory_limit=1G <<EOF
[model]
name = collision_ness
beta = 1
EOF
fe_case collision_cascade_parties "@: [model] parties: " "joint state" "largest parties that fits is" -- --run.memory_limit=1G <<EOF
[model]
name = collision_cascade
beta = 1
parties = 8
party = oscillator
levels = 6
EOF
fe_case collision_cascade_continuous "@: [model] parties: " "Liouville unknowns" -- --run.memory_limit=1G <<EOF
[model]
name = collision_cascade
beta = 1
parties = 6
party = oscillator
levels = 6
route = continuous
EOF
fe_case collision_indirect_levels "@: [model] levels: " "largest levels that fits is" -- --run.memory_limit=1G <<EOF
[model]
name = collision_indirect
beta = 1
mediator = oscillator
levels = 1000
EOF
fe_case oscillators_cutoff_200 "@: [model] cutoff: " "Liouville vectors" "largest cutoff that fits is" -- <<EOF
[model]
name = cascaded_oscillators
route = fock
initial = coherent
cutoff = 200
EOF
fe_case oscillators_assembled "@: [model] cutoff: " "assembled Liouvillian" -- --run.memory_limit=1G <<EOF
[model]
name = cascaded_oscillators
route = fock
initial = coherent
liouvillian = assembled
cutoff = 60
EOF
fe_case oscillators_sector "@: [model] cutoff: " "sector storage" -- --run.memory_limit=500M <<EOF
[model]
name = cascaded_oscillators
route = fock
initial = thermal
cutoff = 400
EOF
fe_case spin_chain_typicality_40 "@: [model] N: " "Krylov basis" "largest N that fits is" -- <<EOF
[model]
name = spin_chain_erasure
N = 40
Delta = 0.5
route = typicality
EOF
fe_case spin_chain_free_fermion "@: [model] N: " "single-particle" -- --run.memory_limit=1G <<EOF
[model]
name = spin_chain_erasure
N = 20000
route = free_fermion
EOF
fe_case spin_chain_dense "@: [model] N: " "dense matrices" -- --run.memory_limit=200M <<EOF
[model]
name = spin_chain_erasure
N = 10
route = dense
EOF
fe_case spin_chain_exact "@: [model] N: " "eigenvectors of H_E" -- --run.memory_limit=200M <<EOF
[model]
name = spin_chain_erasure
N = 12
route = exact
EOF
fe_case reservoirs_single_particle "@: [model] n2: " "single-particle" "largest modes n1 + n2 that fits is" -- <<EOF
[model]
name = interacting_reservoirs
n1 = 100000
n2 = 100000
EOF
fe_case reservoirs_many_body_30_30 "@: [model] n2: " "particle-number sector" -- <<EOF
[model]
name = interacting_reservoirs
route = many_body
n1 = 30
n2 = 30
particles = 30
EOF
fe_case reservoirs_many_body_bosons "@: [model] n2: " "largest n2 that fits is" -- --run.memory_limit=1G <<EOF
[model]
name = interacting_reservoirs
route = many_body
statistics = bosons
cutoff = 3
n1 = 8
n2 = 8
mu1 = -1
mu2 = -1
thermal = typicality
EOF
fe_case sweep_point_too_large "@: [model] cutoff: " "sweep point 1 (model.cutoff=150)" -- <<EOF
[model]
name = cascaded_oscillators
route = fock
initial = coherent
cutoff = 10
[sweep]
parameters = model.cutoff: 10, 150
skip_invalid = true
EOF
fe_case memory_limit_tiny "default: [time] samples: " "available per rank ([run] memory_limit)" -- --run.memory_limit=10k <<EOF
[model]
name = cascaded_qubits
EOF
fe_case memory_limit_malformed "command line: [run] memory_limit: " "expected a size" -- --run.memory_limit=lots <<EOF
[model]
name = cascaded_qubits
EOF
fe_case memory_limit_unknown_unit "command line: [run] memory_limit: " "unknown unit" -- --run.memory_limit=5Q <<EOF
[model]
name = cascaded_qubits
EOF
fe_case memory_limit_negative "command line: [run] memory_limit: " ">= 0" -- --run.memory_limit=-5G <<EOF
[model]
name = cascaded_qubits
EOF
fe_case memory_limit_in_file "@: [model] dims: " "[run] memory_limit" -- <<EOF
[model]
name = lindblad
dims = 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
hamiltonian = 0.5*sz(0)
jumps = 1 : sm(0)
initial_basis = 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
[run]
memory_limit = 100MB
EOF

echo "== output and checkpoint paths, before the run"
fe_case output_empty "command line: [output] file: " "empty" -- --output.file= <<EOF
[model]
name = cascaded_qubits
EOF
fe_case output_is_directory "command line: [output] file: " "is a directory" -- --output.file=. <<EOF
[model]
name = cascaded_qubits
EOF
fe_case output_trailing_slash "command line: [output] file: " "is a directory" -- --output.file=results/ <<EOF
[model]
name = cascaded_qubits
EOF
fe_case output_missing_directory "command line: [output] file: " "does not exist" "mkdir" -- \
  --output.file=no/such/dir/out.h5 <<EOF
[model]
name = cascaded_qubits
EOF
fe_case output_parent_is_file "command line: [output] file: " "is not a directory" -- --output.file=output_parent_is_file.ini/out.h5 <<EOF
[model]
name = cascaded_qubits
EOF
fe_case output_in_file "@: [output] file: " "does not exist" -- <<EOF
[model]
name = cascaded_qubits
[output]
file = missing/out.h5
EOF
if [ "$(id -u)" -ne 0 ] || touch /sys/.qtherm_probe 2> /dev/null; then
  rm -f /sys/.qtherm_probe 2> /dev/null || true
  echo "skip: output_read_only (no read-only directory to probe here)"
else
  fe_case output_read_only "command line: [output] file: " "cannot write in '/sys'" -- --output.file=/sys/out.h5 <<EOF
[model]
name = cascaded_qubits
EOF
fi
fe_case checkpoint_dir_missing_parent "command line: [checkpoint] dir: " "does not exist" -- \
  --checkpoint.dir=nowhere/ckpt <<EOF
[model]
name = cascaded_qubits
EOF
fe_case checkpoint_dir_is_file "command line: [checkpoint] dir: " "not a directory" -- \
  --checkpoint.dir=checkpoint_dir_is_file.ini <<EOF
[model]
name = cascaded_qubits
EOF
fe_case checkpoint_dir_trailing_slash "command line: [checkpoint] dir: " "does not exist" -- \
  --checkpoint.dir=gone/ckpt/ <<EOF
[model]
name = cascaded_qubits
EOF

echo "== sweeps of keys that select the model or how a study runs"
fe_case sweep_model_name "@: [sweep] parameters: " "cannot sweep 'model.name'" -- <<EOF
[model]
name = cascaded_qubits
[sweep]
parameters = model.name: cascaded_qubits, lindblad
EOF
fe_case sweep_memory_limit "@: [sweep] parameters: " "cannot sweep 'run.memory_limit'" -- <<EOF
[model]
name = cascaded_qubits
[sweep]
parameters = run.memory_limit: 1G, 2G
EOF
fe_case sweep_output_file "@: [sweep] parameters: " "cannot sweep 'output.file'" -- <<EOF
[model]
name = cascaded_qubits
[sweep]
parameters = output.file: a.h5, b.h5
EOF

echo "== check --ranks"
for bad in 0 abc -3; do
  name=check_ranks_$bad
  mkdir "$name"
  printf '[model]\nname = cascaded_qubits\n' > "$name/$name.ini"
  cases=$((cases + 1))
  (cd "$name" && one_run "$name" 2 "qtherm: error: command line: --ranks: " "positive rank count" -- \
     "$QTHERM" check "$name.ini" "--ranks=$bad"; exit "$failures") || failures=$((failures + $?))
done
mkdir check_ranks_many
printf '[model]\nname = spin_chain_erasure\nN = 26\nDelta = 0.5\nroute = typicality\n' > check_ranks_many/c.ini
(cd check_ranks_many && run_qtherm ../r1 check c.ini --ranks=1 && run_qtherm ../r64 check c.ini --ranks=64 || true)
if grep -q '^qtherm: error:.*\[model\] N:' r1.err && grep -q 'valid configuration' r64.out; then
  ok "check --ranks: N = 26 refused at 1 rank, accepted at 64 ($(grep -o 'memory: estimate [^(]*' r64.out))"
else
  fail "check --ranks: expected a refusal at 1 rank and acceptance at 64"; show r1.err; show r64.out
fi

echo "== --restart"
mkdir restart_bad && printf '[model]\nname = cascaded_qubits\n' > restart_bad/r.ini
cases=$((cases + 1))
(cd restart_bad && one_run restart_bad 2 "qtherm: error: command line: --restart: " "--restart=auto" -- \
   "$QTHERM" run r.ini --restart=maybe; exit "$failures") || failures=$((failures + $?))

echo "== PETSc/SLEPc options"
may_write=out.h5
run_case petsc_misspelt 2 "command line: -ts_typ: " "never used" "did you mean '-ts_type'" -- \
  --time.t_final=0.1 --time.samples=3 --output.file=out.h5 --output.overwrite=true -- -ts_typ rk <<EOF
[model]
name = cascaded_qubits
EOF

may_write=none

echo "== every verb answers --help"
for verb in run check merge models describe; do
  run_qtherm help_$verb "$verb" --help
  if [ "$status" -eq 0 ] && grep -q "^usage: qtherm $verb" help_$verb.out && [ ! -s help_$verb.err ]; then
    ok "qtherm $verb --help: $(head -n 1 help_$verb.out)"
  else
    fail "qtherm $verb --help: exit $status"; show help_$verb.out; show help_$verb.err
  fi
done

echo "== a sweep of the route runs each point on its route"
use_python_h5py
mkdir route_sweep
cat > route_sweep/r.ini << 'EOF'
[model]
name = spin_chain_erasure
N = 4
[time]
t_final = 1
samples = 5
[sweep]
parameters = model.route: dense, free_fermion
EOF
(cd route_sweep && run_qtherm ../route run r.ini --output.file=r.h5 || true)
cat > route_sweep/check.py << 'EOF'
import h5py, numpy as np
f = h5py.File("r.h5", "r")
a, b = (f[f"runs/{k}/observables/heat"][:] for k in (0, 1))
routes = [f[f"runs/{k}"].attrs["route"] for k in (0, 1)]
print("ok" if np.allclose(a, b, atol=1e-9) and list(map(str, routes)) == ["dense", "free_fermion"] and abs(a[-1]) > 1e-6
      else f"differ: {a} {b} {routes}")
EOF
route_sweep_ok=$(cd route_sweep && "$python" check.py 2>&1 || true)
if [ "$route_sweep_ok" = ok ]; then ok "model.route: dense, free_fermion: both points run, heat(t) agrees to 1e-9"
else fail "route sweep: $route_sweep_ok"; show route.err; fi

echo "== plot.py takes the swept key as the sweep writes it (section.key)"
mkdir plot_key
(cd plot_key && "$QTHERM" run --time.t_final=0.5 --time.samples=3 "--sweep.parameters=model.beta: 1, 2" \
   --output.file=s.h5 > /dev/null 2> run.err \
   && "$python" "${QTHERM_SOURCE_DIR}/scripts/plot.py" sweep s.h5 Q_infinity --x model.beta --out p.png > plot.out 2>&1) \
  && [ -s plot_key/p.png ] && ok "plot.py sweep --x model.beta" || { fail "plot.py sweep --x model.beta"; show plot_key/plot.out; }

echo "$cases cases"
[ "$cases" -ge 40 ] || fail "only $cases cases (issue 19 asks for at least 40)"
finish "fail-early"
