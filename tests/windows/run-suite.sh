#!/usr/bin/env bash
# Runs one of the Linux test suites on the Windows eascert.exe under Wine: the suite's runEascert
# (tests/support/Process.cpp) starts $EASCERT_TEST_CLI through $EASCERT_TEST_CLI_WRAPPER.
#     run-suite.sh WORK_DIR TEST_BINARY [CATCH2 ARGUMENTS...]
set -euo pipefail
here=$(dirname "$(realpath "$0")")
. "$here/wine-env.sh"
work=$1; binary=$2; shift 2
need_windows_build "$EASCERT_TEST_CLI"
# In a network namespace of its own (the probe suite): loopback up.
ip link set lo up 2>/dev/null || true
wine_work "$work"
echo "run-suite: $(basename "$binary") on $EASCERT_TEST_CLI under Wine"
"$binary" "$@"
