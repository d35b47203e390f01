# chunk-put uploads against the real node: block and CAR modes give the
# root --only-hash gives, the node then reads the file back, the root goes
# last, retries, failures, both block/put spellings, pinning.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/node/proxy.inc"

# (a timeout: the offline node waits forever for a block it lacks)
node_cat() { curl -sf -m 60 -X POST "$IPFS_API/api/v0/cat?arg=$1"; }
export -f node_cat

# upload NAME FILE 'UPLOAD-ARGS' DAG-ARGS...: upload, compare the root
# with --only-hash's, read the file back.
upload() {
	local name=$1 f=$2 up=$3 root want; shift 3
	chunk-put -q $up "$@" "$f" >"$T/rec" 2>"$T/err"
	root=$(col "$T/rec" cid)
	want=$(chunk-put --only-hash "$@" "$f")
	check_eq "$name: ok, the root of --only-hash" "$(col "$T/rec" ok) $root" "1 $want"
	if node_cat "$root" | cmp -s - "$f"; then ok "$name: the node reads the file back"
	else notok "$name: the node reads the file back" "$(cat "$T/err")"; fi
}

head -c 2500000 /dev/urandom >"$T/f"
for mode in block car; do
	for args in "" "--cid-version 1" "--raw-leaves" "-s 100000 --cid-version 1 --raw-leaves=false"; do
		upload "$mode ${args:-(defaults)}" "$T/f" "-m $mode --car-size 300k" $args
	done
done
: >"$T/empty"
printf x >"$T/one"
for mode in block car; do
	upload "$mode: empty file" "$T/empty" "-m $mode"
	upload "$mode: one byte" "$T/one" "-m $mode"
	upload "$mode: 174 chunks + 1 (two levels)" "$T/f" "-m $mode" -s 14367
done
head -c 700000 /dev/urandom >"$T/s"
chunk-put -q - <"$T/s" >"$T/rec"
check_eq "stdin: the root of the file" "$(col "$T/rec" cid)" "$(chunk-put --only-hash "$T/s")"

# the final record
chunk-put -q -P 3 "$T/f" >"$T/rec"
check_eq "final record: op via size blocks ok" \
	"$(col "$T/rec" op) $(col "$T/rec" via) $(col "$T/rec" size) $(col "$T/rec" blocks) $(col "$T/rec" ok)" \
	"chunk-put block 2500000 11 1"
check_sh "final record: bytes_up covers the file" "[ $(col "$T/rec" bytes_up) -gt 2500000 ]"
check_grep "final record: mb_per_s is a number" "^[0-9]+\\.[0-9]{3}\$" <(col "$T/rec" mb_per_s)
check_sh "-j: JSON Lines" "chunk-put -q -j '$T/f' | jq -e 'select(.meta|not) | .op == \"chunk-put\" and .ok == 1 and .blocks == 11'"

# -v: one record per request; the root starts after every other ended.
# root_last FILE OP: the OP records of the root (its cid is the final
# record's) start after every other OP record ended (t_start + t_total).
root_last() {
	local root
	root=$(col_where "$1" op=chunk-put cid) && [ -n "$root" ] || return 1
	col_where "$1" op="$2" cid t_start t_total | awk -F'\t' -v root="$root" '
		$1 == root {if (!r++ || $2 < s) s = $2; next}
		{n++; e[n] = $2 + $3}
		END {for (i = 1; i <= n; i++) if (e[i] > s + 1e-6) exit 1; exit !(r > 0 && n > 0)}'
}
chunk-put -q -v -P 4 -s 64k "$T/f" >"$T/v"
root=$(col_where "$T/v" op=chunk-put cid)
check_eq "-v block: a record per block, all ok" \
	"$(col_where "$T/v" op=block/put ok | awk '{n++; ok += $1} END {print n, ok}')" "40 40"
# (records are written as requests end; the root is sent after all others ended)
check_eq "-v block: the root is the last block/put" \
	"$(col_where "$T/v" op=block/put cid | tail -n 1)" "$root"
check "-v block: the root starts after every other block ended" root_last "$T/v" block/put
chunk-put -q -v -P 4 -m car --car-size 500k -s 64k "$T/f" >"$T/v"
root=$(col_where "$T/v" op=chunk-put cid)
check_eq "-v car: six shards of at most 500k and the root alone, all ok" \
	"$(col_where "$T/v" op=dag/import ok size | awk '{n++; ok += $1; if ($2 > 512000) big++} END {print n, ok, big + 0}')" "7 7 0"
check_eq "-v car: the last shard is the root alone" \
	"$(col_where "$T/v" op=dag/import cid blocks | tail -n 1 | tr '\t' ' ')" "$root 1"
check "-v car: the root's shard starts after every other ended" root_last "$T/v" dag/import
check_grep "-v car: the root is checked with block/stat" "block/stat" "$T/v"

