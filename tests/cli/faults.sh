# Faults a real node cannot produce on demand, from tests/mock/faultd.js.
. "$(dirname "$0")/../lib.sh"
faultd_start

fault() {	# fault NAME EXPECTED-ERROR-REGEX TOOL-ARGS...
	local name=$1 re=$2 rc; shift 2
	"$@" -q -n 1 -w 0 >"$T/f.tsv" 2>"$T/f.err"; rc=$?
	check_eq "$name: exit 1" "$rc" 1
	check_eq "$name: one record, ok=0" "$(col "$T/f.tsv" ok | tr -d '\n')" 0
	check_grep "$name: error text" "$re" "$T/f.tsv"
}

fault "connection reset" "Recv failure|Empty reply|reset" ipfs-time-cat --api "$FAULTD/reset" --call version
fault "stalled reply" "Operation timed out|timeout" ipfs-time-cat --api "$FAULTD/stall" -t 300ms --call version
fault "HTTP 500 with an RPC error" "HTTP 500: injected failure \(Code 0\)" ipfs-time-add --api "$FAULTD/500" -s 1k
fault "malformed add reply" "malformed add reply" ipfs-time-add --api "$FAULTD/malformed" -s 1k
fault "truncated read" "transfer closed|Transferred a partial file" ipfs-time-cat --api "$FAULTD/truncated" QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN
fault "X-Stream-Error trailer" "X-Stream-Error: injected stream failure" ipfs-time-cat --api "$FAULTD/streamerr" QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN
printf 'cid\tsize\nQmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN\t5\n' >"$T/five.tsv"
fault "wrong byte count with --verify" "verify: read 6 bytes, expected 5" ipfs-time-cat --gateway "$FAULTD/wrongsize" --via gateway --verify - <"$T/five.tsv"

# a healthy reply after a delay: t_total covers the delay
ipfs-time-cat --api "$FAULTD/delay-100" -q -n 2 -w 0 --call version >"$T/d.tsv"
check_eq "delayed replies are ok" "$(col "$T/d.tsv" ok | tr -d '\n')" 11
check_eq "t_total includes the 100 ms delay" "$(col "$T/d.tsv" t_total | awk '$1 < 0.1' | wc -l)" 0

# --verify checks a raw-block CID against its own sha2-256 multihash
raw=$(printf hello | chunk-put --only-hash --raw-leaves --cid-version 1 -)
check_eq "the raw CID of 'hello'" "$raw" bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq
ipfs-time-cat --gateway "$FAULTD/ok" --via gateway --verify -q -n 1 "$raw" >"$T/h.tsv"
check_eq "raw CID: the right bytes verify" "$(col "$T/h.tsv" ok)" 1
fault "raw CID: bytes that do not hash to the CID" "verify: the 6 bytes read do not hash to the CID's sha2-256" \
	ipfs-time-cat --gateway "$FAULTD/wrongsize" --via gateway --verify "$raw"
printf 'cid\tsize\n%s\t6\n' "$raw" >"$T/six.tsv"
fault "raw CID: the hash wins over a matching size" "do not hash" \
	ipfs-time-cat --gateway "$FAULTD/wrongsize" --via gateway --verify - <"$T/six.tsv"

# an add reply that names another CID than the content's: a failure, as
# the root is computed here for a fixed-size chunker
fault "add reply naming another CID" "the node named the content QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n, but its CID is Qm" \
	ipfs-time-add --api "$FAULTD/ok" -s 1k
ipfs-time-add --api "$FAULTD/ok" -q -n 1 -w 0 -s 1k --chunker rabin >"$T/rabin.tsv" 2>/dev/null
check_eq "  a chunker whose layout is not computed here: taken as it comes" "$(col "$T/rabin.tsv" ok)" 1
fault "--call: a 200 reply that is not JSON" "reply is not JSON" ipfs-time-cat --api "$FAULTD/malformed" --call version

# a 1 MiB response header: said for what it is, not "Out of memory"
fault "1 MiB response headers" "response headers larger than libcurl accepts" \
	ipfs-time-cat --api "$FAULTD/bighdr" --call version

# block/rm that answers every block, then holds its reply open (js-ipfs 0.18
# under load): --remove takes the answers, checks the block gone, exit 0
printf 'op\tok\tcid\tdedup\nadd\t1\t%s\t0\n' "$raw" >"$T/own.tsv"
ipfs-time-add --remove -t 2 --api "$FAULTD/heldopen:block.rm" "$T/own.tsv" 2>"$T/held.err"; rc=$?
check_eq "block/rm answered, then held open: --remove exits 0" "$rc" 0
check_grep "  the block removed and checked gone" "1 unpinned, 1 block removed .* and checked gone$" "$T/held.err"
check_eq "  no error said" "$(grep -c 'timed out' "$T/held.err")" 0
