#!/usr/bin/env bash
# The Windows installer, as scripts/windows.sh built it from the real programs, under Wine in a
# throw-away prefix: per-machine package with a stable UpgradeCode and Start-menu shortcuts;
# msiexec /i /qn; the installed eascert.exe runs (--version, diagnose --demo); the installed wizard
# opens a window (Qt's windows platform, under Xvfb); an upgrade from the previous version leaves one
# product; msiexec /x leaves no files and no shortcuts.
#     tests/installer/test-msi.sh SOURCE_DIR WINDOWS_BUILD_DIR WORK_DIR
# With EASCERT_SCREENSHOTS=DIR the wizard is also walked through the demo lab by keyboard and the
# real window is saved as DIR/windows-{welcome,endpoint,report}.png (scripts/windows-screenshots.sh).
set -euo pipefail
src=$(realpath "$1"); win=$(realpath "$2"); work=$(realpath -m "$3")
. "$src/tests/windows/wine-env.sh"
for tool in wixl msiinfo xvfb-run xdotool import; do
    command -v "$tool" >/dev/null || { echo "test-msi: $tool missing: run scripts/setup.sh"; exit 1; }
done
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$win/CMakeCache.txt" 2>/dev/null || true)
msi=$win/eas-cert-doctor-$version-x64.msi
need_windows_build "$msi" "$win/payload/eascert.exe"
rm -rf "$work"; mkdir -p "$work"
wine_prefix "$work/prefix"
trap 'wine_end' EXIT
fail() { echo "test-msi: FAIL: $*" >&2; exit 1; }

# Read whole tables first: "msiinfo | grep -q" would let grep's early exit fail the pipeline (pipefail).
properties=$(msiinfo export "$msi" Property)
shortcuts=$(msiinfo export "$msi" Shortcut)
grep -q "^ALLUSERS	1" <<<"$properties" || fail "not a per-machine package (ALLUSERS)"
grep -q "^UpgradeCode	{6F3A2C1E-8B4D-4E7A-9C21-5D0B7E3F1A84}" <<<"$properties" ||
    fail "the UpgradeCode changed: a new version would not replace an old one"
grep -q "^ProductVersion	$version" <<<"$properties" || fail "ProductVersion is not the project's $version"
grep -q "^WizardStartMenu	ProgramMenuFolder	EAS Cert Doctor	" <<<"$shortcuts" || fail "no Start-menu shortcut for the wizard"
grep -q "^CommandPromptStartMenu	ProgramMenuFolder	EAS Cert Doctor command prompt	" <<<"$shortcuts" ||
    fail "no Start-menu shortcut for the command line"
echo "built: $(basename "$msi") ($(($(stat -c %s "$msi") / 1024 / 1024)) MB), $version, per-machine, two Start-menu shortcuts, stable UpgradeCode"

# The previous version: the same payload under a lower version number.
previous=0.0.1
(cd "$win/payload" && wixl -a x64 -D Version="$previous" -D PayloadDir=. -o "$work/previous.msi" \
    "$src/installer/windows/eas-cert-doctor.wxs")

dir='C:\Program Files\EAS Cert Doctor'
unixdir="$WINEPREFIX/drive_c/Program Files/EAS Cert Doctor"
listed() {  # DisplayName/DisplayVersion lines of what Programs and Features lists
    "$wine" reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r'
}
"$wine" msiexec /i "$work/previous.msi" /qn >"$work/install-previous.log" 2>&1 || { cat "$work/install-previous.log" >&2; fail "msiexec /i (previous version)"; }
grep -q "DisplayVersion    REG_SZ    $previous" <<<"$(listed)" || fail "$previous is not listed per machine after installing"

"$wine" msiexec /i "$msi" /qn >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "msiexec /i"; }
for f in eascert.exe eas-cert-doctor.exe README.md; do
    [ -f "$unixdir/$f" ] || fail "$f not installed"
done
products=$(listed | grep -c "DisplayName    REG_SZ    EAS Cert Doctor" || true)
[ "$products" = 1 ] || fail "after the upgrade $products products are listed (expected 1)"
grep -q "DisplayVersion    REG_SZ    $version" <<<"$(listed)" || fail "$version did not replace $previous"
for lnk in "EAS Cert Doctor.lnk" "EAS Cert Doctor command prompt.lnk"; do
    [ -n "$(find "$WINEPREFIX/drive_c" -name "$lnk")" ] || fail "no Start-menu shortcut $lnk after installing"