# --pin
head -c 300000 /dev/urandom >"$T/p"
root=$(chunk-put -q "$T/p" | col /dev/stdin cid)
check_sh "without --pin the root is not pinned" \
	"! curl -sf -X POST '$IPFS_API/api/v0/pin/ls?arg=$root' >/dev/null"
for mode in block car; do
	head -c 300000 /dev/urandom >"$T/p"
	root=$(chunk-put -q --pin -m $mode "$T/p" | col /dev/stdin cid)
	check_sh "$mode --pin: the root is pinned recursively" \
		"curl -sf -X POST '$IPFS_API/api/v0/pin/ls?arg=$root' | jq -e '.Keys[\"$root\"].Type == \"recursive\"'"
done

# failed requests are retried; then the upload is complete
proxy_start flaky:3
chunk-put -q -v --backoff 10ms --api "$PROXY" -s 100k "$T/f" >"$T/v" 2>"$T/err"
check_eq "retries: exit 0 and ok" "$? $(col_where "$T/v" op=chunk-put ok)" "0 1"
check_sh "retries: failed attempts are records with ok=0" \
	"col_where '$T/v' op=block/put ok=0 error | grep -q 'injected failure'"
root=$(col_where "$T/v" op=chunk-put cid)
check_sh "retries: the node reads the file back" "node_cat $root | cmp -s - '$T/f'"
head -c 1000000 /dev/urandom >"$T/g"
chunk-put -q -v --retries 0 --api "$PROXY" -s 100k "$T/g" >"$T/v" 2>"$T/err"
check_eq "no retries: exit 1, ok=0" "$? $(col_where "$T/v" op=chunk-put ok)" "1 0"
check_grep "no retries: the failed block is named" "block Qm.*injected failure" "$T/err"
check_sh "no retries: the root is never sent" \
	"sent=\$(col_where '$T/v' op=block/put cid) && ! grep -q \$(chunk-put --only-hash -s 100k '$T/g') <<<\"\$sent\""

# a node that names another block than the one sent: a failure
proxy_start wrongkey
chunk-put -q --retries 1 --backoff 1ms --api "$PROXY" "$T/s" >"$T/rec" 2>"$T/err"
check_eq "wrong CID from the node: exit 1" "$?" 1
check_grep "wrong CID from the node: said so" "node stored the block as QmbFMke" "$T/err"

# current Kubo's spelling: cid-codec, and CIDv1 keys for dag-pb blocks
proxy_start kubo
head -c 900000 /dev/urandom >"$T/k"
for args in "" "--cid-version 1"; do
	chunk-put -q --api "$PROXY" -s 100k $args "$T/k" >"$T/rec" 2>"$T/err"
	check_eq "Kubo spelling ${args:-(v0)}: ok, the root of --only-hash" \
		"$(col "$T/rec" ok) $(col "$T/rec" cid)" "1 $(chunk-put --only-hash -s 100k $args "$T/k")"
done
check_grep "Kubo spelling: block/put?cid-codec=" "block/put\\?cid-codec=dag-pb&mhtype=sha2-256" "$PROXY_LOG"
check_grep "Kubo spelling: raw leaves as cid-codec=raw" "block/put\\?cid-codec=raw" "$PROXY_LOG"
chunk-put -q -v --api "$PROXY" -s 1M "$T/f" >"$T/v" 2>"$T/err"
check_grep "Kubo spelling: blocks over 1 MiB go with allow-big-block" \
	"block/put\\?cid-codec=dag-pb&mhtype=sha2-256&allow-big-block=true" "$PROXY_LOG"
proxy_stop

# js-ipfs refuses request bodies over 1 MiB: a clear error, no retries
chunk-put -q -v -s 1M "$T/f" >"$T/v" 2>"$T/err"
check_eq "js-ipfs and 1 MiB dag-pb leaves: exit 1" "$?" 1
check_grep "js-ipfs and 1 MiB leaves: HTTP 413 with a hint" "HTTP 413: .*--mode car" "$T/err"
check_eq "js-ipfs and 1 MiB leaves: a 413 is not retried" \
	"$(set -o pipefail; col_where "$T/v" op=block/put code=413 cid | sort | uniq -d || echo "(col_where failed)")" ""
chunk-put -q -m car -s 1M "$T/f" >"$T/rec"
check_eq "js-ipfs and 1 MiB leaves: --mode car stores them" "$(col "$T/rec" ok)" 1
proxy_start pass
chunk-put -q --api "$PROXY" -s 100k --cid-version 1 --raw-leaves=false "$T/k" >/dev/null
check_grep "js-ipfs spelling: format and version" "block/put\\?format=dag-pb&mhtype=sha2-256&version=1" "$PROXY_LOG"
proxy_stop
