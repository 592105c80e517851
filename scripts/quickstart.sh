#!/usr/bin/env bash
# First run on a fresh Debian machine: install the C libraries, build in release, and run the main job on the
# bundled nuclei images (superpixels → best reachable segmentation → evaluation, next to the Otsu baseline).
# Outputs go to runs/quickstart/ (existing outputs there are replaced).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
swift build -c release --product priorcut
priorcut=.build/release/priorcut
data=Examples/nuclei/data/test
out=runs/quickstart
mkdir -p "$out"

echo "== Superpixels (RAW recipe: image data only)"
"$priorcut" superpixels --images "$data/images" --out "$out/superpixels" --force
echo "== Best segmentation reachable by merging those superpixels (the paper's \"sp gt\")"
"$priorcut" upper-bound --superpixels "$out/superpixels" --ground-truth "$data/masks" --out "$out/upper-bound" --force
"$priorcut" evaluate --ground-truth "$data/masks" --prediction "$out/upper-bound"
echo "== Baseline: Otsu threshold + connected components"
"$priorcut" baseline otsu --images "$data/images" --out "$out/otsu" --force
"$priorcut" evaluate --ground-truth "$data/masks" --prediction "$out/otsu"
echo "Outputs: $out/"
