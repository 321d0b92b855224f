#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: install what is missing, build everything
# (Release, build/, tests included), run ctest, then the sanitizer run (scripts/sanitize.sh:
# AddressSanitizer + UndefinedBehaviorSanitizer on the lower layers' tests, in build-sanitize/).
# Fails if any test fails or if no test ran. The format and tidy checks (cli.format, cli.tidy) and
# the install + downstream find_package check (cli.install_downstream) are ctest tests.
#
#   bash scripts/test.sh                 # everything
#   bash scripts/test.sh -L unit         # extra arguments go to ctest (labels: unit, mpi, cli, python);
#                                        # with them the sanitizer run is skipped unless
#   QTHERM_TEST_SANITIZE=1 bash scripts/test.sh -L unit   # asks for it (=0: never)
#
# QTHERM_TEST_PARALLEL (default 2) is ctest's parallel level; MPI tests declare their rank count
# as ctest PROCESSORS, so a 3-rank test counts as 3 of those slots.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/setup.sh

# Ninja keeps both cores busy across the layers' boundaries: a fresh build took 10.3 min against
# make's 11.4 on 2 cores.
# A build/ made earlier by make keeps its generator.
generator=()
[ -f build/CMakeCache.txt ] || generator=(-G Ninja)
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DQTHERM_BUILD_TESTS=ON
cmake --build build -j"$(nproc)"

log=$(mktemp "${TMPDIR:-/tmp}/qtherm-ctest.XXXXXX")
trap 'rm -f "$log"' EXIT

# --timeout bounds tests without their own TIMEOUT, so a hung MPI run cannot eat the CI budget.
rc=0
ctest --test-dir build --output-on-failure --parallel "${QTHERM_TEST_PARALLEL:-2}" \
  --timeout 600 --no-tests=error "$@" < /dev/null 2>&1 | tee "$log" || rc=$?

# ctest's summary: "100% tests passed, 0 tests failed out of N".
summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n1 || true)
total=$(sed -n 's/.* out of \([0-9][0-9]*\).*/\1/p' <<< "$summary")
if grep -q "No tests were found" "$log" || [ -z "$total" ] || [ "$total" -eq 0 ]; then
  echo "test.sh: FAILED: no test ran" >&2
  exit 1
fi
if [ "$rc" -ne 0 ]; then
  echo "test.sh: FAILED ($summary)" >&2
  exit "$rc"
fi
sanitized=""
if [ "${QTHERM_TEST_SANITIZE:-$([ $# -eq 0 ] && echo 1 || echo 0)}" = 1 ]; then
  bash scripts/sanitize.sh < /dev/null 2>&1 | tee "$log" || { echo "test.sh: FAILED (sanitizer run)" >&2; exit 1; }
  sanitized="; sanitizers: $(grep -E '^[0-9]+% tests passed' "$log" | tail -n1)"
fi
echo "test.sh: OK ($summary$sanitized)"
