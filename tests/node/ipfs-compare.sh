# ipfs-compare: two real profiles of the node compared section by section
# (the sections, the pictures, the changes by column name); hand-made
# records (tests/data/compare) for the gate, slower and faster; rounds
# pooled; the A/A noise floor (--aa) and the Bonferroni correction; nothing
# in common is exit 1; bad arguments exit 2; the man page's examples.
. "$(dirname "$0")/../lib.sh"
data=$top/tests/data/compare
cd "$T" || exit 1

ipfs-profile -q -n 3 -s 1k --test add,api --no-plots -l one --output-dir p1 >/dev/null 2>p1.err ||
	notok "ipfs-profile p1" "$(tail -n 3 p1.err)"
ipfs-profile -q -n 3 -s 1k --test add,api --no-plots -l two --output-dir p2 >/dev/null 2>p2.err ||
	notok "ipfs-profile p2" "$(tail -n 3 p2.err)"

# --- two real profiles, a report file and its pictures
check "two profiles: exit 0" ipfs-compare --before p1 --after p2 --output report.txt
check_eq "  the sections the two profiles have, in summary.txt's order" \
	"$(grep '^== ' report.txt | cut -c4-20 | tr '\n' '|')" \
	"Adding content, p|API calls (calls.|The node's memory|Significant chang|"
check_grep "  adds: both ways, per size" "^== Adding content, per way and size \(add-chunked.tsv, add-rpc.tsv\)" report.txt
check_grep "  the sides by their folders' names" '^t_total \(seconds\): median ± 95% CI, p1 -> p2$' report.txt
check_grep "  every figure with its interval" '^add +rpc +1k +[0-9.]+ms (± |\[[0-9.]+[mu]?s, )' report.txt
check_grep "  a line about each side" "^p1: js-ipfs .* label one, 3 iterations, sizes 1k, tests add,api$" report.txt
check_grep "  the count of what was compared" '^[0-9]+ tested comparisons on both sides: ' report.txt
for p in add api; do
	check_sh "  the picture $p.png" "file report/$p.png | grep -q 'PNG image data'"
	check_sh "  and its data, prof-diff's comparison" "head -n 1 report/$p.tsv | grep -q '^metric	.*	median_old	'"
done
check_eq "  changes.tsv: the groups, by column name, labels one and two matched" \
	"$(col_where report/changes.tsv section=add metric=t_total group n_old n_new | tr '\t' ' ' | tr '\n' '|')" \
	"op=add source=chunked size=1024 3 3|op=add source=rpc size=1024 3 3|"
check_eq "  changes.tsv: every call" "$(col_where report/changes.tsv section=api group | tr '\n' ' ')" \
	"op=config/show op=id op=repo/stat op=stats/bw op=version "
ipfs-compare -q --before p1 --after p2 -o quiet.txt 2>quiet.err
check_eq "  -q: nothing said" "$(cat quiet.err)" ""

# printed, the pictures into ./compare-YYYYmmdd_HHMMSS
mkdir here
(cd here && ipfs-compare --before ../p1 --after ../p2 >../printed.txt 2>../printed.err); rc=$?
check_eq "printed: exit 0" "$rc" 0
check_grep "  the report on stdout" "^== API calls \(calls.tsv\)" printed.txt
check_eq "  the pictures in compare-YYYYmmdd_HHMMSS" "$(ls here | grep -cE '^compare-[0-9]{8}_[0-9]{6}$')" 1
check_sh "  valid PNGs" "file here/compare-*/add.png here/compare-*/api.png | grep -c 'PNG image data' | grep -qx 2"
check "--no-plots: no pictures" ipfs-compare -q --no-plots --before p1 --after p2 --output np
check_sh "  the data only, in np.d" "[ -s np.d/add.tsv ] && [ -s np.d/changes.tsv ] && ! ls np.d/*.png 2>/dev/null"

# a profile with reads and caches against one without: those are named, not compared
ipfs-profile -q -n 3 -s 1k --test cat,cache --no-plots --output-dir p3 >/dev/null 2>p3.err ||
	notok "ipfs-profile p3" "$(tail -n 3 p3.err)"
