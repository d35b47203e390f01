#!/usr/bin/env bash
# cache-sim from the command line: flags, input formats, bad input, edge
# cases, output, signals. Small traces whose results are worked by hand.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1

# rows without the time columns
rows() { without "$1" elapsed_s mreq_per_s; }

# --- flags -----------------------------------------------------------------
check "-h exits 0" cache-sim -h
check_grep "-h prints the synopsis" '^usage: cache-sim ' out
check "-V exits 0" cache-sim -V
check_eq "-V names the version" "$(cat out)" \
	"cache-sim ipfsperf $(sed -n 's/.*IPFSPERF_VERSION "\(.*\)"/\1/p' "$top/lib/base/version.h")"
printf 'a\nb\na\nc\na\nb\n' >abc.txt
check_exit "no size is a usage error" 2 cache-sim abc.txt
check_grep "  and says so" 'no cache size' err
check_exit "unknown policy: exit 2" 2 cache-sim -p lruu -s 2 abc.txt
check_grep "  names the policies" "unknown policy 'lruu'.*s3fifo" err
check_exit "bad policy parameter: exit 2" 2 cache-sim -p s3fifo:move=9 -s 2 abc.txt
check_exit "bad size: exit 2" 2 cache-sim -s 10X abc.txt
check_exit "bad unit: exit 2" 2 cache-sim -u pages -s 2 abc.txt
check_exit "tiered without -D: exit 2" 2 cache-sim -p tiered -s 2 abc.txt
check_exit "-D without tiered: exit 2" 2 cache-sim -s 2 -D 4 abc.txt
check_exit "two traces: exit 2" 2 cache-sim -s 2 abc.txt abc.txt
check_exit "--pattern and a trace: exit 2" 2 cache-sim --pattern random -s 2 abc.txt
check_exit "unknown pattern: exit 2" 2 cache-sim --pattern zipf -s 2
check_exit "--sample without --mrc: exit 2" 2 cache-sim --sample 0.1 -s 2 abc.txt
check_exit "--mrc with -p: exit 2" 2 cache-sim --mrc -p arc abc.txt
check_exit "unknown option: exit 2" 2 cache-sim --frobnicate -s 2 abc.txt
check_exit "pattern options without --pattern: exit 2" 2 cache-sim -N 10 -s 2 abc.txt
check_exit "input options with --pattern: exit 2" 2 cache-sim --pattern random -f csv -s 2
check_exit "simulation options with --emit-trace: exit 2" 2 cache-sim --pattern random --emit-trace -s 2
check_exit "-k without --mrc: exit 2" 2 cache-sim -k 10 -s 2 abc.txt
check_exit "--mrc with -s and -k: exit 2" 2 cache-sim --mrc -s 2 -k 10 abc.txt
check_exit "missing trace: exit 1" 1 cache-sim -s 2 nonexistent.txt
check_grep "  names it" 'nonexistent.txt: No such file' err

# --- results worked by hand ------------------------------------------------
# LRU of 2 on a b a c a b: m m h m(evicts b) h m(evicts c): 2 hits, 2 evictions
check "ids without sizes" cache-sim -p lru,fifo -s 2 abc.txt
check_eq "  counts objects; lru: 2 hits, 4 misses, 2 evictions" \
	"$(col_where out policy=lru unit capacity requests hits misses evictions)" "$(printf 'objects\t2\t6\t2\t4\t2')"
check_eq "  fifo of 2: a b a(h) c(evicts a) a(evicts b) b(evicts c): 1 hit" \
	"$(col_where out policy=fifo hits)" "1"
check_eq "  no sizes: byte_hit_ratio is '-'" "$(col out byte_hit_ratio | sort -u)" "-"
check_eq "  a single tier: mem_hits = hits, disk_hits 0, no disk_capacity" \
	"$(col_where out policy=lru mem_hits disk_hits disk_capacity)" "$(printf '2\t0\t-')"
