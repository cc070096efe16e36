#!/usr/bin/env bash
# Benchmark: cold start of eas-cert-doctor to its first page shown, versus a bare QWizard with one
# empty page built the same way (tests/bench/BareWizard.cpp: same flags, linked to the same shared
# libraries), in the same run (target: ratio <= 1.5). Also printed: the ratio against the same bare
# wizard linked to Qt Widgets only, which adds the cost of loading OpenSSL, libldap (and its GnuTLS,
# SASL and Kerberos libraries), spdlog and Qt Network. And the resident memory after the whole demo
# run through the real wizard (target: < 150 MB).
# Offscreen (QT_QPA_PLATFORM=offscreen). Run on purpose, not by ctest:
#     tests/bench/bench-gui.sh [ROUNDS=20]
# Builds what it measures in build/bench (Release, with the test targets the release preset leaves out).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-20}
build=build/bench
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEASCERT_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target eas-cert-doctor eascert_bench_bare_wizard eascert_bench_bare_wizard_linked \
    eascert_ui_tests >/dev/null
gui=$build/app/gui/eas-cert-doctor
bare=$build/tests/bench/eascert_bench_bare_wizard_linked
qtonly=$build/tests/bench/eascert_bench_bare_wizard
uitests=$build/tests/ui/eascert_ui_tests
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d /tmp/eascert-bench-gui.XXXXXX)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$work/runtime XDG_CONFIG_HOME=$work/config EASCERT_EXIT_WHEN_SHOWN=1
mkdir -m 700 "$work/runtime"

now() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
"$gui" >/dev/null 2>&1; "$bare" >/dev/null 2>&1; "$qtonly" >/dev/null 2>&1  # warm the page cache
ours=(); base=(); qt=()
for _ in $(seq 1 "$rounds"); do  # interleaved, so all see the same machine
    t0=$(now); "$gui" >/dev/null 2>&1; t1=$(now); "$bare" >/dev/null 2>&1; t2=$(now); "$qtonly" >/dev/null 2>&1; t3=$(now)
    ours+=($(( (t1 - t0) / 1000 ))); base+=($(( (t2 - t1) / 1000 ))); qt+=($(( (t3 - t2) / 1000 )))
done
o=$(printf '%s\n' "${ours[@]}" | median)
b=$(printf '%s\n' "${base[@]}" | median)
q=$(printf '%s\n' "${qt[@]}" | median)
echo "rounds: $rounds (offscreen, median)"
echo "eas-cert-doctor, start to first page:                 ${o} us"
echo "bare QWizard, same libraries, start to first page:    ${b} us"
echo "bare QWizard, Qt Widgets only, start to first page:   ${q} us"
awk -v a="$o" -v b="$b" 'BEGIN { printf "ratio (same libraries):                               %.2f (target <= 1.5)\n", a / b }'
awk -v a="$o" -v q="$q" 'BEGIN { printf "ratio (Qt Widgets only):                              %.2f\n", a / q }'

unset EASCERT_EXIT_WHEN_SHOWN
/usr/bin/time -f "%M" -o "$work/rss" "$uitests" "[demo]" >/dev/null 2>&1
rss=$(tail -1 "$work/rss")
awk -v k="$rss" 'BEGIN { printf "peak resident memory, demo run through the wizard: %.1f MB (target < 150 MB)\n", k / 1024 }'
