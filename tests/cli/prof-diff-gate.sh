# prof-diff as a before/after gate: files labelled differently still match
# group for group, a comparison with no group in common is an error, and a
# gate that can never fire for a group says so.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
D=$top/tests/data

# relabel FILE LABEL: the records of FILE with every label set to LABEL
relabel() {
	awk -F'\t' -v OFS='\t' -v l="$2" '/^#/ {print; next}
		!h {for (i = 1; i <= NF; i++) if ($i == "label") c = i; h = 1; print; next}
		{$c = l; print}' "$1"
}
relabel "$D/old.tsv" before >before.tsv
relabel "$D/new.tsv" after >after.tsv

check_exit "labels before/after: the gate fires on a 69% slowdown" 1 \
	prof-diff --fail-slower 10 before.tsv after.tsv
check_grep "  naming the group" "t_total op=cat via=rpc size=1048576 access=warm: before.tsv -> after.tsv: \+68.97%, slower" err
check_eq "  groups are matched, not on one side only" \
	"$(prof-diff -o tsv before.tsv after.tsv | col_where - metric=t_total op=cat note)" "$(printf -- '-\n-')"
check_exit "  and the label is no key of the comparison" 0 sh -c "prof-diff -o tsv before.tsv after.tsv | head -1 | grep -qv label"
check_exit "the same labels: the gate still fires" 1 prof-diff --fail-slower 10 "$D/old.tsv" "$D/new.tsv"
check_exit "a slowdown under the threshold passes" 0 prof-diff --fail-slower 100 before.tsv after.tsv

check_exit "-g with the label: no group in common is an error" 1 \
	prof-diff -g op,label before.tsv after.tsv
check_grep "  and says so" "before.tsv and after.tsv have no group in common: nothing to compare \(grouped by op,label" err
printf 'op\tsize\tok\tt_total\nid\t-\t1\t0.1\n' >id.tsv
printf 'op\tsize\tok\tt_total\nversion\t-\t1\t0.1\n' >version.tsv
check_exit "disjoint operations: exit 1, never a pass" 1 prof-diff --fail-slower 10 id.tsv version.tsv

# three samples a side can never reach p < 0.05 (exact p >= 0.1)
{ printf 'op\tok\tt_total\n'; for t in 0.01 0.011 0.012; do printf 'id\t1\t%s\n' $t; done; } >s3.tsv
{ printf 'op\tok\tt_total\n'; for t in 0.1 0.11 0.12; do printf 'id\t1\t%s\n' $t; done; } >t3.tsv
check_exit "3 against 3, ten times slower: the gate cannot judge, exit 1, never a pass" 1 prof-diff --fail-slower 10 s3.tsv t3.tsv
check_grep "  the gate says it cannot fire for the group" "3 and 3 samples can never reach p < 0.05: --fail-slower cannot fire" err
check_grep "  nor judge the comparison" "s3\.tsv -> t3\.tsv: no group has enough samples to reach p < 0\.05: --fail-slower cannot judge" err
check_grep "  and the table says how many are needed" "need >= 4 samples on each side" out
{ printf 'op\tok\tt_total\n'; for t in 0.01 0.011 0.012 0.013; do printf 'id\t1\t%s\n' $t; done; } >s4.tsv
{ printf 'op\tok\tt_total\n'; for t in 0.1 0.11 0.12 0.13; do printf 'id\t1\t%s\n' $t; done; } >t4.tsv
check_exit "4 against 4: the gate fires" 1 prof-diff --fail-slower 10 s4.tsv t4.tsv
check_eq "  with no warning that it cannot" "$(grep -c 'cannot fire' err)" 0
