#!/usr/bin/env bash
# First run on a fresh Debian machine: install the C libraries, build in release, and run the main job,
# `priorcut example circles` (paper §4.1): generate synthetic circles, train the agent from the circle rules alone,
# keep the checkpoint with the best validation reward, segment held-out images, run the baselines and the superpixel
# upper bound, evaluate everything with the same metrics and write runs/circles/report.html (open it in a browser).
# Three seeds, the one with the best validation reward reported: about 5 minutes on 2 cores. Outputs go to
# runs/circles/ (an earlier run there is replaced).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
swift build -c release --product priorcut
.build/release/priorcut example circles --seeds 3 --out runs/circles --force
echo "Open runs/circles/report.html (the report of the seed with the best validation reward)"
