#!/usr/bin/env bash
# Installs everything needed to build and test EAS Cert Doctor on Debian 12.
#   scripts/setup.sh               build and test dependencies (what .ci/run needs)
#   scripts/setup.sh --build-only  only what the build needs (the demo)
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config git
    qt6-base-dev libqt6svg6 libgl-dev libspdlog-dev libssl-dev nlohmann-json3-dev libcli11-dev catch2
    libkainjow-mustache-dev        # the report template engine (escapes every value for HTML)
    qt6-tools-dev qt6-l10n-tools   # Qt Linguist: the translations compiled into the wizard
    libldap-dev
    libpugixml-dev libcsv-dev libevtx-dev libbfio-dev   # the evidence readers: event XML, CSV, .evtx
)
[ "${1:-}" = --build-only ] || packages+=(
    ldap-utils
    samba samba-ad-dc samba-ad-provision winbind   # the real AD DC the integration tests run against
    iproute2                       # "ip link set lo up" inside the tests' network namespace
    krb5-user libsasl2-modules-gssapi-mit   # Kerberos (SASL GSSAPI) binds, tested against the DC's KDC
    nginx                          # an independent TLS server the probe is cross-checked against
    dnsmasq-base                   # a real DNS server for domain controller discovery (SRV records)
    openssl                        # s_client: the reference the probe is compared with
    tinyproxy                      # a real HTTP CONNECT proxy for the probe's proxy tests
    python3-cryptography-vectors   # public PKCS#12 test files
    util-linux                     # setpriv: the "unreadable file" test as a non-root user
    chromium                       # renders the HTML report headless: no network request, prints
    wixl msitools wine64           # the Windows installer: built with wixl, installed under Wine
    g++-mingw-w64-x86-64-posix     # the Windows programs (scripts/windows.sh; its toolchain script adds the rest)
    librsvg2-bin icoutils          # the Windows build's icons: PNG and .ico made from the SVGs
    xvfb xauth xdotool imagemagick # the installed Windows wizard in a real window: shown, driven, screenshot
    clang-16 libclang-rt-16-dev    # libFuzzer: the fuzz targets run in every test run (scripts/fuzz.sh)
    clang-format-14                # the formatting every test run checks (scripts/check-format.sh)
    libevtx-utils python3-evtx     # evtxexport and python-evtx: two independent readers of the test .evtx files
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all build dependencies are installed"
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: run as root or install sudo" >&2; exit 1; }
    sudo=(sudo)
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# The tests start Samba and nginx themselves, in private network namespaces: keep the packages'
# services from starting system-wide during the install (policy-rc.d, only if none is set).
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod +x "$policy"
    trap '"${sudo[@]}" rm -f "$policy"' EXIT
fi
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
