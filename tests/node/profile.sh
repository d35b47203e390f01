# ipfs-profile end to end against the real node, with short iteration
# counts: the folder, every --test value, --no-metrics, bad arguments
# before any request, a node that is down, the history under concurrent
# runs, the Prometheus textfile, workloads.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
A=$IPFS_API/api/v0
# the node's store by multihash (refs/local names each block as a raw
# CIDv1) and its recursive pins
refs() { curl -sf -m 60 -X POST "$A/refs/local" | jq -r .Ref | xargs node "$top/tests/node/cidhex.mjs" -m | sort -u; }
pins() { curl -sf -m 60 -X POST "$A/pin/ls?type=recursive" | jq -r '.Keys | keys[]' | sort; }

refs >store0
pins >pins0
curl -sf -X POST "$IPFS_API/api/v0/config/show" >config0
ipfs-profile -n 3 -s 1k,64k --output-dir all >all.out 2>all.err; rc=$?
check_eq "--test all: exit 0" "$rc" 0
# what it added, it removed: warm-ups too, kept apart from the measured
check_eq "  the node's pins are as before the profile" "$(pins | comm -3 - pins0)" ""
refs >store1
check_eq "  no block is left, nor MFS scratch folders (--via mfs)" "$(comm -13 store0 store1 | wc -l)" 0
check_eq "  no block the node held before is gone" "$(comm -23 store0 store1)" ""
check_grep "  said: how many roots and blocks" \
	"^ipfs-profile: --remove at http://127\.0\.0\.1:[0-9]+: 16 added roots \(16 records\): 16 unpinned, [0-9]+ blocks removed \([0-9]+ bytes\) and checked gone$" all.err
check_eq "  the warm-up adds recorded apart, one per size and way" \
	"$(cat all/warmup/add-rpc.tsv all/warmup/add-chunked.tsv | col_where /dev/stdin warmup=1 op | wc -l)" 4
check_eq "  the measured files hold none" "$(col_where all/add-rpc.tsv warmup=1 op | wc -l)" 0
check_sh "  removed.txt holds what was said" "grep -q 'checked gone' all/removed.txt"
for f in add-rpc.tsv add-chunked.tsv cat.tsv calls.tsv cache-random.tsv cache-reads.tsv \
    cache-mrc.tsv profile.tsv memory.tsv summary.txt profiling_results.json; do
	check_sh "  the folder holds $f" "[ -s all/$f ]"
done
for p in latency-cdf latency-size throughput-size phases hit-rates mrc memory; do
	check_sh "  and the picture $p.png" "file all/$p.png | grep -q 'PNG image data'"
done
check_eq "  the records: 2 ways of adding x 2 sizes x 3" "$(col_where all/profile.tsv op=add ok=1 ok | wc -l)" 12
check_eq "  every read ok, three ways: 12 CIDs x 3 ways x 3" "$(col_where all/cat.tsv ok=1 ok | wc -l)" 108
check_eq "  on one node every read is warm, checked" "$(col_where all/cat.tsv access!=warm via | wc -l)" 0
check_grep "  and the summary says there are no cold reads, and why" \
	"^cold reads: none: every block read was already on this node \(checked\), so every read is warm; give --provider URL" all/summary.txt
check_sh "  profiling_results.json: no cold read verified" \
	"jq -e '.cold_reads.verified == 0 and .cold_reads.provider == null' all/profiling_results.json"
for s in "Adding content: plain add (RPC) against chunked" "Reading content: first access (cold) against later ones (warm)" \
    "Reading content: RPC API against the gateway and the filesystem API (MFS)" "Cache: a memory tier over a disk tier" \
    "API calls" "The node's memory and CPU" "Recommendations (tune-conf"; do
	check_grep "  summary: $s" "^== $(printf '%s' "$s" | sed 's/[()]/\\&/g')" all/summary.txt
done
check_eq "  the sections in the old report's order" \
	"$(grep '^== ' all/summary.txt | cut -c4-9 | tr '\n' ' ')" "Adding Readin Readin Cache: API ca The no Recomm "