check "stdin as -" sh -c 'cache-sim -s 2 - <abc.txt >out2'
check "stdin without an operand" sh -c 'cache-sim -s 2 <abc.txt >out3'
check_eq "  both read the same requests" "$(col out2 hits)" "$(col out3 hits)"
check_grep "  named <stdin>" '^# trace: <stdin> format=text requests=6$' out3

printf 'a 100\nb 200\na 100\nc 300\nb 200\n' >sized.txt
check "ids with sizes" cache-sim -s 400 sized.txt
check_eq "  counts bytes by default" "$(col out unit)" "bytes"
# 400 bytes: a b a(h) c(300: evicts b, then a? 100+300=400 fits: evicts b only) b(evicts a)
check_eq "  lru 400 bytes: 1 hit, byte_hit_ratio 100/900" \
	"$(col out hits) $(col out byte_hit_ratio)" "1 0.111111"
check "-u objects on sized ids" cache-sim -u objects -s 2 sized.txt
check_eq "  counts objects, byte_hit_ratio from the sizes" \
	"$(col out unit) $(col out hits) $(col out byte_hit_ratio)" "objects 1 0.111111"
check_exit "-u bytes on a trace without sizes: exit 1" 1 cache-sim -u bytes -s 2 abc.txt
check_grep "  says why" 'has no sizes' err
check "sizes as shares of the working set" cache-sim -s 50%,100% sized.txt
check_eq "  50% and 100% of 600 bytes" "$(col out capacity | tr '\n' ' ')" "300 600 "
check_grep "  the working set in a comment" 'objects=3 bytes=600' out

# zero-size objects are cached, taking no room
printf 'z 0\nz 0\nb 5\nz 0\n' >zero.txt
check "zero-size objects" cache-sim -s 5 zero.txt
check_eq "  z m, z h, b m, z h: 2 hits, byte_hit_ratio 0" \
	"$(col out hits) $(col out byte_hit_ratio)" "2 0.000000"
check_exit "capacity 0 holds nothing: a usage error" 2 cache-sim -s 0 sized.txt
check_grep "  naming the item" "'0' is a cache of size 0" err
check "capacity 1 byte" cache-sim -s 1 sized.txt
check_eq "  misses everything but zero-size objects" "$(col out hits)" "0"
# larger than the cache: a miss, not admitted, nothing evicted
printf 'b 10\na 1000\na 1000\nb 10\n' >big.txt
for p in lru fifo clock sieve lfu arc 2q s3fifo belady; do
	check "$p with an object larger than the cache" cache-sim -p $p -s 200 big.txt
	check_eq "  $p: a is never admitted, b stays: 1 hit, 0 evictions" \
		"$(col out hits) $(col out evictions)" "1 0"
done

# --- bad input ---------------------------------------------------------------
printf 'a 1\nb 2\nc 3 e\nd x\ne 5\n' >bad.txt
check_exit "a malformed line: exit 1" 1 cache-sim -s 10 bad.txt
check_grep "  names file:line" '^cache-sim: bad.txt:3: expected .id \[size\]., found a third field$' err
check "--skip-bad goes on" cache-sim -s 10 --skip-bad bad.txt
check_grep "  counts the skipped lines on stderr" 'skipped 2 malformed lines' err
check_grep "  and in a comment" '^# skipped 2 malformed lines' out
check_eq "  simulates the good ones" "$(col out requests)" "3"
printf 'a 1\nb\n' >mixed.txt
check_exit "sizes on some lines only: exit 1" 1 cache-sim -s 10 mixed.txt
check_grep "  says so" 'mixed.txt:2: no size, where the first request has one' err
gzip -c sized.txt >sized.txt.gz
check_exit "gzip input: exit 1" 1 cache-sim -s 10 sized.txt.gz
check_grep "  with a hint" 'decompress it: zcat sized.txt.gz' err

# --- formats -------------------------------------------------------------------
printf '%s\n' 'cid,bytes,note' '"a,1",100,x' 'b,200,y' '"a,1",100,z' '"q""x",5,w' >t.csv
check "CSV, columns by name" cache-sim --id-col cid --size-col bytes -s 1000 t.csv
check_eq "  quoted ids with commas: 4 requests, 1 hit, 405 bytes" \
	"$(col out requests) $(col out hits)" "4 1"
