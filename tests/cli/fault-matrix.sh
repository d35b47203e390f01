# Every network tool against every fault a misbehaving node can show
# (tests/mock/faultd.js; nothing listens on port 1 for "refused"). Each
# cell checks: the tool ended by itself (not killed by the 120 s guard), exit
# 1, one record per request made (none missing, none twice: iterations are
# 1..N once each), every record ok=0, and the error that names the fault.
# tune-conf writes no records: its cells check the exit and the message.
. "$(dirname "$0")/../lib.sh"
faultd_start
cd "$T" || exit 1
head -c 3000 /dev/urandom >p3k
hello=QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN	# "hello" as one UnixFS block
printf 'cid\tsize\n%s\t5\n' $hello >five.tsv
D=$top/tests/data/tune

# the error of each transport fault, the same whatever the tool
transport() {
	case $1 in
	refused) echo "Couldn't connect to server|Failed to connect|Connection refused" ;;
	stall|delay-3000) echo "timed out after 1[0-9]{3} milliseconds with 0 bytes received" ;;
	reset) echo "Empty reply from server" ;;
	stallbody) echo "timed out after 1[0-9]{3} milliseconds with 10 out of 1000 bytes received" ;;
	resetbody) echo "Recv failure: Connection reset by peer" ;;
	truncated) echo "transfer closed with 990 bytes remaining to read" ;;
	chunkcut) echo "transfer closed with outstanding read data remaining" ;;
	500) echo "HTTP 500: injected failure \(Code 0\)" ;;
	bighdr) echo "response headers larger than libcurl accepts" ;;
	esac
}
faults="refused stall delay-3000 reset stallbody resetbody truncated chunkcut 500 bighdr"

# url FAULT [ENDPOINT]: the base URL that injects FAULT (into ENDPOINT only)
url() {
	if [ "$1" = refused ]; then echo http://127.0.0.1:1
	else echo "$FAULTD/$1${2:+:$2}"; fi
}

# cell NAME RECORDS ERROR-RE CMD...: one tool against one fault
cell() {
	local name=$1 n=$2 re=$3 rc; shift 3
	timeout 120 "$@" >out.tsv 2>out.err; rc=$?
	if [ $rc -eq 124 ]; then
		notok "$name: ended by itself" "killed after 120 s"
		return
	fi
	check_eq "$name: exit 1, $n record(s), iterations once each, all ok=0" \
		"$rc $(col out.tsv ok | wc -l) $(col out.tsv iter | sort -n | uniq | wc -l) $(col out.tsv ok | sort -u | tr '\n' ' ')" \
		"1 $n $n 0 "
	check_grep "$name: the error says what happened" "$re" <(col out.tsv error)
}

# tune-conf NAME ERROR-RE CMD...: no records; the exit and the message
tune_cell() {
	local name=$1 re=$2 rc; shift 2
	timeout 120 "$@" >out.txt 2>out.err; rc=$?
	check_eq "$name: exit 1 (not killed)" "$rc" 1
	check_grep "$name: the message names the endpoint and the fault" "$re" out.err
}

for f in $faults; do
	re=$(transport $f)
	cell "add ($f)" 2 "$re" ipfs-time-add --api "$(url $f)" -q -n 2 -w 0 -t 1 -s 1k
	cell "cat --via rpc ($f)" 2 "$re" ipfs-time-cat --api "$(url $f)" -q -n 2 -t 1 --verify five.tsv
	cell "cat --via gateway ($f)" 2 "$re" ipfs-time-cat --gateway "$(url $f)" --api "$FAULTD/ok" \
		--via gateway -q -n 2 -t 1 --verify five.tsv
	cell "cat --call ($f)" 2 "$re" ipfs-time-cat --api "$(url $f)" -q -n 2 -w 0 -t 1 --call version
	cell "chunk-put -m block, at block/put ($f)" 1 "$re" \
		chunk-put --api "$(url $f block.put)" -q -t 1 --retries 0 -s 1k p3k
	cell "chunk-put -m car, at dag/import ($f)" 1 "$re" \
		chunk-put --api "$(url $f dag.import)" -m car -q -t 1 --retries 0 -s 1k p3k
	cell "chunk-put -g ($f)" 1 "$re" chunk-put --api "$(url $f)" -g $hello -q -t 1 --retries 0 -o got
	tune_cell "tune-conf, at version ($f)" "the node at .*: version: .*($re)" \
		tune-conf --api "$(url $f)" --timeout 1 -p "$D/sweep.tsv"
	[ $f = refused ] || tune_cell "tune-conf, at config/show ($f)" "the node at .*: config/show: .*($re)" \
		tune-conf --api "$(url $f config.show)" --timeout 1 -p "$D/sweep.tsv"
