# ipfs-plot on real records from the test node: every timing picture to
# PNG and SVG, their data against the records, straight from a pipe, before
# and after; and the EXAMPLES of ipfs-plot(1) as written.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1

ipfs-time-add -q -n 3 -s 1k,64k,1M >add.tsv || notok "ipfs-time-add ran"
ipfs-time-cat -q -n 4 --via rpc,gateway --verify <add.tsv >cat.tsv || notok "ipfs-time-cat ran"
ncat=$(col_where cat.tsv ok=1 warmup=0 op | wc -l)
check_eq "the reads: 9 CIDs x 4 rounds x 2 ways" "$ncat" 72

for n in latency-cdf latency-time latency-size throughput-size phases histogram; do
	check "$n of real records: PNG" ipfs-plot "$n" -o "$n.png" --data "$n.dat" add.tsv cat.tsv
	check "$n of real records: a PNG image" png "$n.png"
	check "$n of real records: SVG" ipfs-plot "$n" -o "$n.svg" add.tsv cat.tsv
done
check "latency-cdf: SVG legend of real groups" svg latency-cdf.svg \
	"add.tsv · add rpc (n=9)" "cat.tsv · cat rpc warm" "cat.tsv · cat gateway warm" "t_total, ms (log scale)"
check "latency-size: every size" svg latency-size.svg "1 KiB" "64 KiB" "1 MiB" "payload size (log scale)"
check "phases: the phases" svg phases.svg "request to first byte" "body transfer" "cat.tsv · cat gateway 1 MiB warm"
check_eq "latency-cdf: every successful read counted" \
	"$(col_where latency-cdf.dat 'series~^cat.tsv' mark=- series | sort | uniq -c | awk '{n += $1 - 1} END {print n}')" "$ncat"
check_eq "latency-time: every request drawn" "$(col latency-time.dat t | wc -l)" \
	"$(( $(col_where add.tsv warmup=0 op | wc -l) + $(col_where cat.tsv warmup=0 op | wc -l) ))"
check_eq "latency-size: a box per (op, via) and size" "$(col latency-size.dat size | wc -l)" 9
check_eq "histogram: every read in a bin" \
	"$(col_where histogram.dat 'series~^cat.tsv' count | awk '{n += $1} END {print n}')" "$ncat"

# straight from the timing tool, through a pipe, and as text
ipfs-time-cat -q -n 2 --via rpc,gateway <add.tsv | ipfs-plot latency-cdf -o pipe.png - 2>"$T/err"
check_eq "ipfs-time-cat | ipfs-plot latency-cdf -: exit 0" "$?" 0
check "the piped picture is a PNG" png pipe.png
ipfs-time-cat -q -j -n 2 <add.tsv | ipfs-plot latency-cdf -s 90x25 - >cdf.txt 2>"$T/err"
check_eq "JSON Lines from the tool, as text: exit 0" "$?" 0
check "the text has its axis label" grep -q "t_total, ms (log scale)" cdf.txt
check "the text has the reads' legend" grep -q "cat rpc warm (n=" cdf.txt

# before and after, labelled by the tool
ipfs-time-cat -q -n 6 -l before <add.tsv >before.tsv
ipfs-time-cat -q -n 6 -l after <add.tsv >after.tsv
check "compare of two real runs" ipfs-plot compare -o compare.svg --data compare.dat before.tsv after.tsv
check "compare: both sides in the legend" svg compare.svg "before.tsv" "after.tsv" "cat rpc 1 MiB warm"
check_eq "compare: a row per group" "$(col compare.dat series | wc -l)" \
	"$(prof-diff -o tsv before.tsv after.tsv | col_where - metric=t_total old | wc -l)"
ipfs-plot latency-cdf --data labels.dat -o labels.png before.tsv after.tsv 2>"$T/err"
check_eq "the tool's labels name the series" "$(col labels.dat series | sed 's/ ·.*//' | sort -u | tr '\n' ' ')" "after before "

# the node's reads as a cache trace
cache-sim -q -p lru,tiered:lru/lru -s 64k -D 1M cat.tsv >tiers.tsv
check "hit-rates of the node's own reads" ipfs-plot hit-rates -o hits.svg tiers.tsv
check "hit-rates: the tiers" svg hits.svg "memory hits" "disk hits" "tiered:lru/lru 64 KiB + 1 MiB disk"
cache-sim -q --mrc cat.tsv >reads-mrc.tsv
check "mrc of the node's own reads" ipfs-plot mrc -o reads-mrc.svg reads-mrc.tsv
check "mrc: the exact curve in bytes" svg reads-mrc.svg "lru (exact curve)" "cache capacity, bytes (log scale)" "MiB"

check_man_examples "$top/man/ipfs-plot.1"
