#!/usr/bin/env bash
# Smoke test of every examples/*.ini: `qtherm check` passes, `qtherm run` (21 output times) passes
# without warnings and writes a file that passes tests/cli/contract_check.py. Plus per-example checks:
#  - cascaded_qubits_fig2: is the built-in default study written out (same resolved configuration
#    apart from output.file, same numbers);
#  - lindblad_qubit_decay: p_e(t) = exp(-t/2) to 1e-8 and Q(infinity) = omega = 1;
#  - every example's numbers equal tests/cli/golden/examples.json (tests/cli/example_digest.py: count,
#    NaNs, sum, sum of squares, min and max of each output over its runs, to 1e-12): a change of
#    what a user gets is seen. A deliberate one rewrites the golden with QTHERM_UPDATE_GOLDEN=1 and is
#    reviewed in its diff.
# Then the output contract's other half (issue 20): with the small configurations of
# tests/cli/coverage/*.ini (run as they are, same checks), every output each model declares
# (`qtherm describe`) is written by some run (tests/cli/output_coverage.py); `qtherm run` itself
# refuses to write an undeclared one.
# Run by ctest (cli.examples) with QTHERM and QTHERM_SOURCE_DIR set (tests/CMakeLists.txt).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
contract=$QTHERM_SOURCE_DIR/tests/cli/contract_check.py
examples=$QTHERM_SOURCE_DIR/examples
use_python_h5py
make_work_dir examples
cd "$work"

shopt -s nullglob
inis=("$examples"/*.ini)
shopt -u nullglob
if [ "${#inis[@]}" -eq 0 ]; then
  fail "no examples/*.ini"
fi
for expected in cascaded_qubits_fig2 lindblad_qubit_decay; do
  [ -f "$examples/$expected.ini" ] || fail "examples/$expected.ini is missing"
done

declare -A produced=()
# run_case INI WHERE [OVERRIDE]: check, run (with OVERRIDE) and contract-check INI; WHERE names its
# folder in messages. The output file is $work/NAME.h5, recorded in produced[NAME].
run_case() {
  local ini=$1 where=$2 override=${3:-} name model out
  name=$(basename "$ini" .ini)
  model=$(sed -n 's/^[[:space:]]*name[[:space:]]*=[[:space:]]*\([A-Za-z0-9_]*\).*/\1/p' "$ini" | head -n 1)
  echo "== $where/$name.ini (model ${model:-?})"
  run_qtherm "$name.check" check "$ini"
  if [ "$status" -eq 0 ]; then ok "check: $(head -n 1 "$name.check.out")"
  else fail "qtherm check $where/$name.ini: exit status $status"; show "$name.check.err"; return; fi

  out=$work/$name.h5
  run_qtherm "$name.run" run "$ini" --output.file="$out" ${override:+"$override"}
  if [ "$status" -ne 0 ] || [ ! -f "$out" ]; then
    fail "qtherm run $where/$name.ini --output.file=$name.h5 $override: exit status $status"
    show "$name.run.err"
    return
  fi
  ok "run: exit 0, $(tail -n 1 "$name.run.out")"
  if [ -s "$name.run.err" ]; then fail "run of $where/$name.ini writes to stderr (warnings):"; show "$name.run.err"; fi
  [ -e "$out.partial" ] && fail "run of $where/$name.ini left $name.h5.partial"
  if "$python" "$contract" "$out" ${model:+--model "$model"} > "$name.contract.out" 2>&1; then
    ok "contract: $(tail -n 1 "$name.contract.out" | sed "s|$work/||")"
  else
    fail "contract_check.py $name.h5 failed:"; show "$name.contract.out"
  fi
  produced[$name]=$out
}

for ini in "${inis[@]}"; do
  # 21 output times: the Otto engine's grid is its strokes' (one cycle of 4 strokes).
  samples=--time.samples=21
  grep -q '^name = otto' "$ini" && samples=--model.samples_per_stroke=5
  run_case "$ini" examples "$samples"
done

if [ -n "${produced[lindblad_qubit_decay]:-}" ]; then
  echo "== lindblad_qubit_decay: closed forms"
  if "$python" - "${produced[lindblad_qubit_decay]}" > decay.out <<'PY'
import sys
import h5py
import numpy as np

bad = []
with h5py.File(sys.argv[1], "r") as f:
    run = f["runs/0"]
    t = run["t"][()]
    if len(t) != 21:
        bad.append(f"{len(t)} output times, expected 21 (--time.samples=21)")
    p = run["observables/p_e"][()]
    err = float(np.max(np.abs(p - np.exp(-0.5 * t))))
    print(f"max |p_e(t) - exp(-t/2)| = {err:.2e} over t in [{t[0]:g}, {t[-1]:g}]")
    if not err <= 1e-8:
        bad.append(f"p_e(t) differs from exp(-t/2) by {err:.2e} > 1e-8")
    q_inf = float(run["scalars/Q_infinity"][()])
    print(f"Q_infinity = {q_inf!r} (closed form: 1)")
    if not abs(q_inf - 1.0) <= 1e-8:
        bad.append(f"Q_infinity = {q_inf!r}, expected 1 (H = sz/2 from the excited to the ground state)")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
  then
    ok "$(tr '\n' ';' < decay.out | sed 's/;$//; s/;/; /g')"
  else
    fail "lindblad_qubit_decay closed forms:"; show decay.out
  fi