done

# 200 replies whose body is wrong: what each tool can tell
for f in malformed truncjson; do
	cell "add ($f)" 2 "malformed add reply" ipfs-time-add --api "$FAULTD/$f" -q -n 2 -w 0 -t 1 -s 1k
	cell "cat --call ($f)" 2 "reply is not JSON" ipfs-time-cat --api "$FAULTD/$f" -q -n 2 -w 0 -t 1 --call version
	cell "chunk-put -m block, at block/put ($f)" 1 "block/put reply is not JSON" \
		chunk-put --api "$FAULTD/$f:block.put" -q -t 1 --retries 0 -s 1k p3k
	cell "chunk-put -m car, at dag/import ($f)" 1 "dag/import reply is not JSON" \
		chunk-put --api "$FAULTD/$f:dag.import" -m car -q -t 1 --retries 0 -s 1k p3k
	cell "chunk-put -g ($f)" 1 "returned [0-9]+ bytes that do not match the CID" \
		chunk-put --api "$FAULTD/$f" -g $hello -q -t 1 --retries 0 -o got
	tune_cell "tune-conf ($f)" "version: the reply is not JSON" tune-conf --api "$FAULTD/$f" --timeout 1 -p "$D/sweep.tsv"
done
# a read's body is content, not JSON: --verify's size catches the wrong bytes
cell "cat --via rpc (malformed, --verify)" 2 "verify: read 26 bytes, expected 5" \
	ipfs-time-cat --api "$FAULTD/malformed" -q -n 2 -t 1 --verify five.tsv
cell "cat --via gateway (truncjson, --verify)" 2 "verify: read 14 bytes, expected 5" \
	ipfs-time-cat --gateway "$FAULTD/truncjson" --api "$FAULTD/ok" --via gateway -q -n 2 -t 1 --verify five.tsv
cell "add (a reply naming another CID)" 2 "the node named the content Qm[1-9A-HJ-NP-Za-km-z]+, but its CID is Qm" \
	ipfs-time-add --api "$FAULTD/wrongcid" -q -n 2 -w 0 -t 1 -s 1k
cell "chunk-put -m block (block/put naming another CID)" 1 "node stored the block as bafkrei[a-z2-7]+, not Qm" \
	chunk-put --api "$FAULTD/wrongcid" -q -t 1 --retries 0 -s 1k p3k
cell "chunk-put -g (block/get answering another block)" 1 "returned 27 bytes that do not match the CID" \
	chunk-put --api "$FAULTD/wrongblock" -g $hello -q -t 1 --retries 0 -o got

# the healthy mock, for contrast: the same commands succeed
timeout 120 chunk-put --api "$FAULTD/ok" -q -t 1 --retries 0 -s 1k p3k >ok.tsv 2>ok.err
check_eq "chunk-put -m block against the healthy mock: exit 0, one ok record" "$? $(col ok.tsv ok)" "0 1"
timeout 120 ipfs-time-cat --api "$FAULTD/ok" -q -n 2 -w 0 -t 1 --call version >ok.tsv 2>ok.err
check_eq "cat --call against the healthy mock: exit 0, two ok records" "$? $(col ok.tsv ok | tr -d '\n')" "0 11"

# a block nobody has: chunk-put -g gives up after one timeout, not four
timeout 120 chunk-put --api "$FAULTD/stall" -g $hello -q -t 1 -o got >nf.tsv 2>nf.err
check_eq "chunk-put -g of a block the node cannot find: exit 1, no retry" \
	"$? $(col nf.tsv ok)" "1 0"
check_grep "  and says why it was not retried" "\(not retried: the node found no copy of the block within the timeout\)" nf.err
