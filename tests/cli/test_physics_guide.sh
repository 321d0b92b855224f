#!/usr/bin/env bash
# The project carries its own physics guide: docs/physics.md exists with a Conventions section and
# one section per model; `qtherm describe MODEL` ends every sign line with the section of that
# guide that fixes it, and the section exists; no tracked file cites a path outside the repository
# (every mention of the guide is docs/physics.md, none of the seed folder or a sibling checkout).
# Run by ctest (cli.physics_guide) with QTHERM and QTHERM_SOURCE_DIR set.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
guide=$QTHERM_SOURCE_DIR/docs/physics.md
make_work_dir physics_guide
cd "$work"

[ -s "$guide" ] || stop "docs/physics.md is missing"
ok "docs/physics.md exists"
grep -qx "## Conventions" "$guide" && ok "section Conventions" || fail "docs/physics.md has no '## Conventions'"

run_qtherm models models
[ "$status" -eq 0 ] || stop "qtherm models: exit $status"
models=$(awk '{print $1}' models.out | grep -E '^[a-z_]+$' || true)
[ -n "$models" ] || stop "qtherm models listed nothing"
for m in $models; do
  grep -qx "## $m" "$guide" || fail "docs/physics.md has no section '## $m'"
  run_qtherm "describe_$m" describe "$m"
  [ "$status" -eq 0 ] || { fail "describe $m: exit $status"; continue; }
  signs=$(grep -cE '^      sign: ' "describe_$m.out" || true)
  bad=$(grep -E '^      sign: ' "describe_$m.out" | grep -vcF "(docs/physics.md, section $m)" || true)
  if [ "$signs" -gt 0 ] && [ "$bad" -eq 0 ]; then
    ok "describe $m: $signs sign lines, each pointing to docs/physics.md section $m"
  else
    fail "describe $m: $bad of $signs sign lines do not point to docs/physics.md section $m"
  fi
done

# Paths outside the repository: the seed folder, a shared docs folder, a parent's checkout.
cd "$QTHERM_SOURCE_DIR"
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  outside=$(git grep -nE 'shared/|\.\./seeds|\.\./docs|/work/' -- . ':!tests/cli/test_physics_guide.sh' || true)
  bare=$(git grep -nE '(^|[^/[:alnum:]_])physics\.md' -- . ':!docs/physics.md' ':!tests/cli/test_physics_guide.sh' || true)
  [ -z "$outside" ] && ok "no tracked file cites a path outside the repository" || { fail "paths outside the repository:"; echo "$outside" | head; }
  [ -z "$bare" ] && ok "every mention of the guide is docs/physics.md" || { fail "mentions of physics.md without docs/:"; echo "$bare" | head; }
else
  echo "skip: $QTHERM_SOURCE_DIR is not a git checkout (path check needs the tracked files)"
fi
finish "physics guide"
