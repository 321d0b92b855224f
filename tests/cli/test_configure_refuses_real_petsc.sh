#!/usr/bin/env bash
# Configure-time refusal of a real-scalar PETSc (cmake/FindPETSc.cmake), and proof that
# PETSC_DIR/PETSC_ARCH are honoured: a fake PETSc installation whose petscsys.h does not define
# PETSC_USE_COMPLEX is put at $PETSC_DIR/$PETSC_ARCH, where the find module looks before the
# system paths. Configuring qtherm against it must fail with the complex-scalars message, and
# the message must name the fake's version (so the fake, not Debian's PETSc, was found).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
cmake_cmd=$(build_cmake)  # the cmake of the qtherm build if QTHERM_BUILD_DIR is set
make_work_dir realpetsc

fake_version=3.99.7
export PETSC_DIR=$work/petsc
export PETSC_ARCH=arch-fake-real
unset SLEPC_DIR
root=$PETSC_DIR/$PETSC_ARCH
mkdir -p "$root/include" "$root/lib/pkgconfig"

# A real-scalar petscsys.h as far as the check can tell: no PETSC_USE_COMPLEX.
cat > "$root/include/petscsys.h" <<'H'
#ifndef FAKE_PETSCSYS_H
#define FAKE_PETSCSYS_H
#define PETSC_USE_REAL_DOUBLE 1
typedef double PetscScalar;
typedef int PetscErrorCode;
#endif
H

cat > "$root/lib/pkgconfig/PETSc.pc" <<PC
prefix=$root
includedir=\${prefix}/include
libdir=\${prefix}/lib

Name: PETSc
Description: fake real-scalar PETSc for qtherm's configure test
Version: $fake_version
Cflags: -I\${includedir}
Libs: -L\${libdir}
PC

set +e
"$cmake_cmd" -S "$QTHERM_SOURCE_DIR" -B "$work/build" -DQTHERM_BUILD_TESTS=OFF \
  < /dev/null > "$work/configure.log" 2>&1
rc=$?
set -e
cat "$work/configure.log"

[ "$rc" -ne 0 ] || fail_now "configure succeeded against a real-scalar PETSc"
# CMake wraps long messages: compare with the log joined into one line.
flat=$(tr -s ' \n' '  ' < "$work/configure.log")
grep -q "qtherm needs PETSc built with complex scalars" <<< "$flat" \
  || fail_now "configure failed, but not with the complex-scalars message"
grep -q "version $fake_version" <<< "$flat" \
  || fail_now "the refusal does not name the fake PETSc $fake_version: PETSC_DIR/PETSC_ARCH not honoured?"
echo "PASS: configure refuses a real-scalar PETSc found through PETSC_DIR/PETSC_ARCH"
