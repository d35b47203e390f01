# ipfs-plot and plots/*.gp on committed fixtures (no node): every picture
# to PNG, SVG and text; the data each picture is drawn from, against the
# records; errors that must not make a blank picture; options; gnuplot
# scripts run alone; the installed layout.
. "$(dirname "$0")/../lib.sh"
d=$top/tests/data
fx=$d/plots
cd "$T" || exit 1

# dat FILE COLUMN...: columns of a picture's data, by name.
dat() { col_where "$@"; }
# q7 P: quantile P (type 7) of the numbers on standard input.
q7() { sort -g | awk -v p="$1" '{a[++n] = $1} END {h = 1 + (n - 1) * p; l = int(h); printf "%.6f\n", (l >= n ? a[n] : a[l] + (h - l) * (a[l + 1] - a[l]))}'; }
export -f q7

cache-sim -q --pattern zipf:0.9 -N 5000 -n 50000 --obj-size 1k-64k --emit-trace >trace.txt
cache-sim -q --mrc trace.txt >lru.tsv
cache-sim -q -p lru,s3fifo,arc -s 1%,5%,10%,25%,50% trace.txt >policies.tsv
cache-sim -q -p lru,tiered:s3fifo/lru -s 1%,5% -D 25% trace.txt >tiers.tsv
cache-sim -q --pattern zipf:1 -N 2000 -n 20000 -p lru,tiered:lru/lru -s 100 -D 500 >tiers-objects.tsv
cat "$fx/add.tsv" "$fx/cat.tsv" >profile.tsv
prof-diff -o tsv "$d/old.tsv" "$d/new.tsv" >cmp.tsv

# --- every picture, PNG and SVG -------------------------------------------
draw() {	# draw NAME ARGS...: NAME.png and NAME.svg, and NAME.dat
	local n=$1; shift
	check "$n: PNG" ipfs-plot "$n" -o "$n.png" --data "$n.dat" "$@"
	check "$n: a PNG image" png "$n.png"
	check "$n: SVG" ipfs-plot "$n" -o "$n.svg" "$@"
}
draw latency-cdf profile.tsv
check "latency-cdf: SVG axes, legend, title" svg latency-cdf.svg \
	"t_total, ms (log scale)" "requests at most this long, %" "cat rpc warm (n=21)" \
	"cat gateway warm (n=24, 1 failed)" "add rpc (n=9)" "Latency CDF (t_total), profile.tsv" p50 p90 p99
draw latency-time profile.tsv
check "latency-time: SVG axes, legend" svg latency-time.svg \
	"request start, s since the run began" "t_total, ms" "cat rpc, 1 failed" "failed (2)"
draw latency-size "$fx/add.tsv" "$fx/cat.tsv"
check "latency-size: SVG axes, size ticks, legend" svg latency-size.svg \
	"payload size (log scale)" "t_total, ms (log scale)" "1 KiB" "64 KiB" "1 MiB" \
	"add.tsv · add rpc" "cat.tsv · cat gateway"
draw throughput-size "$fx/cat.tsv"
check "throughput-size: SVG axes" svg throughput-size.svg "throughput, MB/s" "cat rpc" "Throughput by payload size, cat.tsv"
draw phases profile.tsv
check "phases: SVG phases and groups" svg phases.svg "mean time per request, ms" \
	"name lookup" "TCP connect" "request to first byte" "body transfer" "cat rpc 1 MiB warm (n=7)"
draw histogram -g op,via profile.tsv
check "histogram: SVG panels and medians" svg histogram.svg "cat gateway (n=27, 1 failed)" "median " "requests"
draw compare cmp.tsv
check "compare: SVG sides, verdicts" svg compare.svg "old.tsv" "new.tsv" "+69.0% slower (p&lt;0.001)" \
	"only in old.tsv" "cat rpc 1 MiB warm" "t_total, ms"
draw mrc lru.tsv policies.tsv
check "mrc: SVG axes, curves, target" svg mrc.svg "cache capacity, bytes (log scale)" "miss ratio, % of requests" \
	"target: 90% hits" "lru.tsv · lru (exact curve)" "policies.tsv · s3fifo" "KiB" "MiB"
draw hit-rates tiers.tsv tiers-objects.tsv
check "hit-rates: SVG tiers and traces" svg hit-rates.svg "memory hits" "disk hits" "misses" \
	"trace.txt · tiered:s3fifo/lru" "zipf:1 · tiered:lru/lru 100 objects + 500 objects disk" "share of requests, %"
draw timeseries "$fx/history.tsv"
check "timeseries: SVG date axis, groups" svg timeseries.svg "date of the run (UTC)" "median t_total, ms" \
	"cat gateway 1 MiB warm" "id rpc" "12-01" "Median latency over time, history.tsv (nightly)"
check "the series' styles: colours distinct in greyscale" bash -c \
	"grep -o 'stroke=.rgb([0-9, ]*)' latency-cdf.svg | sort -u | wc -l | awk '{exit !(\$1 >= 4)}'"

# --- the data, against the records ----------------------------------------
# latency-cdf: n, the p50 mark and the last fraction of each series
check_eq "latency-cdf: a series per (op, via, access)" \
	"$(dat latency-cdf.dat series | sort -u | tr '\n' '|')" \
	"add rpc (n=9)|cat gateway cold (n=3)|cat gateway warm (n=24, 1 failed)|cat rpc cold (n=6, 1 failed)|cat rpc warm (n=21)|"
