#!/usr/bin/env bash
# Inside the Samba DC's namespace (tests/fixtures/dc/run-with-dc.sh): seeds the entries both backends
# need, runs the conformance suite on the OpenLDAP backend (native) and on the wldap32 backend (the
# MinGW build under Wine), and checks that both pass, test for test, by the same names.
#     run-conformance.sh OPENLDAP_BINARY WINLDAP_EXE WORK_DIR
set -euo pipefail
native=$1; winexe=$2; work=$3
mkdir -p "$work"
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
