#!/usr/bin/env bash
# Benchmark: `eascert diagnose` (probe + inspect + HTML/JSON report) on the local lab (a real Samba AD
# DC and the IIS-like endpoint asking it who a certificate belongs to) versus the same checks done by
# hand in sequence: `openssl s_client` (handshake, CA list), `curl --cert` (the OPTIONS request with
# the certificate) and `ldapsearch` (the account's mapping attributes), in the same run.
# Target: diagnose takes less wall time than the three tools. Run on purpose, not by ctest:
#     tests/bench/bench-diagnose.sh [BUILD_DIR=build/release] [ROUNDS=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
rounds=${2:-20}
eascert=$(realpath "$build/app/cli/eascert")
[ -x "$eascert" ] || { echo "build eascert first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
for tool in curl openssl ldapsearch unshare; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
work=$(mktemp -d /tmp/eascert-bench-diagnose.XXXXXX)
trap 'rm -rf "$work"' EXIT
exec unshare -n -- tests/fixtures/dc/run-with-dc.sh "$eascert" "$work/dc" -- \
    tests/bench/bench-diagnose-inner.sh "$eascert" "$rounds" "$work"
