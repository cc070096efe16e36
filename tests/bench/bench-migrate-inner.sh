#!/usr/bin/env bash
# Inside the DC's namespace (see bench-migrate.sh). Seeds, measures, prints.
set -euo pipefail
eascert=$1; seeder=$2; accounts=$3; runs=$4; work=$5
ldap=(-H "$EASCERT_DC_URI" -x -D "$EASCERT_DC_ADMIN_DN" -y "$EASCERT_DC_PASSWORD_FILE.raw")
export LDAPTLS_CACERT=$EASCERT_DC_CA_FILE
ou="OU=bench,$EASCERT_DC_BASE"
conn=(--ldap "$EASCERT_DC_URI" --ca-file "$EASCERT_DC_CA_FILE" --bind-dn "$EASCERT_DC_ADMIN_DN"
      --password-file "$EASCERT_DC_PASSWORD_FILE" --base "$ou")
printf 'dn: %s\nchangetype: add\nobjectClass: organizationalUnit\n\n' "$ou" | ldapmodify "${ldap[@]}" >/dev/null

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
now() { date +%s.%N; }

seed() {  # seed FROM TO
    "$seeder" "$ou" "$1" "$2" > "$work/seed.ldif"
    ldapmodify "${ldap[@]}" -c -f "$work/seed.ldif" >/dev/null
}

measure_plan() {  # prints "baseline_s plan_s plan_rss_kb"
    local base=() mine=() rss=()
    for _ in $(seq 1 "$runs"); do
        local t0 t1
        t0=$(now)
        ldapsearch "${ldap[@]}" -E pr=1000/noprompt -b "$ou" '(|(altSecurityIdentities=*)(userCertificate=*))' \
            sAMAccountName userPrincipalName mail altSecurityIdentities userCertificate > "$work/ldapsearch.out"
        t1=$(now); base+=("$(echo "$t1 - $t0" | bc -l)")
        t0=$(now)
        /usr/bin/time -f "%M" -o "$work/rss" "$eascert" directory migrate "${conn[@]}" --from-published \
            --format json > "$work/plan.json" || [ $? -eq 12 ]
        t1=$(now); mine+=("$(echo "$t1 - $t0" | bc -l)")
        rss+=("$(tail -1 "$work/rss")")
    done
    echo "$(printf '%s\n' "${base[@]}" | median) $(printf '%s\n' "${mine[@]}" | median) $(printf '%s\n' "${rss[@]}" | median)"
}

# The plan's own LDIF applied by ldapmodify (then taken back, not timed) and eascert's apply of the
# same plan with its journal (then undone, not timed), RUNS times each, in turns (the DC's write time
# drifts during a run); prints the medians "ldapmodify_s apply_s apply_rss_kb changes".
measure_apply() {
    "$eascert" directory migrate "${conn[@]}" --from-published --plan "$work/apply-plan.json" --format ldif \
        > "$work/apply.ldif" || [ $? -eq 12 ]
    sed 's/^add: altSecurityIdentities$/delete: altSecurityIdentities/' "$work/apply.ldif" > "$work/revert.ldif"
    local changes; changes=$(grep -c '^add: altSecurityIdentities$' "$work/apply.ldif")
    local base=() mine=() rss=() t0 t1
    for round in $(seq 1 "$runs"); do
        local order=(ldapmodify eascert)
        [ $((round % 2)) -eq 0 ] && order=(eascert ldapmodify)
        for tool in "${order[@]}"; do
            if [ "$tool" = ldapmodify ]; then
                t0=$(now); ldapmodify "${ldap[@]}" -f "$work/apply.ldif" > /dev/null; t1=$(now)
                base+=("$(echo "$t1 - $t0" | bc -l)")
                ldapmodify "${ldap[@]}" -f "$work/revert.ldif" > /dev/null
            else
                rm -f "$work/run.journal" "$work/run.journal.plan.json"
                t0=$(now)
                /usr/bin/time -f "%M" -o "$work/rss" "$eascert" directory migrate "${conn[@]}" --apply \
                    --plan "$work/apply-plan.json" --journal "$work/run.journal" --yes > "$work/apply.out"
                t1=$(now); mine+=("$(echo "$t1 - $t0" | bc -l)")
                rss+=("$(tail -1 "$work/rss")")
                "$eascert" directory migrate "${conn[@]}" --undo "$work/run.journal" --yes > /dev/null
            fi
        done
    done
    echo "$(printf '%s\n' "${base[@]}" | median) $(printf '%s\n' "${mine[@]}" | median) $(printf '%s\n' "${rss[@]}" | median) $changes"
}

small=$((accounts / 5))
echo "seeding $small accounts ..."
seed 0 "$small"
read -r pbase_s plan_s prss_s < <(measure_plan)
read -r abase_s apply_s arss_s changes_s < <(measure_apply)
echo "seeding up to $accounts accounts ..."
seed "$small" "$accounts"
read -r pbase_l plan_l prss_l < <(measure_plan)
read -r abase_l apply_l arss_l changes_l < <(measure_apply)

printf '\n%-40s %12s %12s\n' "" "$small acc." "$accounts acc."
printf '%-40s %12.3f %12.3f\n' "baseline ldapsearch pr=1000 (s)" "$pbase_s" "$pbase_l"
printf '%-40s %12.3f %12.3f\n' "eascert directory migrate, plan (s)" "$plan_s" "$plan_l"
printf '%-40s %12.2f %12.2f\n' "ratio plan / ldapsearch (<= 1.3)" "$(echo "$plan_s / $pbase_s" | bc -l)" "$(echo "$plan_l / $pbase_l" | bc -l)"
printf '%-40s %12d %12d\n' "changes applied" "$changes_s" "$changes_l"
printf '%-40s %12.3f %12.3f\n' "baseline ldapmodify of the LDIF (s)" "$abase_s" "$abase_l"
printf '%-40s %12.3f %12.3f\n' "eascert directory migrate --apply (s)" "$apply_s" "$apply_l"
printf '%-40s %12.2f %12.2f\n' "ratio apply / ldapmodify (<= 1.2)" "$(echo "$apply_s / $abase_s" | bc -l)" "$(echo "$apply_l / $abase_l" | bc -l)"
printf '%-40s %12d %12d\n' "plan peak RSS (KiB)" "$prss_s" "$prss_l"
printf '%-40s %12d %12d\n' "apply peak RSS (KiB)" "$arss_s" "$arss_l"
printf '%-40s %12s %12.2f\n' "plan RSS growth, 5x accounts (<= 1.2)" "" "$(echo "$prss_l / $prss_s" | bc -l)"
printf '%-40s %12s %12.2f\n' "apply RSS growth, 5x accounts (<= 1.2)" "" "$(echo "$arss_l / $arss_s" | bc -l)"
echo "(medians of $runs runs each; applies and ldapmodify in turns, each undone before the next)"
