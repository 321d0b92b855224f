#!/usr/bin/env bash
# A full file system (issue 19): output or checkpoints on a small tmpfs that cannot hold them. The
# run must end with ONE line naming the file and "No space left on device (ENOSPC)", exit status 1,
# no crash (no signal, no HDF5 error stack), nothing under the final name (nor a .partial); after
# space is freed (the tmpfs grown), `--restart` (or a fresh run) completes. Needs permission to
# mount a tmpfs (root, or CAP_SYS_ADMIN); where that is impossible it says so and is skipped.
# Run by ctest (cli.full_disk) with QTHERM and MPIEXEC set (tests/CMakeLists.txt).
set -euo pipefail

source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
use_mpiexec
work=$(mktemp -d "${TMPDIR:-/tmp}/qtherm-fulldisk.XXXXXX")
disk="$work/disk"
mkdir "$disk"
cleanup() {
  umount "$disk" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
if ! mount -t tmpfs -o size=256k qtherm-full "$disk" 2> mount.err; then
  echo "SKIPPED: cannot mount a tmpfs here ($(head -n 1 mount.err)); the full-disk test needs root or CAP_SYS_ADMIN"
  exit 0
fi

# 4 qubits with rho(t) stored: ~0.8 MB of states, more than the 256 kB tmpfs holds.
cat > big.ini << 'EOF'
[model]
name = lindblad
dims = 2, 2, 2, 2
hamiltonian = 0.5*sz(0) + 0.5*sz(1) + 0.5*sz(2) + 0.5*sz(3) + 0.2*sx(0)*sx(1)
jumps = 1 : sm(0); 0.5 : sm(3)
initial_basis = 1, 0, 1, 0
[time]
t_final = 2
samples = 201
[output]
states = true
EOF

# expect_enospc LABEL FILE: the run just done ($status, last.err) failed on FILE for lack of space.
expect_enospc() {
  local label=$1 file=$2 count line bad=0
  count=$(grep -c '^qtherm: error:' last.err || true)
  line=$(grep '^qtherm: error:' last.err | head -n 1 || true)
  if [ "$status" -ne 1 ]; then fail "$label: exit status $status, expected 1 (>128: killed by a signal)"; bad=1; fi
  if [ "$count" -ne 1 ]; then fail "$label: $count 'qtherm: error:' lines, expected 1"; bad=1; fi
  if [[ "$line" != *"$file"* || "$line" != *"No space left on device (ENOSPC)"* ]]; then
    fail "$label: the error line does not name '$file' and ENOSPC"; bad=1
  fi
  if grep -q 'HDF5-DIAG\|#00\|Segmentation\|Aborted' last.err; then fail "$label: HDF5 diagnostics or a crash on stderr"; bad=1; fi
  local left
  left=$(find "$disk" -name '*.h5' -o -name '*.partial' | tr '\n' ' ')
  if [ -n "$left" ]; then fail "$label: left on the full disk: $left"; bad=1; fi
  if [ "$bad" -ne 0 ]; then show last.err; else ok "$label: exit 1, $line"; fi
}

echo "== the output file on a full disk (checkpoints elsewhere), then a restart after space is freed"
for np in 1 2; do
  rm -rf ckpt$np
  run_to last "$mpiexec" -n "$np" "$QTHERM" run big.ini --output.file="$disk/out$np.h5" --checkpoint.dir="ckpt$np"
  expect_enospc "np $np: output on a full disk" "$disk/out$np.h5"
  [ -d "ckpt$np" ] || fail "np $np: the finished point was not kept in ckpt$np for a restart"
done
mount -o remount,size=8m "$disk"
for np in 1 2; do
  run_to last "$mpiexec" -n "$np" "$QTHERM" run big.ini --output.file="$disk/out$np.h5" --checkpoint.dir="ckpt$np" --restart
  if [ "$status" -eq 0 ] && [ -f "$disk/out$np.h5" ] && grep -q 'finished in an earlier run' last.out; then
    ok "np $np: --restart after space was freed completes from the kept point"
  else
    fail "np $np: --restart after freeing space: exit $status"; show last.err
  fi
done
rm -f "$disk"/*.h5

echo "== the checkpoint directory on a full disk"
mount -o remount,size=256k "$disk"
run_to last "$QTHERM" run big.ini --output.file="$disk/ck.h5"
expect_enospc "point file on a full disk" "$disk/ck.h5.checkpoint/point_0.h5"
mount -o remount,size=8m "$disk"
run_to last "$QTHERM" run big.ini --output.file="$disk/ck.h5"
if [ "$status" -eq 0 ] && [ -f "$disk/ck.h5" ]; then ok "a later run completes once there is space"
else fail "a later run after freeing space: exit $status"; show last.err; fi

finish "full-disk"
