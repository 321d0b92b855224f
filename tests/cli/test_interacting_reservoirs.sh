#!/usr/bin/env bash
# interacting_reservoirs (seed 003) through the command: the bad inputs of issue 7 give ONE line
# on stderr and exit 2 from both `check` and `run` (no output file), and a small run of each route
# writes a file that passes the output contract. Run by ctest (cli.interacting_reservoirs).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
use_python_h5py
make_work_dir ir
cd "$work"
contract=$QTHERM_SOURCE_DIR/tests/cli/contract_check.py

outputs() { find . -maxdepth 1 \( -name '*.h5' -o -name '*.h5.*' \) -printf '%f ' ; }

# bad NAME PREFIX FRAGMENT -- INI LINES...: `check` and `run` exit 2 with one line starting with
# "qtherm: error: NAME.ini: PREFIX" and containing FRAGMENT; no output file appears.
bad() {
  local name=$1 where=$2 frag=$3; shift 4
  printf '%s\n' "[model]" "name = interacting_reservoirs" "$@" > "$name.ini"
  for cmd in check run; do
    local before; before=$(outputs)
    run_to last "$QTHERM" "$cmd" "$name.ini"
    if expect_error_line "$cmd $name" last "qtherm: error: $name.ini: $where" "$frag" && [ "$(outputs)" = "$before" ]; then
      ok "$cmd $name: $(head -n 1 last.err)"
    else
      fail "$cmd $name (or an output file was created)"
    fi
  done
}

echo "== bad input"
bad non_hermitian "[model] h1: " "not Hermitian" -- "n1 = 2" "h1 = [[1, 0.5], [0.2, 1]]"
bad non_hermitian_imag "[model] h2: " "not Hermitian" -- "n2 = 2" "h2 = [[1, 0.5i], [0.5i, 1]]"
bad wrong_shape "[model] coupling: " "must be 2x3" -- "n1 = 2" "n2 = 3" "coupling = [[1, 0], [0, 1]]"
bad particles_high "[model] particles: " "outside the sector range [0, 4]" -- "route = many_body" "particles = 5"
bad particles_negative "[model] particles: " "outside the sector range" -- "route = many_body" "particles = -1"
bad bosons_no_cutoff "[model] statistics: " "need a cutoff" -- "statistics = bosons" "route = many_body"
bad bosons_cutoff_zero "[model] cutoff: " "must be >= 1" -- "statistics = bosons" "route = many_body" "cutoff = 0"
bad bosons_too_wide "[model] cutoff: " "do not fit the 64-bit state word" -- "statistics = bosons" "route = many_body" \
  "cutoff = 3" "n1 = 20" "n2 = 13"
bad bosons_particles_high "[model] particles: " "outside the sector range [0, 8]" -- "statistics = bosons" \
  "route = many_body" "cutoff = 2" "particles = 9"
bad u_on_single_particle "[model] u1: " "route = many_body" -- "u1 = 0.5"
bad bose_mu "[model] mu1: " "below the lowest one-body energy" -- "statistics = bosons" "mu1 = 2"
bad dense_typicality "[model] evolution: " "exact thermal mixture" -- "route = many_body" "thermal = typicality" \
  "evolution = dense"
bad dense_limit_zero "[model] dense_limit: " ">= 1" -- "route = many_body" "dense_limit = 0"

echo "== small runs"
for route in single_particle many_body; do
  run_to "run_$route" "$QTHERM" run --model.name=interacting_reservoirs --model.route=$route --model.n1=2 \
    --model.n2=2 --time.samples=11 --time.t_final=5 --output.file=$route.h5
  if [ "$status" -eq 0 ] && "$python" "$contract" "$route.h5" --model interacting_reservoirs > contract.out 2>&1; then
    ok "run $route: $(tail -n 1 contract.out)"
  else
    fail "run $route: exit $status"; show "run_$route.err"; show contract.out
  fi
done
run_to run_bosons "$QTHERM" run --model.name=interacting_reservoirs --model.route=many_body --model.statistics=bosons \
  --model.cutoff=2 --model.u1=0.3 --model.n1=2 --model.n2=2 --time.samples=11 --time.t_final=5 --output.file=bosons.h5
if [ "$status" -eq 0 ] && "$python" "$contract" bosons.h5 --model interacting_reservoirs > contract.out 2>&1; then
  ok "run many_body bosons: $(tail -n 1 contract.out)"
else
  fail "run many_body bosons: exit $status"; show run_bosons.err; show contract.out
fi
# Same physics both routes (fermions, U = 0): the E1 series agree through the written files.
if "$python" - single_particle.h5 many_body.h5 > routes.out 2>&1 <<'PY'
import sys, h5py, numpy
a, b = (h5py.File(f, "r")["runs/0/observables"] for f in sys.argv[1:3])
worst = max(float(numpy.max(numpy.abs(a[n][()] - b[n][()]))) for n in ("E1", "E2", "E_I", "N1"))
print(f"max |many_body - single_particle| = {worst:.2e}")
sys.exit(0 if worst < 1e-10 else 1)
PY
then ok "routes agree: $(cat routes.out)"; else fail "routes disagree"; show routes.out; fi
run_to describe "$QTHERM" describe interacting_reservoirs
if [ "$status" -eq 0 ] && grep -q "Q_md_1" describe.out && grep -q "Gamma" describe.out; then ok "describe"
else fail "describe"; show describe.err; fi

finish interacting-reservoirs
