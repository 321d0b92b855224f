#!/usr/bin/env bash
# Every C++ source of the tree (src/, apps/, tests/, bench/) is formatted as .clang-format says:
# `clang-format --dry-run -Werror` on each, the offending files and first lines named. Reformat with
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
bad=0
for f in "${files[@]}"; do
  if ! "$formatter" --style=file --dry-run -Werror "$f" > /dev/null 2> "$work/format.err"; then
    fail "$f is not formatted (clang-format -i $f):"
    show "$work/format.err"
    bad=$((bad + 1))
  fi
done
[ "$bad" -eq 0 ] && ok "${#files[@]} files formatted as .clang-format says ($("$formatter" --version | sed 's/.*version //'))"
finish "format"
