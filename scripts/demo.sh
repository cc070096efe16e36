#!/usr/bin/env bash
# The main job with no real servers: builds eascert, makes a demo lab PKI (a standalone CA and a
# user certificate, like the seed report's), and shows what the tool says about it.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "${EASCERT_SKIP_SETUP:-0}" = 1 ] || scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target eascert >/dev/null

eascert=build/release/app/cli/eascert
lab=build/demo-lab
rm -rf "$lab"
"$eascert" lab pki --out "$lab"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@" || true; }
pw=(--password-file "$lab/usertest1.pfx.password")
step "$eascert" cert show "$lab/usertest1.pfx" "${pw[@]}"
step "$eascert" mapping "$lab/usertest1.pfx" "${pw[@]}"

# What an admin typically writes by hand: the issuer as Windows displays it, the serial as certutil shows it.
issuer_display=$("$eascert" cert show "$lab/usertest1.cer" --json | sed -n 's/.*"display": "\(.*Standalone CA.*\)",/\1/p' | head -1)
serial=$("$eascert" cert show "$lab/usertest1.cer" --json | sed -n 's/.*"hex": "\([0-9A-F]*\)",/\1/p' | head -1)
step "$eascert" mapping check "$lab/usertest1.cer" --value "X509:<I>${issuer_display}<SR>${serial}"
# The mapping made for the renewed certificate does not map the one the phone holds.
renewed=$("$eascert" mapping "$lab/usertest1-renewed.cer" --json | sed -n 's/.*"recommended": "\(.*\)",/\1/p')
step "$eascert" mapping check "$lab/usertest1.cer" --value "$renewed"

# The endpoint as a phone sees it: the IIS-like lab endpoint on loopback asks for the certificate by
# renegotiation after the request, like IIS does by default.
port=$(( 20000 + RANDOM % 20000 ))
"$eascert" lab serve --out "$lab" --port "$port" > "$lab/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do grep -q listening "$lab/serve.log" 2>/dev/null && break; sleep 0.1; done
url="https://127.0.0.1:$port/Microsoft-Server-ActiveSync"
step "$eascert" probe "$url" --ca-file "$lab/contoso-ca.pem"
step "$eascert" probe "$url" --ca-file "$lab/contoso-ca.pem" --cert "$lab/usertest1.pfx" \
    --cert-password-file "$lab/usertest1.pfx.password"

echo
echo "Demo lab files are in $lab. Try: $eascert --help"
