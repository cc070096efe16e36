#!/usr/bin/env bash
# Runs the certificate store test (a MinGW build) under Wine with PFX files made by OpenSSL: the lab
# user certificate (exportable on import) and another one (imported as not exportable); then the
# Windows eascert.exe reads the certificate as the store gave it out.
#     run-certstore.sh EASCERT_CLI TEST_EXE WORK_DIR WINDOWS_EASCERT_EXE
set -euo pipefail
eascert=$1; exe=$2; work=$3; winexe=$4
. "$(dirname "$(realpath "$0")")/wine-env.sh"
need_windows_build "$exe" "$winexe"
rm -rf "$work"; mkdir -p "$work"
"$eascert" lab pki --out "$work/lab" >/dev/null
pw=store-test-pass
# 3DES/SHA-1 PKCS#12, the form every Windows version (and Wine's crypt32) imports.
legacy=(-certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1)
openssl pkcs12 -in "$work/lab/usertest1.pfx" -passin "file:$work/lab/usertest1.pfx.password" -nodes -out "$work/user.pem" 2>/dev/null
openssl pkcs12 -export -in "$work/user.pem" "${legacy[@]}" -passout "pass:$pw" -out "$work/user.pfx" 2>/dev/null
openssl x509 -in "$work/user.pem" -outform DER -out "$work/user.der"
openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=locked-user" -days 30 -keyout "$work/locked.key" \
    -out "$work/locked.pem" 2>/dev/null
openssl pkcs12 -export -in "$work/locked.pem" -inkey "$work/locked.key" "${legacy[@]}" -passout "pass:$pw" \
    -out "$work/locked.pfx" 2>/dev/null
thumb() { openssl x509 -in "$1" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g'; }

export WINEPREFIX=$work/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export EASCERT_STORE_PFX="Z:$work/user.pfx" EASCERT_STORE_DER="Z:$work/user.der" EASCERT_STORE_PASSWORD=$pw
export EASCERT_STORE_THUMBPRINT=$(thumb "$work/user.pem")
export EASCERT_STORE_LOCKED_PFX="Z:$work/locked.pfx" EASCERT_STORE_LOCKED_THUMBPRINT=$(thumb "$work/locked.pem")
export EASCERT_STORE_KEY_OUT="Z:$work/exported.blob" EASCERT_STORE_CERT_OUT="Z:$work/from-store.cer"
status=0
"$wine" "$exe" || status=$?
[ "$status" -eq 0 ] || { wine_end; exit "$status"; }
# `cert show` on the file from the store: the same certificate (thumbprint) OpenSSL sees.
shown=$("$wine" "$winexe" cert show "$work/from-store.cer" --json | tr -d '\r' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["certificate"]["sha1"])' 2>&1) || true
wine_end
[ "$shown" = "$EASCERT_STORE_THUMBPRINT" ] ||
    { echo "run-certstore: eascert.exe cert show on the store's file: '$shown', expected $EASCERT_STORE_THUMBPRINT" >&2; exit 1; }
echo "run-certstore: eascert.exe reads the certificate exported from the store (SHA-1 $shown)"
# The exported PRIVATEKEYBLOB is the certificate's own key (OpenSSL reads the Microsoft format).
key_modulus=$(openssl rsa -inform MSBLOB -in "$work/exported.blob" -noout -modulus 2>/dev/null)
cert_modulus=$(openssl x509 -in "$work/user.pem" -noout -modulus)
[ -n "$key_modulus" ] && [ "$key_modulus" = "$cert_modulus" ] ||
    { echo "run-certstore: the exported key is not the certificate's key" >&2; exit 1; }
echo "run-certstore: the exported key belongs to the certificate (modulus matches)"
