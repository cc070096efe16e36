#!/usr/bin/env bash
# Runs a Windows test program under Wine in a throw-away prefix (its settings go to that prefix's
# registry). The wizard's tests get "-platform offscreen" as arguments: Wine does not hand
# QT_QPA_PLATFORM to the program.
#     run-exe.sh WINDOWS_TEST_EXE WORK_DIR [ARGUMENTS...]
set -euo pipefail
here=$(dirname "$(realpath "$0")")
. "$here/wine-env.sh"
exe=$1; work=$2; shift 2
need_windows_build "$exe"
wine_work "$work"
"$wine" "$exe" "$@"