check "a profile with reads: exit 0" ipfs-compare -q --before p3 --after p3 -o reads.txt
check_eq "  reads cold/warm and by way, caches, the curve" \
	"$(grep '^== ' reads.txt | cut -c4-26 | tr '\n' '|')" \
	"Adding content, per way|Reading content: first |Reading content: RPC AP|Cache: hit ratios per p|Cache: the miss-ratio c|The node's memory and C|Significant changes (Ma|"
check_grep "  the same folder on both sides: before and after" '^t_total \(seconds\): median ± 95% CI, before -> after$' reads.txt
for p in cat-access cat-via cache cache-mrc; do
	check_sh "  the picture $p.png" "file reads/$p.png | grep -q 'PNG image data'"
done
check_eq "  one node: a warm group only (cold reads need a second node)" \
	"$(col_where reads/changes.tsv section=cat-access group | tr '\n' ' ')" "op=cat access=warm size=1024 "
check_eq "  cache results: a difference, no test" "$(col_where reads/changes.tsv section=cache p verdict | sort -u)" "-	-"
check "against one without reads" ipfs-compare -q --no-plots --before p1 --after p3 -o mixed.txt
check_grep "  the files on one side only are named" "^Not compared \(on one side only\): .*calls.tsv only in p1.*cat.tsv only in p3" mixed.txt

# --- the gate, on hand-made records compared whole
ipfs-compare --no-plots --before "$data/base.tsv" --after "$data/slower.tsv" --fail-slower 50 -o gate.txt 2>gate.err; rc=$?
check_eq "--fail-slower 50, adds twice as slow: exit 1" "$rc" 1
check_grep "  names the group, its change and p" \
	"^ipfs-compare: records: t_total add rpc 1k: base -> slower: \+9[0-9.]+%, slower \(p=0\.0[0-9]+\) by more than 50%$" gate.err
check_eq "  and only it" "$(grep -c 'by more than' gate.err)" 1
check_grep "  the report says so" '^--fail-slower 50: 1 significantly slower by more than 50%$' gate.txt
check_grep "  the reads, unchanged, are ~" "^cat +rpc +1k +warm .* ~ *$" gate.txt
check_exit "--fail-slower 150: the same records pass" 0 ipfs-compare -q --no-plots --before "$data/base.tsv" --after "$data/slower.tsv" --fail-slower 150 -o gate150.txt
check_exit "no --fail-slower: exit 0" 0 ipfs-compare -q --no-plots --before "$data/base.tsv" --after "$data/slower.tsv" -o nogate.txt
check_grep "  the slower group listed all the same" '^  slower +records +t_total +add rpc 1k ' nogate.txt
check_exit "--fail-slower 0, adds twice as fast: exit 0" 0 ipfs-compare -q --no-plots --before "$data/base.tsv" --after "$data/faster.tsv" --fail-slower 0 -o faster.txt
check_eq "  faster, by column name" "$(col_where faster/changes.tsv metric=t_total verdict | tr '\n' ' ')" "faster ~ "
check_sh "--fail-slower: a picture of the whole records" \
	"ipfs-compare -q --before $data/base.tsv --after $data/slower.tsv -o pic.txt; file pic/records.png | grep -q 'PNG image data'"
check "a folder against a file: its profile.tsv" ipfs-compare -q --no-plots --before p1 --after "$data/base.tsv" -o mixed2.txt
check_grep "  compared whole" "^== Records, whole: p1/profile.tsv -> $data/base.tsv" mixed2.txt

# --- rounds: a side's folders pooled, file by file
check "rounds: two --before folders against one" ipfs-compare -q --no-plots --before p1 --before p2 --after p1 -o rounds.txt
check_eq "  n_old is the sum over the rounds, n_new one round's (calls.tsv: 3 iterations each)" \
	"$(col_where rounds/changes.tsv section=api group=op=id metric=t_total n_old n_new)" "6	3"
check_eq "  the adds too, every way" "$(col_where rounds/changes.tsv section=add metric=t_total n_old | sort -u)" 6
check_grep "  one line names the side's rounds" "^before \(p1, p2\): 2 rounds; js-ipfs " rounds.txt
check_grep "  several rounds: the sides are before and after" '^t_total \(seconds\): median ± 95% CI, before -> after$' rounds.txt
check "rounds of record files, pooled too" ipfs-compare -q --no-plots --before "$data/aa-quiet1.tsv" --before "$data/aa-quiet2.tsv" --after "$data/slower.tsv" -o pooled.txt
check_eq "  16 adds before, 8 after" "$(col_where pooled/changes.tsv metric=t_total group~op=add n_old n_new)" "16	8"

