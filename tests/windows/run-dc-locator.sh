#!/usr/bin/env bash
# Runs the DsGetDcName tests (MinGW build) under Wine in a private network and mount namespace:
# dnsmasq on 127.0.0.1 answers for contoso.test like a domain's DNS (SRV _ldap._tcp.dc._msdcs and
# the DC's A record, NXDOMAIN for the rest of .test), and /etc/resolv.conf is bind-mounted to it.
#     unshare -n -m -- run-dc-locator.sh DNSMASQ TESTS_EXE WORK_DIR
set -euo pipefail
dnsmasq=$1; exe=$2; work=$3
rm -rf "$work"; mkdir -p "$work"
ip link set lo up
echo "nameserver 127.0.0.1" > "$work/resolv.conf"
mount --bind "$work/resolv.conf" /etc/resolv.conf
"$dnsmasq" --keep-in-foreground --no-resolv --no-hosts --listen-address=127.0.0.1 --bind-interfaces \
    --pid-file="$work/dnsmasq.pid" --local=/test/ --log-queries --log-facility="$work/dnsmasq.log" \
    --srv-host=_ldap._tcp.dc._msdcs.contoso.test,dc1.contoso.test,389,0,100 \
    --srv-host=_ldap._tcp.contoso.test,dc1.contoso.test,389,0,100 \
    --host-record=dc1.contoso.test,127.0.0.1 &
dns=$!
trap 'kill $dns 2>/dev/null || true; /usr/lib/wine/wineserver -k 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    [ -s "$work/dnsmasq.pid" ] && break
    sleep 0.1
done
export WINEPREFIX=$work/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
status=0
/usr/lib/wine/wine64 "$exe" 2> "$work/wine.log" || status=$?
if [ "$status" -ne 0 ]; then
    echo "--- dnsmasq log:" >&2; cat "$work/dnsmasq.log" >&2 || true
fi
exit "$status"
