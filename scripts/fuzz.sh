#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-16 + ASan/UBSan) and fuzzes each for SECONDS (default 60).
# Seeds: tests/fuzz/corpus/mapping for mapping values; a fresh demo lab PKI for the certificate loader.
# Crashing inputs are written to build/fuzz/findings/. Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}

if [ "${EASCERT_SKIP_SETUP:-0}" != 1 ]; then
    scripts/setup.sh
    dpkg -s clang-16 libclang-rt-16-dev >/dev/null 2>&1 ||
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang-16 libclang-rt-16-dev; }
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" --target fuzz_certificate_loader fuzz_mapping_value fuzz_ldif \
    fuzz_http_response eascert

work=build/fuzz/work
rm -rf "$work" && mkdir -p "$work/loader" "$work/mapping" "$work/ldif" "$work/http" build/fuzz/findings
build/fuzz/app/cli/eascert lab pki --out "$work/lab" >/dev/null
cp "$work"/lab/*.cer "$work"/lab/*.p7b "$work"/lab/*.pfx "$work/loader/"
cp tests/fuzz/corpus/mapping/* "$work/mapping/"
cp tests/fuzz/corpus/ldif/* "$work/ldif/"
cp tests/fuzz/corpus/http/* "$work/http/"

export ASAN_OPTIONS=detect_leaks=1
status=0
for spec in fuzz_certificate_loader:loader fuzz_mapping_value:mapping fuzz_ldif:ldif fuzz_http_response:http; do
    target=${spec%%:*}; corpus=$work/${spec#*:}
    echo "=== $target for ${seconds}s"
    "build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -max_len=16384 -print_final_stats=1 \
        -artifact_prefix=build/fuzz/findings/ "$corpus" 2>"build/fuzz/$target.log" || status=1
    grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|cov:' "build/fuzz/$target.log" | tail -3
done
[ $status -eq 0 ] || echo "!!! a target failed: see build/fuzz/*.log and build/fuzz/findings/"
exit $status
