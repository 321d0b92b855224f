#!/usr/bin/env bash
# The model contract as users see it: `qtherm describe MODEL --format json` (every key with its
# type, default, unit and range; every output with its unit and sign) of every registered model
# equals the listing checked in under tests/cli/golden/describe/. A refactoring of how models
# declare keys and outputs must leave it unchanged; a deliberate change of the contract updates
# the listing in the same commit:
#     QTHERM=build/apps/qtherm QTHERM_SOURCE_DIR=. QTHERM_UPDATE_GOLDEN=1 bash tests/cli/test_describe_golden.sh
# Run by ctest (cli.describe_golden) with QTHERM and QTHERM_SOURCE_DIR set (tests/CMakeLists.txt).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
golden=$QTHERM_SOURCE_DIR/tests/cli/golden/describe
make_work_dir describe-golden
cd "$work"

run_qtherm models models --format json
[ "$status" -eq 0 ] || { fail "qtherm models --format json: exit status $status"; show models.err; stop "no model list"; }
mapfile -t models < <(/usr/bin/python3 -c 'import json, sys; [print(m["name"]) for m in json.load(open(sys.argv[1]))]' models.out)
[ "${#models[@]}" -gt 0 ] || stop "qtherm models lists no model"

for m in "${models[@]}"; do
  run_qtherm "$m" describe "$m" --format json
  if [ "$status" -ne 0 ]; then fail "describe $m: exit status $status"; show "$m.err"; continue; fi
  if [ "${QTHERM_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$m.out" "$golden/$m.json"
    ok "describe $m: listing written to tests/cli/golden/describe/$m.json"
  elif [ ! -f "$golden/$m.json" ]; then
    fail "describe $m: no tests/cli/golden/describe/$m.json (a new model: write it with QTHERM_UPDATE_GOLDEN=1)"
  elif diff -u "$golden/$m.json" "$m.out" > "$m.diff"; then
    ok "describe $m: unchanged ($(nlines "$m.out") lines)"
  else
    fail "describe $m differs from tests/cli/golden/describe/$m.json (- checked in, + now)"; show "$m.diff"
  fi
done
# A listing whose model is gone is a contract change too.
for f in "$golden"/*.json; do
  m=$(basename "$f" .json)
  printf '%s\n' "${models[@]}" | grep -qx "$m" || fail "tests/cli/golden/describe/$m.json: no model $m is registered"
done
finish "describe golden"
