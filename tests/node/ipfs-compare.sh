# ipfs-compare: two real profiles of the node compared section by section
# (the sections, the pictures, the changes by column name); hand-made
# records (tests/data/compare) for the gate, slower and faster; nothing in
# common is exit 1; bad arguments exit 2; the man page's examples.
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
    "--before p1 --after p2 -o" "--before"; do
	# shellcheck disable=SC2086
	check_exit "bad arguments: '$bad': exit 2" 2 ipfs-compare $bad
done
check_grep "  a clear line, and the way to help" "^Try 'ipfs-compare --help'.$" "$T/err"
check_exit "a report in a folder that does not exist: exit 1" 1 ipfs-compare --before p1 --after p2 -o /nonexistent/r.txt
check_exit "-qo combined: exit 0" 0 ipfs-compare -qo comb.txt --no-plots --before=p1 --after=p2
check_sh "--help: the usage" "ipfs-compare --help | grep -q '^usage: ipfs-compare'"

check_man_examples "$top/man/ipfs-compare.1"
