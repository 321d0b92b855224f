#!/usr/bin/env bash
# Installs the Debian packages qtherm needs, only those that are missing.
# Idempotent: on a machine that has everything it installs nothing and touches no network.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  openmpi-bin libopenmpi-dev
  libpetsc-complex-dev libslepc-complex-dev
  libhdf5-openmpi-dev
  libboost-program-options-dev libboost-test-dev
  libeigen3-dev
  nlohmann-json3-dev
  python3 python3-numpy python3-h5py python3-matplotlib
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
