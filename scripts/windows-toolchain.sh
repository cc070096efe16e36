#!/usr/bin/env bash
# Builds the Windows cross toolchain from Debian's own source packages: OpenSSL and Qt 6 (qtbase),
# static, for x86_64-w64-mingw32 (the -posix MinGW compilers). Nothing is downloaded from anywhere
# but Debian's mirror.
#
#   scripts/windows-toolchain.sh            build it unless a complete cached copy exists; print its folder
#   scripts/windows-toolchain.sh --check    print the cached folder if complete, exit 1 if not (no build)
#
# The result lives outside the clone, in $EASCERT_TOOLCHAIN_CACHE (default /var/cache/eascert), in a
# folder named after the versions and this recipe's revision: mingw-qt<ver>-openssl<ver>-r<N>/. It is
# complete when its stamp file exists. A new Debian version (or a new recipe) gets a new folder.
#
# The versions are Debian's: those of the installed qt6-base-dev and libssl-dev. When Debian's mirror
# lacks that source version (a security upload whose .dsc or tarball is missing), the newest version
# of the same upstream series (3.0.x, 6.4.x) whose source is complete is used, and the stamp says so.
#
# The machine's apt configuration is left alone: the deb-src entries (copies of the configured deb
# entries) and their package lists live in a private folder that is removed afterwards.
set -euo pipefail

recipe=2   # bump when the configure flags below change: the cache folder changes with it
cache_root=${EASCERT_TOOLCHAIN_CACHE:-/var/cache/eascert}
triplet=x86_64-w64-mingw32
jobs=$(nproc)
mode=${1:-build}

log() { echo "windows-toolchain: $*" >&2; }
die() { log "error: $*"; exit 1; }
. "$(dirname "$0")/lib/debian-source.sh"
. "$(dirname "$0")/lib/packages.sh"

source_version() {  # the source package version of an installed binary package
    dpkg-query -W -f='${source:Version}' "$1" 2>/dev/null || true
}

# A complete cached toolchain for the requested versions, if any.
find_cached() {
    local stamp
    for stamp in "$cache_root"/mingw-*/eascert-toolchain.stamp; do
        [ -f "$stamp" ] || continue
        if grep -qx "recipe=$recipe" "$stamp" &&
           grep -qx "requested-qt=$want_qt" "$stamp" &&
           grep -qx "requested-openssl=$want_ssl" "$stamp"; then
            dirname "$stamp"
            return 0
        fi
    done
    return 1
}

host_packages=(
    g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64
    qt6-base-dev qt6-base-dev-tools   # host tools (moc, rcc, uic) of the same Qt version
    libssl-dev                        # names the OpenSSL version Debian ships
    dpkg-dev cmake ninja-build make perl xz-utils
)
[ "$mode" = --check ] || install_missing "${host_packages[@]}"

want_qt=$(source_version qt6-base-dev)
want_ssl=$(source_version libssl-dev)
if [ -z "$want_qt" ] || [ -z "$want_ssl" ]; then
    [ "$mode" = --check ] && exit 1
    die "qt6-base-dev and libssl-dev must be installed (they name the versions to build)"
fi

if cached=$(find_cached); then
    echo "$cached"
    exit 0
fi
[ "$mode" = --check ] && exit 1

mkdir -p "$cache_root"
exec 9>"$cache_root/.lock"
flock 9   # one build at a time; a second caller waits, then finds the first one's result
if cached=$(find_cached); then
    echo "$cached"
    exit 0
fi

work=$(mktemp -d "$cache_root/work.XXXXXX")
trap 'rm -rf "$work"' EXIT

debian_source_init "$work"

ssl=$(fetch_source openssl "$want_ssl") || exit 1
qt=$(fetch_source qt6-base "$want_qt") || exit 1
read -r got_ssl ssl_src <<<"$ssl"
read -r got_qt qt_src <<<"$qt"
prefix=$cache_root/mingw-qt$(upstream "$got_qt")-openssl$(upstream "$got_ssl")-r$recipe
rm -rf "$prefix"
mkdir -p "$prefix"

# --- OpenSSL ------------------------------------------------------------------------------------
log "building OpenSSL $got_ssl (static)"
start=$SECONDS
(
    cd "$ssl_src"
    # no-module: the legacy provider (RC2/3DES PKCS#12, as older Windows exports them) is built into
    # libcrypto; in a static build it would otherwise be a legacy.dll that nothing ships.
    ./Configure mingw64 --cross-compile-prefix=$triplet- no-tests no-shared no-module \
        --prefix="$prefix" --libdir=lib >"$work/openssl-configure.log" 2>&1
    make -j"$jobs" build_libs >"$work/openssl-build.log" 2>&1
    make install_dev >"$work/openssl-install.log" 2>&1
) || { tail -n 40 "$work"/openssl-*.log >&2; die "OpenSSL build failed"; }
ssl_seconds=$((SECONDS - start))

# --- the CMake toolchain file, kept with the toolchain (Qt's installed config refers to it) -------
toolchain=$prefix/share/eascert/mingw-w64-x86_64-posix.cmake
mkdir -p "$(dirname "$toolchain")"
cat >"$toolchain" <<EOF
# Written by scripts/windows-toolchain.sh: MinGW-w64 with POSIX threads, and this toolchain's prefix.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER $triplet-gcc-posix)
set(CMAKE_CXX_COMPILER $triplet-g++-posix)
set(CMAKE_RC_COMPILER $triplet-windres)
set(CMAKE_FIND_ROOT_PATH /usr/$triplet $prefix)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
EOF

# --- Qt (qtbase) ---------------------------------------------------------------------------------
log "building Qt $got_qt (static; about 30 CPU-minutes)"
start=$SECONDS
mkdir -p "$work/qt-build"
(
    cd "$work/qt-build"
    "$qt_src/configure" -prefix "$prefix" -release -static -static-runtime \
        -qt-host-path /usr -xplatform win32-g++ \
        -nomake examples -nomake tests -no-pkg-config -no-opengl -no-dbus -no-icu \
        -no-feature-sql -no-feature-printsupport -no-feature-direct2d -no-feature-directwrite3 \
        -no-feature-tabletevent -openssl-linked \
        -qt-zlib -qt-pcre -qt-harfbuzz -qt-freetype -qt-libpng -qt-libjpeg \
        -- -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
        -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake \
        -DOPENSSL_ROOT_DIR="$prefix" -DOPENSSL_USE_STATIC_LIBS=ON >"$work/qt-configure.log" 2>&1
    cmake --build . --parallel "$jobs" >"$work/qt-build.log" 2>&1
    cmake --install . >"$work/qt-install.log" 2>&1
) || { tail -n 60 "$work"/qt-*.log >&2; die "Qt build failed (logs above)"; }
qt_seconds=$((SECONDS - start))

cat >"$prefix/eascert-toolchain.stamp" <<EOF
recipe=$recipe
requested-qt=$want_qt
requested-openssl=$want_ssl
qt=$got_qt
openssl=$got_ssl
openssl-seconds=$ssl_seconds
qt-seconds=$qt_seconds
built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF
log "done: OpenSSL ${ssl_seconds}s, Qt ${qt_seconds}s, $(du -sh "$prefix" | cut -f1) in $prefix"
echo "$prefix"
