#!/usr/bin/env bash
# Builds the small libraries the Windows programs link besides Qt and OpenSSL, from Debian's own
# source packages, static, for x86_64-w64-mingw32: pugixml (event XML, applicationHost.config) and
# libcsv (event logs saved as CSV). Prints the folder; cached like the toolchain, in
# $EASCERT_TOOLCHAIN_CACHE (default /var/cache/eascert)/mingw-libs-pugixml<ver>-libcsv<ver>-r<N>/,
# complete when its stamp exists. The versions are those of the installed libpugixml-dev and libcsv-dev.
set -euo pipefail

recipe=1   # bump when the build below changes
cache_root=${EASCERT_TOOLCHAIN_CACHE:-/var/cache/eascert}
triplet=x86_64-w64-mingw32

log() { echo "windows-libs: $*" >&2; }
die() { log "error: $*"; exit 1; }
. "$(dirname "$0")/lib/debian-source.sh"

. "$(dirname "$0")/lib/packages.sh"
install_missing libpugixml-dev libcsv-dev g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix \
    binutils-mingw-w64-x86-64 dpkg-dev
want_pugi=$(dpkg-query -W -f='${source:Version}' libpugixml-dev)
want_csv=$(dpkg-query -W -f='${source:Version}' libcsv-dev)
prefix=$cache_root/mingw-libs-pugixml$(upstream "$want_pugi")-libcsv$(upstream "$want_csv")-r$recipe
if [ -f "$prefix/eascert-libs.stamp" ]; then
    echo "$prefix"
    exit 0
fi

mkdir -p "$cache_root"
exec 9>"$cache_root/.lock-libs"
flock 9
if [ -f "$prefix/eascert-libs.stamp" ]; then
    echo "$prefix"
    exit 0
fi
work=$(mktemp -d "$cache_root/work-libs.XXXXXX")
trap 'rm -rf "$work"' EXIT
debian_source_init "$work"
read -r got_pugi pugi_src <<<"$(fetch_source pugixml "$want_pugi")"
read -r got_csv csv_src <<<"$(fetch_source libcsv "$want_csv")"
[ -n "${pugi_src:-}" ] && [ -n "${csv_src:-}" ] || die "the sources could not be fetched"

rm -rf "$prefix"
mkdir -p "$prefix/include" "$prefix/lib"
start=$SECONDS
log "building pugixml $got_pugi and libcsv $got_csv (static)"
$triplet-g++-posix -O2 -std=c++17 -c "$pugi_src/src/pugixml.cpp" -o "$work/pugixml.o"
$triplet-ar rcs "$prefix/lib/libpugixml.a" "$work/pugixml.o"
cp "$pugi_src/src/pugixml.hpp" "$pugi_src/src/pugiconfig.hpp" "$prefix/include/"
$triplet-gcc-posix -O2 -c "$csv_src/libcsv.c" -I"$csv_src" -o "$work/libcsv.o"
$triplet-ar rcs "$prefix/lib/libcsv.a" "$work/libcsv.o"
cp "$csv_src/csv.h" "$prefix/include/"
cat >"$prefix/eascert-libs.stamp" <<STAMP
recipe=$recipe
pugixml=$got_pugi
libcsv=$got_csv
seconds=$((SECONDS - start))
built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
STAMP
log "done in $((SECONDS - start)) s: $prefix"
echo "$prefix"
