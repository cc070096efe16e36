#!/usr/bin/env bash
# The Windows eascert.exe builds the same altSecurityIdentities values as the Linux build, byte for
# byte (after CR LF -> LF), for certificates that trip mappers: the lab's user and renewed
# certificates and PKCS#7 chain, a serial with a DER sign byte, UTF-8 and quotes in names, a
# multi-valued RDN, state and e-mail attributes, and a certificate without a subject key identifier.
#     run-mapping-golden.sh LINUX_EASCERT WINDOWS_EASCERT_EXE WORK_DIR
set -euo pipefail
here=$(dirname "$(realpath "$0")")
. "$here/wine-env.sh"
linux=$1; exe=$2; work=$3
need_windows_build "$exe"
wine_work "$work"
mkdir -p "$work/certs"
certs=$work/certs

"$linux" lab pki --out "$work/lab" >/dev/null
cp "$work/lab"/*.cer "$work/lab"/*.p7b "$certs/" 2>/dev/null || true
cp "$work/lab/contoso-ca.pem" "$certs/ca.pem"
(
    cd "$certs"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -days 30 -utf8 -out ca.crt \
        -subj "/C=DE/O=Zertifizierung Ünïcode, \"GmbH\"/CN=Golden CA" 2>/dev/null
    issue() {  # NAME SERIAL SUBJECT [EXTENSIONS]
        printf '[ext]\nextendedKeyUsage=clientAuth\n%s\n' "${4:-subjectKeyIdentifier=hash}" > "$1.ext"
        openssl req -new -newkey rsa:2048 -nodes -keyout "$1.key" -utf8 -multivalue-rdn -out "$1.csr" \
            -subj "$3" 2>/dev/null
        openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -set_serial "$2" -days 30 \
            -extfile "$1.ext" -extensions ext -out "$1.pem" 2>/dev/null
        rm -f "$1.csr" "$1.ext" "$1.key"
    }
    issue sign-byte 0x8FEDCBA98765432100FF "/C=US/ST=Bavaria/O=Contoso, Inc./CN=usertest1/emailAddress=usertest1@contoso.test"
    issue unicode 0x2B0000000011AC0000000012 "/O=Müller & Söhne \"Test\"/OU= leading space/CN=Bénédicte Jürgen 証明書"
    issue multi-rdn 0x3D0000000000A3 "/DC=test/DC=contoso/CN=JANE DOE+UID=47001003151020"
    issue no-ski 0x05 "/CN=no key identifier" "basicConstraints=CA:FALSE"
    rm -f ca.key
)

count=0
for file in "$certs"/*; do
    name=$(basename "$file")
    for form in text json; do
        args=(mapping "$file")
        [ "$form" = json ] && args+=(--json)
        set +e
        "$linux" "${args[@]}" > "$work/$name.linux.$form" 2>&1
        linux_rc=$?
        "$wine" "$exe" "${args[@]}" 2>&1 | tr -d '\r' > "$work/$name.windows.$form"
        windows_rc=${PIPESTATUS[0]}
        set -e
        if [ "$linux_rc" != "$windows_rc" ] || ! cmp -s "$work/$name.linux.$form" "$work/$name.windows.$form"; then
            echo "run-mapping-golden: $name ($form): Linux exit $linux_rc, Windows exit $windows_rc" >&2
            diff -u "$work/$name.linux.$form" "$work/$name.windows.$form" >&2 || true
            exit 1
        fi
        grep -q 'X509:<I>' "$work/$name.linux.$form" || { echo "run-mapping-golden: no mapping for $name" >&2; exit 1; }
        count=$((count + 1))
    done
done
echo "run-mapping-golden: PASS ($count outputs of $(ls "$certs" | wc -l) certificates identical on Linux and Windows)"
