#!/usr/bin/env bash
# cache-sim: many sizes and policies in one run give, row for row, what each
# (policy, size) gives in a run of its own: on the reference trace
# (tests/data), for every policy whose caches share the object table (and
# LRU's stack), counting objects and bytes. Every column but the timings
# must be equal.
. "$(dirname "$0")/../lib.sh"

gzip -dc "$top/tests/data/zipf1.0-100k-1m.tsv.gz" >"$T/trace"
pols="lru fifo clock clock:bits=3 sieve arc arc:step=1 2q 2q:in=0.6:out=0.1 s3fifo s3fifo:move=1"

# rows FILE [POLICY]: the records of FILE (of POLICY only) without
# elapsed_s and mreq_per_s, and without the header line (the first line
# that without prints, read here for the policy column)
rows() {
	without "$1" elapsed_s mreq_per_s | awk -F'\t' -v p="${2-}" '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
			if (!("policy" in c)) { print "rows: no column policy" >"/dev/stderr"; exit 1 }
			next }
		p == "" || $c["policy"] == p'
}

for unit in objects bytes; do
	if [ $unit = objects ]; then
		sizes="808 4043 8086 20216 40433 1"
	else
		sizes="106374640 1063746403 2659366007 200000 1"
	fi
	list=$(echo $sizes | tr ' ' ,)
	check "every policy at every size in one run ($unit)" \
		cache-sim -q -p "$(echo $pols | tr ' ' ,)" -u $unit -s "$list" "$T/trace"
	rows "$T/out" >"$T/together"
	: >"$T/alone"
	for p in $pols; do
		check "$p at $list in one run ($unit)" cache-sim -q -p $p -u $unit -s "$list" "$T/trace"
		rows "$T/out" >"$T/one-policy"
		same=1
		: >"$T/alone-p"
		for s in $sizes; do
			cache-sim -q -p $p -u $unit -s $s "$T/trace" >"$T/size" || same=0
			rows "$T/size" >>"$T/alone"
			rows "$T/size" "$p" >>"$T/alone-p"
		done
		check_eq "$p, $unit: each size of a run = a run of that size" \
			"$(cat "$T/one-policy")" \
			"$(cat "$T/alone-p")$([ $same = 1 ] || echo ' (a run failed)')"
	done
	check_eq "a row per policy and size ($unit)" "$(wc -l <"$T/together")" \
		$(($(echo $pols | wc -w) * $(echo $sizes | wc -w)))
	check_eq "every row of the run of all policies = a run of its own ($unit)" \
		"$(cat "$T/together")" "$(cat "$T/alone")"
done
