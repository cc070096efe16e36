#!/usr/bin/env bash
# Benchmark (issue 15): the servers' logs stream in bounded memory, as fast as the tools admins use.
#   - 1 GB of IIS W3C logs: `eascert evidence` versus `grep -c ' 401 2 '` on the same file;
#   - a 100 MB Security .evtx: `eascert evidence` versus `evtxexport -f xml > /dev/null`.
# Both measured in the same run (page cache warm for both); peak memory (max RSS) of eascert printed.
# Targets: ratio baseline time / eascert time >= 0.8, eascert max RSS <= 64 MiB. Run on purpose:
#     tests/bench/bench-evidence.sh [BUILD_DIR=build/release] [IIS_MB=1024] [EVTX_MB=100]
# make-evtx (the test .evtx writer) comes from build/dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
iisMb=${2:-1024}
evtxMb=${3:-100}
eascert=$(realpath "$build/app/cli/eascert")
makeEvtx=$(realpath build/dev/tests/make-evtx)
[ -x "$eascert" ] || { echo "build eascert first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }
[ -x "$makeEvtx" ] || { echo "build make-evtx first: cmake --build build/dev --target make-evtx" >&2; exit 2; }
for tool in evtxexport /usr/bin/time python3; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
work=$(mktemp -d /tmp/eascert-bench-evidence.XXXXXX)
trap 'rm -rf "$work"' EXIT

# IIS: a day of ActiveSync traffic repeated to the size asked for: 5 % 401.2, 10 % Negotiate's
# first leg, the rest 200, every minute of the day.
python3 - "$work/u_ex261201.log" "$iisMb" <<'PY'
import random, sys
random.seed(15)
path, mb = sys.argv[1], int(sys.argv[2])
head = ("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-12-01 00:00:00\r\n"
        "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
        "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n")
lines = []
for i in range(1440 * 4):
    r = random.random()
    status = "401 2 5" if r < 0.05 else "401 1 2148074254" if r < 0.15 else "200 0 0"
    user = "-" if status.startswith("401") else "CONTOSO\\user%d" % (i % 500)
    lines.append("2026-12-01 %02d:%02d:%02d 10.0.0.5 POST /Microsoft-Server-ActiveSync/default.eas "
                 "User=user%d&DeviceId=Appl%08d&DeviceType=iPhone&Cmd=Sync 443 %s 203.0.113.%d "
                 "Apple-iPhone13C2/2001.100 - %s %d\r\n" % (i // 240, i // 4 % 60, i % 60, i % 500, i, user, i % 250,
                                                            status, random.randint(1, 900)))
block = "".join(lines).encode()
with open(path, "wb") as f:
    f.write(head.encode())
    written = 0
    while written < mb * 1024 * 1024:
        f.write(block)
        written += len(block)
PY

# evtx: a Security log of 4624 logons with some certificate lookups among them, from an XML export.
python3 - "$work/events.xml" <<'PY'
import sys
events = []
for i in range(1000):
    if i % 20 == 0:
        data = ('<Data Name="TargetUserName">X509N:&lt;S&gt;CN=usertest%d</Data><Data Name="TargetDomainName">CONTOSO</Data>'
                '<Data Name="Status">0x6</Data><Data Name="CertIssuerName">Contoso Standalone CA</Data>' % i)
        eid = 4768
    else:
        data = ('<Data Name="SubjectUserSid">S-1-0-0</Data><Data Name="TargetUserName">user%d</Data>'
                '<Data Name="TargetDomainName">CONTOSO</Data><Data Name="LogonType">3</Data>'
                '<Data Name="IpAddress">192.0.2.%d</Data><Data Name="LogonProcessName">Kerberos</Data>' % (i, i % 250))
        eid = 4624
    events.append('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>'
                  '<Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>%d</EventID><Level>0</Level>'
                  '<TimeCreated SystemTime="2026-12-01T09:%02d:%02d.1234567Z"/><EventRecordID>%d</EventRecordID>'
                  '<Channel>Security</Channel><Computer>DC1.contoso.com</Computer></System><EventData>%s</EventData></Event>'
                  % (eid, i // 60 % 60, i % 60, i + 1, data))
open(sys.argv[1], "w").write("<Events>" + "".join(events) + "</Events>")
PY
"$makeEvtx" "$work/events.xml" "$work/one.evtx" 1
perCopy=$(stat -c %s "$work/one.evtx")
copies=$(( evtxMb * 1024 * 1024 / perCopy + 1 ))
"$makeEvtx" "$work/events.xml" "$work/Security.evtx" "$copies"

now() { date +%s%N; }
best() {  # the fastest of three runs, in ms (the first also warms the page cache)
    local fastest=
    for _ in 1 2 3; do
        local t0; t0=$(now); "$@" > "$work/out" 2>&1 || true; local t1; t1=$(now)  # a file: grep stops early into /dev/null
        local ms=$(( (t1 - t0) / 1000000 ))
        if [ -z "$fastest" ] || [ "$ms" -lt "$fastest" ]; then fastest=$ms; fi
    done
    echo "$fastest"
}
rss() { { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -1; }  # max RSS in KiB (eascert exits 12 on a problem found)

iisSize=$(( $(stat -c %s "$work/u_ex261201.log") / 1024 / 1024 ))
evtxSize=$(( $(stat -c %s "$work/Security.evtx") / 1024 / 1024 ))
grepMs=$(best grep -c ' 401 2 ' "$work/u_ex261201.log")
oursIisMs=$(best "$eascert" evidence "$work/u_ex261201.log")
oursIisRss=$(rss "$eascert" evidence "$work/u_ex261201.log")
exportMs=$(best evtxexport -f xml "$work/Security.evtx")
oursEvtxMs=$(best "$eascert" evidence "$work/Security.evtx")
oursEvtxRss=$(rss "$eascert" evidence "$work/Security.evtx")
"$eascert" evidence "$work/u_ex261201.log" --json > "$work/iis.json" || true
grep -q '"iis-mapping-failed"' "$work/iis.json" || { echo "eascert did not find the 401.2s" >&2; exit 1; }
"$eascert" evidence "$work/Security.evtx" --json > "$work/evtx.json" || true
grep -q '"kdc-principal-unknown"' "$work/evtx.json" || { echo "eascert did not find the 4768 0x6" >&2; exit 1; }

echo "IIS log:  ${iisSize} MiB; grep -c ' 401 2 ': ${grepMs} ms; eascert evidence: ${oursIisMs} ms, max RSS $(( oursIisRss / 1024 )) MiB"
awk -v b="$grepMs" -v a="$oursIisMs" 'BEGIN { printf "  ratio grep / eascert:        %.2f (target >= 0.8)\n", b / a }'
echo ".evtx:    ${evtxSize} MiB; evtxexport -f xml: ${exportMs} ms; eascert evidence: ${oursEvtxMs} ms, max RSS $(( oursEvtxRss / 1024 )) MiB"
awk -v b="$exportMs" -v a="$oursEvtxMs" 'BEGIN { printf "  ratio evtxexport / eascert:  %.2f (target >= 0.8)\n", b / a }'
echo "memory target: max RSS <= 64 MiB for both"
