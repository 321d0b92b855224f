#!/usr/bin/env bash
# Every C++ source of the tree (src/, apps/, tests/, bench/) is formatted as .clang-format says:
# `clang-format --dry-run -Werror` on all of them, the offending files and first lines named. Reformat with
#     git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
# Run by ctest (cli.format) with QTHERM_SOURCE_DIR set; clang-format comes from scripts/setup.sh.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
make_work_dir format
cd "$QTHERM_SOURCE_DIR"

formatter=${CLANG_FORMAT:-clang-format}
command -v "$formatter" > /dev/null || fail_now "$formatter not found (bash scripts/setup.sh installs Debian's clang-format)"
[ -f .clang-format ] || fail_now "no .clang-format in $QTHERM_SOURCE_DIR"

mapfile -t files < <(find src apps tests bench \( -name '*.cpp' -o -name '*.hpp' \) -type f 2> /dev/null | sort)
[ "${#files[@]}" -gt 0 ] || fail_now "no C++ sources found under src apps tests bench"
# One clang-format process for all files (one per file spent ~40 s starting processes); each
# violation is reported as "FILE:LINE:COL: error: code should be clang-formatted".
"$formatter" --style=file --dry-run -Werror "${files[@]}" > /dev/null 2> "$work/format.err" || true
mapfile -t offenders < <(sed -n 's/^\(.*\):[0-9][0-9]*:[0-9][0-9]*: error: .*/\1/p' "$work/format.err" | sort -u)
bad=${#offenders[@]}
for f in "${offenders[@]}"; do
  fail "$f is not formatted (clang-format -i $f):"
  grep -A2 -F "$f:" "$work/format.err" | head -n 6 > "$work/format.one"
  show "$work/format.one"
done
if [ "$bad" -eq 0 ] && grep -q . "$work/format.err"; then
  fail "clang-format failed:"
  show "$work/format.err"
  bad=1
fi
[ "$bad" -eq 0 ] && ok "${#files[@]} files formatted as .clang-format says ($("$formatter" --version | sed 's/.*version //'))"
finish "format"
