# chunk-put --resume: an upload killed with kill -9 at any moment resumes,
# sends each block at most once more, and ends with the same root; the
# journal refuses other parameters and a changed file; SIGINT exits 130.
. "$(dirname "$0")/../lib.sh"

# (a timeout: the offline node waits forever for a block it lacks)
node_cat() { curl -sf -m 60 -X POST "$IPFS_API/api/v0/cat?arg=$1"; }

# lines of the journal: blocks stored
stored() { awk '/^b / {n++} /^r / {n += $3 - $2 + 1} END {print n + 0}' "$1"; }
# has_stored N: the journal holds at least N blocks (a condition for wait_for)
has_stored() { [ "$(stored "$T/j" 2>/dev/null || echo 0)" -ge "$1" ]; }

# killed 'UPLOAD-ARGS' DAG-ARGS...: start an upload, kill -9 it once the
# journal holds some blocks, resume it; check the root, the blocks sent.
killed() {
	local mode=$1 name; shift
	name="kill -9 during chunk-put $mode $*"
	rm -f "$T/j"
	chunk-put -q -v -P 2 $mode "$@" --resume "$T/j" "$T/f" >"$T/run1" 2>&1 &
	local pid=$!
	wait_for "8 blocks in the journal" has_stored 8
	kill -9 $pid
	wait $pid 2>/dev/null
	local before total
	before=$(stored "$T/j")
	total=$(chunk-put --only-hash -v "$@" "$T/f" | col_where - op=chunk-put blocks)
	check_sh "$name: killed part way ($before of $total blocks stored)" \
		"[ $before -ge 8 ] && [ $before -lt $total ] && ! grep -q '^root' '$T/j'"
	chunk-put -q -v -P 2 $mode "$@" --resume "$T/j" "$T/f" >"$T/run2" 2>"$T/err"
	check_eq "$name: the resumed run ends ok with the root of --only-hash" \
		"$? $(col_where "$T/run2" op=chunk-put ok) $(col_where "$T/run2" op=chunk-put cid)" \
		"0 1 $(chunk-put --only-hash "$@" "$T/f")"
	# blocks sent again: those not in the journal (in flight when killed)
	local sent
	sent=$(col_where "$T/run2" 'op~^(block/put|dag/import)$' ok=1 blocks | awk '{n += $1} END {print n}')
	check_eq "$name: each missing block sent once" "$sent" "$((total - before))"
	check_grep "$name: the journal ends with the root" "^root " "$T/j"
	check_sh "$name: the node reads the file back" \
		"curl -sf -m 60 -X POST '$IPFS_API/api/v0/cat?arg=$(col_where "$T/run2" op=chunk-put cid)' | cmp -s - '$T/f'"
	chunk-put -q -v --resume "$T/j" $mode "$@" "$T/f" >"$T/run3"
	check_eq "$name: a third run sends nothing" \
		"$(col_where "$T/run3" 'op~^(block/put|dag/import)$' op | wc -l) $(col_where "$T/run3" op=chunk-put ok)" "0 1"
}

head -c 4000000 /dev/urandom >"$T/f"
killed "-m block" -s 16k
killed "-m block" -s 20000 --cid-version 1
killed "-m car --car-size 64k" -s 16k

# the journal belongs to one set of parameters and one file
rm -f "$T/j"
chunk-put -q -s 64k --resume "$T/j" "$T/f" >/dev/null
check_exit "other parameters: exit 1" 1 chunk-put -q -s 128k --resume "$T/j" "$T/f"
check_grep "other parameters: said so" "journal of an upload with other parameters" "$T/err"
head -c 4000000 /dev/urandom >"$T/g"
rm -f "$T/j"
chunk-put -q -s 64k --resume "$T/j" "$T/f" >/dev/null
check_exit "another file: exit 1" 1 chunk-put -q -s 64k --resume "$T/j" "$T/g"
check_grep "another file: said so" "the file changed since the journal was written" "$T/err"
printf 'not a journal\n' >"$T/j"
check_exit "not a journal: exit 1" 1 chunk-put -q --resume "$T/j" "$T/f"
check_grep "not a journal: named with its line" "j:1: not a chunk-put journal" "$T/err"

# SIGINT: stop, write the final record, exit 130; --resume then finishes
rm -f "$T/j"
chunk-put -q -P 1 -s 16k --resume "$T/j" "$T/f" >"$T/int" 2>&1 &
pid=$!
wait_for "4 blocks in the journal" has_stored 4
kill -INT $pid
wait $pid
check_eq "SIGINT: exit 130" "$?" 130
check_eq "SIGINT: a final record, ok=0, interrupted" \
	"$(col "$T/int" ok) $(col "$T/int" error)" "0 interrupted"
chunk-put -q -s 16k --resume "$T/j" "$T/f" >"$T/rec"
check_eq "SIGINT: --resume finishes" "$(col "$T/rec" ok)" 1
