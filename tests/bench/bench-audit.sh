#!/usr/bin/env bash
# Benchmark: `eascert directory audit` against `ldapsearch -E pr=1000/noprompt` fetching the same
# attributes with the same filter, in the same run, on a real Samba AD DC seeded with N accounts.
# Prints the wall-time ratio (target <= 1.3) and the audit's peak memory at N/5 and N accounts
# (target: no growth with N). Run on purpose, not by ctest:
#     tests/bench/bench-audit.sh [BUILD_DIR=build/release] [ACCOUNTS=10000] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
accounts=${2:-10000}
runs=${3:-3}
eascert=$build/app/cli/eascert
[ -x "$eascert" ] || { echo "build eascert first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d /tmp/eascert-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
exec unshare -n -- tests/fixtures/dc/run-with-dc.sh "$eascert" "$work/dc" -- \
    tests/bench/bench-audit-inner.sh "$eascert" "$accounts" "$runs" "$work"