check_grep "  figures with their intervals" "^add +1k +.*(± |\[[0-9.]+[mun]?s, ).*%" all/summary.txt
check_eq "  the summary is printed, then the folder" "$(tail -n 1 all.out)" "The profile is in $T/all"
check_sh "  profiling_results.json: the run, the node, the rows" \
	"jq -e '.tool == \"ipfs-profile\" and .parameters.iterations == 3 and .parameters.file_sizes == [\"1k\", \"64k\"]
	 and (.node.implementation | test(\"^js-ipfs \")) and (.add | length) > 0 and (.cat_via | length) > 0
	 and (.cache | length) > 0 and (.api | length) > 0 and (.recommendations | type) == \"array\"' all/profiling_results.json"
check_sh "  memory: the node's process sampled" \
	"[ \$(col all/memory.tsv rss_bytes | wc -l) -ge 1 ] && col all/memory.tsv source | grep -q '^proc:'"
check_eq "  the node's config untouched (a dry run)" "$(curl -sf -X POST "$IPFS_API/api/v0/config/show" | cmp - config0 && echo same)" same

for t in add cat cache api; do
	ipfs-profile -q -n 2 -s 1k --test $t --output-dir t-$t >/dev/null 2>t-$t.err; rc=$?
	check_eq "--test $t: exit 0" "$rc" 0
done
check_sh "  add: adds, no reads" "[ -s t-add/add-rpc.tsv ] && [ ! -e t-add/cat.tsv ]"
check_sh "  cat: adds what it reads (the same mix as all), then reads" "[ -s t-cat/add-rpc.tsv ] && [ -s t-cat/add-chunked.tsv ] && [ -s t-cat/cat.tsv ]"
ipfs-profile -q -n 1 -s 1k --test cat --no-plots --output-dir one >/dev/null 2>one.err; rc=$?
check_eq "-n 1: exit 0" "$rc" 0
check_eq "  both read sections" "$(grep -c '^== Reading content' one/summary.txt)" 2
check_sh "  cache: patterns only" "[ -s t-cache/cache-random.tsv ] && [ ! -e t-cache/cat.tsv ]"
check_sh "  api: calls only" "[ -s t-api/calls.tsv ] && [ ! -e t-api/add-rpc.tsv ]"
ipfs-profile -q -n 2 -s 2M --test add --no-plots --output-dir big >/dev/null 2>big.err
check_eq "sizes over 1 MiB: chunk-put's CAR upload too" "$(col_where big/add-car.tsv ok=1 mode | sort -u)" car
check_grep "  compared with the block upload" "^== Large adds: chunk-put's block upload against its CAR upload" big/summary.txt

ipfs-profile -q -n 2 -s 1k --test add,api --no-metrics --output-dir nm >/dev/null 2>nm.err
check_eq "--no-metrics: no phase columns" "$(head -n 1 nm/profile.tsv | tr '\t' '\n' | grep -c '^t_\(dns\|connect\|ttfb\)$')" 0
check_sh "  no node metrics, no phases picture" "[ ! -e nm/memory.tsv ] && [ ! -e nm/phases.png ]"

# bad arguments: before any request, exit 2; an output that cannot be written: 1
for bad in "-s 10Q" "--file-sizes=1k,0" "--provider http://127.0.0.1:2 --test add" "--provider 127.0.0.1:5001" "-n x" "--iterations=0" "--test=bogus" "-n" "--bogus" "extra"; do
	# shellcheck disable=SC2086
	check_exit "bad arguments: $bad: exit 2" 2 ipfs-profile --api http://127.0.0.1:1 $bad
done
check_exit "-o into a folder that does not exist: exit 1 before any request" 1 \
	ipfs-profile --api http://127.0.0.1:1 -o /nonexistent/p.tsv
check_grep "  and says so" "cannot write '/nonexistent/p.tsv'" "$T/err"
ipfs-profile -q --api http://127.0.0.1:1 --output-dir down >/dev/null 2>down.err; rc=$?
check_eq "a node that is down: exit 1" "$rc" 1
check_grep "  a clear line, the folder kept and said so" "no node answers: .*onnect.*nothing was measured \(the folder $T/down is kept\)" down.err
check_sh "  and the folder is there" "[ -d down ] && [ -s down/version.tsv ]"
check_exit "-qn 2 --test=api (combined, with =): exit 0" 0 ipfs-profile -qn 2 -s 1k --test=api --output-dir=comb

# the history: two runs at once, no lost and no torn rows
ipfs-profile -q -n 2 -s 1k --test add,api -l a --output-dir h1 --append hist.tsv --prom node.prom >/dev/null 2>h1.err &
p1=$!
ipfs-profile -q -n 2 -s 1k --test add,api -l b --output-dir h2 --append hist.tsv >/dev/null 2>h2.err &
p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
check_eq "two concurrent --append runs: both exit 0" "$r1 $r2" "0 0"
check_eq "  one header" "$(grep -c '^ts	label	op' hist.tsv)" 1
# (the rows each run appended: its own history-rows.tsv, whole lines)
check_eq "  every row of both runs" "$(grep -v '^ts	' hist.tsv | sort)" "$(cat h1/history-rows.tsv h2/history-rows.tsv | sort)"
check_eq "  of both labels" "$(col hist.tsv label | sort -u | tr '\n' ' ')" "a b "
check_eq "  no torn row" "$(awk -F'\t' 'NF != 11' hist.tsv | wc -l)" 0
check_sh "  ipfs-plot timeseries draws it" "ipfs-plot timeseries -o hist.png hist.tsv && file hist.png | grep -q PNG"
check_sh "--prom: promtool check metrics accepts it" "promtool check metrics <node.prom"
check_grep "  with the percentiles per group" '^ipfsperf_request_duration_seconds\{label="a",op="add",via="rpc",size="1024",access="-",percentile="99"\} [0-9.e-]+$' node.prom

# workloads: checked whole before anything runs; the shipped ones run
printf 'sizes 1k,0\ncids nofile\nfrobnicate x\nipfs-time-add -s 1k;rm\n' >bad.wl
check_exit "a bad workload: exit 2, nothing run" 2 ipfs-profile -q --api http://127.0.0.1:1 --workload bad.wl --output-dir wbad
for l in "bad.wl:1: bad size '0'" "bad.wl:2: cids: cannot read 'nofile'" "bad.wl:3: unknown step 'frobnicate'" "bad.wl:4: 'ipfs-time-add' .*|bad.wl:4: '-s' .*|bad.wl:4: '1k;rm': no shell syntax"; do
	check_grep "  names $(echo "$l" | cut -d: -f1-2)" "$l" "$T/err"
done
for w in gateway-mix ingest-heavy; do
	ipfs-profile -q -n 2 --workload "$top/scripts/workloads/$w.wl" --output-dir w-$w >/dev/null 2>w-$w.err; rc=$?
	check_eq "the shipped workload $w: exit 0" "$rc" 0
	check_grep "  its section in the summary" "^== Workload .*$w.wl" w-$w/summary.txt
done