check_eq "latency-cdf: p50 of cat rpc warm is its median (type 7)" \
	"$(dat latency-cdf.dat mark=p50 'series=cat rpc warm (n=21)' t | xargs printf '%.6f')" \
	"$(col_where "$fx/cat.tsv" op=cat via=rpc access=warm ok=1 t_total | q7 0.5)"
check_eq "latency-cdf: p99 of add rpc" \
	"$(dat latency-cdf.dat mark=p99 'series=add rpc (n=9)' t | xargs printf '%.6f')" \
	"$(col_where "$fx/add.tsv" ok=1 t_total | q7 0.99)"
check_eq "latency-cdf: each curve ends at 1" \
	"$(dat latency-cdf.dat mark=- series frac | awk -F'\t' '{last[$1] = $2} END {for (s in last) print last[s]}' | sort -u)" 1
# latency-time: every record that is not a warm-up, failures as ok 0
check_eq "latency-time: every request" "$(dat latency-time.dat t | wc -l)" \
	"$(col_where profile.tsv warmup=0 t_total | wc -l)"
check_eq "latency-time: the failed ones" "$(dat latency-time.dat ok=0 t | sort -g | tr '\n' ' ')" \
	"$(col_where "$fx/cat.tsv" ok=0 t_total | sort -g | tr '\n' ' ')"
# latency-size: quartiles per size
check_eq "latency-size: a box per (series, size)" "$(dat latency-size.dat series size | sort -u | wc -l)" 9
check_eq "latency-size: median of cat gateway 64 KiB" \
	"$(dat latency-size.dat 'series=cat.tsv · cat gateway' size=65536 median | xargs printf '%.6f')" \
	"$(col_where "$fx/cat.tsv" via=gateway size=65536 ok=1 t_total | q7 0.5)"
check_eq "latency-size: p5 <= q1 <= median <= q3 <= p95" \
	"$(dat latency-size.dat p5 q1 median q3 p95 | while IFS='	' read -r p5 q1 median q3 p95; do
		awk -v a="$p5" -v b="$q1" -v c="$median" -v d="$q3" -v e="$p95" 'BEGIN {print !(a <= b && b <= c && c <= d && d <= e)}'
	done | grep -c 1)" 0
check_eq "throughput-size: median MB/s of rpc 1 MiB is size / t_total" \
	"$(dat throughput-size.dat 'series=cat rpc' size=1048576 median | xargs printf '%.6f')" \
	"$(col_where "$fx/cat.tsv" via=rpc size=1048576 ok=1 t_total | awk '{printf "%.9g\n", 1048576 / $1 / 1e6}' | q7 0.5)"
# phases: the phases add up to the mean latency
check_eq "phases: dns + connect + wait + transfer = total" \
	"$(dat phases.dat dns connect wait transfer total | while IFS='	' read -r dns connect wait transfer total; do
		awk -v dns="$dns" -v c="$connect" -v w="$wait" -v x="$transfer" -v t="$total" \
			'BEGIN {d = dns + c + w + x - t; print (d > 1e-6 || d < -1e-6)}'
	done | grep -c 1)" 0
check_eq "phases: the mean of cat rpc 1 KiB warm" \
	"$(dat phases.dat 'series=cat rpc 1 KiB warm (n=7)' total | xargs printf '%.6f')" \
	"$(col_where "$fx/cat.tsv" via=rpc size=1024 access=warm ok=1 t_total | awk '{s += $1} END {printf "%.6f\n", s / NR}')"
# histogram: the bins hold every successful request once
check_eq "histogram: counts add up to n" \
	"$(dat histogram.dat series count | awk -F'\t' '{n[$1] += $2} END {for (s in n) print s, n[s]}' | sort | tr '\n' '|')" \
	"add rpc (n=9) 9|cat gateway (n=27, 1 failed) 27|cat rpc (n=27, 1 failed) 27|"
# compare: the rows and verdicts of prof-diff
check_eq "compare: a row per group of t_total" "$(dat compare.dat series | wc -l)" \
	"$(col_where cmp.tsv metric=t_total old | wc -l)"
check_eq "compare: significant where prof-diff says so" "$(dat compare.dat sig=1 series)" "cat rpc 1 MiB warm"
# mrc: miss ratio = 1 - hit ratio; the target's capacities
check_eq "mrc: policies' miss ratios are 1 - hit_ratio" \
	"$(dat mrc.dat 'series=policies.tsv · arc' miss_ratio | xargs printf '%.6f ')" \
	"$(col_where policies.tsv policy=arc hit_ratio | awk '{printf "%.6f ", 1 - $1}')"
want=$(col_where lru.tsv capacity miss_ratio | awk -F'\t' '$2 <= 0.3 {print $1; exit}')
ipfs-plot mrc --target 0.7 -o mrc70.svg lru.tsv 2>"$T/err"
check "mrc --target 0.7: the smallest LRU capacity with 70% hits is named" svg mrc70.svg \
	"smallest capacity for 70% hits:" "target: 70% hits" \
	"$(awk -v b="$want" 'BEGIN {split("B KiB MiB GiB", u, " "); i = 1; while (b >= 1024 && i < 4) {b /= 1024; i++}; printf (b >= 100 ? "%.0f %s" : "%.3g %s"), b, u[i]}')"
