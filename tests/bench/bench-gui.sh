#!/usr/bin/env bash
# Benchmark: cold start of eas-cert-doctor to its first page shown, versus a bare QWizard with one
# empty page built the same way (tests/bench/BareWizard.cpp), in the same run (target: ratio <= 1.5);
# and the resident memory after the whole demo run through the real wizard (target: < 150 MB).
# Offscreen (QT_QPA_PLATFORM=offscreen). Run on purpose, not by ctest:
#     tests/bench/bench-gui.sh [BUILD_DIR=build/release] [ROUNDS=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
rounds=${2:-20}
gui=$build/app/gui/eas-cert-doctor
bare=$build/tests/bench/eascert_bench_bare_wizard
uitests=$build/tests/ui/eascert_ui_tests
for f in "$gui" "$bare" "$uitests"; do
    [ -x "$f" ] || { echo "build first: cmake --preset release && cmake --build --preset release ($f missing)" >&2; exit 2; }
done
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d /tmp/eascert-bench-gui.XXXXXX)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$work/runtime XDG_CONFIG_HOME=$work/config EASCERT_EXIT_WHEN_SHOWN=1
mkdir -m 700 "$work/runtime"

now() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
"$gui" >/dev/null 2>&1; "$bare" >/dev/null 2>&1  # warm the page cache for both
ours=(); base=()
for _ in $(seq 1 "$rounds"); do  # interleaved, so both see the same machine
    t0=$(now); "$gui" >/dev/null 2>&1; t1=$(now); "$bare" >/dev/null 2>&1; t2=$(now)
    ours+=($(( (t1 - t0) / 1000 ))); base+=($(( (t2 - t1) / 1000 )))
done
o=$(printf '%s\n' "${ours[@]}" | median)
b=$(printf '%s\n' "${base[@]}" | median)
echo "rounds: $rounds (offscreen, median)"
echo "eas-cert-doctor, start to first page: ${o} us"
echo "bare QWizard, start to first page:    ${b} us"
awk -v a="$o" -v b="$b" 'BEGIN { printf "ratio:                                %.2f (target <= 1.5)\n", a / b }'

unset EASCERT_EXIT_WHEN_SHOWN
/usr/bin/time -f "%M" -o "$work/rss" "$uitests" "[demo]" >/dev/null 2>&1
rss=$(tail -1 "$work/rss")
awk -v k="$rss" 'BEGIN { printf "peak resident memory, demo run through the wizard: %.1f MB (target < 150 MB)\n", k / 1024 }'
