# ipfs-time-add --via chunked: chunk-put's upload timed with the records of
# --via rpc; the same seed adds the same bytes, so the same root CIDs.
. "$(dirname "$0")/../lib.sh"
cidhex() { node "$top/tests/node/cidhex.mjs" "$@"; }

ipfs-time-add -q -w 0 -n 2 -s 1k,300k,1000001 --seed 11 >"$T/rpc.tsv"
for mode in block car; do
	ipfs-time-add -q -w 0 -n 2 -s 1k,300k,1000001 --seed 11 --via chunked \
		--chunk-mode $mode -c 3 >"$T/ch.tsv"
	# (records come in completion order under -c: the CIDs keyed by size and iter)
	check_eq "chunked $mode: the CIDs of --via rpc" \
		"$(col_where "$T/ch.tsv" size iter cid | sort)" "$(col_where "$T/rpc.tsv" size iter cid | sort)"
	check_eq "chunked $mode: all ok, via chunked, op add" \
		"$(paste -d ' ' <(col "$T/ch.tsv" op) <(col "$T/ch.tsv" via) <(col "$T/ch.tsv" ok) | sort -u)" \
		"add chunked 1"
	check_eq "chunked $mode: the same columns" "$(grep -v '^#' "$T/ch.tsv" | head -n 1)" \
		"$(grep -v '^#' "$T/rpc.tsv" | head -n 1)"
done
check_grep "chunked: the header says how" "^# seed 11 via chunked mode car parallel 3" "$T/ch.tsv"
ipfs-time-add -q -w 0 -n 1 -s 600k --seed 3 --chunker size-1000 --cid-version 1 >"$T/rpc.tsv"
ipfs-time-add -q -w 0 -n 1 -s 600k --seed 3 --chunker size-1000 --cid-version 1 \
	--via chunked -c 8 >"$T/ch.tsv"
check_eq "chunked: --chunker size-1000 --cid-version 1 as the node's add" \
	"$(cidhex "$(col "$T/ch.tsv" cid)")" "$(cidhex "$(col "$T/rpc.tsv" cid)")"
check_exit "chunked: a rabin chunker is refused" 2 ipfs-time-add --via chunked --chunker rabin
check_exit "chunked: --rate is refused" 2 ipfs-time-add --via chunked -r 5
check_exit "--chunk-mode without --via chunked" 2 ipfs-time-add --chunk-mode car
check_exit "--via bogus" 2 ipfs-time-add --via ftp