check_grep "  detected as CSV" 'format=csv' out
printf '1\ta\t10\n2\tb\t20\n3\ta\t10\n' >t.tsv
check "TSV, columns by number" cache-sim -f tsv --id-col 2 --size-col 3 -s 100 t.tsv
check_eq "  3 requests, 1 hit" "$(col out requests) $(col out hits)" "3 1"
check_exit "a missing column name: exit 1" 1 cache-sim --id-col key -s 10 t.csv
check_grep "  names it" "no column 'key' in the header" err

hdr='ts	op	via	label	size	iter	access	code	ok	cid	bytes_up	bytes_down	t_dns	t_connect	t_ttfb	t_total	error'
{
	echo "# ipfs-time-cat ipfsperf 0.1.0"
	echo "$hdr"
	echo "1.0	cat	api	-	1024	1	cold	200	1	bafyA	0	1024	0	0	0.1	0.2	-"
	echo "2.0	cat	api	-	1024	2	warm	200	1	bafyA	0	1024	0	0	0.1	0.2	-"
	echo "3.0	cat	api	-	2048	1	cold	500	0	bafyB	0	0	0	0	0.1	0.2	timeout"
	echo "4.0	id	api	-	-	1	-	200	1	-	0	300	0	0	0.1	0.2	-"
	echo "5.0	cat	gw	-	4096	1	cold	200	1	bafyC	0	4096	0	0	0.1	0.2	-"
} >timing.tsv
check "timing records (TSV)" cache-sim -s 1M timing.tsv
check_eq "  3 requests from cid and bytes_down, 1 hit" \
	"$(col out requests) $(col out hits) $(col out byte_hit_ratio)" "3 1 0.166667"
check_grep "  detected as records" 'format=records' out
check_grep "  reports the failed and cid-less records" 'dropped 2 records' err
cat >timing.jsonl <<'EOF'
{"ts":1.0,"op":"cat","ok":1,"cid":"bafyA","bytes_down":1024}
{"ts":2.0,"op":"cat","ok":1,"cid":"bafyA","bytes_down":1024}
{"ts":3.0,"op":"cat","ok":0,"cid":"bafyB","bytes_down":0,"error":"timeout"}
{"ts":4.0,"op":"id","ok":1,"cid":null,"bytes_down":300}
{"ts":5.0,"op":"cat","ok":1,"cid":"bafyC","bytes_down":4096}
EOF
check "timing records (JSON Lines) on stdin" sh -c 'cache-sim -s 1M <timing.jsonl >out'
check_eq "  the same requests" "$(col out requests) $(col out hits)" "3 1"

# --- patterns, emitted traces, the three forms of one trace --------------------------
pat="--pattern zipf:0.9 -N 2000 -n 30000 --obj-size 1k-64k --seed 7"
pols="lru,arc,s3fifo,belady"
check "a pattern, simulated directly" cache-sim -q $pat -p $pols -s 1M,8M
rows out >direct
check "emitted as text" sh -c "cache-sim $pat --emit-trace >p.txt"
check_eq "  30000 lines" "$(wc -l <p.txt)" "30000"
check "emitted as oracleGeneral" sh -c "cache-sim $pat --emit-trace=oracle >p.bin"
check_eq "  30000 records of 24 bytes" "$(wc -c <p.bin)" "720000"
check "the text trace replayed" cache-sim -q -p $pols -s 1M,8M p.txt
rows out >text
check "the binary trace replayed" cache-sim -q -p $pols -s 1M,8M p.bin
check_grep "  detected as oracleGeneral" 'format=oracleGeneral' out
rows out >binary
check_eq "text replay = direct simulation (belady from a first pass)" \
	"$(sed 1d text)" "$(sed 1d direct)"
check_eq "binary replay = direct simulation (belady from next_access_vtime)" \
	"$(sed 1d binary)" "$(sed 1d direct)"