done
echo "upgraded: $version replaced $previous (one product listed), both shortcuts in the Start menu"

got=$("$wine" "$dir\\eascert.exe" --version | tr -d '\r')
[ "$got" = "eascert $version" ] || fail "the installed eascert.exe --version says '$got'"
set +e
(cd "$work" && "$wine" "$dir\\eascert.exe" diagnose --demo --demo-dir 'C:\eascert-demo' --quiet >"$work/diagnose.out" 2>&1)
rc=$?
set -e
[ "$rc" = 14 ] || { cat "$work/diagnose.out" >&2; fail "the installed eascert.exe diagnose --demo exited $rc (expected 14)"; }
[ -s "$WINEPREFIX/drive_c/eascert-demo/report.html" ] || fail "diagnose --demo wrote no report"
echo "ran: eascert --version ($got); diagnose --demo exit 14 with its report"

# The installed wizard in a real window: Qt's windows platform under Xvfb (never without a display:
# it would spin). "A window appears" = an X window named "EAS Cert Doctor" is mapped.
shots=${EASCERT_SCREENSHOTS:-}
cat >"$work/wizard.sh" <<EOF
#!/usr/bin/env bash
set -u
"$wine" "$dir\\\\eas-cert-doctor.exe" >"$work/wizard.log" 2>&1 &
id=\$(timeout 180 xdotool search --sync --onlyvisible --name '^EAS Cert Doctor\$' | head -n 1)
[ -n "\$id" ] || { echo "no window"; exit 1; }
echo "window \$id: \$(xwininfo -id "\$id" | sed -n 's/.*Width: //p;s/.*Height: //p' | paste -sd x)"
shot() { sleep 1; import -window "\$id" "\$1"; }
key() { xdotool key --window "\$1" "\$2" 2>/dev/null; sleep "\$3"; }
if [ -n "$shots" ]; then
    mkdir -p "$shots"
    shot "$shots/windows-welcome.png"
    key "\$id" alt+d 8      # the demo lab starts, the certificate opens
    key "\$id" alt+n 8      # Next: the endpoint is tested, the seed's 401.2
    shot "$shots/windows-endpoint.png"
    key "\$id" alt+n 6      # Next: the account is inspected
    key "\$id" Return 6     # Next (focused; Alt+N is "Bind DN" on this page)
    key "\$id" alt+a 3      # Apply fix..., then "Write the mapping" in the confirmation
    for box in \$(xdotool search --onlyvisible --name 'Write to Active Directory'); do key "\$box" alt+w 5; done
    key "\$id" alt+t 6      # Test again: 200
    key "\$id" alt+n 6      # Next: the verdict and the report
    shot "$shots/windows-report.png"
else
    shot "$work/window.png"
fi
"$wineserver" -k
EOF
chmod +x "$work/wizard.sh"
wine_end  # a wineserver started without a display (msiexec, eascert) would keep the wizard off the screen
xvfb-run -a -s "-screen 0 1280x900x24" "$work/wizard.sh" >"$work/xvfb.log" 2>&1 ||
    { cat "$work/xvfb.log" "$work/wizard.log" >&2 || true; fail "the installed wizard opened no window"; }
capture=$work/window.png
[ -n "$shots" ] && capture=$shots/windows-welcome.png
colors=$(identify -format %k "$capture" 2>/dev/null || echo 0)
[ "$colors" -gt 20 ] || fail "the wizard's window is blank ($colors colours in $capture)"
echo "started: the installed wizard opened its window ($(grep '^window' "$work/xvfb.log"), $colors colours drawn)"
wine_prefix "$WINEPREFIX"  # the wineserver was stopped with the wizard

"$wine" msiexec /x "$msi" /qn >"$work/uninstall.log" 2>&1 || { cat "$work/uninstall.log" >&2; fail "msiexec /x"; }
[ ! -e "$unixdir" ] || fail "files left behind after uninstalling: $(find "$unixdir" | head -3)"
[ -z "$(find "$WINEPREFIX/drive_c" -iname "EAS Cert Doctor*.lnk")" ] || fail "a shortcut is left after uninstalling"
[ "$(listed | grep -c "DisplayName    REG_SZ    EAS Cert Doctor" || true)" = 0 ] || fail "still listed after uninstalling"
echo "uninstalled: no files, no shortcuts, not listed"
echo "test-msi: PASS"