ipfs-plot mrc --target 0.999 -o mrc999.svg lru.tsv 2>"$T/err"
check "mrc: a target no curve reaches says so" svg mrc999.svg "reached by no curve"
check_eq "mrc -u objects: only the rows counting objects" \
	"$(ipfs-plot mrc -u objects --data /dev/stdout -o o.png "$d/zipf1.0-100k-1m.reference.tsv" | col_where - series | sort -u | wc -l)" 9
# hit-rates: the shares add up
check_eq "hit-rates: memory + disk + misses = 100%" \
	"$(dat hit-rates.dat mem disk miss | awk -F'\t' '{d = $1 + $2 + $3 - 1; if (d > 1e-6 || d < -1e-6) bad++} END {print bad + 0}')" 0
check_eq "hit-rates: a bar per result" "$(dat hit-rates.dat series | wc -l)" \
	"$(( $(col tiers.tsv policy | wc -l) + $(col tiers-objects.tsv policy | wc -l) ))"
# timeseries: a point per run and group, the metric asked for
check_eq "timeseries: ten runs per group" "$(dat timeseries.dat series | sort | uniq -c | awk '{print $1}' | sort -u)" 10
ipfs-plot timeseries -m p99 -f via=gateway --data ts.dat -o ts.png "$fx/history.tsv" 2>"$T/err"
check_eq "timeseries -m p99 -f via=gateway: the gateway's p99" "$(dat ts.dat value | tr '\n' ' ')" \
	"$(col_where "$fx/history.tsv" via=gateway p99 | tr '\n' ' ')"

# --- text, for terminals and ssh ------------------------------------------
ipfs-plot latency-cdf -s 100x30 profile.tsv >cdf.txt 2>"$T/err"
check "latency-cdf text: axis labels" grep -q "t_total, ms (log scale)" cdf.txt
check "latency-cdf text: y label and quantiles" bash -c "grep -q 'requests at most this long' cdf.txt && grep -q p99 cdf.txt"
check "latency-cdf text: legend" grep -q "cat rpc warm (n=21)" cdf.txt
check_eq "latency-cdf text: the size asked for" "$(wc -l <cdf.txt) $(wc -L <cdf.txt)" "30 100"
COLUMNS=90 LINES=24 ipfs-plot mrc lru.tsv policies.tsv >mrc.txt 2>"$T/err"
check "mrc text: axis labels" bash -c "grep -q 'cache capacity, bytes (log scale)' mrc.txt && grep -q 'miss ratio, % of requests' mrc.txt"
check "mrc text: target and legend" bash -c "grep -q 'target: 90% hits' mrc.txt && grep -q 'policies.tsv · s3fifo' mrc.txt"
check_eq "mrc text: \$COLUMNS x \$LINES off a terminal" "$(wc -l <mrc.txt) $(wc -L <mrc.txt)" "24 90"
check "-o x.txt is text" ipfs-plot phases -o phases.txt profile.tsv
check "phases text: bars and their labels" grep -q "cat rpc 1 MiB warm (n=7)" phases.txt
check "-t sixel: sixel graphics" bash -c "ipfs-plot latency-cdf -t sixel -o - profile.tsv | head -c 3 | od -c | grep -q '033   P   q'"

# --- inputs ----------------------------------------------------------------
check "a pipe: -" bash -c "cat '$fx/cat.tsv' | ipfs-plot latency-cdf -o pipe.png -"
check "no file: standard input" bash -c "ipfs-plot latency-cdf -o pipe2.png < '$fx/cat.tsv'"
check "JSON Lines" ipfs-plot latency-cdf -o json.svg "$d/old.jsonl"
check "JSON Lines: its series" svg json.svg "cat rpc warm (n=10)"
{ echo '{"meta":{"tool":"ipfs-time-cat","version":"0.1.0"}}'; cat "$d/old.jsonl"; } >meta.jsonl
check "JSON Lines: the metadata object is not a record" ipfs-plot latency-cdf --data meta.dat -o meta.png meta.jsonl
ipfs-plot latency-cdf --data tsv.dat -o tsv.png "$d/old.tsv" 2>"$T/err"
check_eq "JSON Lines: the data of the same records in TSV" "$(cat meta.dat)" "$(cat tsv.dat)"
check_eq "concatenated files with other headers: every record" \
	"$(col latency-time.dat t | wc -l)" "$(( $(col "$fx/add.tsv" op | wc -l) + $(col_where "$fx/cat.tsv" warmup=0 op | wc -l) ))"
mkdir -p a b && cp "$d/old.tsv" a/x.tsv && cp "$d/new.tsv" b/x.tsv
ipfs-plot latency-cdf --data same.dat -o same.png a/x.tsv b/x.tsv 2>"$T/err"
check_eq "files of one base name are named by their paths" "$(col same.dat series | sed 's/ ·.*//' | sort -u | tr '\n' ' ')" "a/x.tsv b/x.tsv "
ipfs-plot latency-cdf -l before,after --data lab.dat -o lab.png "$d/old.tsv" "$d/new.tsv" 2>"$T/err"
check_eq "-l names the files' series" "$(col lab.dat series | sed 's/ ·.*//' | sort -u | tr '\n' ' ')" "after before "
check_eq "-l: one colour per group, one dash per file" \
	"$(col_where lab.dat 'series~^(before|after) · cat rpc' gi pi | sort -u | tr '\n' ' ')" "2	1 2	2 "
