#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-16 + ASan/UBSan) and fuzzes each for SECONDS (default 60), as
# many at a time as there are cores. Seeds: the committed corpora in tests/fuzz/corpus, and a fresh
# demo lab PKI for the certificate loader. A crash, a leak or a sanitizer report fails the run; the
# input is kept in build/fuzz/findings/. scripts/test.sh (and so CI) runs this; the figures (runs per
# target, findings) are in build/fuzz/summary.txt. Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}

[ "${EASCERT_SKIP_SETUP:-0}" = 1 ] || scripts/setup.sh
targets=(fuzz_certificate_loader:loader fuzz_mapping_value:mapping fuzz_ldif:ldif fuzz_http_response:http
         fuzz_probe_report:probe-report fuzz_ldif_report:ldif-report fuzz_iis_log:iis fuzz_evidence:evidence
         fuzz_migration_plan:migration-plan)
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" --target eascert "${targets[@]%%:*}"

work=build/fuzz/work
rm -rf "$work" build/fuzz/findings && mkdir -p "$work" build/fuzz/findings
for spec in "${targets[@]}"; do
    mkdir -p "$work/${spec#*:}"
    [ -d "tests/fuzz/corpus/${spec#*:}" ] && cp "tests/fuzz/corpus/${spec#*:}"/* "$work/${spec#*:}/"
done
build/fuzz/app/cli/eascert lab pki --out "$work/lab" >/dev/null
cp "$work"/lab/*.cer "$work"/lab/*.p7b "$work"/lab/*.pfx "$work/loader/"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
run_one() {
    local target=$1 corpus=$2
    "build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=1024 \
        -print_final_stats=1 -artifact_prefix="build/fuzz/findings/$target-" "$corpus" >"build/fuzz/$target.log" 2>&1
}
pids=() names=()
jobs=$(nproc)
status=0
for spec in "${targets[@]}"; do
    run_one "${spec%%:*}" "$work/${spec#*:}" &
    pids+=($!) names+=("${spec%%:*}")
    if [ ${#pids[@]} -ge "$jobs" ]; then
        wait "${pids[0]}" || { echo "!!! ${names[0]} failed: build/fuzz/${names[0]}.log"; status=1; }
        pids=("${pids[@]:1}") names=("${names[@]:1}")
    fi
done
for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { echo "!!! ${names[$i]} failed: build/fuzz/${names[$i]}.log"; status=1; }
done

: >build/fuzz/summary.txt
for spec in "${targets[@]}"; do
    t=${spec%%:*}
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "build/fuzz/$t.log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "build/fuzz/$t.log" | tail -1)
    found=$(find build/fuzz/findings -name "$t-*" | wc -l)
    printf 'fuzz: %-24s %9s runs in %ss (%s/s), findings: %s\n' "$t" "${runs:-?}" "$seconds" "${speed:-?}" "$found" |
        tee -a build/fuzz/summary.txt
done
[ $status -eq 0 ] || { echo "!!! a fuzz target failed: see build/fuzz/*.log and build/fuzz/findings/"; tail -n 40 build/fuzz/*.log | grep -A30 "ERROR\|deadly\|==ERROR" | head -80; }
exit $status
