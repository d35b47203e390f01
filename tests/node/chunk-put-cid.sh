# chunk-put --only-hash gives the root CID the node's /api/v0/add gives for
# the same bytes and parameters (compared as decoded CID bytes: js-ipfs
# prints CIDv1 in base58btc where Kubo prints base32).
. "$(dirname "$0")/../lib.sh"
cidhex() { node "$top/tests/node/cidhex.mjs" "$@"; }

# node_cid FILE QUERY: the CID the node computes (only-hash, nothing stored)
node_cid() {
	curl -sf -X POST -F "file=@$1;type=application/octet-stream" \
		"$IPFS_API/api/v0/add?only-hash=true&$2" | jq -r .Hash
}

# compare NAME FILE QUERY CHUNK-PUT-ARGS...
compare() {
	local name=$1 f=$2 q=$3 a b; shift 3
	a=$(node_cid "$f" "$q") && b=$(chunk-put --only-hash "$@" "$f") &&
		a=$(cidhex "$a") && b=$(cidhex "$b")
	check_eq "$name" "$b" "$a"
}

sizes="0 1 262143 262144 262145 $((174 * 262144)) $((174 * 262144 + 1)) $((100 * 1048576))"
for n in $sizes; do
	head -c "$n" /dev/urandom >"$T/f"
	compare "$n bytes, CIDv0" "$T/f" "" 
	compare "$n bytes, CIDv1 (raw leaves implied)" "$T/f" "cid-version=1" --cid-version 1
	compare "$n bytes, CIDv0 raw leaves" "$T/f" "raw-leaves=true" --raw-leaves
	compare "$n bytes, CIDv1 dag-pb leaves" "$T/f" "cid-version=1&raw-leaves=false" \
		--cid-version 1 --raw-leaves=false
done

# odd chunk sizes, including trees of two and three levels
for spec in "1000 $((174 * 1000 + 1))" "4097 $((174 * 4097 * 3 + 17))" \
    "65537 1000000" "1048576 $((3 * 1048576 - 1))" "1 $((174 * 174 + 1))"; do
	set -- $spec
	head -c "$2" /dev/urandom >"$T/f"
	compare "$2 bytes, chunk $1, CIDv0" "$T/f" "chunker=size-$1" -s "$1"
	compare "$2 bytes, chunk $1, CIDv1" "$T/f" "chunker=size-$1&cid-version=1" \
		-s "$1" --cid-version 1
done

# stdin gives the same root as the file
head -c 700000 /dev/urandom >"$T/f"
check_eq "stdin equals file" "$(chunk-put --only-hash - <"$T/f")" \
	"$(chunk-put --only-hash "$T/f")"
check_eq "stdin through a pipe equals file" \
	"$(cat "$T/f" | chunk-put --only-hash)" "$(chunk-put --only-hash "$T/f")"
