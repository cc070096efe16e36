#!/usr/bin/env bash
# The .deb, installed for real with dpkg and run from the installed paths — inside a private mount
# namespace where /usr, /etc and /var are overlays on a tmpfs, so the machine itself is untouched.
#     unshare -m -- tests/installer/test-deb.sh BUILD_DIR      (as root; ctest runs it so)
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "test-deb: needs root (mounts overlays in its own namespace): skipped"; exit 77; }
build=$(realpath "$1")
work=$(mktemp -d /tmp/eascert-deb.XXXXXX)
fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }

# The package, made by CPack from the build's install rules.
(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
deb=$(ls "$work"/out/*.deb)
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"
dpkg-deb --field "$deb" Package Version Depends | sed 's/^/  /'

# Overlays: everything dpkg writes lands in the tmpfs and vanishes with the namespace.
mkdir -p "$work/ov"
mount -t tmpfs tmpfs "$work/ov"
for d in usr etc var; do
    mkdir -p "$work/ov/$d.up" "$work/ov/$d.work"
    mount -t overlay overlay -o "lowerdir=/$d,upperdir=$work/ov/$d.up,workdir=$work/ov/$d.work" "/$d"
done

dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i"; }
[ "$(dpkg-query -W -f='${Status}' eas-cert-doctor)" = "install ok installed" ] || fail "dpkg does not list the package as installed"
for f in /usr/bin/eascert /usr/bin/eas-cert-doctor /usr/share/applications/eas-cert-doctor.desktop \
         /usr/share/icons/hicolor/scalable/apps/eas-cert-doctor.svg; do
    [ -e "$f" ] || fail "$f is not installed"
done
version=$(/usr/bin/eascert --version)
[ "$version" = "eascert $(dpkg-deb --field "$deb" Version)" ] || fail "eascert --version says '$version'"
echo "installed: $version"
# The wizard starts from the installed path (offscreen) and shows its first page.
QT_QPA_PLATFORM=offscreen EASCERT_EXIT_WHEN_SHOWN=1 XDG_RUNTIME_DIR=$work XDG_CONFIG_HOME=$work/config \
    timeout 60 /usr/bin/eas-cert-doctor || fail "eas-cert-doctor did not start"
echo "installed: eas-cert-doctor starts and shows its first page"
# The installed CLI works end to end: the demo lab, from the installed binary.
(cd "$work" && timeout 120 /usr/bin/eascert diagnose --demo --quiet --demo-dir demo >/dev/null) || [ $? -eq 14 ] ||
    fail "eascert diagnose --demo from the installed binary"
[ -s "$work/demo/report.html" ] || fail "no report from the installed eascert"
echo "installed: eascert diagnose --demo writes its report"

dpkg -r eas-cert-doctor >"$work/dpkg-r.log" 2>&1 || { cat "$work/dpkg-r.log" >&2; fail "dpkg -r"; }
[ ! -e /usr/bin/eascert ] || fail "/usr/bin/eascert is still there after dpkg -r"
echo "removed: dpkg -r leaves no binaries behind"
echo "test-deb: PASS"
