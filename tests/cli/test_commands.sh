#!/usr/bin/env bash
# The qtherm sub-commands other than a full run (docs/design.md, "The user-facing contract"):
# --help, --version, models, describe MODEL (every key of the resolved configuration and every
# output of a default run, with a sign line for each heat current), describe of an unknown model,
# an unknown command, check on a valid file.
# Run by ctest (cli.commands) with QTHERM set (tests/CMakeLists.txt).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
use_python_h5py
make_work_dir commands
cd "$work"

# expect_usage_error NAME FRAGMENT... -- ARGS...: exit 2, one stderr line with every FRAGMENT.
expect_usage_error() {
  local name=$1; shift
  local frags=()
  while [ "$1" != "--" ]; do frags+=("$1"); shift; done
  shift
  run_qtherm "$name" "$@"
  if expect_error_line "qtherm $*" "$name" "qtherm: error: " "${frags[@]}"; then ok "qtherm $*: $(cat "$name.err")"; fi
}

echo "== --help, --version, models"
run_qtherm help --help
if [ "$status" -eq 0 ]; then ok "--help: exit 0"; else fail "--help: exit status $status"; fi
for c in run check models describe; do
  grep -qE "^ +$c( |\$)" help.out || fail "--help does not list the command '$c'"
done
grep -q -- '--' help.out || fail "--help does not mention '--' (PETSc options)"

run_qtherm version --version
if [ "$status" -eq 0 ] && grep -qE '[0-9]+\.[0-9]+\.[0-9]+' version.out; then
  ok "--version: $(head -n 1 version.out)"
else
  fail "--version: exit status $status, output '$(head -n 1 version.out)' (expected a version number)"
fi

run_qtherm models models
[ "$status" -eq 0 ] || fail "models: exit status $status"
for m in cascaded_qubits lindblad; do
  if grep -qE "^$m( |\$)" models.out; then ok "models lists $m"; else fail "models does not list $m"; show models.out; fi
done

run_qtherm noargs
[ "$status" -ne 0 ] && ok "qtherm without a command: exit $status" || fail "qtherm without a command: exit 0"

echo "== a default run (for the keys and outputs describe must document)"
run_qtherm default run
if [ "$status" -ne 0 ] || [ ! -f qtherm.h5 ]; then
  fail "qtherm run: exit status $status"; show default.err
  stop "no default output"
fi
h5attr qtherm.h5 config > resolved.ini
"$python" - <<'PY' > outputs.txt
import h5py
with h5py.File("qtherm.h5", "r") as f:
    for kind in ("observables", "scalars"):
        for name in f["runs/0"][kind]:
            print(kind, name)
PY
ok "default run: $(grep -c '^observables' outputs.txt) observables, $(grep -c '^scalars' outputs.txt) scalars," \
   "$(grep -cE '^[a-z_0-9]+ *=' resolved.ini) keys in the resolved configuration"

# The version printed by --version is the one written to the file.
file_version=$(h5attr qtherm.h5 qtherm_version)
grep -qF -- "$file_version" version.out || fail "--version does not contain the file's qtherm_version '$file_version'"

echo "== describe cascaded_qubits"
run_qtherm describe describe cascaded_qubits
[ "$status" -eq 0 ] && ok "describe cascaded_qubits: exit 0" || { fail "describe cascaded_qubits: exit status $status"; show describe.err; }
cat > check_describe.py <<'PY'
"""check_describe.py DESCRIBE.txt RESOLVED.ini OUTPUTS.txt: describe documents every key and output."""
import re
import sys

describe = open(sys.argv[1]).read().splitlines()
resolved = open(sys.argv[2]).read().splitlines()
outputs = [line.split() for line in open(sys.argv[3]) if line.strip()]
problems = []

# Parse describe: '[section]' headers, '  key  (type; default: ...)' then an indented meaning;
# 'Observables'/'Scalars' blocks with '  name  [unit]', meaning lines and optional '      sign: ...'.
keys, entries, signs = {}, {"observables": {}, "scalars": {}}, {}
block, section, current = "keys", None, None
for i, line in enumerate(describe):
    if line.startswith("Observables"):
        block, current = "observables", None
        continue
    if line.startswith("Scalars"):
        block, current = "scalars", None
        continue
    m = re.match(r"^\[(\w+)\]\s*$", line)
    if m and block == "keys":
        section = m.group(1)
        continue
    m = re.match(r"^  (\S+)  \((.*)\)\s*$", line)
    if m and block == "keys":
        following = describe[i + 1] if i + 1 < len(describe) else ""
        keys[(section, m.group(1))] = (m.group(2), following)
        continue
    m = re.match(r"^  (\S+)  \[(.*)\]\s*$", line)
    if m and block != "keys":
        current = m.group(1)
        following = describe[i + 1] if i + 1 < len(describe) else ""
        entries[block][current] = (m.group(2), following)
        continue
    m = re.match(r"^\s+sign:\s*(\S.*)$", line)
    if m and current is not None:
        signs[current] = m.group(1)