awk -F'\t' -v OFS='\t' '/^#/ {print; next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; print; next}
	{$c["label"] = ($c["iter"] % 2 ? "odd" : "even"); print}' "$d/old.tsv" >labelled.tsv
ipfs-plot latency-cdf --data labelled.dat -o labelled.png labelled.tsv 2>"$T/err"
check_eq "the label column names the series" "$(col labelled.dat series | sed 's/ ·.*//' | sort -u | tr '\n' ' ')" "even odd "
ipfs-plot latency-cdf -g '' --data all.dat -o all.png "$d/old.tsv" 2>"$T/err"
check_eq "-g '': one series" "$(col all.dat series | sort -u)" "all (n=23)"
ipfs-plot latency-cdf -w --data w.dat -o w.png "$fx/cat.tsv" 2>"$T/err"
check "-w: accepted" test -s w.dat
ipfs-plot compare -o cmp2.png --data cmp2.dat "$d/old.tsv" "$d/new.tsv" 2>"$T/err"
check_eq "compare of two record files runs prof-diff" "$(col cmp2.dat series change | sort)" "$(col compare.dat series change | sort)"
prof-diff -o tsv "$d/cache-old.tsv" "$d/cache-new.tsv" | ipfs-plot compare --data cc.dat -o cc.svg - 2>"$T/err"
check "compare of cache-sim results: hit ratios in points" svg cc.svg "hit_ratio, %" "+3.9 pp" "only in cache-new.tsv"

# --- errors: a clear message, exit 1, no picture ----------------------------
fails() {	# fails NAME STATUS REGEX CMD...: exits STATUS, says REGEX, no out.png
	local name=$1 want=$2 re=$3 rc; shift 3
	rm -f out.png
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ $rc -ne "$want" ]; then notok "$name" "exit $rc, wanted $want: $*" "$(head -n 3 "$T/err")"
	elif ! grep -Eq -- "$re" "$T/err"; then notok "$name" "no /$re/ in:" "$(head -n 3 "$T/err")"
	elif [ -e out.png ]; then notok "$name" "out.png was written"
	else ok "$name"; fi
}
fails "a missing column names the file and the column" 1 '^ipfs-plot: cache-old.tsv: no column t_total \(latency-cdf needs t_total\)$' \
	ipfs-plot latency-cdf -o out.png "$d/cache-old.tsv"
fails "latency-time without t_start" 1 'old.tsv: no column t_start' ipfs-plot latency-time -o out.png "$d/old.tsv"
fails "mrc of timing records" 1 'cat.tsv: no column capacity, unit \(mrc needs capacity, unit\)' ipfs-plot mrc -o out.png "$fx/cat.tsv"
fails "hit-rates of an LRU curve" 1 'lru.tsv: no column policy' ipfs-plot hit-rates -o out.png lru.tsv
fails "timeseries of timing records" 1 'cat.tsv: no column median \(timeseries needs median\)' ipfs-plot timeseries -o out.png "$fx/cat.tsv"
fails "compare of one record file" 1 'no column median_old' ipfs-plot compare -o out.png "$fx/cat.tsv"
fails "-m of a column the file lacks" 1 'no column t_nope \(from -m t_nope\)' ipfs-plot latency-cdf -m t_nope -o out.png "$fx/cat.tsv"
fails "-g of a column the file lacks" 1 'no column nope \(from -g op,nope\)' ipfs-plot latency-cdf -g op,nope -o out.png "$fx/cat.tsv"
fails "-f of a column the file lacks" 1 'no column nope \(from -f nope=1\)' ipfs-plot latency-cdf -f nope=1 -o out.png "$fx/cat.tsv"
fails "-f matching nothing" 1 'no successful requests to draw matching -f' ipfs-plot latency-cdf -f via=nope -o out.png "$fx/cat.tsv"
: >empty.tsv
fails "empty input" 1 '^ipfs-plot: empty.tsv: no records \(empty input\)' ipfs-plot latency-cdf -o out.png empty.tsv
fails "empty standard input" 1 '^ipfs-plot: stdin: no records' ipfs-plot latency-cdf -o out.png - </dev/null
awk '/^#/ {print; next} {print; exit}' "$d/old.tsv" >hdr.tsv
fails "a header and no records" 1 '^ipfs-plot: hdr.tsv: no records$' ipfs-plot latency-cdf -o out.png hdr.tsv
fails "one empty file of two" 1 'empty.tsv: no records' ipfs-plot latency-cdf -o out.png "$d/old.tsv" empty.tsv
awk '/^#/ {print; next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; print; next} $c["ok"] == 0' "$fx/cat.tsv" >failed.tsv
fails "only failed requests" 1 'failed.tsv: no successful requests to draw \(2 failed\)' ipfs-plot latency-cdf -o out.png failed.tsv
awk -F'\t' -v OFS='\t' '/^#/ {print; next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; print; next}
	NR == 4 {$c["ok"] = "maybe"} {print}' "$d/old.tsv" >badok.tsv
