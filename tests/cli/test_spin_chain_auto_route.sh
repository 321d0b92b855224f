#!/usr/bin/env bash
# spin_chain_erasure's default route = auto: dense for N <= 10, free fermions beyond when Delta = 0,
# typicality beyond otherwise; the run says which it took, and the output shows it (P(Q) only on
# the dense route, samples > 0 only on typicality).
# Run by ctest (cli.spin_chain_auto_route) with QTHERM set.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
use_python_h5py
make_work_dir spin_chain_auto
cd "$work"

check() {  # check NAME EXPECTED_ROUTE EXPECTED_SAMPLES HAS_PQ ARGS...
  local name=$1 route=$2 samples=$3 pq=$4; shift 4
  run_qtherm "$name" run --model.name=spin_chain_erasure --time.samples=3 --time.t_final=0.5 "$@" --output.file="$name.h5"
  [ "$status" -eq 0 ] || { fail "$name: exit $status"; show "$name.err"; return; }
  grep -q "route = auto: $route\$" "$name.out" && ok "$name: route = auto took $route" || { fail "$name: no 'route = auto: $route'"; show "$name.out"; }
  got=$("$python" -c "import h5py, sys; f = h5py.File(sys.argv[1]); r = f['runs/0']; print(int(r['scalars/samples'][()]), int('states/heat_distribution' in r))" "$name.h5")
  [ "$got" = "$samples $pq" ] && ok "$name: samples, P(Q) = $got" || fail "$name: samples, P(Q) = $got, expected $samples $pq"
}
check small dense 0 1 --model.N=3
check free free_fermion 0 0 --model.N=12
check interacting typicality 2 0 --model.N=11 --model.Delta=0.5 --model.samples=2
finish "spin-chain auto route"
