# chunk-put without a node: what -j, -q and empty arguments give (issue 10,
# point 11): a JSON record with -j --only-hash, an empty CID or file name is
# a usage error, -q leaves only errors on the terminal.
. "$(dirname "$0")/../lib.sh"
unset IPFS_API IPFS_GATEWAY IPFS_API_AUTH
export IPFS_PATH="$T/norepo"
dead=http://127.0.0.1:1
empty=QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH
hello=QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX
cd "$T" || exit 1
printf hello >hello.txt

# --- -j --only-hash: one JSON record, not a bare CID ------------------------------
check_sh "-j --only-hash: jq reads it" "chunk-put -j --only-hash hello.txt | jq -e . >/dev/null"
chunk-put -j --only-hash hello.txt >j.out
# (a metadata object may come first: jq skips it with select(.meta|not))
check_eq "  one record: the final one, with the root" \
	"$(jq -s -r 'map(select(.meta|not)) | length, .[0].op, .[0].via, .[0].cid, .[0].size, .[0].blocks, .[0].ok' j.out | tr '\n' ' ')" \
	"1 chunk-put only-hash $hello 5 1 1 "
check_eq "  stdin too" "$(printf hello | chunk-put -j --only-hash | jq -r 'select(.meta|not) | .cid')" "$hello"
check_eq "without -j, still the bare CID" "$(chunk-put --only-hash hello.txt)" "$hello"
check_eq "-v -j: a record per block, then the final one" \
	"$(chunk-put -v -j --only-hash hello.txt | jq -r 'select(.meta|not) | .op' | tr '\n' ' ')" "hash chunk-put "

# --- an empty argument is a usage error (an unset variable, not a name) -----------
check_exit "-g '': exit 2" 2 chunk-put --api $dead -g ""
check_grep "  says the CID is empty" "^chunk-put: empty CID after -g$" err
check_exit "--get='': exit 2" 2 chunk-put --api $dead --get=
check_exit "-g '' -o file: exit 2" 2 chunk-put --api $dead -g "" -o g.out
check_sh "  and writes no file" "[ ! -e g.out ]"
check_exit "-o '': exit 2" 2 chunk-put --api $dead -g $empty -o ""
check_exit "an empty file name: exit 2" 2 chunk-put --only-hash ""
check_exit "  when uploading too" 2 chunk-put --api $dead ""
check_exit "--resume '': exit 2" 2 chunk-put --api $dead --resume "" hello.txt
check_exit "a CID that does not parse stays exit 1" 1 chunk-put --api $dead -g QmNotACid

# --- -q: nothing but errors on the terminal ---------------------------------------
# The file goes to stdout, so the record would go to stderr: on a terminal
# with -q it does not; redirected, it does.
script -qec "chunk-put -q --api $dead --retries 0 -g $empty >g.bin" /dev/null >tty.txt
check_grep "-q -g on a terminal: the error" "onnect" tty.txt
check_sh "  and nothing else (no record, no header)" \
	"! grep -Eq 'chunk-get|^#|t_total' tty.txt && [ \$(grep -c . tty.txt) -eq 1 ]"
script -qec "chunk-put --api $dead --retries 0 -g $empty >g.bin" /dev/null >tty.txt
check_grep "without -q: the record on the terminal" "chunk-get" tty.txt
chunk-put -q --api $dead --retries 0 -g $empty >g.bin 2>rec.tsv
grep -v '^chunk-put: ' rec.tsv >rec-only.tsv
check_eq "-q, stderr to a file: the record is kept" \
	"$(col rec-only.tsv op) $(col rec-only.tsv ok)" "chunk-get 0"
script -qec "chunk-put -q --only-hash hello.txt >h.out" /dev/null >tty.txt
check_eq "-q --only-hash on a terminal: nothing on stderr" "$(cat tty.txt)" ""