fails "a bad ok names file:line" 1 "badok.tsv:4: ok: expected 1 or 0, got 'maybe'" ipfs-plot latency-cdf -o out.png badok.tsv
awk 'NR == 5 {sub(/\t[^\t]*$/, "")} {print}' "$d/old.tsv" >short.tsv
fails "a short record names file:line" 1 'short.tsv:5: 16 fields, the header has 17' ipfs-plot latency-cdf -o out.png short.tsv
fails "a file that is not there" 1 'nope.tsv: cannot read' ipfs-plot latency-cdf -o out.png nope.tsv
echo '{"op": ' >bad.jsonl
fails "broken JSON Lines" 1 'bad.jsonl: not JSON Lines' ipfs-plot latency-cdf -o out.png bad.jsonl
echo precious >out.png
ipfs-plot latency-cdf -o out.png "$d/cache-old.tsv" 2>/dev/null
check_eq "a failure leaves an existing picture alone" "$(cat out.png)" precious
check_eq "and leaves no temporary file" "$(ls -A | grep -c '^\.ipfs-plot')" 0

# --- usage ----------------------------------------------------------------
fails "no picture" 2 'no picture named' ipfs-plot
fails "an unknown picture" 2 "unknown picture 'pie'" ipfs-plot pie x.tsv
fails "an unknown option" 2 "^ipfs-plot: unknown option --nope$" ipfs-plot latency-cdf --nope "$d/old.tsv"
fails "an option without its value" 2 '^ipfs-plot: -o: a value is missing$' ipfs-plot latency-cdf -o
fails "a flag with a value" 2 '^ipfs-plot: --warmup: takes no value$' ipfs-plot latency-cdf --warmup=1 "$d/old.tsv"
fails "an output name of no known format" 2 '-o out.jpg: cannot tell the format' ipfs-plot latency-cdf -o out.jpg "$d/old.tsv"
fails "a bad -t" 2 '-t gif: expected png, svg, dumb or sixel' ipfs-plot latency-cdf -t gif "$d/old.tsv"
fails "a bad -s" 2 '-s 8x: expected WIDTHxHEIGHT' ipfs-plot latency-cdf -s 8x "$d/old.tsv"
fails "a bad --target" 2 '--target 90: expected a hit ratio between 0 and 1' ipfs-plot mrc --target 90 lru.tsv
fails "a bad -u" 2 '-u pages: expected objects or bytes' ipfs-plot mrc -u pages lru.tsv
fails "a bad -f" 2 '-f via: expected NAME=VALUE' ipfs-plot latency-cdf -f via "$d/old.tsv"
fails "labels that do not match the files" 2 '-l a,b,c: 3 labels for 2 files' ipfs-plot latency-cdf -l a,b,c "$d/old.tsv" "$d/new.tsv"
check_exit "-h: exit 0" 0 ipfs-plot -h
check_grep "-h: the usage" '^usage: ipfs-plot NAME' "$T/out"
check_grep "-h: the pictures" 'latency-cdf.*timeseries' "$T/out"
check_grep "-h: a line per option" '^  -f, --filter name=value' "$T/out"
check_exit "a usage error: exit 2" 2 ipfs-plot latency-cdf --nope
check_grep "a usage error: where to look" "^Try 'ipfs-plot --help'.$" "$T/err"
check_exit "--help after a name" 0 ipfs-plot mrc --help
check_exit "-V" 0 ipfs-plot -V
check_grep "-V: the version" '^ipfs-plot ipfsperf [0-9]' "$T/out"
check "--opt=value forms" ipfs-plot latency-cdf --output=eq.png --size=400x300 --group=op,via --title=T "$d/old.tsv"
check_eq "--size=400x300" "$(file -b eq.png | grep -o '[0-9]* x [0-9]*')" "400 x 300"
check "combined short flags: -wo FILE" ipfs-plot latency-cdf -wo comb.png "$d/old.tsv"
check "combined short flags with a value attached: -wocomb2.png" ipfs-plot latency-cdf -wocomb2.png "$d/old.tsv"
check "comb2.png" png comb2.png
cp "$d/old.tsv" ./-dash.tsv
check "-- before a file named like an option" ipfs-plot latency-cdf -o dash.png -- -dash.tsv
check_eq "-s WIDTH: the height follows" "$(ipfs-plot latency-cdf -s 640 -o w640.png "$d/old.tsv" && file -b w640.png | grep -o '[0-9]* x [0-9]*')" "640 x 400"
check_eq "bar charts grow with their bars" \
	"$(ipfs-plot phases -o tall.png profile.tsv && file -b tall.png | grep -o '[0-9]* x [0-9]*' | awk '{print ($3 > 500)}')" 1

# --- the gnuplot scripts alone --------------------------------------------
for n in latency-cdf latency-time latency-size throughput-size phases histogram compare mrc hit-rates timeseries; do
	check "$n.gp runs alone on its data" gnuplot -e "in='$n.dat'; out='alone-$n.png'" "$top/plots/$n.gp"
	check "$n.gp alone: a PNG" png "alone-$n.png"
done
check "a .gp alone to SVG, its term from the name" bash -c \
	"gnuplot -e \"in='mrc.dat'; out='alone.svg'\" '$top/plots/mrc.gp' && grep -q 'miss ratio' alone.svg"
check_exit "a .gp without in: usage, exit 2" 2 gnuplot "$top/plots/latency-cdf.gp"
check_grep "a .gp without in: says how" "in='data.tsv'" "$T/err"
printf 'series\tgi\tpi\tt\tfrac\tmark\n' >nodata.tsv
check_exit "a .gp on data without rows: exit 1" 1 gnuplot -e "in='nodata.tsv'; out='nodata.png'" "$top/plots/latency-cdf.gp"
check_eq "--script names the .gp" "$(ipfs-plot --script mrc)" "$top/plots/mrc.gp"

