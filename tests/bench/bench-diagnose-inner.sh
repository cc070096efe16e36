#!/usr/bin/env bash
# Inside the DC's namespace (see bench-diagnose.sh): a mapped user, the endpoint, then both timings.
set -euo pipefail
eascert=$1; rounds=$2; work=$3
export LDAPTLS_CACERT=$EASCERT_DC_CA_FILE
ldap=(-H "$EASCERT_DC_URI" -x -D "$EASCERT_DC_ADMIN_DN" -y "$EASCERT_DC_PASSWORD_FILE.raw")
conn=(--ldap "$EASCERT_DC_URI" --ca-file "$EASCERT_DC_CA_FILE" --bind-dn "$EASCERT_DC_ADMIN_DN"
      --password-file "$EASCERT_DC_PASSWORD_FILE")

# A lab PKI, and its user in the directory with the strong mapping (the healthy path: every check runs).
lab=$work/lab
"$eascert" lab pki --out "$lab" >/dev/null
pfx=(--cert "$lab/usertest1.pfx" --cert-password-file "$lab/usertest1.pfx.password")
strong=$("$eascert" mapping "$lab/usertest1.cer" --json | sed -n 's/.*"recommended": "\(.*\)",/\1/p')
printf 'dn: CN=benchdiag,CN=Users,%s\nchangetype: add\nobjectClass: user\nsAMAccountName: benchdiag\nuserAccountControl: 544\naltSecurityIdentities: %s\n\n' \
    "$EASCERT_DC_BASE" "$strong" | ldapmodify "${ldap[@]}" >/dev/null
openssl pkcs12 -in "$lab/usertest1.pfx" -passin "file:$lab/usertest1.pfx.password" -nokeys -clcerts -out "$work/user.pem" 2>/dev/null
openssl pkcs12 -in "$lab/usertest1.pfx" -passin "file:$lab/usertest1.pfx.password" -nocerts -nodes -out "$work/user.key" 2>/dev/null

port=18443
"$eascert" lab serve --out "$lab" --port $port "${conn[@]}" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
url="https://127.0.0.1:$port/Microsoft-Server-ActiveSync"

now() { date +%s%N; }
ours() {
    "$eascert" diagnose "${pfx[@]}" --url "$url" --endpoint-ca-file "$lab/contoso-ca.pem" "${conn[@]}" \
        --user benchdiag --report "$work/report.html" --json "$work/report.json" --quiet > /dev/null
}
baseline() {
    openssl s_client -connect 127.0.0.1:$port -CAfile "$lab/contoso-ca.pem" -cert "$work/user.pem" \
        -key "$work/user.key" -brief < /dev/null > /dev/null 2>&1
    curl -s -o /dev/null -w '%{http_code}' -X OPTIONS --cacert "$lab/contoso-ca.pem" --cert "$work/user.pem" \
        --key "$work/user.key" "$url" > "$work/curl.status"
    ldapsearch "${ldap[@]}" -b "$EASCERT_DC_BASE" '(sAMAccountName=benchdiag)' \
        altSecurityIdentities userCertificate userAccountControl userPrincipalName > "$work/ldapsearch.out"
}
ours; baseline  # warm both up once
t0=$(now); for _ in $(seq 1 "$rounds"); do ours; done; t1=$(now)
for _ in $(seq 1 "$rounds"); do baseline; done; t2=$(now)

grep -q '"id": "healthy"' "$work/report.json" || { echo "diagnose did not find the setup healthy" >&2; exit 1; }
[ "$(cat "$work/curl.status")" = 200 ] || { echo "curl did not get 200" >&2; exit 1; }
grep -q "^altSecurityIdentities: " "$work/ldapsearch.out" || { echo "ldapsearch found no mapping" >&2; exit 1; }
mine=$(( (t1 - t0) / rounds / 1000 ))
base=$(( (t2 - t1) / rounds / 1000 ))
echo "rounds: $rounds (healthy user; endpoint asks the DC; TLS 1.2 renegotiation; LDAPS simple bind)"
echo "eascert diagnose (probe + inspect + report):  ${mine} us per run"
echo "openssl s_client + curl --cert + ldapsearch:   ${base} us per run"
awk -v a="$mine" -v b="$base" 'BEGIN { printf "ratio diagnose / baseline:                    %.2f (target < 1.0)\n", a / b }'
