#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer run: the unit and MPI tests of the layers that own
# raw memory (PETSc/HDF5 handles and array access, ghost exchange, the matrix-free kernels, the
# configuration reader), built -O0 with the sanitizers in build-sanitize/ and run by ctest. The
# first finding aborts its test, so any finding fails this script. Called by scripts/test.sh.
#
#   bash scripts/sanitize.sh                   # layers: base parallel space io operators
#   QTHERM_SANITIZE_LAYERS="dynamics" bash scripts/sanitize.sh
#
# Why not every layer: the instrumented build costs about what the Release build does, and the
# suite must stay within 30 minutes on 2 cores; these layers build in ~3 minutes.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
layers=${QTHERM_SANITIZE_LAYERS:-base parallel space io operators}
dir=$root/build-sanitize

targets=()
for layer in $layers; do
  for kind in unit mpi; do
    for src in "$root"/tests/$kind/$layer/test_*.cpp; do
      [ -e "$src" ] || continue
      name=$(basename "$src" .cpp)
      targets+=("${kind}_${name#test_}")
    done
  done
done
[ ${#targets[@]} -gt 0 ] || { echo "sanitize.sh: no test in layers: $layers" >&2; exit 2; }

# -g1: line tables for the reports, at little compile cost. ccache would key on these flags anyway.
mkdir -p "$dir"
cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O0 -g1" \
  -DQTHERM_SANITIZE=ON -DQTHERM_BUILD_TESTS=ON > "$dir/configure.log" 2>&1 \
  || { cat "$dir/configure.log" >&2; exit 1; }
cmake --build "$dir" -j"$(nproc)" --target "${targets[@]}"
# A run that checks nothing must not pass: every test program carries both runtimes.
for t in "${targets[@]}"; do
  libs=$(ldd "$dir/tests/$t")
  grep -q libasan <<< "$libs" && grep -q libubsan <<< "$libs" \
    || { echo "sanitize.sh: $t is not instrumented (no libasan/libubsan)" >&2; exit 1; }
done

# Leaks inside MPI, PETSc and HDF5 (their own one-time allocations) are theirs, not ours.
export LSAN_OPTIONS="suppressions=$root/tests/support/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="abort_on_error=1:detect_stack_use_after_return=1:fast_unwind_on_malloc=0:malloc_context_size=40"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
label="^($(tr ' ' '|' <<< "$layers"))\$"
ctest --test-dir "$dir" --output-on-failure --parallel "${QTHERM_TEST_PARALLEL:-2}" \
  -L "$label" --no-tests=error < /dev/null