# --- installed: bin/ipfs-plot with share/ipfsperf/plots --------------------
mkdir -p inst/bin inst/share/ipfsperf/plots
cp "$top/scripts/ipfs-plot" inst/bin/ && cp "$top"/plots/*.gp inst/share/ipfsperf/plots/
check "installed: finds share/ipfsperf/plots" inst/bin/ipfs-plot latency-cdf -o inst.png "$d/old.tsv"
check_eq "installed: --script" "$(inst/bin/ipfs-plot --script mrc)" "$T/inst/share/ipfsperf/plots/mrc.gp"
mkdir -p lone && cp "$top/scripts/ipfs-plot" lone/
check_exit "no gnuplot scripts anywhere: exit 1" 1 lone/ipfs-plot latency-cdf -o lone.png "$d/old.tsv"
check_grep "no gnuplot scripts: says so" 'cannot find the gnuplot scripts' "$T/err"

# --- memory.png's title names the file, not its absolute path (issue 21: 15)
mkdir -p "$T/deep/run"
awk 'BEGIN { OFS = "\t"; print "t", "phase", "rss_bytes", "cpu_s"
	for (i = 0; i < 20; i++) print i, (i < 10 ? "add" : "cat"), 100e6 + i * 1e6, i * 0.1 }' >"$T/deep/run/memory.tsv"
check "memory: SVG of a file given by its absolute path" \
	gnuplot -e "in='$T/deep/run/memory.tsv'; out='mem.svg'" "$top/plots/memory.gp"
check_eq "memory: the title holds no absolute path" "$(grep -c "$T/deep" mem.svg)" 0
check "memory: the title names the file" svg mem.svg "memory.tsv"
# src names the records; ipfs-profile's memory picture (memory_picture of
# scripts/lib/report.sh) gives the file's base name and the run's label
check "memory: src given" gnuplot -e "in='$T/deep/run/memory.tsv'; out='mem-src.svg'; src='memory.tsv (before)'" "$top/plots/memory.gp"
check "memory: the title names src" svg mem-src.svg "during the profile, memory.tsv (before)"
check "memory: ipfs-profile's picture of its absolute path" bash -c \
	"here='$top/scripts' log='$T/mem.log' label=nightly rc=0; . '$top/scripts/lib/report.sh' && memory_picture '$T/deep/run/memory.tsv' mem-prof.svg && [ \$rc = 0 ]"
check "memory: ipfs-profile's title, the base name and the label" svg mem-prof.svg "during the profile, memory.tsv (nightly)"
check_eq "memory: ipfs-profile's title holds no folder" "$(grep -c "$T" mem-prof.svg)" 0

# --- the compare MRC, one policy before and after: two colours, not both
# black (issue 21: 15); the second is the palette's blue (#0072B2)
cache-sim -q --pattern zipf:0.7 -N 5000 -n 50000 --obj-size 1k-64k --mrc >lru-after.tsv
check "mrc before/after: SVG" ipfs-plot mrc -o mrc-ba.svg lru.tsv lru-after.tsv
check_eq "mrc before/after: the after curve is blue, not black" \
	"$(grep -c "stroke='rgb(  0, 114, 178)'" mrc-ba.svg | awk '{print ($1 > 0)}')" 1

# overlaps SVG: the pairs of texts of a gnuplot SVG that write over each
# other, each text a box from its anchor, font size and length (0.6 em a
# character, 0.8 em high; rotated ones left out), one pair a line.
overlaps() {
	awk '/<g transform="translate\(/ && !/rotate/ {
		s = $0; sub(/.*translate\(/, "", s); split(s, xy, /[,)]/); x = xy[1]; y = xy[2]
		fs = 10; if (match($0, /font-size="[0-9.]+"/)) fs = substr($0, RSTART + 11, RLENGTH - 12) + 0
		an = "start"; if (match($0, /text-anchor="[a-z]+"/)) an = substr($0, RSTART + 13, RLENGTH - 14)
		pend = 1; next
	}
	pend && /<text>/ {
		t = $0; sub(/.*<text>/, "", t); sub(/<\/text>.*/, "", t); gsub(/&[a-z]+;/, "_", t); gsub(/<[^>]*>/, "", t)
		pend = 0
		if (t ~ /^ *$/) next
		w = length(t) * fs * 0.6
		n++; tx[n] = t; y1[n] = y - fs * 0.75; y2[n] = y + fs * 0.05
		x1[n] = an == "end" ? x - w : an == "middle" ? x - w / 2 : x; x2[n] = x1[n] + w
		next
	}
	{ pend = 0 }
	END {
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
			if (x1[i] < x2[j] && x1[j] < x2[i] && y1[i] < y2[j] && y1[j] < y2[i]) print tx[i] " | " tx[j]
	}' "$1"
}

