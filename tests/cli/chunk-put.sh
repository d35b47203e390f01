# chunk-put without a node: flags, exit codes, --only-hash against known
# CIDs, records, a stopped node.
. "$(dirname "$0")/../lib.sh"
unset IPFS_API IPFS_GATEWAY IPFS_API_AUTH
export IPFS_PATH="$T/norepo"
dead=http://127.0.0.1:1

check_exit "--help exits 0" 0 chunk-put --help
check_grep "--help prints the synopsis" "^usage: chunk-put" "$T/out"
check_exit "-V exits 0" 0 chunk-put -V
check_grep "-V names the version" "^chunk-put ipfsperf [0-9]" "$T/out"
check_exit "unknown option is a usage error" 2 chunk-put --bogus
check_eq "one message and a hint for an unknown option" "$(grep -c . "$T/err")" 2
check_exit "chunk size 0" 2 chunk-put --only-hash -s 0 /dev/null
check_exit "chunk size over 1 MiB" 2 chunk-put --only-hash -s 1048577 /dev/null
check_grep "chunk size error is named" "chunk-size" "$T/err"
check_exit "bad chunk size" 2 chunk-put --only-hash -s big /dev/null
check_exit "--cid-version 2" 2 chunk-put --only-hash --cid-version 2 /dev/null
check_exit "--raw-leaves=maybe" 2 chunk-put --only-hash --raw-leaves=maybe /dev/null
check_exit "--mode bogus" 2 chunk-put --mode tar /dev/null
check_exit "-P 0" 2 chunk-put -P 0 /dev/null
check_exit "--car-size too small" 2 chunk-put -m car --car-size 10 /dev/null
check_exit "two files" 2 chunk-put --only-hash /dev/null /dev/null
check_exit "-g with a file" 2 chunk-put -g QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH /dev/null
check_exit "-g with --pin" 2 chunk-put -g QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH --pin
check_exit "-o without -g" 2 chunk-put -o "$T/x" /dev/null
check_exit "--only-hash with --pin" 2 chunk-put --only-hash --pin /dev/null
check_exit "a missing file" 1 chunk-put --only-hash "$T/nosuchfile"
check_grep "the missing file is named" "nosuchfile" "$T/err"

# known CIDs (ipfs add of these bytes, in Kubo and js-ipfs alike)
check_eq "empty file" "$(chunk-put --only-hash </dev/null)" QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH
check_eq "empty file, CIDv1 (a raw empty block)" "$(chunk-put --only-hash --cid-version 1 </dev/null)" \
	bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku
check_eq "empty file, CIDv1 dag-pb leaves" \
	"$(chunk-put --only-hash --cid-version 1 --raw-leaves=false </dev/null)" \
	bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4y
check_eq "hello" "$(printf hello | chunk-put --only-hash)" QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX
check_eq "hello, CIDv1" "$(printf hello | chunk-put --only-hash --cid-version 1)" \
	bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq
check_eq "hello, raw leaves with CIDv0: the raw leaf is the root" \
	"$(printf hello | chunk-put --only-hash --raw-leaves)" \
	bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq

# the portable SHA-256 gives the same root as the SHA extensions
head -c 3000000 /dev/urandom >"$T/f"
check_eq "IPFSPERF_SHA256=portable gives the same root" \
	"$(IPFSPERF_SHA256=portable chunk-put --only-hash "$T/f")" "$(chunk-put --only-hash "$T/f")"

# -v: a record per block, then the final one
chunk-put --only-hash -v -s 1M "$T/f" >"$T/v.tsv"
check_eq "-v --only-hash: 3 leaves, 1 root, 1 final record" \
	"$(col "$T/v.tsv" op | sort | uniq -c | awk '{printf "%s %s;", $2, $1}')" "chunk-put 1;hash 4;"
check_eq "-v --only-hash: the final record's CID is the root" \
	"$(col_where "$T/v.tsv" op=chunk-put cid)" "$(chunk-put --only-hash -s 1M "$T/f")"
# (the root is hashed last: the last hash record is the root's)
check_eq "-v --only-hash: the root is the last block" \
	"$({ col_where "$T/v.tsv" op=hash cid | tail -n 1; col_where "$T/v.tsv" op=chunk-put cid; } | uniq | wc -l)" 1
check_eq "-v --only-hash: size and blocks" \
	"$(col_where "$T/v.tsv" op=chunk-put size blocks | tr '\t' ' ')" "3000000 4"
check_sh "-j writes JSON Lines" \
	"chunk-put --only-hash -v -j -s 1M '$T/f' | jq -e -s 'map(select(.meta|not)) | length == 5 and (map(select(.op == \"chunk-put\")) | length == 1 and .[0].blocks == 4)'"
chunk-put --only-hash -v -s 1k "$T/f" 2>"$T/pipe.err" | head -n 1 >/dev/null
check_eq "| head ends quietly" "$(cat "$T/pipe.err")" ""

# a stopped node: exit 1, a final record with ok=0, the reason
chunk-put --api $dead -q "$T/f" >"$T/dead.tsv" 2>"$T/dead.err"; rc=$?
check_eq "stopped node: upload exits 1" "$rc" 1
check_eq "stopped node: one final record, ok=0" "$(col "$T/dead.tsv" ok)" 0
check_grep "stopped node: the error says why" "onnect" "$T/dead.err"
check_exit "stopped node: -g exits 1" 1 chunk-put --api $dead -q --retries 0 \
	-g QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH -o "$T/g"
check_sh "stopped node: -g leaves no output file" "[ ! -e '$T/g' ]"
check_exit "-g with a bad CID" 1 chunk-put --api $dead -g QmNotACid
check_grep "-g: the bad CID is named" "QmNotACid: not a CID" "$T/err"
check_exit "-g with a dag-cbor CID" 1 chunk-put --api $dead \
	-g bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua
check_grep "-g: a dag-cbor CID is not a UnixFS file" "not a UnixFS file" "$T/err"