if not keys:
    problems.append("no keys found in describe output")
for (section, key), (props, following) in keys.items():
    if "default:" not in props:
        problems.append(f"[{section}] {key}: no default in '({props})'")
    if not re.match(r"^      \S", following):
        problems.append(f"[{section}] {key}: no meaning line")

# Every key of the resolved default configuration is described, and its described default is
# the value the default study uses.
section, resolved_keys = None, {}
for line in resolved:
    s = line.strip()
    if not s or s.startswith("#") or s.startswith(";"):
        continue
    m = re.match(r"^\[(\w+)\]$", s)
    if m:
        section = m.group(1)
        continue
    key, _, value = s.partition("=")
    resolved_keys[(section, key.strip())] = value.strip()
if not resolved_keys:
    problems.append("no keys in the resolved configuration")
for (section, key), value in resolved_keys.items():
    if (section, key) not in keys:
        problems.append(f"[{section}] {key}: in the resolved configuration, not in describe")
        continue
    m = re.search(r"default: '([^']*)'", keys[(section, key)][0])
    if m is None:
        problems.append(f"[{section}] {key}: described without a default, resolved value '{value}'")
    elif m.group(1) != value and not (section == "output" and key == "file"):
        problems.append(f"[{section}] {key}: describe says default '{m.group(1)}', "
                        f"the default study uses '{value}'")
# ... and every described key with a default appears in the resolved configuration.
for (section, key), (props, _) in keys.items():
    if "default: none" not in props and (section, key) not in resolved_keys:
        problems.append(f"[{section}] {key}: described with a default but missing from the resolved configuration")


def documented(kind, name):
    if name in entries[kind]:
        return name
    for entry in entries[kind]:
        if "<" in entry:
            pattern = "".join(".+" if part.startswith("<") else re.escape(part)
                              for part in re.split(r"(<[^>]*>)", entry) if part)
            if re.fullmatch(pattern, name):
                return entry
    return None


for kind, name in outputs:
    entry = documented(kind, name)
    if entry is None:
        problems.append(f"{kind} '{name}' of the default run is not in describe's {kind} list")
    elif not re.match(r"^      \S", entries[kind][entry][1]):
        problems.append(f"{kind} '{entry}': no meaning line")
    elif not entries[kind][entry][0].strip():
        problems.append(f"{kind} '{entry}': empty unit")

for current in ("J1", "J2", "J12", "J_total"):
    if current not in entries["observables"]:
        problems.append(f"heat current {current} is not described")
    elif current not in signs:
        problems.append(f"heat current {current} has no 'sign:' line")

for p in problems:
    print(p)
print(f"{len(keys)} keys, {len(entries['observables'])} observable and {len(entries['scalars'])} scalar "
      f"entries described; {len(resolved_keys)} resolved keys, {len(outputs)} outputs checked")
sys.exit(1 if problems else 0)
PY
if "$python" check_describe.py describe.out resolved.ini outputs.txt > describe_check.out; then
  ok "describe documents every key and output: $(tail -n 1 describe_check.out)"
else
  fail "describe cascaded_qubits is incomplete:"; show describe_check.out
fi

run_qtherm describe_lindblad describe lindblad
if [ "$status" -eq 0 ]; then
  missing=""
  for k in dims hamiltonian jumps observables initial initial_basis; do
    grep -qE "^  $k  \(" describe_lindblad.out || missing="$missing $k"
  done
  [ -z "$missing" ] && ok "describe lindblad: exit 0, lists its model keys" || fail "describe lindblad lacks:$missing"
else
  fail "describe lindblad: exit status $status"; show describe_lindblad.err
fi

echo "== usage errors"
# No model is near 'nosuchmodel': the suggestion is the list of models.
expect_usage_error describe_bad "nosuchmodel" "cascaded_qubits" -- describe nosuchmodel
expect_usage_error describe_near "cascaded_qubit'" "did you mean 'cascaded_qubits'" -- describe cascaded_qubit
expect_usage_error unknown_command "frobnicate" -- frobnicate
expect_usage_error near_command "rnu" "'run'" -- rnu
expect_usage_error check_no_file "check" -- check

echo "== check on valid files"
printf '[model]\nname = cascaded_qubits\n' > minimal.ini
for f in minimal.ini resolved.ini; do
  rm -f qtherm.h5
  run_qtherm check_valid check "$f"
  if [ "$status" -eq 0 ] && [ ! -s check_valid.err ]; then
    ok "check $f: exit 0: $(head -n 1 check_valid.out)"
  else
    fail "check $f: exit status $status (expected 0, nothing on stderr)"; show check_valid.err
  fi
  [ ! -e qtherm.h5 ] || fail "check $f wrote qtherm.h5"
done
run_qtherm check_override check minimal.ini --time.t_final=3 --model.cascade=false
[ "$status" -eq 0 ] && ok "check minimal.ini with valid overrides: exit 0" \
  || { fail "check minimal.ini --time.t_final=3 --model.cascade=false: exit status $status"; show check_override.err; }

finish command
