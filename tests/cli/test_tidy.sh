#!/usr/bin/env bash
# clang-tidy with the checks of .clang-tidy (any finding is an error) on the C++ sources of the
# layers that hold raw handles and memory: base, parallel, space, io, operators, and the headers
# they include. The compile commands are the build's own (CMAKE_EXPORT_COMPILE_COMMANDS).
# QTHERM_TIDY_LAYERS widens the scope, e.g. QTHERM_TIDY_LAYERS="dynamics models" ctest -R cli.tidy.
# Why not every layer by default: clang-tidy parses each file anew (~4 s here, Eigen and PETSc
# headers), and the whole src/ would add ~10 core-minutes to a suite that must stay under 30.
# Run by ctest (cli.tidy); clang-tidy comes from scripts/setup.sh.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
: "${QTHERM_BUILD_DIR:?set by ctest: the build directory}"
make_work_dir tidy

tidy=${CLANG_TIDY:-clang-tidy}
command -v "$tidy" > /dev/null || fail_now "$tidy not found (bash scripts/setup.sh installs Debian's clang-tidy)"
config="$QTHERM_SOURCE_DIR/.clang-tidy"
[ -f "$config" ] || fail_now "no .clang-tidy in $QTHERM_SOURCE_DIR"
[ -f "$QTHERM_BUILD_DIR/compile_commands.json" ] || fail_now "no compile_commands.json in $QTHERM_BUILD_DIR"

files=()
for layer in ${QTHERM_TIDY_LAYERS:-base parallel space io operators}; do
  [ -d "$QTHERM_SOURCE_DIR/src/qtherm/$layer" ] || fail_now "no layer src/qtherm/$layer"
  mapfile -t -O ${#files[@]} files < <(find "$QTHERM_SOURCE_DIR/src/qtherm/$layer" -name '*.cpp' | sort)
done
[ "${#files[@]}" -gt 0 ] || fail_now "no C++ sources in the chosen layers"

# A check that finds nothing because it never ran is no check: a planted slip must be reported.
cat > "$work/planted.cpp" <<'CPP'
#include <utility>
#include <vector>
int planted(std::vector<int> v) {
  std::vector<int> w = std::move(v);
  return int(v.size() + w.size());
}
CPP
if "$tidy" --config-file="$config" --quiet "$work/planted.cpp" -- -std=c++17 > "$work/planted.out" 2>&1 \
   || ! grep -q "bugprone-use-after-move" "$work/planted.out"; then
  fail "clang-tidy did not report a planted use after move"; show "$work/planted.out"
fi

bad=0
for f in "${files[@]}"; do
  if ! "$tidy" --config-file="$config" -p "$QTHERM_BUILD_DIR" --quiet "$f" > "$work/tidy.out" 2>&1; then
    fail "${f#"$QTHERM_SOURCE_DIR"/}:"
    grep -E "(warning|error):" "$work/tidy.out" > "$work/tidy.findings" || cp "$work/tidy.out" "$work/tidy.findings"
    show "$work/tidy.findings"
    bad=$((bad + 1))
  fi
done
[ "$bad" -eq 0 ] && ok "${#files[@]} files clean under .clang-tidy ($("$tidy" --version | sed -n 's/.*version //p'))"
finish "tidy"
