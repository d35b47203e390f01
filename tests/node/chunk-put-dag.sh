# chunk-put -g of crafted DAGs whose UnixFS sizes lie: blocksizes that
# overflow, that wrap around to the filesize, or that differ from what a
# child holds are rejected naming the block, with ok=0, exit 1 and no
# bytes written; honest crafted nodes read back. The nodes are made with
# the project's own encoder (tests/unit/xfer/craft.c) and stored with
# block/put on the real node.
. "$(dirname "$0")/../lib.sh"

craft=${IPFSPERF_BUILD:-$top/build}/tests/xfer/craft
[ -x "$craft" ] || { notok "the crafting program is built ($craft)"; exit 0; }

# put_node CID:SIZE...: store a crafted File node, print its CID
put_node() {
	"$craft" node "$@" >"$T/node.bin" &&
	curl -sf -X POST -F "file=@$T/node.bin;type=application/octet-stream" \
		"$IPFS_API/api/v0/block/put?format=dag-pb&version=0" | jq -r .Key
}

# rejected NAME CID BAD-CID REASON: -g exits 1 with ok=0, names BAD-CID and
# REASON, and writes nothing, to stdout or to -o
rejected() {
	local name=$1 cid=$2 bad=$3 why=$4
	chunk-put -q -g "$cid" >"$T/got" 2>"$T/err2"
	check_eq "$name: exit 1, nothing on stdout" "$? $(wc -c <"$T/got")" "1 0"
	check_grep "$name: the block and the reason are named" "^chunk-put: $bad: $why" "$T/err2"
	rm -f "$T/o.bin"
	chunk-put -q -g "$cid" -o "$T/o.bin" >"$T/rec" 2>"$T/err2"
	check_eq "$name: -o: exit 1, ok=0, no file left" \
		"$? $(col "$T/rec" ok) $([ -e "$T/o.bin" ] && echo file || echo none)" "1 0 none"
}

printf hello >"$T/hello"
printf 12345678 >"$T/eight"
leaf=$(chunk-put -q "$T/hello" | col - cid)
leaf8=$(chunk-put -q "$T/eight" | col - cid)
rawleaf=$(chunk-put -q --cid-version 1 "$T/hello" | col - cid)
check_sh "the leaves are a dag-pb leaf and a raw leaf" \
	"case '$leaf $rawleaf' in Qm*' 'bafk*) ;; *) exit 1 ;; esac"

# an honest crafted node reads back (the control)
good=$(put_node "$leaf:5" "$leaf8:8")
check_eq "blocksizes [5, 8] over 5 and 8 bytes: read back" \
	"$(chunk-put -q -g "$good" 2>/dev/null)" hello12345678
good_raw=$(put_node "$rawleaf:5")
check_eq "blocksizes [5] over a raw leaf of 5 bytes: read back" \
	"$(chunk-put -q -g "$good_raw" 2>/dev/null)" hello

# the audit's two reproducers
root=$(put_node "$leaf:9223372036854775813")
rejected "blocksizes [2^63+5] over a 5-byte leaf" "$root" "$root" \
	"UnixFS blocksizes add up to more than 2\^63 - 1 bytes"
root=$(put_node "$leaf:18446744073709551613" "$leaf8:8")
rejected "blocksizes [2^64-3, 8], filesize 5" "$root" "$root" \
	"UnixFS blocksizes add up to more than 2\^63 - 1 bytes"

# sums that fit, but a child holds another size
root=$(put_node "$leaf:6")
rejected "blocksizes [6] over a 5-byte leaf" "$root" "$leaf" \
	"leaf holds 5 bytes, its parent's blocksizes say 6"
root=$(put_node "$rawleaf:4")
rejected "blocksizes [4] over a 5-byte raw leaf" "$root" "$rawleaf" \
	"raw leaf holds 5 bytes, its parent's blocksizes say 4"
root=$(put_node "$leaf:8" "$leaf8:5")
rejected "blocksizes [8, 5] over 5 and 8 bytes (the sum is right)" "$root" "$leaf" \
	"leaf holds 5 bytes, its parent's blocksizes say 8"
inner=$(put_node "$leaf:5")
root=$(put_node "$inner:7")
rejected "an inner node of 5 bytes where its parent says 7" "$root" "$inner" \
	"node holds 5 bytes, its parent's blocksizes say 7"
