#!/usr/bin/env bash
# The EXAMPLES of man/cache-sim.1, run as written (the literal blocks,
# with mdoc's \e turned back into \) on a gateway log, a trace and timing
# records made here, and their outputs checked.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1

awk '/^\.Sh EXAMPLES/ { on = 1; next } /^\.Sh / { on = 0 }
    on && /^\.Bd -literal/ { n++; lit = 1; next }
    on && /^\.Ed/ { lit = 0; next }
    lit { gsub(/\\e/, "\\"); print > ("example" n) }' "$top/man/cache-sim.1"
check_eq "the man page has 7 examples" "$(ls example* | wc -l)" "7"

cache-sim --pattern zipf:1.0 -N 10000 -n 500000 --obj-size 4k-1M --seed 3 --emit-trace >trace.txt
# a gateway log: the trace's requests, with some that are not /ipfs/ or not 200
awk '{ printf "127.0.0.1 - - [25/Nov/2025:10:00:%02d +0000] \"GET /ipfs/bafy%s HTTP/1.1\" 200 %s \"-\" \"curl/8.0\"\n", NR % 60, $1, $2
    if (NR % 1000 == 0) print "127.0.0.1 - - [25/Nov/2025:10:00:00 +0000] \"GET /api/v0/id HTTP/1.1\" 200 512 \"-\" \"curl/8.0\""
    if (NR % 1000 == 1) printf "127.0.0.1 - - [25/Nov/2025:10:00:00 +0000] \"GET /ipfs/bafy%s HTTP/1.1\" 504 0 \"-\" \"curl/8.0\"\n", $1 }' \
	trace.txt >access.log
{
	printf 'ts\top\tvia\tlabel\tsize\titer\taccess\tcode\tok\tcid\tbytes_up\tbytes_down\tt_dns\tt_connect\tt_ttfb\tt_total\terror\n'
	head -n 2000 trace.txt | awk '{ printf "%d\tcat\tgateway\t-\t%s\t1\t-\t200\t1\tbafy%s\t0\t%s\t0\t0\t0.01\t0.02\t-\n", NR, $2, $1, $2 }'
} >timing.tsv

run() {
	bash -o pipefail example"$1" >out."$1" 2>err."$1"
}

check "example 1: an access log through awk" run 1
check_eq "  3 policies x 3 sizes" "$(grep -vc '^#' out.1)" "10"
check_eq "  the 200s to /ipfs/ only" "$(col out.1 requests | sort -u)" "500000"
check "example 2: a sweep plotted by gnuplot" run 2
check "  a plot with the four policies" grep -q 'belady' out.2
check_eq "  and axes" "$(grep -c 's3fifo\|lru\|arc' out.2)" "3"
check "example 3: the smallest LRU cache for 90% hits" run 3
cap=$(cat out.3)
check_grep "  prints a size in bytes" '^[0-9]+$' out.3
check "  an LRU cache of that size" cache-sim -s "$cap" trace.txt
cp out lru.out	# (check writes its command's output to out)
check "  hits at least 90%" awk -v r="$(col_where lru.out policy=lru hit_ratio)" \
	'BEGIN { exit !(r != "" && r >= 0.9) }'
check "example 4: memory and disk tiers" run 4
check_eq "  one tiered row, 1G over 20G" \
	"$(col_where out.4 policy capacity disk_capacity)" "$(printf 'tiered:s3fifo/lru\t1073741824\t21474836480')"
check "example 5: timing records as a trace" run 5
check_eq "  2000 requests at 10% and 50%" "$(col out.5 requests | tr '\n' ' ')" "2000 2000 "
check "example 6: zipf traces for libCacheSim and as text" run 6
check_eq "  1000000 oracleGeneral records" "$(wc -c <zipf.oracleGeneral)" "24000000"
check_eq "  1000000 lines" "$(wc -l <zipf.txt)" "1000000"
cache-sim --pattern zipf:0.9 -N 20000 -n 200000 --emit-trace >big.txt
check "example 7: a sampled curve, simulated at some of its capacities, for tune-conf" run 7
check_eq "  the curve's rows are estimates" "$(col mrc.tsv exact | sort -u)" 0
check_eq "  the simulation is lru at some of them" "$(col lru.tsv policy | sort -u)" lru
check_grep "  tune-conf sizes from both, the estimates left said" \
	"tune-conf: mrc.tsv: the curve is not exact at $(($(col mrc.tsv capacity | wc -l) - $(col lru.tsv capacity | wc -l))) capacities" err.7
check_grep "  a cache recommendation from each" 'cache: .*mrc\.tsv' out.7