check "the same pattern twice" sh -c "cache-sim $pat --emit-trace | cmp - p.txt"
check "another seed differs" sh -c "! cache-sim $pat --seed 8 --emit-trace | cmp -s - p.txt"
for p in sequential random repeated scan scan:0.2; do
	check "pattern $p" cache-sim -q --pattern $p -N 100 -n 1000 -s 10
	check_eq "  1000 requests" "$(col out requests)" "1000"
done
check "sequential loop of 100 over LRU 99: every request misses" \
	cache-sim -q --pattern sequential -N 100 -n 1000 -s 99
check_eq "  0 hits" "$(col out hits)" "0"
check_exit "binary records to a terminal refused" 2 \
	script -qec "cache-sim --pattern random --emit-trace=oracle" /dev/null

check "every policy on a random trace" cache-sim -q --pattern random -N 3000 -n 20000 \
	--obj-size 1-1000 -p lru,fifo,clock,sieve,lfu,arc,2q,s3fifo,belady -s 10k,100k,1M
check_eq "  hits + misses = requests on every row" \
	"$(col_where out hits misses requests | awk -F'\t' '{ print ($1 + $2 == $3) }' | sort -u)" "1"

# --- tiers -------------------------------------------------------------------------
check "tiered rows" cache-sim -q $pat -p tiered:lru/lru,lru -u objects -s 100,300 -D 200
check_eq "  tiered:lru/lru (100, 200) hits = lru 300 hits" \
	"$(col_where out policy=tiered:lru/lru capacity=100 hits)" \
	"$(col_where out policy=lru capacity=300 hits)"
check_eq "  and its memory hits = lru 100 hits" \
	"$(col_where out policy=tiered:lru/lru capacity=100 mem_hits)" \
	"$(col_where out policy=lru capacity=100 hits)"
check_eq "  mem_hits + disk_hits = hits, disk_capacity 200" \
	"$(col_where out policy~tiered mem_hits disk_hits hits disk_capacity |
		awk -F'\t' '{ print ($1 + $2 == $3), $4 }' | sort -u)" "1 200"

# --- curves -------------------------------------------------------------------------
check "--mrc on a grid of 5" cache-sim --mrc -u objects -k 5 p.txt
check_eq "  5 rows" "$(grep -vc '^#' out)" "6"
# the working set: the distinct ids of the text trace (id size, no header)
ws=$(cut -d' ' -f1 p.txt | sort -u | wc -l)
check_eq "  from 1 object to the working set" \
	"$(col out capacity | sort -n | sed -n '1p;$p' | tr '\n' ' ')" \
	"1 $ws "
check_eq "  where only first requests miss" "$(col_where out capacity="$ws" miss_ratio)" \
	"$(awk -v n="$ws" 'BEGIN { printf "%.6f", n / 30000 }')"
# LRU in objects is a stack algorithm: its miss ratio never rises with the
# capacity. In bytes it does below the largest object (64k here), which a
# cache of that size admits where a smaller one does not; from there on,
# every object fits and it never rises
big=$(cut -d' ' -f2 p.txt | sort -n | tail -1)
for u in objects bytes; do
	check "--mrc grid ($u)" cache-sim --mrc -u $u -k 60 p.txt
	check_eq "  capacity rises, the miss ratio never does (in bytes from the largest object on)" \
		"$(col_where out capacity miss_ratio | awk -F'\t' -v u=$u -v big="$big" '
		NR > 1 && ($1 <= c || ($2 > m && (u == "objects" || c >= big))) { bad = 1 }
		{ c = $1; m = $2 } END { print bad + 0 }')" "0"
done
check "--mrc in bytes at given sizes" cache-sim --mrc -s 1M,8M p.txt
check_eq "  = lru at those sizes" "$(col out miss_ratio | tr '\n' ' ')" \
	"$(col_where direct policy=lru hits | awk '{ printf "%.6f ", 1 - $1 / 30000 }')"

