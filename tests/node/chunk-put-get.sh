# chunk-put -g: verified parallel retrieval against the real node, of DAGs
# chunk-put stored and of DAGs the node built itself; bad blocks, bad DAGs.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/node/proxy.inc"

node_add() {
	curl -sf -X POST -F "file=@$1;type=application/octet-stream" \
		"$IPFS_API/api/v0/add?$2" | jq -r .Hash
}

# get NAME CID FILE [ARGS...]: read CID back to a file and to stdout
get() {
	local name=$1 cid=$2 f=$3; shift 3
	rm -f "$T/out.bin"
	chunk-put -q "$@" -g "$cid" -o "$T/out.bin" >"$T/rec" 2>"$T/err"
	if [ $? -eq 0 ] && cmp -s "$T/out.bin" "$f"; then ok "$name: -o"
	else notok "$name: -o" "$(cat "$T/err")"; fi
	if chunk-put -q "$@" -g "$cid" 2>"$T/err" | cmp -s - "$f"; then ok "$name: stdout"
	else notok "$name: stdout" "$(cat "$T/err")"; fi
}

head -c 3000000 /dev/urandom >"$T/f"
head -c 200000 /dev/urandom >"$T/s"	# for 1000-byte chunks: 200 blocks
: >"$T/empty"
for args in "" "--cid-version 1" "--raw-leaves"; do
	root=$(chunk-put -q $args "$T/f" | col /dev/stdin cid)
	get "chunk-put's DAG ${args:-(defaults)}" "$root" "$T/f"
done
root=$(chunk-put -q -s 1000 --cid-version 1 --raw-leaves=false "$T/s" | col /dev/stdin cid)
get "chunk-put's DAG -s 1000 --cid-version 1 --raw-leaves=false" "$root" "$T/s"
root=$(chunk-put -q "$T/empty" | col /dev/stdin cid)
get "empty file" "$root" "$T/empty"
for q in "" "raw-leaves=true" "cid-version=1" "trickle=true" "trickle=true&raw-leaves=true"; do
	get "the node's own DAG ${q:-(defaults)}" "$(node_add "$T/f" "$q")" "$T/f"
done
get "the node's own DAG chunker=size-1000" "$(node_add "$T/s" "chunker=size-1000")" "$T/s"
get "one chunk of the node's" "$(node_add "$T/f" "chunker=size-4000000")" "$T/f"
root=$(node_add "$T/s" "chunker=size-1000")
get "-P 1" "$root" "$T/s" -P 1
get "-P 16" "$root" "$T/s" -P 16

# records: one per block/get with -v, to stderr when the file is on stdout
root=$(chunk-put -q -s 100k "$T/f" | col /dev/stdin cid)
chunk-put -q -v -g "$root" -o "$T/out.bin" >"$T/v"
check_eq "-v: a block/get per block (31), then chunk-get" \
	"$(col "$T/v" op | sort | uniq -c | awk '{printf "%s %s;", $2, $1}')" "block/get 31;chunk-get 1;"
check_eq "final record: size, blocks, ok, cid" \
	"$(col_where "$T/v" op=chunk-get size blocks ok cid | tr '\t' ' ')" "3000000 31 1 $root"
chunk-put -q -g "$root" 2>"$T/v" >/dev/null
check_eq "file on stdout: the record goes to stderr" "$(col "$T/v" op)" chunk-get

# a node that returns a wrong block
proxy_start corrupt
chunk-put -q --api "$PROXY" -g "$root" -o "$T/bad.bin" >"$T/rec" 2>"$T/err"
check_eq "wrong block: exit 1, ok=0" "$? $(col "$T/rec" ok)" "1 0"
check_grep "wrong block: the CID and the node are named" \
	"^chunk-put: $root: node $PROXY returned [0-9]+ bytes that do not match the CID" "$T/err"
check_sh "wrong block: no output file left" "[ ! -e '$T/bad.bin' ]"
chunk-put -q --api "$PROXY" -g "$root" 2>"$T/err" >/dev/null
check_grep "wrong block, to stdout: detected too" "do not match the CID" "$T/err"
proxy_stop

# not a file
mkdir -p "$T/d" && cp "$T/f" "$T/d/x"
dir=$(curl -sf -X POST -F "file=@$T/d/x;filename=d/x;type=application/octet-stream" \
	"$IPFS_API/api/v0/add?wrap-with-directory=true" | jq -r 'select(.Name == "") | .Hash')
check_exit "a directory: exit 1" 1 chunk-put -q -g "$dir"
check_grep "a directory: said so" "a directory, not a file" "$T/err"
printf '\x0a\x05hello' >"$T/notunixfs"
nu=$(curl -sf -X POST -F "file=@$T/notunixfs;type=application/octet-stream" \
	"$IPFS_API/api/v0/block/put?format=dag-pb&version=0" | jq -r .Key)
check_exit "dag-pb without UnixFS: exit 1" 1 chunk-put -q -g "$nu"
check_grep "dag-pb without UnixFS: said so" "$nu: .*UnixFS" "$T/err"
raw=$(printf 'not a dag-pb node' | curl -sf -X POST -F "file=@-;type=application/octet-stream" \
	"$IPFS_API/api/v0/block/put?format=raw&version=1" | jq -r .Key)
check_eq "a raw block is a one-chunk file" "$(chunk-put -q -g "$raw" 2>/dev/null)" "not a dag-pb node"
check_exit "a block the node does not have: exit 1 after the timeout" 1 \
	chunk-put -q -t 1s --retries 0 -g QmYJ3D4Ts8TYxTxsWCaHwmZZu8nqy3qq6nRQfvUw9Hu7Dz
