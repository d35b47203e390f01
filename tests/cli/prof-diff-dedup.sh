# prof-diff flags every group with records marked dedup=1 (ipfs-time-add's
# mark of a run whose content the node already held): a footnote in text,
# a note in TSV and JSON, in summaries and comparisons alike; groups without
# the mark, and inputs without the column, get none (issue 10, point 4).
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
D=$top/tests/data
foot='the node already held this content: deduplicated adds, not fresh ones'
# The fixture, tests/data/dedup.tsv: one --seed run twice. "first" is fresh
# (dedup=0), "second" re-adds the 4M payloads (dedup=1: 6 measured, 1
# failed, 1 warm-up), its 1M group is fresh in both.

# rows FILE: the text table rows of the add groups, "size label mark"
rows() { awk '$1 == "add" { print $3, $4, ($NF ~ /^\[[0-9]+\]$/ ? $NF : "-") }' "$1"; }

# --- one profile ----------------------------------------------------------
check "summary" prof-diff -m t_total "$D/dedup.tsv"
check_eq "  text: the deduplicated group alone has a mark" "$(rows out)" \
	"$(printf '1M first -\n1M second -\n4M first -\n4M second [1]')"
check_grep "  and the footnote says what it means" "^\[1\] $foot\$" out
check "summary -o tsv" prof-diff -o tsv "$D/dedup.tsv"
check_eq "  TSV: a note on the deduplicated group, for each metric" \
	"$(col_where out note~dedup metric size label | tr '\t' ' ')" \
	"$(printf 't_total 4194304 second\nmb_per_s 4194304 second')"
check_eq "  counting its records, failed or not, but no warm-up" \
	"$(col_where out metric=t_total size=4194304 label=second note)" \
	"7 deduplicated adds: the node already held this content (dedup=1)"
check_eq "  no note on the fresh groups" \
	"$(col_where out metric=t_total note!=- | wc -l | tr -d ' ')" 1
check "summary -j" prof-diff -j "$D/dedup.tsv"
check_eq "  JSON: the same note" \
	"$(jq -r 'select(.meta|not) | select(.note != null) | "\(.metric) \(.size) \(.label) \(.note)"' out)" \
	"$(printf 't_total 4194304 second 7 deduplicated adds: the node already held this content (dedup=1)\nmb_per_s 4194304 second 7 deduplicated adds: the node already held this content (dedup=1)')"

# --- comparisons: -c, and two files ---------------------------------------
check "comparison -c label" prof-diff -m t_total -c label=first,second "$D/dedup.tsv"
check_grep "  text: the faster deduplicated group is marked" '^add +rpc +4M .* faster +\[1\]$' out
check_grep "  and footnoted" "^\[1\] $foot\$" out
check_eq "  the fresh group is not" "$(grep -c '^add  *rpc  *1M .*\[' out)" 0
check "comparison -c label -o tsv" prof-diff -o tsv -m t_total -c label=first,second "$D/dedup.tsv"
check_eq "  TSV: the note names the side" "$(col_where out size=4194304 verdict note)" \
	"$(printf 'faster\tnew: 7 deduplicated adds: the node already held this content (dedup=1)')"
check_eq "  and the fresh group has none" "$(col_where out size=1048576 note)" -
awk -F'\t' '/^#/ || $4 != "second"' "$D/dedup.tsv" >first.tsv
awk -F'\t' '/^#/ || $4 != "first"' "$D/dedup.tsv" >second.tsv
check "two files, the deduplicated one first" prof-diff -j -m t_total second.tsv first.tsv
check_eq "  JSON: the note is on the old side" \
	"$(jq -r 'select(.meta|not) | select(.size == 4194304) | "\(.verdict) \(.note)"' out)" \
	"slower old: 7 deduplicated adds: the node already held this content (dedup=1)"
check "two files, text" prof-diff -m t_total first.tsv second.tsv
check_grep "  text: footnoted" "^\[1\] $foot\$" out

# --- no mark, no note; a bad mark is a malformed record -------------------
check "a profile without the column" prof-diff "$D/old.tsv" "$D/new.tsv"
check_eq "  has no dedup footnote" "$(grep -c deduplicated out)" 0
awk -F'\t' -v OFS='\t' '/^#/ {print; next} !h {h = 1; print; next}
	{n++; if (n == 3) $NF = "yes"; print}' "$D/dedup.tsv" >bad.tsv
check_exit "dedup neither 1 nor 0 is malformed: exit 1" 1 prof-diff bad.tsv
check_grep "  naming file:line and the value" "bad.tsv:6: dedup: expected 1 or 0, found 'yes'" err
check_grep "  skipped" '^prof-diff: 1 malformed record skipped$' err
check_grep "  the report covers the others" '^add +rpc +4M +second +6 +1 ' out
printf '{"op":"add","size":5,"ok":1,"t_total":0.01,"dedup":true}\n{"op":"add","size":5,"ok":1,"t_total":0.02,"dedup":false}\n' >j.jsonl
check "JSON Lines input: dedup true" prof-diff -o tsv j.jsonl
check_eq "  counts the one record marked" "$(col_where out metric=t_total note)" \
	"n < 6: no interval; 1 deduplicated add: the node already held this content (dedup=1)"
