#!/usr/bin/env bash
# Benchmark: one full `eascert probe` (TLS, the certificate asked for by renegotiation, OPTIONS)
# against the local IIS-like endpoint, versus the baseline `openssl s_client` (the handshake) +
# `curl --cert` (the same request with the same certificate), measured in the same run.
# Target: ratio <= 1.0. Run on purpose, not by ctest:
#     tests/bench/bench-probe.sh [BUILD_DIR=build/release] [ROUNDS=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
rounds=${2:-30}
eascert=$(realpath "$build/app/cli/eascert")
[ -x "$eascert" ] || { echo "build eascert first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
for tool in curl openssl unshare; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
work=$(mktemp -d /tmp/eascert-bench-probe.XXXXXX)
trap 'rm -rf "$work"' EXIT
exec unshare -n -- bash -s "$eascert" "$work" "$rounds" <<'INNER'
set -euo pipefail
eascert=$1; work=$2; rounds=$3
ip link set lo up
"$eascert" lab pki --out "$work/lab" >/dev/null
openssl pkcs12 -in "$work/lab/usertest1.pfx" -passin "file:$work/lab/usertest1.pfx.password" -nokeys -clcerts \
    -out "$work/user.pem" 2>/dev/null
openssl pkcs12 -in "$work/lab/usertest1.pfx" -passin "file:$work/lab/usertest1.pfx.password" -nocerts -nodes \
    -out "$work/user.key" 2>/dev/null
port=18443
"$eascert" lab serve --out "$work/lab" --port $port >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
url="https://127.0.0.1:$port/Microsoft-Server-ActiveSync"

now() { date +%s%N; }
t0=$(now)
for _ in $(seq 1 "$rounds"); do
    "$eascert" probe "$url" --cert "$work/lab/usertest1.pfx" --cert-password-file "$work/lab/usertest1.pfx.password" \
        --ca-file "$work/lab/contoso-ca.pem" --json > "$work/probe.json"
done
t1=$(now)
for _ in $(seq 1 "$rounds"); do
    openssl s_client -connect 127.0.0.1:$port -CAfile "$work/lab/contoso-ca.pem" -cert "$work/user.pem" \
        -key "$work/user.key" -brief < /dev/null > /dev/null 2>&1
    curl -s -o /dev/null -w '%{http_code}' -X OPTIONS --cacert "$work/lab/contoso-ca.pem" --cert "$work/user.pem" \
        --key "$work/user.key" "$url" > "$work/curl.status"
done
t2=$(now)
grep -q '"outcome": "authenticated"' "$work/probe.json" || { echo "the probe did not authenticate" >&2; exit 1; }
[ "$(cat "$work/curl.status")" = 200 ] || { echo "curl did not get 200" >&2; exit 1; }
ours=$(( (t1 - t0) / rounds / 1000 ))
base=$(( (t2 - t1) / rounds / 1000 ))
echo "rounds: $rounds (each: TLS 1.2, client certificate by renegotiation, OPTIONS -> 200)"
echo "eascert probe:                 ${ours} us per probe"
echo "openssl s_client + curl --cert: ${base} us per pair"
awk -v a="$ours" -v b="$base" 'BEGIN { printf "ratio probe / baseline:        %.2f (target <= 1.0)\n", a / b }'
INNER
