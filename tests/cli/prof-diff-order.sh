# prof-diff orders groups by their key values, whatever the order of the
# records: op, via, size by number, cold before warm; policy, unit, then
# capacity by number; in text, TSV and JSON alike. Text prints byte
# capacities as sizes (64M), a capacity in objects as a count; TSV and JSON
# keep the raw numbers (issue 10, point 18).
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1

# timing GROUP... : 6 records of each "op via size access" group, the
# groups interleaved in the order given, on stdout
timing() {
	local i g
	printf 'op\tvia\tsize\taccess\tok\tt_total\n'
	for i in 1 2 3 4 5 6; do
		for g in "$@"; do
			printf '%s\t%s\t%s\t%s\t1\t0.0%d\n' $g "$i"
		done
	done
}
timing "cat gateway 1048576 warm" "cat rpc 65536 warm" "add rpc 1048576 -" \
	"cat rpc 1048576 cold" "cat rpc 4096 warm" "add rpc 4096 -" "cat rpc 1048576 warm" \
	"cat gateway 65536 cold" "cat rpc 65536 cold" >old.tsv
want='add rpc 4096 -
add rpc 1048576 -
cat gateway 65536 cold
cat gateway 1048576 warm
cat rpc 4096 warm
cat rpc 65536 cold
cat rpc 65536 warm
cat rpc 1048576 cold
cat rpc 1048576 warm'
wanttext=$(sed -e 's/ 4096 / 4k /' -e 's/ 65536 / 64k /' -e 's/ 1048576 / 1M /' <<<"$want")

# rows FILE N: the first N fields of the text table rows (op add or cat)
rows() { awk -v n="$2" '$1 == "add" || $1 == "cat" { s = $1; for (i = 2; i <= n; i++) s = s " " $i; print s }' "$1"; }

# --- one profile --------------------------------------------------------------------
check "summary" prof-diff -m t_total old.tsv
check_eq "  text: groups by op, via, size by number, cold before warm" "$(rows out 4)" "$wanttext"
check "summary -o tsv" prof-diff -m t_total -o tsv old.tsv
check_eq "  TSV: the same order, raw sizes" "$(col_where out op via size access | tr '\t' ' ')" "$want"
check "summary -j" prof-diff -m t_total -j old.tsv
check_eq "  JSON: the same order" \
	"$(jq -r 'select(.meta|not) | "\(.op) \(.via) \(.size) \(.access // "-")"' out)" "$want"

# --- two profiles: the pairs in key order, one-sided groups in their place --------
timing "cat rpc 65536 cold" "cat rpc 1048576 warm" "cat gateway 4096 warm" \
	"add rpc 4096 -" "cat rpc 4096 warm" "cat gateway 1048576 warm" "add rpc 1048576 -" \
	"cat rpc 1048576 cold" "cat rpc 65536 warm" >new.tsv
# new.tsv has one group more, cat gateway 4096 warm: in its place
wantcmp=$(printf '%s\n' "$want" 'cat gateway 4096 warm' | LC_ALL=C sort -t' ' -k1,1 -k2,2 -k3,3n -k4,4)
check "comparison" prof-diff -m t_total old.tsv new.tsv
check_eq "  text: in key order, each one-sided group in its place" "$(rows out 4)" \
	"$(sed -e 's/ 4096 / 4k /' -e 's/ 65536 / 64k /' -e 's/ 1048576 / 1M /' <<<"$wantcmp")"
check "comparison -o tsv" prof-diff -m t_total -o tsv old.tsv new.tsv
check_eq "  TSV: the same order" "$(col_where out op via size access | tr '\t' ' ')" "$wantcmp"
check "comparison -j" prof-diff -m t_total -j new.tsv old.tsv
check_eq "  JSON, the files the other way round: the same order" \
	"$(jq -r 'select(.meta|not) | "\(.op) \(.via) \(.size) \(.access // "-")"' out)" "$wantcmp"
check "-c via" prof-diff -m t_total -o tsv -c via=rpc,gateway new.tsv
check_eq "  -c: the groups without the compared key, in key order" \
	"$(col_where out op size access | tr '\t' ' ')" 'add 4096 -
add 1048576 -
cat 4096 warm
cat 65536 cold
cat 65536 warm
cat 1048576 cold
cat 1048576 warm'

# --- cache-sim results: capacities by number, bytes as sizes in text -----------------
cache-sim -q --pattern zipf:0.9 -N 2000 -n 20000 --obj-size 1-2000 -u bytes \
	-p s3fifo,lru -s 1G,64k,1187906,64M >bytes.tsv
cache-sim -q --pattern zipf:0.9 -N 2000 -n 20000 -u objects -p lru -s 1024,100 >objects.tsv
check "cache summary" prof-diff bytes.tsv
check_eq "  text: by policy, then capacity by number, bytes as sizes" \
	"$(awk '$2 == "bytes" { print $1, $3 }' out | tr '\n' ' ')" \
	"lru 64k lru 1187906 lru 64M lru 1G s3fifo 64k s3fifo 1187906 s3fifo 64M s3fifo 1G "
check "cache summary -o tsv" prof-diff -o tsv -m hit_ratio bytes.tsv
check_eq "  TSV: the same order, raw bytes" "$(col_where out policy capacity | tr '\t\n' '  ')" \
	"lru 65536 lru 1187906 lru 67108864 lru 1073741824 s3fifo 65536 s3fifo 1187906 s3fifo 67108864 s3fifo 1073741824 "
check "cache summary -j" prof-diff -j -m hit_ratio bytes.tsv
check_eq "  JSON: raw bytes, numbers" \
	"$(jq -r 'select(.meta|not) | .capacity | numbers' out | tr '\n' ' ')" \
	"65536 1187906 67108864 1073741824 65536 1187906 67108864 1073741824 "
check "objects" prof-diff objects.tsv
check_eq "  a capacity in objects stays a count, in order" \
	"$(awk '$2 == "objects" { print $3 }' out | tr '\n' ' ')" "100 1024 "
check "comparison of two cache-sim runs" prof-diff -m hit_ratio bytes.tsv bytes.tsv
check_grep "  text: 64M" '^lru +bytes +64M ' out
check "without the unit key" prof-diff -g policy,capacity -m hit_ratio objects.tsv
check_eq "  the unit unknown: a count" "$(awk '$1 == "lru" { print $2 }' out | tr '\n' ' ')" "100 1024 "
cache-sim -q --pattern zipf:0.9 -N 2000 -n 20000 --obj-size 1-2000 -u bytes \
	-p tiered:lru/lru -s 64k -D 2G,1M >tiered.tsv
check "a disk tier's capacity" prof-diff -g policy,unit,capacity,disk_capacity -m hit_ratio tiered.tsv
check_eq "  by number, as sizes" "$(awk '$2 == "bytes" { print $3, $4 }' out | tr '\n' ' ')" "64k 1M 64k 2G "
