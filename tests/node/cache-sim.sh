#!/usr/bin/env bash
# cache-sim on real timing records: ipfs-time-add adds three objects,
# ipfs-time-cat reads them in a skewed order, and its records, from a file
# and from a pipe, are the trace. The results are worked by hand.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1

check "three objects added" ipfs-time-add -q -n 1 -s 1k,4k,16k
cp out added.tsv
mapfile -t cid < <(col added.tsv cid)
check_eq "  three CIDs" "${#cid[@]}" "3"
a=$(col_where added.tsv size=1024 cid) b=$(col_where added.tsv size=4096 cid) c=$(col_where added.tsv size=16384 cid)

# a a b a c a b: LRU of 2 objects hits the 2nd, 4th and 6th reads; FIFO of 2
# evicts a (the oldest) for c, so only the 2nd and 4th
printf '%s\n' "$a" "$a" "$b" "$a" "$c" "$a" "$b" >order
check "seven reads timed" sh -c 'ipfs-time-cat -q -n 1 - <order >reads.tsv'
check_eq "  seven records" "$(col reads.tsv ok | grep -c 1)" "7"
check "cache-sim on the records" cache-sim -p lru,fifo -u objects -s 2 reads.tsv
check_grep "  read as timing records" 'format=records requests=7' out
check_eq "  lru: 3 hits, fifo: 2 hits" \
	"$(col_where out policy=lru hits | tr '\n' ' ')$(col_where out policy=fifo hits | tr '\n' ' ')" "3 2 "
check_eq "  byte hits: a (1k) three times of 1k x 4 + 4k x 2 + 16k" \
	"$(col_where out policy=lru byte_hit_ratio)" \
	"$(awk 'BEGIN { printf "%.6f", 3 * 1024 / (4 * 1024 + 2 * 4096 + 16384) }')"
check_sh "ipfs-time-cat piped into cache-sim" \
	"ipfs-time-cat -q -n 1 - <order | cache-sim -p lru -u objects -s 2 - >piped"
check_eq "  the same hits" "$(col piped hits)" "3"
check_sh "ipfs-time-cat JSON Lines piped into cache-sim" \
	"ipfs-time-cat -q -j -n 1 - <order | cache-sim -p lru -u objects -s 2 - >piped.json"
check_eq "  the same hits" "$(col piped.json hits)" "3"