# --- the Bonferroni correction: its title, the verdicts recomputed
check_grep "Bonferroni: the title says the corrected alpha (4 tested rows)" \
	'^== Significant changes \(Mann-Whitney U, Bonferroni: p < 0\.05/4 = 0\.0125\)$' gate.txt
check_eq "  changes.tsv: the corrected verdict and prof-diff's, by name" \
	"$(col_where gate/changes.tsv metric=t_total verdict verdict_raw floor_pct aa_p | tr '\t' ' ' | tr '\n' '|')" \
	"slower slower - -|~ ~ - -|"
# five adds a side, two of the before ones above one after: p = 0.032 <
# 0.05, uncorrected a verdict; two rows tested (t_total, mb_per_s): 0.032 >
# 0.025, none
for s in "b 10 11 12 21 22" "a 20 23 24 25 26"; do
	echo "$s" | awk '{print "ts\top\tvia\tsize\titer\tok\tt_total"
		for (i = 2; i <= NF; i++) printf "%d\tadd\trpc\t1024\t%d\t1\t%.6f\n", 1700000000 + i, i - 1, $i / 1000}' >"five-${s%% *}.tsv"
done
ipfs-compare -q --no-plots --before five-b.tsv --after five-a.tsv --fail-slower 10 -o five.txt 2>five.err; rc=$?
check_eq "  p = 0.032 with two rows tested: --fail-slower 10 passes" "$rc" 0
check_eq "  prof-diff said slower, the correction says ~" \
	"$(col_where five/changes.tsv metric=t_total verdict_raw verdict n_old)" "slower	~	5"
check_eq "  its note says why" "$(col_where five/changes.tsv metric=t_total note | sed 's/^.*; //')" \
	"not significant after the Bonferroni correction (p=0.0317, p < 0.025 needed)"
check_grep "  held back, counted" '^2 of the ~ are significant at p < 0.05 uncorrected, held back by the correction' five.txt
check_grep "  none listed" '^  none$' five.txt

# --- --fail-slower with nothing to judge: exit 1, said
grep -v '^#' "$data/base.tsv" | head -n 2 >one-b.tsv
grep -v '^#' "$data/slower.tsv" | head -n 2 >one-a.tsv
check_exit "--fail-slower, one sample a side: exit 1" 1 ipfs-compare -q --no-plots --before one-b.tsv --after one-a.tsv --fail-slower 10 -o one.txt
check_grep "  the reason on stderr" "^ipfs-compare: --fail-slower 10: nothing can be judged: none of the 2 tested comparisons has enough samples ever to reach p < 0\.025" "$T/err"
check_exit "  without --fail-slower: exit 0" 0 ipfs-compare -q --no-plots --before one-b.tsv --after one-a.tsv -o one2.txt

# --- --aa: the A/A noise floor of the before rounds
ipfs-compare --no-plots --aa --before "$data/aa-quiet1.tsv" --before "$data/aa-quiet2.tsv" --after "$data/slower.tsv" \
	--fail-slower 50 -o aaq.txt 2>aaq.err; rc=$?
check_eq "--aa, a quiet A/A, adds twice as slow: --fail-slower 50 exits 1" "$rc" 1
check_grep "  the slow adds named" "^ipfs-compare: records: t_total add rpc 1k: before -> after: \+8[0-9.]+%, slower \(p<0\.0001\) by more than 50%$" aaq.err
check_grep "  the A/A section" '^== A/A: the noise floor \(a1 -> a2\)$' aaq.txt
check_grep "  its rows, none significant" '^4 A/A comparisons tested, 0 of them significant \(Mann-Whitney U, Bonferroni: p < 0\.05/4 = 0\.0125\)$' aaq.txt
check_grep "  its median and largest floor" '^the noise floor \(\|delta_pct\| of a1 -> a2\): median 0\.[0-9]%, largest 0\.9% \(records t_total add rpc 1k\)$' aaq.txt
check_grep "  the halves named" "^a2 \($data/aa-quiet2.tsv\): 16 records$" aaq.txt
check_eq "  the adds: slower, their floor and A/A p, by name" \
	"$(col_where aaq/changes.tsv metric=t_total group~op=add verdict floor_pct aa_p | tr '\t' ' ')" "slower 0.9259 0.7209013209013209"
