#!/usr/bin/env bash
# Installs the Debian packages PriorCut links against (OpenBLAS, LAPACKE, libpng, libtiff).
# Safe to re-run: apt-get skips what is already installed.
set -euo pipefail
packages=(libopenblas-dev liblapacke-dev libpng-dev libtiff-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "Debian packages present: ${packages[*]}"
    exit 0
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "Installing: ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
