#!/usr/bin/env bash
# Installs the already-built qtherm into a temporary prefix, then configures, builds and runs
# tests/downstream against it: find_package(qtherm) must re-find PETSc/SLEPc/HDF5/Boost/Eigen/MPI
# and qtherm::qtherm must link. Run by ctest (cli.install_downstream), which sets
# QTHERM_BUILD_DIR, QTHERM_SOURCE_DIR and MPIEXEC (tests/CMakeLists.txt). The model families' own
# headers (models/<family>/) are not installed; models/common/ is.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM_BUILD_DIR:?set by ctest: the qtherm build directory}"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
use_mpiexec

# The same cmake and compilers as the qtherm build.
cmake_cmd=$(build_cmake)
cxx=$(cmake_cache_value CMAKE_CXX_COMPILER)
cc=$(cmake_cache_value CMAKE_C_COMPILER)

make_work_dir downstream
prefix=$work/prefix

echo "== install into $prefix"
"$cmake_cmd" --install "$QTHERM_BUILD_DIR" --prefix "$prefix" > "$work/install.log" \
  || { cat "$work/install.log"; fail_now "cmake --install"; }
for f in lib/cmake/qtherm/qthermConfig.cmake lib/cmake/qtherm/qthermTargets.cmake \
         include/qtherm/base/version.hpp include/qtherm/parallel/runtime.hpp bin/qtherm \
         include/qtherm/models/model.hpp include/qtherm/models/common/open_system.hpp; do
  [ -e "$prefix/$f" ] || fail_now "installed tree lacks $f"
done
# The model families' own headers are not an interface: not installed.
for family in "$QTHERM_SOURCE_DIR"/src/qtherm/models/*/; do
  name=$(basename "$family")
  [ "$name" = common ] && continue
  [ ! -e "$prefix/include/qtherm/models/$name" ] || fail_now "installed tree has include/qtherm/models/$name (internal)"
done

echo "== configure downstream project"
"$cmake_cmd" -S "$QTHERM_SOURCE_DIR/tests/downstream" -B "$work/build" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  ${cxx:+-DCMAKE_CXX_COMPILER="$cxx"} ${cc:+-DCMAKE_C_COMPILER="$cc"} \
  > "$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail_now "configure downstream"; }
grep -q "qtherm_DIR" "$work/build/CMakeCache.txt" || fail_now "qtherm_DIR not in downstream cache"
found_dir=$(sed -n 's/^qtherm_DIR:[A-Z]*=//p' "$work/build/CMakeCache.txt")
case "$found_dir" in
  "$prefix"/*) echo "found qtherm at $found_dir" ;;
  *) fail_now "find_package(qtherm) picked $found_dir, not the fresh install under $prefix" ;;
esac

echo "== build downstream project"
"$cmake_cmd" --build "$work/build" > "$work/build.log" 2>&1 \
  || { cat "$work/build.log"; fail_now "build downstream"; }

expected_version=$(sed -n 's/.*version = "\(.*\)";.*/\1/p' "$prefix/include/qtherm/base/version.hpp")
[ -n "$expected_version" ] || fail_now "no version in installed version.hpp"

check_output() {  # check_output <ranks> <file>
  local np=$1 out=$2
  cat "$out"
  grep -qx "qtherm $expected_version" "$out" || fail_now "np=$np: no 'qtherm $expected_version' line"
  grep -Eq '^petsc Petsc Release Version [0-9]+\.[0-9]+' "$out" || fail_now "np=$np: no PETSc version line"
  grep -qx "ranks $np" "$out" || fail_now "np=$np: expected 'ranks $np'"
  grep -qx "vector size 10" "$out" || fail_now "np=$np: expected 'vector size 10'"
  grep -qx "norm1 14.1421" "$out" || fail_now "np=$np: expected 'norm1 14.1421' (10 |1+i|)"
}

echo "== run downstream (1 process)"
"$work/build/downstream" < /dev/null > "$work/run1.out" 2>&1 \
  || { cat "$work/run1.out"; fail_now "downstream exited non-zero"; }
check_output 1 "$work/run1.out"

echo "== run downstream (mpiexec -n 2)"
"$mpiexec" -n 2 "$work/build/downstream" < /dev/null > "$work/run2.out" 2>&1 \
  || { cat "$work/run2.out"; fail_now "mpiexec -n 2 downstream exited non-zero"; }
check_output 2 "$work/run2.out"

echo "PASS: installed qtherm works from a downstream CMake project"
