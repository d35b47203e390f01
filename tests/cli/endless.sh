# Every buffered reply is capped (issue 20, 6): against a server whose body
# never ends, each tool stops at the limit with an error naming it, and its
# peak memory (GNU time's maximum RSS) stays below three times the limit.
. "$(dirname "$0")/../lib.sh"
faultd_start
cid=QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN
cap_kb=$((64 * 1024))			# the default --max-reply, 64M
bound_kb=$((3 * cap_kb))
err_re='passed 67108864 bytes, the --max-reply limit: cut there \(raise it with --max-reply SIZE\)'

# endless NAME EXIT WHERE TOOL-ARGS...: the tool exits EXIT, the error is in
# WHERE (out: the records, err: stderr), within the memory bound; -t 0: no
# deadline stops it, only the limit
endless() {
	local name=$1 want=$2 where=$3 rc kb; shift 3
	/usr/bin/time -f %M -o "$T/rss" "$@" >"$T/e.out" 2>"$T/e.err"; rc=$?
	kb=$(tail -n 1 "$T/rss")
	check_eq "$name: exit $want" "$rc" "$want"
	check_grep "  the error names the limit" "$err_re" "$T/e.$where"
	check "  peak RSS ${kb} KiB below 3x the limit (${bound_kb} KiB)" [ "${kb:-999999999}" -lt "$bound_kb" ]
	echo "# $name: peak RSS $kb KiB" >&2
}

endless "ipfs-time-cat rpc cat of unknown size" 1 out \
	ipfs-time-cat -q -n 1 -t 0 --api "$FAULTD/endless:cat" $cid
endless "ipfs-time-cat --call id" 1 out \
	ipfs-time-cat -q -n 1 -t 0 --api "$FAULTD/endless:id" --call id
endless "ipfs-time-cat refs/local (the first reads' check)" 0 err \
	ipfs-time-cat -n 1 -t 0 --api "$FAULTD/endless:refs.local" --via gateway --gateway "$FAULTD/ok" $cid
endless "ipfs-time-cat --evict's pin/ls (what it must keep)" 0 err \
	ipfs-time-cat -n 1 -t 0 --evict --evict-anyway --api "$FAULTD/endless:pin.ls" --via gateway \
	--gateway "$FAULTD/ok" $cid
check_grep "  and then nothing is removed" "^ipfs-time-cat: --evict: cannot tell which blocks MFS and the pins hold: pin/ls: .*; no block is removed" "$T/e.err"
endless "tune-conf version" 1 err \
	tune-conf -q --timeout 0 --api "$FAULTD/endless:version" -p "$top/tests/data/tune/sweep.tsv"
endless "tune-conf config/show" 1 err \
	tune-conf -q --timeout 0 --api "$FAULTD/endless:config.show" -p "$top/tests/data/tune/sweep.tsv"
endless "chunk-put block/put reply" 1 err \
	sh -c 'head -c 1000 /dev/zero | chunk-put -q -t 0 --api "$1/endless:block.put" -' sh "$FAULTD"
endless "chunk-put dag/import reply" 1 err \
	sh -c 'head -c 1000 /dev/zero | chunk-put -q -t 0 -m car --api "$1/endless:dag.import" -' sh "$FAULTD"
endless "chunk-put -g block/get" 1 err \
	chunk-put -q -t 0 --api "$FAULTD/endless:block.get" -g $cid -o "$T/got"

# a read of known size (from its record) gets its size and 64 KiB, no more
printf 'cid\tsize\n%s\t5\n' $cid >"$T/five.tsv"
/usr/bin/time -f %M -o "$T/rss" ipfs-time-cat -q -n 1 -t 0 --api "$FAULTD/endless:cat" - <"$T/five.tsv" >"$T/k.tsv" 2>/dev/null
check_eq "a read of known size: a failed record" "$(col "$T/k.tsv" ok)" 0
check_grep "  cut at its size and the slack" "passed 65541 bytes, more than expected" "$T/k.tsv"

# --max-reply: its own limit, and a bad one is a usage error
ipfs-time-cat -q -n 1 -t 0 --max-reply 1M --api "$FAULTD/endless:id" --call id >"$T/m.tsv" 2>/dev/null
check_grep "--max-reply 1M: that limit" "passed 1048576 bytes, the --max-reply limit" "$T/m.tsv"
check_exit "--max-reply below 1k: a usage error" 2 ipfs-time-cat --max-reply 10 --call id
for tool in ipfs-time-add chunk-put tune-conf; do
	check_exit "$tool --max-reply 10: a usage error" 2 $tool --max-reply 10 --api "$FAULTD/ok"
done