check_sh "  the A/A's records beside" "[ -s aaq/aa-changes.tsv ] && [ -s aaq/aa-records.tsv ]"
ipfs-compare -q --no-plots --aa --before "$data/aa-far1.tsv" --before "$data/aa-far2.tsv" --after "$data/slower.tsv" \
	--fail-slower 10 -o aaf.txt 2>aaf.err; rc=$?
check_eq "--aa, halves as far apart as before and after: --fail-slower 10 passes" "$rc" 0
check_eq "  no verdict, though prof-diff's is slower" "$(col_where aaf/changes.tsv metric=t_total verdict verdict_raw)" "~	slower"
check_eq "  the note says the floor" "$(col_where aaf/changes.tsv metric=t_total note)" "within the A/A noise floor of 88.2%"
check_exit "  the same rounds without --aa: slower, the gate fires" 1 ipfs-compare -q --no-plots \
	--before "$data/aa-far1.tsv" --before "$data/aa-far2.tsv" --after "$data/slower.tsv" --fail-slower 10 -o noaa.txt
check_eq "  without --aa: floor_pct and aa_p are -" "$(col_where noaa/changes.tsv metric=t_total floor_pct aa_p)" "-	-"
ipfs-compare -q --no-plots --aa --before "$data/base.tsv" --before "$data/slower.tsv" --before "$data/base.tsv" \
	--after "$data/slower.tsv" -o aafired.txt 2>aafired.err
check_eq "--aa whose A/A fires (a1 two rounds of base, a2 slower): no verdict" \
	"$(col_where aafired/changes.tsv metric=t_total group~op=add verdict verdict_raw)" "~	slower"
check_eq "  the note says so" "$(col_where aafired/changes.tsv metric=t_total group~op=add note | sed 's/^.*; //')" \
	"the A/A test fired (p<0.0001): too noisy to judge"
check_grep "  a1's rounds named" "^a1 \($data/base.tsv, $data/base.tsv\): 2 rounds; 32 records pooled$" aafired.txt

# the A/A alone: no --after
# --- --aa with two --after or more: the B/B (b1 -> b2) beside the A/A,
# the floor of a row the larger of the two, fired when either fires
ipfs-compare -q --no-plots --aa --before "$data/aa-quiet1.tsv" --before "$data/aa-quiet2.tsv" \
	--after "$data/slower.tsv" --after "$data/slower.tsv" --fail-slower 10 -o bbq.txt 2>bbq.err; rc=$?
check_eq "--aa, two --after alike: a quiet B/B, slower: --fail-slower 10 exits 1" "$rc" 1
check_grep "  the B/B section" '^== B/B: the noise floor \(b1 -> b2\)$' bbq.txt
check_grep "  its rows, none significant" '^4 B/B comparisons tested, 0 of them significant' bbq.txt
check_grep "  the B/B's halves named" "^b2 \($data/slower.tsv\): 16 records$" bbq.txt
check_grep "  the floor named in the verdicts' heading" '^== Significant changes \(.*; beyond the A/A and B/B noise floor\)$' bbq.txt
check_eq "  slower, the floor the A/A's (the B/B's is 0)" \
	"$(col_where bbq/changes.tsv metric=t_total group~op=add verdict floor_pct | tr '\t' ' ')" "slower 0.9259"
check_sh "  the B/B's records beside" "[ -s bbq/bb-changes.tsv ] && [ -s bbq/bb-records.tsv ]"
ipfs-compare -q --no-plots --aa --before "$data/base.tsv" --before "$data/base.tsv" --after "$data/slower.tsv" \
	--after "$data/base.tsv" --after "$data/slower.tsv" --after "$data/base.tsv" --fail-slower 10 -o bbf.txt 2>bbf.err; rc=$?
check_eq "--aa whose B/B fires (b1 two rounds slower, b2 two of base), a quiet A/A: --fail-slower 10 passes" "$rc" 0
check_eq "  no verdict, though prof-diff's is slower" "$(col_where bbf/changes.tsv metric=t_total group~op=add verdict verdict_raw)" "~	slower"
check_eq "  the note says so" "$(col_where bbf/changes.tsv metric=t_total group~op=add note)" "the A/A or B/B test fired (p<0.0001): too noisy to judge"
check_eq "  the floor: the B/B's, the larger" "$(col_where bbf/changes.tsv metric=t_total group~op=add floor_pct)" \
	"$(col_where bbf/bb-changes.tsv metric=t_total group~op=add delta_pct | tr -d -)"