# --- output ----------------------------------------------------------------------------
check "-j writes JSON Lines" sh -c 'cache-sim -j -p lru,arc -s 2,3 abc.txt >out.json'
check "  jq reads every line" jq -e . out.json
check_eq "  4 records, numbers unquoted, no sizes as null" \
	"$(jq -r '[.policy, .capacity, (.hits | type), .byte_hit_ratio] | @tsv' out.json | tr '\n' ' ')" \
	"lru	2	number	 lru	3	number	 arc	2	number	 arc	3	number	 "
check_exit "a write error: exit 1" 1 sh -c 'cache-sim -s 2 abc.txt >/dev/full'

# --- signals -------------------------------------------------------------------------
check_exit "SIGINT: exit 130" 130 timeout --preserve-status -s INT 1 cache-sim -p lru,arc --pattern zipf:1 \
	-N 100000 -n 4000000000 -s 1000
check_grep "  reports what was simulated" '^# interrupted after [0-9]+ requests' out
check_eq "  with a row per cache" "$(grep -vc '^#' out)" "3"
check_sh "SIGPIPE ends quietly" \
	"cache-sim --pattern zipf:1 -n 100000000 --emit-trace 2>err.pipe | head -1 >/dev/null; test ! -s err.pipe"

# --- the curve's grid gives the points asked for (issue 21: 12): -k 40 on
# 10000 objects is 40 capacities, distinct; more points than capacities are
# all of them, and said
cache-sim --mrc -q -u objects -k 40 --pattern zipf:0.8 -N 10000 -n 20000 >"$T/k40.tsv" 2>"$T/k40.err"
check_eq "mrc -k 40: 40 points" "$(col "$T/k40.tsv" capacity | wc -l)" 40
check_eq "mrc -k 40: distinct capacities" "$(col "$T/k40.tsv" capacity | sort -un | wc -l)" 40
cache-sim --mrc -u objects -k 40 --pattern zipf:0.8 -N 20 -n 2000 >"$T/k20.tsv" 2>"$T/k20.err"
check_eq "mrc -k 40 on 20 objects: the 20 capacities there are" "$(col "$T/k20.tsv" capacity | wc -l)" 20
check_grep "mrc -k 40 on 20 objects: says so" 'cache-sim: .*20 capacities .*40 points' "$T/k20.err"
# a sampled curve cannot resolve capacities below 1 / rate objects: said
cache-sim --mrc -u objects --sample 0.01 --pattern zipf:0.8 -N 10000 -n 100000 >"$T/smp.tsv" 2>"$T/smp.err"
check_grep "sampled mrc: warns of the capacities below its resolution" \
	'cache-sim: .*sampled.*capacities below 100 objects' "$T/smp.err"

# --- objects larger than a capacity (issue 21: 11): -p lru does not admit
# them (a miss that evicts nothing, as libCacheSim does), and neither does
# --mrc: at given sizes and on its grid it is -p lru's miss ratio, exact
cache-sim -q --pattern zipf:0.9 -N 2000 -n 20000 --obj-size 1k-1M --emit-trace >"$T/big.txt"
cache-sim --mrc -u bytes -s 64k,512k,4M,16M "$T/big.txt" >"$T/big-mrc.tsv" 2>"$T/big-mrc.err"
cache-sim -q -p lru -u bytes -s 64k,512k,4M,16M "$T/big.txt" >"$T/big-lru.tsv"
check_eq "mrc at sizes below the largest object (1M) = lru there" \
	"$(col_where "$T/big-mrc.tsv" capacity miss_ratio exact)" \
	"$(col_where "$T/big-lru.tsv" capacity hits requests | awk -F'\t' -v OFS='\t' '{ printf "%s\t%.6f\t1\n", $1, 1 - $2 / $3 }')"
