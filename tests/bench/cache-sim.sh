#!/usr/bin/env bash
# cache-sim benchmark. Traces: Zipf 1.0 over 10^6 objects, 10^7 requests,
# made by cache-sim --emit-trace as text and as oracleGeneral. Cache of 10%
# of the objects, counted in objects, one thread: the setting of the
# reference figures for libCacheSim's cachesim on this machine class
# (issue 3): 1.0 M req/s for LRU and ARC reading text, 2.6 (LRU) and 3.0
# (ARC) M req/s reading oracleGeneral, peak RSS 146 MB (text) and 380 MB
# (binary). Targets: 3x those rates on text, 2x on binary, for lru, arc and
# s3fifo; 8 sizes in one pass under 3x the time of one; RSS under half.
# The 8-against-1 lines also give each run's peak RSS.
#
# Measured in the same run: wc -l and awk reading the text trace (a floor
# for any reader), reading alone (fifo at size 0), each policy, one size
# against eight. Medians of 3 runs; wall time and CPU time (user + sys) are
# both shown, since the machine is shared: CPU time is the steadier.
set -u
top=${IPFSPERF_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
cs=$top/build/bin/cache-sim
dir=$(mktemp -d "${TMPDIR:-/tmp}/cache-sim-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
runs=3
n=10000000

echo "generating: cache-sim --pattern zipf:1.0 -N 1000000 -n $n --emit-trace[=oracle]"
"$cs" --pattern zipf:1.0 -N 1000000 -n $n --emit-trace >"$dir/zipf.txt"
"$cs" --pattern zipf:1.0 -N 1000000 -n $n --emit-trace=oracle >"$dir/zipf.oracleGeneral"
ls -l "$dir/zipf.txt" "$dir/zipf.oracleGeneral" | awk '{ printf "  %s %d bytes\n", $NF, $5 }'

# measure CMD...: median wall s, median cpu s, median peak RSS KB of $runs runs
measure() {
	local i
	for i in $(seq $runs); do
		/usr/bin/time -f '%e %U %S %M' "$@" 2>&1 >/dev/null | tail -n 1
	done | awk '{ w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 }
	    function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
	        if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t } return a[int((n + 1) / 2)] }
	    END { print med(w, NR), med(c, NR), med(m, NR) }'
}

# row NAME REF_MREQ REF_RSS_MB TARGET_X CMD...
row() {
	local name=$1 ref=$2 refrss=$3 target=$4 m
	shift 4
	m=$(measure "$@")
	set -- $m
	awk -v name="$name" -v w="$1" -v c="$2" -v rss="$3" -v n=$n -v ref="$ref" \
	    -v refrss="$refrss" -v target="$target" 'BEGIN {
		mw = n / w / 1e6; mc = n / c / 1e6
		line = sprintf("%-28s %7.2f s %6.2f s %8.2f %8.2f %7.1f MB", name, w, c, mw, mc, rss / 1024)
		if (ref != "-")
			line = line sprintf("   %5.1fx %5.1fx of %s M/s (want %sx)  RSS %.2f of %s MB (want < 0.5)",
			    mw / ref, mc / ref, ref, target, rss / 1024 / refrss, refrss)
		print line }'
}

printf '%-28s %9s %8s %8s %8s %10s\n' "" wall cpu "Mreq/s" "Mreq/s" "peak RSS"
printf '%-28s %9s %8s %8s %8s\n' "" "" "" "(wall)" "(cpu)"
echo "reading the text trace, for scale"
row "wc -l" - - - wc -l "$dir/zipf.txt"
row "awk '{n++}'" - - - awk '{ n++ } END { print n }' "$dir/zipf.txt"
row "cache-sim, reading only" - - - "$cs" -q -p fifo -u objects -s 1 "$dir/zipf.txt"
echo "text trace, 10% of objects"
row "lru" 1.0 146 3 "$cs" -q -p lru -u objects -s 100000 "$dir/zipf.txt"
row "arc" 1.0 146 3 "$cs" -q -p arc -u objects -s 100000 "$dir/zipf.txt"
row "s3fifo" 1.0 146 3 "$cs" -q -p s3fifo -u objects -s 100000 "$dir/zipf.txt"
echo "oracleGeneral trace, 10% of objects"
row "cache-sim, reading only" - - - "$cs" -q -p fifo -u objects -s 1 "$dir/zipf.oracleGeneral"
row "lru" 2.6 380 2 "$cs" -q -p lru -u objects -s 100000 "$dir/zipf.oracleGeneral"
row "arc" 3.0 380 2 "$cs" -q -p arc -u objects -s 100000 "$dir/zipf.oracleGeneral"
row "s3fifo" 2.6 380 2 "$cs" -q -p s3fifo -u objects -s 100000 "$dir/zipf.oracleGeneral"
row "belady (next from the trace)" - - - "$cs" -q -p belady -u objects -s 100000 "$dir/zipf.oracleGeneral"
echo "(s3fifo has no reference figure; compared with LRU's)"

eight=1000,2000,5000,10000,20000,50000,100000,200000
echo "one size (10%) against eight in one pass ($eight objects), oracleGeneral"
echo "(lru: one recency stack; the others: one object table shared by the sizes)"
for p in lru arc s3fifo fifo clock sieve 2q; do
	one=$(measure "$cs" -q -p $p -u objects -s 100000 "$dir/zipf.oracleGeneral")
	all=$(measure "$cs" -q -p $p -u objects -s $eight "$dir/zipf.oracleGeneral")
	awk -v p=$p -v one="$one" -v all="$all" 'BEGIN { split(one, a); split(all, b)
		printf "  %-7s one %5.2f s wall %5.2f s cpu %5.1f MB; eight %5.2f s wall %5.2f s cpu %5.1f MB: %.2fx wall %.2fx cpu (want < 3x)\n",
		    p, a[1], a[2], a[3] / 1024, b[1], b[2], b[3] / 1024, b[1] / a[1], b[2] / a[2] }'
done
echo "miss-ratio curves, oracleGeneral"
row "--mrc exact, objects" - - - "$cs" -q --mrc -u objects "$dir/zipf.oracleGeneral"
row "--mrc --sample 0.01" - - - "$cs" -q --mrc -u objects --sample 0.01 "$dir/zipf.oracleGeneral"
