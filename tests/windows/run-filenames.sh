#!/usr/bin/env bash
# File and folder names outside ASCII on Windows, where a narrow file name means the ANSI code page:
# eascert.exe opens a PFX and its password file under "Zertifikate für Jürgen", and writes the demo's
# report and JSON under "証明書" (no ANSI code page has both). Each file is checked at its exact name.
#     run-filenames.sh LINUX_EASCERT WINDOWS_EASCERT_EXE WORK_DIR
set -euo pipefail
here=$(dirname "$(realpath "$0")")
. "$here/wine-env.sh"
linux=$1; exe=$2; work=$3
need_windows_build "$exe"
wine_work "$work"
fail() { echo "run-filenames: FAIL: $*" >&2; exit 1; }

"$linux" lab pki --out "$work/lab" >/dev/null
folder="$work/Zertifikate für Jürgen"
mkdir -p "$folder"
cp "$work/lab/usertest1.pfx" "$folder/Bénédicte.pfx"
cp "$work/lab/usertest1.pfx.password" "$folder/Paßwort.txt"
out=$("$wine" "$exe" cert show "$folder/Bénédicte.pfx" --password-file "$folder/Paßwort.txt" --json 2>"$work/show.err" | tr -d '\r') ||
    { cat "$work/show.err" >&2; fail "cert show of $folder/Bénédicte.pfx"; }
grep -q '"CN=usertest1' <<<"$out" || fail "cert show did not read the certificate: $out"
echo "read: $folder/Bénédicte.pfx with the password from Paßwort.txt"

reports="$work/証明書"
set +e
"$wine" "$exe" diagnose --demo --demo-dir "$work/demo" --report "$reports/Bericht für Jürgen.html" \
    --json "$reports/Bericht.json" >"$work/diagnose.out" 2>&1
rc=$?
set -e
[ "$rc" = 14 ] || { cat "$work/diagnose.out" >&2; fail "diagnose --demo exited $rc (expected 14)"; }
[ -s "$reports/Bericht für Jürgen.html" ] || { ls -la "$work" "$reports" >&2 || true; fail "no report at $reports/Bericht für Jürgen.html"; }
[ -s "$reports/Bericht.json" ] || fail "no JSON at $reports/Bericht.json"
grep -q 'Bericht für Jürgen.html' "$work/diagnose.out" || fail "the report's name is not printed as it is: $(cat "$work/diagnose.out")"
echo "written: $reports/Bericht für Jürgen.html and Bericht.json"
echo "run-filenames: PASS"
