#!/usr/bin/env bash
# Inside the DC's namespace (see bench-audit.sh). Seeds, measures, prints.
set -euo pipefail
eascert=$1; accounts=$2; runs=$3; work=$4
ldap=(-H "$EASCERT_DC_URI" -x -D "$EASCERT_DC_ADMIN_DN" -y "$EASCERT_DC_PASSWORD_FILE.raw")
export LDAPTLS_CACERT=$EASCERT_DC_CA_FILE
conn=(--ldap "$EASCERT_DC_URI" --ca-file "$EASCERT_DC_CA_FILE" --bind-dn "$EASCERT_DC_ADMIN_DN"
      --password-file "$EASCERT_DC_PASSWORD_FILE")

seed() {  # seed FROM TO: accounts with two mapping values each (one weak, every 10th with a near miss)
    awk -v from="$1" -v to="$2" -v base="$EASCERT_DC_BASE" 'BEGIN {
        for (i = from; i < to; i++) {
            printf "dn: CN=bench%06d,CN=Users,%s\nchangetype: add\nobjectClass: user\n", i, base
            printf "sAMAccountName: bench%06d\nuserAccountControl: 544\n", i
            printf "altSecurityIdentities: X509:<I>DC=test,DC=contoso,CN=Contoso Standalone CA<SR>%08X00\n", i
            if (i % 10 == 0)
                printf "altSecurityIdentities: X509:<I>CN=Contoso Standalone CA, DC=contoso, DC=test<S>CN=bench%06d\n\n", i
            else
                printf "altSecurityIdentities: X509:<I>DC=test,DC=contoso,CN=Contoso Standalone CA<S>CN=bench%06d\n\n", i
        }
    }' > "$work/seed.ldif"
    ldapmodify "${ldap[@]}" -c -f "$work/seed.ldif" >/dev/null
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

measure() {  # prints "baseline_seconds audit_seconds audit_max_rss_kb"
    local base=() mine=() rss=()
    for _ in $(seq 1 "$runs"); do
        local t0 t1
        t0=$(date +%s.%N)
        ldapsearch "${ldap[@]}" -E pr=1000/noprompt -b "$EASCERT_DC_BASE" \
            '(|(altSecurityIdentities=*)(userCertificate=*))' sAMAccountName altSecurityIdentities userCertificate \
            > /dev/null
        t1=$(date +%s.%N)
        base+=("$(echo "$t1 - $t0" | bc -l)")
        t0=$(date +%s.%N)
        /usr/bin/time -f "%M" -o "$work/rss" "$eascert" directory audit "${conn[@]}" --format csv > "$work/audit.csv" || true
        t1=$(date +%s.%N)
        mine+=("$(echo "$t1 - $t0" | bc -l)")
        rss+=("$(tail -1 "$work/rss")")
    done
    echo "$(printf '%s\n' "${base[@]}" | median) $(printf '%s\n' "${mine[@]}" | median) $(printf '%s\n' "${rss[@]}" | median)"
}

small=$((accounts / 5))
echo "seeding $small accounts ..."
seed 0 "$small"
read -r base_s audit_s rss_s < <(measure)
echo "seeding up to $accounts accounts ..."
seed "$small" "$accounts"
read -r base_l audit_l rss_l < <(measure)
rows=$(($(wc -l < "$work/audit.csv") - 1))

printf '\n%-34s %12s %12s\n' "" "$small acc." "$accounts acc."
printf '%-34s %12.3f %12.3f\n' "baseline ldapsearch pr=1000 (s)" "$base_s" "$base_l"
printf '%-34s %12.3f %12.3f\n' "eascert directory audit (s)" "$audit_s" "$audit_l"
printf '%-34s %12.2f %12.2f\n' "ratio audit / baseline" "$(echo "$audit_s / $base_s" | bc -l)" "$(echo "$audit_l / $base_l" | bc -l)"
printf '%-34s %12d %12d\n' "audit peak RSS (KiB)" "$rss_s" "$rss_l"
printf '%-34s %12s %12.2f\n' "RSS growth for 5x accounts" "" "$(echo "$rss_l / $rss_s" | bc -l)"
echo "audit rows at $accounts accounts: $rows (median of $runs runs each; target ratio <= 1.3)"