fi

if [ -n "${produced[cascaded_qubits_fig2]:-}" ]; then
  echo "== cascaded_qubits_fig2: the built-in default study written out"
  run_qtherm default run --output.file="$work/default.h5" --time.samples=21
  if [ "$status" -ne 0 ]; then
    fail "qtherm run --output.file=default.h5 --time.samples=21: exit status $status"; show default.err
  elif "$python" - "${produced[cascaded_qubits_fig2]}" "$work/default.h5" > fig2.out <<'PY'
import sys
import h5py
import numpy as np


def keys(text):
    section, out = None, {}
    for line in text.splitlines():
        s = line.strip()
        if not s or s[0] in "#;":
            continue
        if s.startswith("["):
            section = s.strip("[]")
            continue
        k, _, v = s.partition("=")
        out[(section, k.strip())] = v.strip()
    return out


bad = []
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    ka, kb = keys(a.attrs["config"]), keys(b.attrs["config"])
    ka.pop(("output", "file"), None)
    kb.pop(("output", "file"), None)
    if ka != kb:
        for k in sorted(set(ka) | set(kb), key=str):
            if ka.get(k) != kb.get(k):
                bad.append(f"[{k[0]}] {k[1]}: example '{ka.get(k)}', default study '{kb.get(k)}'")
    worst = 0.0
    ra, rb = a["runs/0"], b["runs/0"]
    for kind in ("observables", "scalars"):
        if set(ra[kind]) != set(rb[kind]):
            bad.append(f"{kind}: different names")
        for n in sorted(set(ra[kind]) & set(rb[kind])):
            x, y = ra[kind][n][()], rb[kind][n][()]
            d = float(np.nanmax(np.abs(np.asarray(x - y, float)))) if np.size(x) else 0.0
            if not np.array_equal(np.isnan(x), np.isnan(y)):
                bad.append(f"{kind}/{n}: NaN in one file only")
            elif d > 1e-12:
                bad.append(f"{kind}/{n}: differs by {d:.2e}")
            worst = max(worst, 0.0 if np.isnan(d) else d)
    print(f"same resolved configuration apart from output.file; max |diff| {worst:.1e}")
for x in bad:
    print(x)
sys.exit(1 if bad else 0)
PY
  then
    ok "$(head -n 1 fig2.out)"
  else
    fail "examples/cascaded_qubits_fig2.ini is not the default study:"; show fig2.out
  fi
  grep -q '^file = cascaded_qubits_fig2.h5$' "$examples/cascaded_qubits_fig2.ini" \
    || fail "examples/cascaded_qubits_fig2.ini does not set output.file = cascaded_qubits_fig2.h5"
fi

echo "== the examples' numbers against tests/cli/golden/examples.json"
example_files=()
for ini in "${inis[@]}"; do
  name=$(basename "$ini" .ini)
  [ -n "${produced[$name]:-}" ] && example_files+=("${produced[$name]}")
done
digest=$QTHERM_SOURCE_DIR/tests/cli/example_digest.py
if [ "${QTHERM_UPDATE_GOLDEN:-0}" = 1 ]; then
  "$python" "$digest" write "$QTHERM_SOURCE_DIR/tests/cli/golden/examples.json" "${example_files[@]}" > digest.out 2>&1 \
    && ok "$(tail -n 1 digest.out | sed "s|$QTHERM_SOURCE_DIR/||")" || { fail "writing the golden digest:"; show digest.out; }
elif [ "${#example_files[@]}" -ne "${#inis[@]}" ]; then
  fail "not every example ran: no comparison with the golden digest"
elif "$python" "$digest" compare "$QTHERM_SOURCE_DIR/tests/cli/golden/examples.json" "${example_files[@]}" > digest.out 2>&1; then
  ok "$(tail -n 1 digest.out)"
else
  fail "the examples' numbers differ from tests/cli/golden/examples.json (golden -> now):"; show digest.out
fi

shopt -s nullglob
coverage=("$QTHERM_SOURCE_DIR"/tests/cli/coverage/*.ini)
shopt -u nullglob
[ "${#coverage[@]}" -gt 0 ] || fail "no tests/cli/coverage/*.ini"
for ini in "${coverage[@]}"; do
  if [ -e "$examples/$(basename "$ini")" ]; then fail "tests/cli/coverage/$(basename "$ini") has an example's name"; continue; fi
  run_case "$ini" tests/cli/coverage
done

echo "== every declared output is written by some run"
mkdir describe
run_qtherm models models --format json
mapfile -t models < <("$python" -c 'import json, sys; [print(m["name"]) for m in json.load(open(sys.argv[1]))]' models.out)
[ "${#models[@]}" -gt 0 ] || fail "qtherm models --format json lists no model"
for m in "${models[@]}"; do
  run_qtherm "describe/$m" describe "$m" --format json
  if [ "$status" -eq 0 ]; then mv "describe/$m.out" "describe/$m.json"; else fail "describe $m: exit status $status"; fi
done
if "$python" "$QTHERM_SOURCE_DIR/tests/cli/output_coverage.py" describe "${produced[@]}" > coverage.out 2>&1; then
  ok "$(tail -n 1 coverage.out)"
else
  fail "declared outputs that no run writes:"; grep -v '^model ' coverage.out | show /dev/stdin
fi

finish example