# --- latency-cdf: quantiles of close values (the demo's 12 ms and 12.9 ms)
# are written in the legend, where no text writes over another, at any
# size; p90 and p99 named a line apart however short the plot (issue 21: 15)
awk 'BEGIN { OFS = "\t"; print "op", "via", "t_total", "ok"
	for (i = 0; i < 20; i++) { print "cat", "gateway", 0.0120 + i * 0.00001, 1; print "cat", "mfs", 0.0129 + i * 0.00001, 1
		print "add", "rpc", 0.0125 + i * 0.00002, 1 } }' >close.tsv
for s in 800x500 640 400 320; do
	check "latency-cdf of close quantiles, -s $s: SVG" ipfs-plot latency-cdf -s $s -o "close-$s.svg" close.tsv
	check_eq "latency-cdf of close quantiles, -s $s: no text over another" "$(overlaps "close-$s.svg")" ""
done
check "latency-cdf, more series than colours: SVG" ipfs-plot latency-cdf -g op,via,size,access -o many.svg profile.tsv
check_eq "latency-cdf, more series than colours: no text over another" "$(overlaps many.svg)" ""
# htime: the value as the legend writes it
htime() { awk '{printf "%.3g ms\n", $1 * 1000}'; }
qs() {	# qs VIA: "p50 X, p90 Y, p99 Z" of close.tsv's reads through VIA
	printf 'p50 %s, p90 %s, p99 %s' "$(col_where close.tsv via="$1" t_total | q7 0.5 | htime)" \
		"$(col_where close.tsv via="$1" t_total | q7 0.9 | htime)" "$(col_where close.tsv via="$1" t_total | q7 0.99 | htime)"
}
check "latency-cdf: each series' quantiles in its legend entry" svg close-800x500.svg \
	"cat gateway (n=20): $(qs gateway)" "cat mfs (n=20): $(qs mfs)" "add rpc (n=20): $(qs rpc)"
check "latency-cdf, narrow: the quantiles on a line of their own" svg close-320.svg "    $(qs mfs)"
check_eq "latency-cdf: no value written by the marks" "$(grep -c '<text> [0-9.]* ms</text>' close-640.svg)" 0
ipfs-plot latency-cdf -s 60x25 close.tsv >close.txt 2>"$T/err"
check "latency-cdf text, narrow: the quantiles whole, under their series" bash -c \
	"grep -A 1 'cat mfs (n=20)' close.txt | grep -qF '$(qs mfs)'"

# --- mrc: curves that coincide stay visible: each drawn over the ones
# before it, thinner, its points smaller, in its own colour (issue 21: 15)
awk 'BEGIN { OFS = "\t"; print "policy", "unit", "capacity", "requests", "hit_ratio"
	n = split("lru s3fifo arc", p, " ")
	for (i = 1; i <= n; i++) for (c = 100; c <= 100000; c *= 10) print p[i], "objects", c, 1000, (i == 1 ? 0.2 : 0.4) + log(c) / 30 }' >same.tsv
check "mrc of two coinciding curves: SVG" ipfs-plot mrc -o same.svg same.tsv
# curves SVG: a line per curve drawn, in order: its colour, line width and
# point scale (from each gnuplot_plot group)
curves() {
	awk '/<g id="gnuplot_plot_/ {if (k) print c, w, s; k = 1; c = w = s = ""; next}
	k && w == "" && match($0, /stroke-width="[0-9.]+"/) {w = substr($0, RSTART + 14, RLENGTH - 15)}
	k && c == "" && match($0, /<path stroke=.rgb\([0-9, ]*\)/) {c = substr($0, RSTART + 14, RLENGTH - 14); gsub(/ /, "", c)}
	k && s == "" && match($0, /scale\([0-9.]+\)/) {s = substr($0, RSTART + 6, RLENGTH - 7)}
	END {if (k) print c, w, s}' "$1"
}
check_eq "mrc: a curve each, three colours" "$(curves same.svg | awk '{print $1}' | sort -u | wc -l)" 3
check_eq "mrc: each curve thinner, its points smaller, than the one before" \
	"$(curves same.svg | awk 'NR > 1 && !($2 < w && $3 < s) {bad++} {w = $2; s = $3} END {print bad + 0}')" 0
check_eq "mrc: s3fifo and arc, the same curve, both in the legend" "$(grep -c '<text>\(s3fifo\|arc\)</text>' same.svg)" 2
# a narrow picture grows for its legend: no tick label over another
check "mrc, -s 400, six curves: SVG" ipfs-plot mrc -s 400 -o mrc400.svg lru.tsv policies.tsv lru-after.tsv
check_eq "mrc, -s 400: no text over another" "$(overlaps mrc400.svg)" ""
# the compare MRC of ipfs-compare (one policy, before and after): a colour
# each, and a legend naming both sides
ipfs-plot mrc -l before,after -o mrc-la.svg lru.tsv lru-after.tsv 2>"$T/err"
check_eq "mrc -l before,after: two colours" "$(curves mrc-la.svg | awk '{print $1}' | sort -u | wc -l)" 2
check "mrc -l before,after: the legend names the sides" svg mrc-la.svg "before · lru (exact curve)" "after · lru (exact curve)"

