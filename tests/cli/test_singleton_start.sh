#!/usr/bin/env bash
# A qtherm started without mpiexec or srun (an MPI singleton) starts quickly (apps/singleton_start.cpp):
# Open MPI forks no helper daemon (its ess component hnp is never selected) and takes the ob1
# transport, unless the user set either; a process that a launcher started keeps Open MPI's defaults.
# Open MPI's own verbose lines show what it selected. Run by ctest (cli.singleton_start) with QTHERM set.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
make_work_dir singleton_start
cd "$work"
printf '[model]\nname = lindblad\ndims = 2\nhamiltonian = sz(0)\n' > tiny.ini

# check NAME ENV...: `qtherm check` with Open MPI's selection printed; the harness sets both settings
# for every test, a user's shell does not.
check() {
  local name=$1; shift
  st=0
  env -u OMPI_MCA_ess_singleton_isolated -u OMPI_MCA_pml OMPI_MCA_ess_base_verbose=10 OMPI_MCA_pml_base_verbose=10 \
    "$@" "$QTHERM" check tiny.ini > "$name.out" 2>&1 || st=$?
  [ $st = 0 ] || { fail "$name: exit $st"; show "$name.out"; return 1; }
}
daemon() { grep -q 'Selected component \[hnp\]' "$1.out"; }
ob1() { grep -q 'component ob1 selected' "$1.out"; }

if check plain; then
  ob1 plain && ! daemon plain && ok "a singleton takes ob1 and forks no daemon" || { fail "plain singleton"; show plain.out; }
fi
if check own OMPI_MCA_ess_singleton_isolated=0; then
  daemon own && ok "the user's ess_singleton_isolated = 0 wins (daemon forked)" || { fail "user's setting overridden"; show own.out; }
fi
if check slurm SLURM_PROCID=0; then  # a launcher's variable (a batch script's step has it too)
  daemon slurm && ok "with a launcher's variable set, Open MPI's defaults are kept" || { fail "launcher: defaults changed"; show slurm.out; }
fi
finish singleton_start
