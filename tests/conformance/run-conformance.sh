#!/usr/bin/env bash
# Inside the Samba DC's namespace (tests/fixtures/dc/run-with-dc.sh): seeds the entries both backends
# need, makes the test certificates with the openssl command line, runs the conformance suite on the
# OpenLDAP backend (native) and on the wldap32 backend (the MinGW build under Wine), and checks that
# both pass, test for test, by the same names.
#     run-conformance.sh EASCERT OPENLDAP_BINARY WINLDAP_EXE WORK_DIR
set -euo pipefail
eascert=$1; native=$2; winexe=$3; work=$4
mkdir -p "$work"
files=$work/files
rm -rf "$files"; mkdir -p "$files"
export EASCERT_CONFORMANCE_FILES=$files

# A standalone CA and certificates with what trips parsers: a serial with the high bit set (DER sign
# byte), non-ASCII UTF-8 in the subject, a UPN otherName, e-mail, a SID URL, key identifiers.
(
    cd "$files"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -days 30 -utf8 -outform DER -out ca.der \
        -subj "/DC=test/DC=contoso/O=Conformance Ünïcode/CN=Conformance CA" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign,cRLSign \
        -addext subjectKeyIdentifier=hash 2> /dev/null
    make_cert() {  # NAME SERIAL UPN [SAN-URI]
        {
            printf '[ext]\nsubjectAltName=@alt\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n'
            printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n'
            printf '[alt]\notherName.1=1.3.6.1.4.1.311.20.2.3;UTF8:%s\nemail.1=%s\n' "$3" "$3"
            if [ -n "${4:-}" ]; then printf 'URI.1=%s\n' "$4"; fi
        } > "$1.ext"
        openssl req -new -newkey rsa:2048 -nodes -keyout "$1.key" -utf8 -out "$1.csr" \
            -subj "/C=DE/O=Müller & Söhne, \"Test\"/CN=$1" 2> /dev/null
        openssl x509 -req -in "$1.csr" -CA ca.der -CAform DER -CAkey ca.key -set_serial "$2" -days 30 \
            -extfile "$1.ext" -extensions ext -outform DER -out "$1.der" 2> /dev/null
    }
    make_cert tricky 0x8FEDCBA98765432100FF tricky@contoso.test tag:microsoft.com,2022-09-14:sid:S-1-5-21-1-2-3-1001
    make_cert cert-openldap 0x9A01 mapped-openldap@contoso.test
    make_cert cert-wldap32 0x9A02 mapped-wldap32@contoso.test
    hex() { tr -d ':\n ' | tr 'a-f' 'A-F'; }
    x() { openssl x509 -inform DER -in tricky.der -noout "$@"; }
    {
        echo "serial=$(x -serial | cut -d= -f2)"
        echo "ski=$(x -ext subjectKeyIdentifier | tail -n1 | hex)"
        echo "aki=$(x -ext authorityKeyIdentifier | sed -n 2p | sed 's/^ *\(keyid:\)\?//' | hex)"
        echo "sha1=$(x -fingerprint -sha1 | cut -d= -f2 | hex)"
        echo "sha256=$(x -fingerprint -sha256 | cut -d= -f2 | hex)"
        echo "upn=tricky@contoso.test"
        echo "email=tricky@contoso.test"
        echo "sid=S-1-5-21-1-2-3-1001"
        echo "organization=Müller & Söhne, \"Test\""
    } > tricky.facts
)
"$eascert" mapping "$files/tricky.der" --json > "$files/tricky.mapping.json" || true  # exit 0..: JSON either way
grep -q '"forms"' "$files/tricky.mapping.json" || { cat "$files/tricky.mapping.json" >&2; exit 1; }
export LDAPTLS_CACERT=$EASCERT_DC_CA_FILE
ldap=(-H "$EASCERT_DC_URI" -x -D "$EASCERT_DC_ADMIN_DN" -y "$EASCERT_DC_PASSWORD_FILE.raw")
export EASCERT_CONFORMANCE_LIMITED_PASSWORD="Limited-Pass-$RANDOM-x7!"

