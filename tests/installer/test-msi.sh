#!/usr/bin/env bash
# The Windows installer source (installer/windows/eas-cert-doctor.wxs), built with wixl from stand-in
# payload files (tiny MinGW programs in place of eascert.exe and eas-cert-doctor.exe, and stand-in
# Qt runtime files harvested with wixl-heat as on Windows), then installed, upgraded and uninstalled
# with Wine's msiexec /qn in a throw-away Wine prefix.
#     tests/installer/test-msi.sh SOURCE_DIR
set -euo pipefail
src=$(realpath "$1")
wine=/usr/lib/wine/wine64
for tool in wixl wixl-heat msiinfo x86_64-w64-mingw32-gcc "$wine"; do
    command -v "$tool" >/dev/null || { echo "test-msi: $tool missing: run scripts/setup.sh"; exit 1; }
done
work=$(mktemp -d /tmp/eascert-msi.XXXXXX)
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
trap '"${wine%/*}/wineserver" -k 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "test-msi: FAIL: $*" >&2; exit 1; }

# Stand-in payload for version $1 in $work/payload-$1.
payload() {
    local v=$1 dir=$work/payload-$1
    mkdir -p "$dir/qt/platforms"
    printf '#include <stdio.h>\nint main(void) { printf("%%s %%s (stand-in)\\n", NAME, VERSION); return 0; }\n' > "$work/stand-in.c"
    x86_64-w64-mingw32-gcc -DNAME='"eascert"' -DVERSION="\"$v\"" "$work/stand-in.c" -o "$dir/eascert.exe"
    x86_64-w64-mingw32-gcc -DNAME='"eas-cert-doctor"' -DVERSION="\"$v\"" "$work/stand-in.c" -o "$dir/eas-cert-doctor.exe"
    echo "stand-in Qt6Core $v" > "$dir/qt/Qt6Core.dll"
    echo "stand-in qwindows $v" > "$dir/qt/platforms/qwindows.dll"
    (cd "$dir" && find qt -type f | sort | wixl-heat --prefix qt/ --directory-ref INSTALLDIR --component-group QtRuntime \
        --var var.QtDir --win64 > qt-runtime.wxs)
    # wixl resolves sources relative to the current folder.
    (cd "$dir" && wixl -a x64 -D Win64=yes -D Version="$v" -D PayloadDir=. -D QtDir=qt \
        -o "$work/eas-cert-doctor-$v.msi" "$src/installer/windows/eas-cert-doctor.wxs" qt-runtime.wxs 2>"$work/wixl-$v.log") ||
        { cat "$work/wixl-$v.log" >&2; fail "wixl could not build the MSI from the .wxs"; }
}
payload 0.1.0
payload 0.2.0
msi=$work/eas-cert-doctor-0.1.0.msi
# Read whole tables first: "msiinfo | grep -q" would let grep's early exit fail the pipeline (pipefail).
properties=$(msiinfo export "$msi" Property)
shortcuts=$(msiinfo export "$msi" Shortcut)
grep -q "^ALLUSERS	1" <<<"$properties" || fail "not a per-machine package (ALLUSERS)"
grep -q "^UpgradeCode	{6F3A2C1E-8B4D-4E7A-9C21-5D0B7E3F1A84}" <<<"$properties" ||
    fail "the UpgradeCode changed: a new version would not replace an old one"
grep -q "^WizardStartMenu	ProgramMenuFolder	EAS Cert Doctor" <<<"$shortcuts" || fail "no Start-menu shortcut"
echo "built: $(basename "$msi") ($(stat -c %s "$msi") bytes), per-machine, Start-menu shortcut, stable UpgradeCode"

dir='C:\Program Files\EAS Cert Doctor'
unixdir="$WINEPREFIX/drive_c/Program Files/EAS Cert Doctor"
"$wine" msiexec /i "$msi" /qn >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "msiexec /i"; }
for f in eascert.exe eas-cert-doctor.exe Qt6Core.dll platforms/qwindows.dll; do
    [ -f "$unixdir/$f" ] || fail "$f not installed"
done
[ "$("$wine" "$dir\\eascert.exe" | tr -d '\r')" = "eascert 0.1.0 (stand-in)" ] || fail "the installed eascert.exe does not run"
[ -n "$(find "$WINEPREFIX/drive_c" -iname "EAS Cert Doctor.lnk")" ] || fail "no Start-menu shortcut after installing"
registered=$("$wine" reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r')
grep -q "DisplayVersion    REG_SZ    0.1.0" <<<"$registered" || fail "not registered (per machine) in Programs and Features"
echo "installed: 0.1.0 under Program Files, runs, Start-menu shortcut, listed per machine"

# The next version replaces the first (MajorUpgrade through the stable UpgradeCode).
"$wine" msiexec /i "$work/eas-cert-doctor-0.2.0.msi" /qn >"$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log" >&2; fail "upgrade"; }
[ "$("$wine" "$dir\\eascert.exe" | tr -d '\r')" = "eascert 0.2.0 (stand-in)" ] || fail "0.2.0 did not replace 0.1.0"
versions=$("$wine" reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' |
    grep -c "DisplayName    REG_SZ    EAS Cert Doctor" || true)
[ "$versions" = 1 ] || fail "after the upgrade $versions products are listed (expected 1)"
echo "upgraded: 0.2.0 replaced 0.1.0 (one product listed)"

"$wine" msiexec /x "$work/eas-cert-doctor-0.2.0.msi" /qn >"$work/uninstall.log" 2>&1 || { cat "$work/uninstall.log" >&2; fail "msiexec /x"; }
[ ! -e "$unixdir" ] || fail "files left behind after uninstalling: $(find "$unixdir" | head -3)"
[ -z "$(find "$WINEPREFIX/drive_c" -iname "EAS Cert Doctor.lnk")" ] || fail "the shortcut is left after uninstalling"
echo "uninstalled: no files, no shortcut"
echo "test-msi: PASS"