ipfs-compare --no-plots --aa --before "$data/aa-quiet1.tsv" --before "$data/aa-quiet2.tsv" --fail-slower 10 -o alone.txt 2>alone.err; rc=$?
check_eq "the A/A alone, quiet: --fail-slower 10 passes" "$rc" 0
check_grep "  it says so" '^--fail-slower 10: nothing significantly slower by more than 10% in the A/A$' alone.txt
check_grep "  the comparison is a1 -> a2" '^t_total \(seconds\): median ± 95% CI, a1 -> a2$' alone.txt
check_eq "  no significant changes section" "$(grep -c '^== Significant changes' alone.txt)" 0
ipfs-compare --no-plots --aa --before "$data/base.tsv" --before "$data/slower.tsv" --fail-slower 10 -o alone2.txt 2>alone2.err; rc=$?
check_eq "the A/A alone of base and slower rounds: --fail-slower 10 exits 1" "$rc" 1
check_grep "  the rows that fired listed" '^  slower +records +t_total +add rpc 1k +10\.4ms -> 20\.4ms +\+95\.69%  p=0\.0002$' alone2.txt
check_grep "  counted" '^4 A/A comparisons tested, 2 of them significant ' alone2.txt
check_grep "  named on stderr" '^ipfs-compare: A/A: records: t_total add rpc 1k: a1 -> a2: \+95\.69%, slower \(p=0\.0002\) by more than 10%$' alone2.err
check_exit "  without --fail-slower: exit 0" 0 ipfs-compare -q --no-plots --aa --before "$data/base.tsv" --before "$data/slower.tsv" -o alone3.txt
check_exit "--aa with one --before: exit 2" 2 ipfs-compare -q --no-plots --aa --before "$data/base.tsv" --after "$data/slower.tsv"
check_grep "  names what is missing" "^ipfs-compare: --aa: a second --before is missing" "$T/err"
printf '{"op":"add","t_total":0.01}\n' >j.jsonl
check_exit "several JSON Lines files on a side: exit 2" 2 ipfs-compare -q --no-plots --before "$data/base.tsv" --before j.jsonl --after "$data/slower.tsv"
check_grep "  names the file" "^ipfs-compare: --before: 'j.jsonl' is JSON Lines" "$T/err"

# --- nothing in common: exit 1, said
check_exit "records with no group in common: exit 1" 1 ipfs-compare -q --no-plots --before "$data/base.tsv" --after "$data/calls.tsv" -o none.txt
check_grep "  said" "nothing in common between .*base.tsv and .*calls.tsv: no group of records is on both sides" "$T/err"
mkdir empty
check_exit "folders with no record file in common: exit 1" 1 ipfs-compare -q --no-plots --before p1 --after empty -o none2.txt
check_grep "  said" "nothing in common between p1 and empty: no record file of one is in the other" "$T/err"
check_sh "  no report written" "[ ! -e none.txt ] && [ ! -e none2.txt ]"

# --- bad arguments: exit 2, nothing made
for bad in "" "--before p1" "--after p1" "--before nosuch --after p1" "--before p1 --after p2 --fail-slower x" \
    "--before p1 --after p2 --fail-slower=-5" "--before p1 --after p2 --bogus" "--before p1 --after p2 extra" \
    "--before p1 --after p2 -o" "--before" "--aa --before p1 --after p2" "--aa --after p2" "--before p1 --before nosuch --after p2"; do
	# shellcheck disable=SC2086
	check_exit "bad arguments: '$bad': exit 2" 2 ipfs-compare $bad
done
check_grep "  a clear line, and the way to help" "^Try 'ipfs-compare --help'.$" "$T/err"
check_exit "a report in a folder that does not exist: exit 1" 1 ipfs-compare --before p1 --after p2 -o /nonexistent/r.txt
check_exit "-qo combined: exit 0" 0 ipfs-compare -qo comb.txt --no-plots --before=p1 --after=p2
check_sh "--help: the usage" "ipfs-compare --help | grep -q '^usage: ipfs-compare'"

check_man_examples "$top/man/ipfs-compare.1"
