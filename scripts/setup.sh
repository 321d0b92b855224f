#!/usr/bin/env bash
# Installs the Debian packages qtherm needs, only those that are missing, and makes this
# checkout's Python package (python/qtherm) importable by Debian's python3.
# Idempotent: on a machine that has everything it installs nothing and touches no network.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(
  build-essential cmake ninja-build pkg-config
  openmpi-bin libopenmpi-dev
  libpetsc-complex-dev libslepc-complex-dev
  libhdf5-openmpi-dev
  libboost-program-options-dev libboost-test-dev
  libeigen3-dev
  # Optimised single-threaded BLAS/LAPACK behind Debian's libblas.so.3 (alternatives): the steady
  # state's eigenbasis preconditioner is dense gemm and zheevd, 5-10x the reference BLAS.
  libopenblas0-serial
  libmuparser-dev
  nlohmann-json3-dev
  clang-format clang-tidy
  python3 python3-numpy python3-h5py python3-matplotlib python3-xarray python3-pytest
)

# python/qtherm on Debian's python3 path: this checkout's python/ directory in a qtherm.pth of the
# user's site-packages (what `pip install --user -e` would do, without pip), and after it Debian's
# dist-packages, so that another python3 of the same version sharing that user directory (e.g. a
# pyenv shim first on PATH) finds Debian's numpy, h5py and xarray too (appended: its own come first).
# Rewritten when it names another checkout, so the last checkout set up is the one imported;
# delete the file to undo. The tests do not rely on it: ctest sets PYTHONPATH itself.
python_path() {
  local site pth
  pth=$(printf '%s\n%s' "$root/python" /usr/lib/python3/dist-packages)
  site=$(/usr/bin/python3 -c 'import site; print(site.getusersitepackages() if site.ENABLE_USER_SITE else "")')
  if [ -z "$site" ]; then
    echo "setup: python3 has no user site-packages; use PYTHONPATH=$root/python to import qtherm"
    return
  fi
  if [ "$(cat "$site/qtherm.pth" 2> /dev/null)" != "$pth" ]; then
    mkdir -p "$site"
    echo "$pth" > "$site/qtherm.pth"
    echo "setup: python3 imports qtherm from $root/python ($site/qtherm.pth)"
  fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  python_path
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
python_path
