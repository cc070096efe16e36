#!/usr/bin/env bash
# Sets up a Debian 12 machine, checks the formatting (scripts/check-format.sh), builds, and runs the
# whole test suite: the Windows programs (scripts/windows.sh, in the background from the start: its
# toolchain is the longest build), the dev preset (warnings as errors) with the "windows" tests that
# run those programs under Wine, the asan preset (AddressSanitizer + UBSan), then the nine libFuzzer
# targets for EASCERT_FUZZ_SECONDS each (default 45; scripts/fuzz.sh).
# Usage: scripts/test.sh [dev|asan|fuzz ...]
set -euo pipefail
cd "$(dirname "$0")/.."

[ "${EASCERT_SKIP_SETUP:-0}" = 1 ] || scripts/setup.sh

echo "=== format: every C++ file as .clang-format has it"
scripts/check-format.sh

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(dev asan fuzz)
jobs=$(nproc)

mkdir -p build
windows_log=build/windows-build.log
echo "=== windows: toolchain and programs in the background (log: $windows_log)"
start=$SECONDS
scripts/windows.sh >"$windows_log" 2>&1 &
windows_pid=$!
windows_done=0
wait_for_windows() {
    [ "$windows_done" = 1 ] && return 0
    if ! wait "$windows_pid"; then
        tail -n 60 "$windows_log" >&2
        echo "=== windows: the build failed (above; whole log in $windows_log)" >&2
        exit 1
    fi
    windows_done=1
    grep '^windows:' "$windows_log" || true
    echo "=== windows: built in $((SECONDS - start)) s"
}

for preset in "${presets[@]}"; do
    if [ "$preset" = fuzz ]; then
        echo "=== fuzz: nine targets, ${EASCERT_FUZZ_SECONDS:-45} s each"
        EASCERT_SKIP_SETUP=1 scripts/fuzz.sh "${EASCERT_FUZZ_SECONDS:-45}"
        continue
    fi
    echo "=== $preset: configure, build, test"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j "$jobs"
    filter=()
    if [ "$preset" = dev ]; then
        wait_for_windows
    else
        # The Windows programs are tested once (dev): the sanitizers are in the Linux build only.
        filter=(-LE windows)
    fi
    ctest --preset "$preset" -j "$jobs" "${filter[@]}"
done
wait_for_windows
