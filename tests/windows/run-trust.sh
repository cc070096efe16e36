#!/usr/bin/env bash
# On Windows the probe trusts what Windows trusts (the ROOT and CA stores), not OpenSSL's Unix
# folders: the lab endpoint's server certificate, from a CA in no store, is reported untrusted; once
# the CA is in the user's ROOT store (as certutil -user -addstore Root would put it) it is verified,
# still without --ca-file. Inside unshare -n (its own loopback).
#     run-trust.sh LINUX_EASCERT WINDOWS_BUILD_DIR WORK_DIR
set -euo pipefail
here=$(dirname "$(realpath "$0")")
. "$here/wine-env.sh"
linux=$1; win=$2; work=$3
exe=$win/bin/eascert.exe; addroot=$win/test-bin/eascert_add_root.exe
need_windows_build "$exe" "$addroot"
ip link set lo up
rm -rf "$work"; mkdir -p "$work"
wine_prefix "$work/wineprefix"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$linux" lab serve --out "$work/lab" --port "$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wine_end' EXIT
for _ in $(seq 100); do
    grep -q listening "$work/serve.log" 2>/dev/null && break
    sleep 0.1
done
url="https://127.0.0.1:$port/Microsoft-Server-ActiveSync"
verified() {  # prints the probe's serverVerified (its exit code is the verdict: not checked here)
    { "$wine" "$exe" probe "$url" --json --no-proxy --timeout 10 2>"$work/probe.err" || true; } | tr -d '\r' |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["tls"]["serverVerified"])'
}
before=$(verified) || { cat "$work/probe.err" >&2; exit 1; }
[ "$before" = False ] || { echo "run-trust: FAIL: verified before the CA was in any store" >&2; exit 1; }
"$wine" "$addroot" "$work/lab/contoso-ca.pem" >/dev/null
after=$(verified) || { cat "$work/probe.err" >&2; exit 1; }
[ "$after" = True ] || { echo "run-trust: FAIL: the CA is in the ROOT store, the server is still untrusted" >&2; exit 1; }
echo "run-trust: PASS (untrusted without the CA; verified once it is in the Windows ROOT store, no --ca-file)"