# --- timeseries: each date tick once, over any span, from seconds to
# decades, at two widths; no tick label over another or over the axis'
# name (issue 21: 15)
# history N STEP: N runs STEP seconds apart from 2025-12-01 00:00 UTC
history() {
	awk -v n="$1" -v st="$2" 'BEGIN { OFS = "\t"; print "ts", "label", "op", "via", "size", "access", "n", "median", "p90", "p99", "mb_per_s"
		for (i = 0; i < n; i++) { t = 1764547200 + i * st
			print t, "-", "cat", "rpc", 1024, "warm", 10, 0.01 + i * 0.0001, 0.02, 0.03, 1
			print t, "-", "cat", "gateway", 1024, "warm", 10, 0.02, 0.03, 0.04, 1 } }'
}
# xtics DATA: the x tick labels timeseries.gp sets for DATA, one a line
# (\n between the lines of one)
xtics() {
	gnuplot -e "in='$1'; out='xtics.svg'" "$top/plots/timeseries.gp" -e "show xtics" 2>&1 |
		grep 'explicit list' | grep -o '"[^"]*" "[-0-9.e+]*"' | sed 's/^"\([^"]*\)".*/\1/'
}
for span in "5 10" "3 30" "10 3600" "4 86400" "10 43200" "10 86400" "30 86400" "20 604800" "30 2592000" "40 31536000"; do
	set -- $span
	history "$1" "$2" >"hist-$1-$2.tsv"
	ipfs-plot timeseries --data "hist-$1-$2.dat" -o "hist-$1-$2.svg" "hist-$1-$2.tsv" 2>"$T/err"
	check_eq "timeseries, $1 runs $2 s apart: ticks" "$(xtics "hist-$1-$2.dat" | wc -l | awk '{print ($1 >= 3 && $1 <= 9)}')" 1
	check_eq "timeseries, $1 runs $2 s apart: each tick label once" "$(xtics "hist-$1-$2.dat" | sort | uniq -d)" ""
	check_eq "timeseries, $1 runs $2 s apart: no text over another" "$(overlaps "hist-$1-$2.svg")" ""
	ipfs-plot timeseries -s 640 -o "hist-$1-$2-640.svg" "hist-$1-$2.tsv" 2>"$T/err"
	check_eq "timeseries, $1 runs $2 s apart, -s 640: no text over another" "$(overlaps "hist-$1-$2-640.svg")" ""
done
check_eq "timeseries, 12-hour ticks over days: the date under each time" "$(xtics hist-4-86400.dat | head -n 2)" \
	'00:00\n2025-12-01
12:00\n2025-12-01'
check_eq "timeseries, daily ticks: the year under the first" "$(xtics hist-10-86400.dat | head -n 2)" \
	'12-02\n2025
12-04'
check_eq "timeseries, over years: at the first of a month" "$(xtics hist-30-2592000.dat | head -n 2)" \
	'2026-01
2026-07'
# latency-time: a clock axis from the run's start, over minutes and hours
for t in 100 1000 20000; do
	awk -v t="$t" 'BEGIN { OFS = "\t"; print "op", "via", "t_start", "t_total", "ok"
		for (i = 0; i <= 50; i++) print "cat", "rpc", i * t / 50, 0.01 + i * 0.0001, 1 }' >"start-$t.tsv"
	ipfs-plot latency-time -o "start-$t.svg" "start-$t.tsv" 2>"$T/err"
	check_eq "latency-time over $t s: each tick label once" \
		"$(awk '/text-anchor="middle"/ {getline; print}' "start-$t.svg" | sort | uniq -d)" ""
	check_eq "latency-time over $t s: no text over another" "$(overlaps "start-$t.svg")" ""
done

# --- latency-size, throughput-size: the legend says what a box shows (the
# data's q1, q3, median, p5, p95), not the man page alone (issue 21: 15)
for n in latency-size throughput-size; do
	check "$n: the legend explains the box" svg "$n.svg" "box: p25 to p75, bar: median, whiskers: p5 to p95, line: medians"
	check_eq "$n: no text over another" "$(overlaps "$n.svg")" ""
done
ipfs-plot latency-size -s 400 -o size400.svg "$fx/add.tsv" "$fx/cat.tsv" 2>"$T/err"
check "latency-size, -s 400: the legend explains the box, in two lines" svg size400.svg \
	"box: p25 to p75, bar: median," "whiskers: p5 to p95, line: medians"
check_eq "latency-size, -s 400: no text over another" "$(overlaps size400.svg)" ""
ipfs-plot latency-size -s 90x25 "$fx/cat.tsv" >size.txt 2>"$T/err"
check "latency-size text: the legend explains the box" grep -q "box: p25 to p75, bar: median, whiskers: p5 to p95, line: medians" size.txt

# --- -o on a device or a pipe writes into it, and never renames a file
# over it (-o /dev/null made /dev/null a file)
mkfifo pic.fifo
cat pic.fifo >fifo.svg &
reader=$!
ipfs-plot latency-cdf -t svg -o pic.fifo "$d/old.tsv" 2>"$T/err"
check_eq "-o a pipe: exit 0" "$?" 0
if [ -p pic.fifo ]; then wait "$reader"; else kill "$reader" 2>/dev/null; wait "$reader" 2>/dev/null; fi
check "-o a pipe: still a pipe" test -p pic.fifo
check "-o a pipe: the picture went through it" svg fifo.svg "Latency CDF (t_total), old.tsv"
ipfs-plot latency-cdf -t svg -o /dev/stdout "$d/old.tsv" >stdout.svg 2>"$T/err"
check "-o /dev/stdout into a file: the picture" svg stdout.svg "Latency CDF (t_total), old.tsv"
check "-o /dev/stdout: still a link" test -L /dev/stdout