seed() {  # seed BACKEND
    local ou="OU=conformance-$1,$EASCERT_DC_BASE"
    local pw
    pw=$(printf '"%s"' "$EASCERT_CONFORMANCE_LIMITED_PASSWORD" | iconv -f UTF-8 -t UTF-16LE | base64 -w0)
    {
        printf 'dn: %s\nchangetype: add\nobjectClass: organizationalUnit\n\n' "$ou"
        for i in $(seq 0 24); do
            n=$(printf '%02d' "$i")
            printf 'dn: CN=user-%s,%s\nchangetype: add\nobjectClass: user\nsAMAccountName: user-%s-%s\n' "$n" "$ou" "$n" "${1:0:4}"
            printf 'altSecurityIdentities: X509:<I>DC=test,DC=contoso,CN=Conformance CA<SR>%s\n' "$n"
            if [ "$i" = 0 ]; then
                printf 'description: a*b(c)\\d\nuserCertificate:: MAAB/wB/\n\n'
            else
                printf 'description: conformance user %s\n\n' "$n"
            fi
        done
        printf 'dn: CN=limited-%s,%s\nchangetype: add\nobjectClass: user\nsAMAccountName: limited-%s\n' "$1" "$ou" "${1:0:8}"
        printf 'userAccountControl: 512\nunicodePwd:: %s\n\n' "$pw"
        printf 'dn: CN=mapped,%s\nchangetype: add\nobjectClass: user\nsAMAccountName: mapped-%s\n' "$ou" "$1"
        printf 'userPrincipalName: mapped-%s@contoso.test\nuserAccountControl: 512\nunicodePwd:: %s\n' "$1" "$pw"
        printf 'altSecurityIdentities: X509:<I>DC=test,DC=contoso,CN=Other CA<SR>0102\n'
        printf 'userCertificate:: %s\n\n' "$(base64 -w0 "$files/cert-$1.der")"
    } > "$work/seed-$1.ldif"
    ldapmodify "${ldap[@]}" -f "$work/seed-$1.ldif" > "$work/seed-$1.log" 2>&1 ||
        { cat "$work/seed-$1.log" >&2; echo "run-conformance: seeding failed" >&2; exit 1; }
}
seed openldap
seed wldap32

# Passed test names from a Catch2 JUnit report, sorted.
passed() { python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
for case in root.iter("testcase"):
    if case.find("failure") is None and case.find("error") is None:
        print(case.get("name"))
' "$1" | sort; }

status=0
EASCERT_CONFORMANCE_BACKEND=openldap "$native" -r junit -o "$work/openldap.xml" || status=1
export WINEPREFIX=$work/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
EASCERT_CONFORMANCE_BACKEND=wldap32 /usr/lib/wine/wine64 "$winexe" -r junit > "$work/wldap32.xml" 2> "$work/wine.log" || status=1
/usr/lib/wine/wineserver -k 2>/dev/null || true
passed "$work/openldap.xml" > "$work/openldap.passed"
passed "$work/wldap32.xml" > "$work/wldap32.passed"
echo "OpenLDAP backend: $(wc -l < "$work/openldap.passed") passed; wldap32 backend under Wine: $(wc -l < "$work/wldap32.passed") passed"
if ! diff -u "$work/openldap.passed" "$work/wldap32.passed"; then
    echo "run-conformance: the two backends pass different tests (above)" >&2
    status=1
fi
if [ "$status" -ne 0 ]; then
    echo "--- failures (OpenLDAP):" >&2; grep -A5 "<failure" "$work/openldap.xml" >&2 || true
    echo "--- failures (wldap32):" >&2; grep -A5 "<failure" "$work/wldap32.xml" >&2 || true
    exit 1
fi
echo "run-conformance: PASS (the same $(wc -l < "$work/openldap.passed") tests on both backends)"
