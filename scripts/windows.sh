#!/usr/bin/env bash
# Builds the Windows product on Debian 12, from this repository:
#   build/windows/bin/eascert.exe, build/windows/bin/eas-cert-doctor.exe   (static: one file each)
#   build/windows/eas-cert-doctor-<version>-x64.msi                        (wixl)
#   build/windows/eas-cert-doctor-<version>-x64-portable.zip
# and the Windows test programs in build/windows/test-bin (run under Wine by the "windows" tests).
# The MinGW Qt + OpenSSL toolchain comes from scripts/windows-toolchain.sh (built from Debian's
# source packages the first time, about 20 minutes on 2 cores; cached outside the clone after that).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "windows: $*" >&2; }
die() { log "error: $*"; exit 1; }
. scripts/lib/packages.sh

packages=(
    librsvg2-bin icoutils            # the icons: SVG -> PNG and .ico (no Qt SVG in the Windows build)
    wixl msitools                    # the MSI
    libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev libkainjow-mustache-dev catch2  # headers
    binutils-mingw-w64-x86-64        # strip
)
install_missing "${packages[@]}"

start=$SECONDS
EASCERT_MINGW_PREFIX=$(scripts/windows-toolchain.sh)
export EASCERT_MINGW_PREFIX
log "toolchain: $EASCERT_MINGW_PREFIX ($((SECONDS - start)) s)"
start=$SECONDS
EASCERT_MINGW_LIBS=$(scripts/windows-libs.sh)
export EASCERT_MINGW_LIBS
log "pugixml and libcsv: $EASCERT_MINGW_LIBS ($((SECONDS - start)) s)"

start=$SECONDS
cmake --preset windows-mingw >/dev/null
cmake --build --preset windows-mingw -j "$(nproc)"
log "programs built ($((SECONDS - start)) s)"

out=build/windows
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$out/CMakeCache.txt")
stage=$out/payload
rm -rf "$stage"; mkdir -p "$stage"
for exe in eascert eas-cert-doctor; do
    x86_64-w64-mingw32-strip -o "$stage/$exe.exe" "$out/bin/$exe.exe"
done
cp README.md "$stage/README.md"

# The MSI, from the same .wxs as the MSVC route (installer/windows), with wixl.
msi=$out/eas-cert-doctor-$version-x64.msi
(cd "$stage" && wixl -a x64 -D Version="$version" -D PayloadDir=. -o "$OLDPWD/$msi" \
    "$OLDPWD/installer/windows/eas-cert-doctor.wxs")
# The portable build: the two programs and the README in one folder.
zip=$out/eas-cert-doctor-$version-x64-portable.zip
rm -f "$zip"
(cd "$stage" && cmake -E tar cf "$OLDPWD/$zip" --format=zip eascert.exe eas-cert-doctor.exe README.md)

size() { echo "$(($(stat -c %s "$1") / 1024 / 1024)) MB"; }
log "eascert.exe $(size "$stage/eascert.exe"), eas-cert-doctor.exe $(size "$stage/eas-cert-doctor.exe")"
log "$msi ($(size "$msi")), $zip ($(size "$zip"))"
