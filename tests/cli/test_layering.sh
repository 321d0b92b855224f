#!/usr/bin/env bash
# The layering rules of docs/adding_a_model.md and the README, checked on the source tree:
#  - a layer of src/qtherm includes only itself and the layers of its QTHERM_DEPENDS_<layer> in
#    src/qtherm/CMakeLists.txt (what its library links), each of which comes before it in
#    QTHERM_LAYERS and is really included;
#  - no MPI_COMM_WORLD below apps/ (the communicator is passed explicitly);
#  - code that may throw reads Vec arrays through parallel/vec_array.hpp (QTHERM_PETSC(VecGetArray...)
#    elsewhere would leave the Vec locked when an exception passes);
#  - models/ makes no PETSc call of its own (QTHERM_PETSC / PetscCall): parallel/ and operators/
#    wrap them (parallel/vector_ops.hpp);
#  - only models/ cites the seed papers ("seed 004 Eq. 20"): the layers below are general;
#  - Eigen's dense Hermitian eigensolver and matrix exponential are used through
#    base/eigen_solvers.hpp and base/eigen_exp.hpp, which instantiate them once (each costs seconds
#    of compile time in every file that instantiates its own), in src/ and tests/ alike.
# Needs only the sources: run by ctest (cli.layering) with QTHERM_SOURCE_DIR set.
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
src=$QTHERM_SOURCE_DIR/src/qtherm

read -r -a layers <<< "$(sed -n 's/^set(QTHERM_LAYERS \([a-z ]*\))$/\1/p' "$src/CMakeLists.txt")"
[ "${#layers[@]}" -ge 2 ] || fail_now "no 'set(QTHERM_LAYERS ...)' line in src/qtherm/CMakeLists.txt"
declare -A rank=()
for i in "${!layers[@]}"; do rank[${layers[$i]}]=$i; done

for layer in "${layers[@]}"; do
  [ -d "$src/$layer" ] || { fail "layer $layer has no folder src/qtherm/$layer"; continue; }
  deps_line=$(grep "^set(QTHERM_DEPENDS_$layer\b" "$src/CMakeLists.txt" || true)
  [ -n "$deps_line" ] || { fail "no 'set(QTHERM_DEPENDS_$layer ...)' line in src/qtherm/CMakeLists.txt"; continue; }
  read -r -a deps <<< "$(sed 's/^set(QTHERM_DEPENDS_[a-z]*\(.*\))$/\1/' <<< "$deps_line")"
  declare -A declared=() used=()
  for d in "${deps[@]}"; do
    declared[$d]=1
    if [ -z "${rank[$d]+x}" ] || [ "${rank[$d]}" -ge "${rank[$layer]}" ]; then
      fail "QTHERM_DEPENDS_$layer names $d, which is not a layer before $layer in QTHERM_LAYERS"
    fi
  done
  files=0 wrong=0
  while IFS= read -r f; do
    files=$((files + 1))
    while IFS=: read -r line target; do
      [ "$target" = "$layer" ] && continue
      used[$target]=1
      if [ -z "${rank[$target]+x}" ]; then
        fail "${f#"$QTHERM_SOURCE_DIR"/}:$line includes qtherm/$target/, which is not a layer"
        wrong=$((wrong + 1))
      elif [ "${rank[$target]}" -gt "${rank[$layer]}" ]; then
        fail "${f#"$QTHERM_SOURCE_DIR"/}:$line: layer $layer includes the higher layer $target"
        wrong=$((wrong + 1))
      elif [ -z "${declared[$target]+x}" ]; then
        fail "${f#"$QTHERM_SOURCE_DIR"/}:$line: layer $layer includes $target, not in QTHERM_DEPENDS_$layer"
        wrong=$((wrong + 1))
      fi
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"qtherm/' "$f" |
               sed 's|^\([0-9]*\):.*"qtherm/\([a-z_]*\)/.*|\1:\2|' || true)
  done < <(find "$src/$layer" -name '*.hpp' -o -name '*.cpp' | sort)
  for d in "${deps[@]}"; do
    [ -n "${used[$d]+x}" ] || { fail "QTHERM_DEPENDS_$layer names $d, but no file of $layer includes it"; wrong=$((wrong + 1)); }
  done
  [ "$files" -gt 0 ] || fail "layer $layer has no source files"
  [ "$wrong" -eq 0 ] && ok "$layer: $files files include exactly what it links: ${deps[*]:-(nothing)}"
  unset declared used
done

world=$(grep -rn 'MPI_COMM_WORLD' "$src" --include='*.cpp' --include='*.hpp' || true)
if [ -n "$world" ]; then
  fail "MPI_COMM_WORLD below apps/ (pass the communicator instead):"
  printf '%s\n' "$world" | sed "s|$QTHERM_SOURCE_DIR/||; s/^/        | /" | head -n 20
else
  ok "no MPI_COMM_WORLD in src/qtherm"
fi
raw=$(grep -rn 'QTHERM_PETSC(VecGetArray' "$src" --include='*.cpp' --include='*.hpp' | grep -v "^$src/parallel/vec_array.hpp:" || true)
if [ -n "$raw" ]; then
  fail "unguarded Vec array access (use parallel::ReadArray / WriteArray / ReadWriteArray):"
  printf '%s\n' "$raw" | sed "s|$QTHERM_SOURCE_DIR/||; s/^/        | /" | head -n 20
else
  ok "Vec arrays in throwing code go through parallel/vec_array.hpp"
fi
petsc=$(grep -rnE 'QTHERM_PETSC\(|PetscCall\(' "$src/models" --include='*.cpp' --include='*.hpp' || true)
if [ -n "$petsc" ]; then
  fail "PETSc calls in models/ (use parallel/vector_ops.hpp or an operators/ function):"
  printf '%s\n' "$petsc" | sed "s|$QTHERM_SOURCE_DIR/||; s/^/        | /" | head -n 20
else
  ok "models/ makes no PETSc call of its own"
fi
cites=$(grep -rn -i 'seed 00[0-9]' "$src" --include='*.cpp' --include='*.hpp' | grep -v "^$src/models/" || true)
if [ -n "$cites" ]; then
  fail "seed papers cited outside models/ (cite docs/physics.md there instead):"
  printf '%s\n' "$cites" | sed "s|$QTHERM_SOURCE_DIR/||; s/^/        | /" | head -n 20
else
  ok "seed papers cited only in models/"
fi
# eigen_instances FILE_PATTERN HEADER WHAT: every source file matching FILE_PATTERN includes HEADER.
eigen_instances() {
  local pattern=$1 header=$2 what=$3 missing
  missing=$(grep -rlE "$pattern" "$src" "$QTHERM_SOURCE_DIR/tests" --include='*.cpp' --include='*.hpp' \
    | grep -v "/base/eigen_" | xargs -r grep -L "#include \"$header\"" || true)
  if [ -n "$missing" ]; then
    fail "$what without $header (instantiated again in each file):"
    printf '%s\n' "$missing" | sed "s|$QTHERM_SOURCE_DIR/||; s/^/        | /"
  else
    ok "$what through $header"
  fi
}
eigen_instances 'SelfAdjointEigenSolver<(Eigen::)?(MatrixXcd|MatrixXd|Dense)>' qtherm/base/eigen_solvers.hpp \
  "SelfAdjointEigenSolver of dynamic matrices"
eigen_instances '#include <unsupported/Eigen/MatrixFunctions>' qtherm/base/eigen_exp.hpp "MatrixFunctions"
finish "layering"