check_eq "  and says nothing: it is exact" "$(cat "$T/big-mrc.err")" ""
cache-sim --mrc -u bytes -k 12 "$T/big.txt" >"$T/big-grid.tsv" 2>"$T/big-grid.err"
cache-sim -q -p lru -u bytes -s "$(col "$T/big-grid.tsv" capacity | paste -sd,)" "$T/big.txt" >"$T/big-glru.tsv"
check_eq "mrc grid of 12 from the smallest object = lru at its capacities" \
	"$(col_where "$T/big-grid.tsv" capacity miss_ratio exact)" \
	"$(col_where "$T/big-glru.tsv" capacity hits requests | awk -F'\t' -v OFS='\t' '{ printf "%s\t%.6f\t1\n", $1, 1 - $2 / $3 }')"
check_eq "  12 points, from below 1M" "$(col "$T/big-grid.tsv" capacity | wc -l) $(col "$T/big-grid.tsv" capacity | awk '$1 < 1048576' | wc -l | awk '{ print ($1 > 0) }')" "12 1"
# an object whose size changes: -p lru keeps the size it admitted, the
# curve the last: not exact, marked and said
printf 'a 100\nb 100\na 300\nb 100\na 300\n' >"$T/resized.txt"
cache-sim --mrc -s 200,1000 "$T/resized.txt" >"$T/resized.tsv" 2>"$T/resized.err"
check_eq "mrc: an object whose size changed: exact 0" "$(col "$T/resized.tsv" exact | sort -u)" 0
check_grep "  and said" 'cache-sim: 1 requests found their object at another size.*-p lru -s' "$T/resized.err"

# --- no clamped figure (issue 21: 12): a sampled estimate outside 0..1 is
# left out and named, not printed as a miss ratio of 1; -k gives the points
# asked for, or says why not; rows in objects have no bytes-only column
cache-sim --mrc -u objects --sample 0.05 --pattern zipf:0.8 -N 20000 -n 200000 --seed 4 \
	>"$T/clamp.tsv" 2>"$T/clamp.err"
check_eq "sampled mrc: no miss ratio of 1 from a clamped estimate" \
	"$(col "$T/clamp.tsv" miss_ratio | awk '$1 >= 1' | wc -l)" 0
check_grep "  the estimates left out are named, and why" \
	'cache-sim: sampled at rate 0.05: left out 20, 24, .*outside 0\.\.1' "$T/clamp.err"
check_eq "  rows: the 40 asked for less those named" \
	"$(col "$T/clamp.tsv" capacity | wc -l)" \
	"$((40 - $(sed -n 's/.*left out \([^:]*\), where.*/\1/p' "$T/clamp.err" | tr ',' '\n' | wc -l)))"
check_eq "  every row an estimate: exact 0" "$(col "$T/clamp.tsv" exact | sort -u)" 0
check_eq "  none below 1 / rate = 20 objects" "$(col "$T/clamp.tsv" capacity | awk '$1 < 20' | wc -l)" 0
check_grep "  the grid starts there, and says so" 'cache-sim: .*grid starts at 20 objects' "$T/clamp.err"
cache-sim --mrc -q -u objects -k 40 --sample 0.1 --pattern zipf:0.8 -N 10000 -n 100000 >"$T/s40.tsv"
check_eq "sampled mrc -k 40: 40 distinct points" "$(col "$T/s40.tsv" capacity | sort -un | wc -l)" 40
cache-sim --mrc -q -u bytes -k 40 --pattern zipf:0.9 -N 300 -n 3000 --obj-size 1k-4k >"$T/b40.tsv"
check_eq "mrc in bytes -k 40: 40 distinct points" "$(col "$T/b40.tsv" capacity | sort -un | wc -l)" 40
cache-sim --mrc -q -u objects -s 10 "$T/big.txt" >"$T/uobj.tsv"
check_eq "mrc -u objects on a sized trace: no byte_miss_ratio" \
	"$(grep -v '^#' "$T/uobj.tsv" | head -1)" "$(printf 'capacity\tmiss_ratio\texact\tunit')"
check_eq "mrc in bytes: byte_miss_ratio" \
	"$(grep -v '^#' "$T/big-mrc.tsv" | head -1)" "$(printf 'capacity\tmiss_ratio\tbyte_miss_ratio\texact\tunit')"
