#!/usr/bin/env bash
# Sets up a Debian 12 machine, builds, and runs the whole test suite: the dev preset (warnings as
# errors), then the asan preset (AddressSanitizer + UBSan). Usage: scripts/test.sh [dev|asan ...]
set -euo pipefail
cd "$(dirname "$0")/.."

[ "${EASCERT_SKIP_SETUP:-0}" = 1 ] || scripts/setup.sh

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(dev asan)
jobs=$(nproc)
for preset in "${presets[@]}"; do
    echo "=== $preset: configure, build, test"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j "$jobs"
    ctest --preset "$preset" -j "$jobs"
done
