#!/usr/bin/env bash
# cache-sim against libCacheSim's misses on the reference trace (tests/data,
# a copy of the shared traces; see tests/data/README.traces.md). Every row
# must match exactly, except arc counting bytes, where cache-sim scales the
# ghost-hit step by the object's size (its pinned numbers below) and
# arc:step=1, libCacheSim's rule, must match exactly. The exact LRU curve
# must equal the lru rows, and the sampled curve must stay within 0.01 of
# the exact one from 1% to 100% of the working set at rate 0.5.
. "$(dirname "$0")/../lib.sh"

data=$top/tests/data
ref=$data/zipf1.0-100k-1m.reference.tsv
gzip -dc "$data/zipf1.0-100k-1m.tsv.gz" >"$T/trace"
pols=lru,fifo,clock,sieve,lfu,arc,2q,s3fifo,belady,arc:step=1

# policy unit capacity -> misses, ours (a header, then the records of both
# runs); "twoq" is libCacheSim's 2q
printf 'policy\tunit\tcapacity\tmisses\n' >"$T/got"
check "simulate 10 policies at 5 object sizes" \
	cache-sim -q -p $pols -u objects -s 1%,5%,10%,25%,50% "$T/trace"
col_where "$T/out" policy unit capacity misses >>"$T/got"
check "simulate 10 policies at 3 byte sizes" \
	cache-sim -q -p $pols -u bytes -s 1%,10%,25% "$T/trace"
col_where "$T/out" policy unit capacity misses >>"$T/got"
check_grep "working set: 80867 objects, 10637464031 bytes" \
	'objects=80867 bytes=10637464031' "$T/out"
sed -i 's/^2q\t/twoq\t/' "$T/got"

col_where "$ref" policy unit capacity misses | while IFS=$'\t' read -r pol unit cap misses; do
	got=$(col_where "$T/got" policy="$pol" unit="$unit" capacity="$cap" misses)
	if [ "$pol $unit" = "arc bytes" ]; then
		case $cap in
		106374640) want=424198 ;; 1063746403) want=242332 ;; 2659366007) want=172946 ;;
		esac
		check_eq "arc bytes $cap: $want misses (libCacheSim $misses, step by size)" "$got" "$want"
		got=$(col_where "$T/got" policy=arc:step=1 unit="$unit" capacity="$cap" misses)
		check_eq "arc:step=1 bytes $cap: $misses misses as libCacheSim" "$got" "$misses"
	else
		check_eq "$pol $unit $cap: $misses misses as libCacheSim" "$got" "$misses"
	fi
done
check_eq "arc:step=1 equals arc counting objects" \
	"$(col_where "$T/got" policy=arc unit=objects capacity misses)" \
	"$(col_where "$T/got" policy=arc:step=1 unit=objects capacity misses)"

# the exact curve is LRU
for unit in objects bytes; do
	caps=$(col_where "$ref" policy=lru unit=$unit capacity | paste -sd,)
	check "exact curve at the lru sizes ($unit)" cache-sim -q --mrc -u $unit -s "$caps" "$T/trace"
	check_eq "exact curve = libCacheSim's lru miss ratios ($unit)" \
		"$(col "$T/out" miss_ratio | tr '\n' ' ')" \
		"$(col_where "$ref" policy=lru unit=$unit miss_ratio | tr '\n' ' ')"
done

# sampled curves, 40 sizes from 1% to 100% of the working set
for unit in objects bytes; do
	[ $unit = bytes ] && ws=10637464031 || ws=80867
	caps=$(awk -v ws=$ws 'BEGIN { for (i = 0; i < 40; i++) printf "%s%d", i ? "," : "", ws * 0.01 * 10 ^ (i * 2 / 39) }')
	cache-sim -q --mrc -u $unit -s "$caps" "$T/trace" >"$T/exact"
	cache-sim -q --mrc -u $unit --sample 0.5 -s "$caps" "$T/trace" >"$T/sampled"
	err=$(paste <(col "$T/exact" miss_ratio) <(col "$T/sampled" miss_ratio) |
		awk '{ d = $1 - $2; if (d < 0) d = -d; if (d > m) m = d } END { printf "%.4f", m }')
	if awk -v e="$err" 'BEGIN { exit !(e <= 0.01) }'; then
		ok "sampled curve (rate 0.5, $unit) within 0.01 of exact: $err"
	else
		notok "sampled curve (rate 0.5, $unit) within 0.01 of exact" "largest difference $err"
	fi
done
