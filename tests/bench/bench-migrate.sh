#!/usr/bin/env bash
# Benchmark: `eascert directory migrate` on a real Samba AD DC seeded with N accounts (each with a
# published certificate and its weak mapping), against OpenLDAP's tools doing the same I/O, in the
# same run:
#   planning   vs `ldapsearch -E pr=1000/noprompt` of the same attributes        (target <= 1.3)
#   applying   vs `ldapmodify` of the plan's own LDIF (--format ldif)            (target <= 1.2)
#   peak memory of planning and applying at N/5 and N accounts                  (target <= 1.2 growth)
# Run on purpose, not by ctest:
#     tests/bench/bench-migrate.sh [BUILD_DIR=build/release] [ACCOUNTS=10000] [RUNS=3] [SEEDER_BUILD=build/dev]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
accounts=${2:-10000}
runs=${3:-3}
seeder_build=${4:-build/dev}
eascert=$(realpath "$build/app/cli/eascert")
seeder=$(realpath "$seeder_build/tests/bench/eascert_bench_migrate_seed")
[ -x "$eascert" ] || { echo "build eascert first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
[ -x "$seeder" ] || { echo "build the seeder first: cmake --build $seeder_build --target eascert_bench_migrate_seed" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d /tmp/eascert-bench-migrate.XXXXXX)
trap 'rm -rf "$work"' EXIT
exec unshare -n -- tests/fixtures/dc/run-with-dc.sh "$eascert" "$work/dc" -- \
    tests/bench/bench-migrate-inner.sh "$eascert" "$seeder" "$accounts" "$runs" "$work"
