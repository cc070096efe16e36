#!/usr/bin/env bash
# The main job with no real servers: builds eascert and runs the whole flow on the embedded demo lab.
# A standalone CA and a user certificate (like the seed report's), an offline directory in which the
# certificate sits only in Published Certificates, and an IIS-like endpoint on loopback that enforces
# strong mappings: 401.2 -> diagnosis -> strong mapping added -> tested again (200) -> report.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "${EASCERT_SKIP_SETUP:-0}" = 1 ] || scripts/setup.sh --build-only
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target eascert >/dev/null

lab=build/demo-lab
rm -rf "$lab"
status=0
build/release/app/cli/eascert diagnose --demo --demo-dir "$lab" || status=$?
# 14: a problem was found and fixed, which is the demo's story.
if [ "$status" -ne 14 ]; then
    echo "demo: expected exit code 14 (found and fixed), got $status" >&2
    exit 1
fi
echo
echo "Open the report: $(pwd)/$lab/report.html   (JSON: $lab/report.json)"
echo "Lab files (certificates, directory LDIF, the change and its backup) are in $lab."
