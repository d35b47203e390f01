# Progress lines (issue 10, point 14): on stderr only when it is a terminal
# (script(1) gives the tools a pseudo-terminal), bytes of a known file size
# with rate, elapsed time and ETA; no escape sequence with TERM=dumb; -q
# silences. Only what is drawn is checked, never how fast.
. "$(dirname "$0")/../lib.sh"
unset IPFS_API IPFS_GATEWAY IPFS_API_AUTH
export IPFS_PATH="$T/norepo"
cd "$T" || exit 1

# on_tty TERM CMD: CMD's terminal output (its stderr: stdout goes to a file
# inside CMD) under a pseudo-terminal with TERM set (unset when empty)
on_tty() {
	local term=$1; shift
	if [ -n "$term" ]; then
		TERM=$term script -qec "$*" /dev/null
	else
		env -u TERM script -qec "$*" /dev/null
	fi
}
esc=$(printf '\033')
bytes='[0-9.]+ (B|KiB|MiB)'
rate="([0-9.]+ (B|KiB|MiB|GiB)/s|-)"
clock='[0-9]+:[0-9]{2}'

cache-sim --pattern zipf:1 -N 20000 -n 200000 --emit-trace >trace.txt
size=$(wc -c <trace.txt)

# --- cache-sim reading a regular file ----------------------------------------------
on_tty xterm "cache-sim -s 64k trace.txt >rows.tsv" >tty.txt
check_grep "cache-sim: bytes of the file's size, rate, elapsed, ETA" \
	"cache-sim: trace\\.txt: $bytes of $bytes \\([0-9]+%\\), $rate, elapsed $clock, ETA ($clock|-)" tty.txt
check_grep "  with the requests so far" "ETA ($clock|-), [0-9.]+M requests" tty.txt
check_grep "  the line erased at the end (a terminal that knows escapes)" "$esc\\[K" tty.txt
check_eq "  the rows on stdout as without a terminal" \
	"$(without rows.tsv elapsed_s mreq_per_s)" \
	"$(cache-sim -s 64k trace.txt | without - elapsed_s mreq_per_s)"
for term in dumb ""; do
	on_tty "$term" "cache-sim -s 64k trace.txt >rows.tsv" >tty.txt
	check_grep "TERM=${term:-(unset)}: the progress line" "trace\\.txt: $bytes of $bytes .*ETA" tty.txt
	check_sh "  no escape byte" "! grep -q '$esc' tty.txt"
	check_sh "  redrawn and erased with carriage returns" "grep -q \$'\\r' tty.txt"
done
on_tty xterm "cache-sim -q -s 64k trace.txt >rows.tsv" >tty.txt
check_eq "-q: nothing on the terminal" "$(cat tty.txt)" ""
cache-sim -s 64k trace.txt >rows.tsv 2>err.txt
check_eq "stderr not a terminal: no progress" "$(cat err.txt)" ""
on_tty xterm "cache-sim -s 50% trace.txt >rows.tsv" >tty.txt
check_grep "a trace loaded first (-s 50%): the reading, then the requests replayed" \
	"trace\\.txt: $bytes of $bytes .*trace\\.txt: requests [0-9.k]+ of 200\\.0k \\([0-9]+%\\)" tty.txt
on_tty xterm "cat trace.txt | cache-sim -s 64k - >rows.tsv" >tty.txt
check_grep "a pipe (size unknown): bytes so far, rate, elapsed" \
	"<stdin>: $bytes, $rate, elapsed $clock, [0-9.]+M requests" tty.txt
check_sh "  no ETA" "! grep -q ETA tty.txt"
on_tty xterm "cache-sim --pattern random -n 50000 -s 100 >rows.tsv" >tty.txt
check_grep "a pattern: requests of the total" \
	"random: requests [0-9.k]+ of 50\\.0k \\([0-9]+%\\), [0-9.kM]+/s, elapsed $clock, ETA ($clock|-)" tty.txt

# --- chunk-put hashing a regular file -----------------------------------------------
head -c 3000000 /dev/zero >zero.bin
on_tty xterm "chunk-put --only-hash zero.bin >cid.txt" >tty.txt
check_grep "chunk-put --only-hash: bytes hashed of the file's size, rate, elapsed, ETA" \
	"chunk-put: hashed $bytes of 2\\.9 MiB \\([0-9]+%\\), $rate, elapsed $clock, ETA ($clock|-)" tty.txt
check_eq "  the CID on stdout as without a terminal" "$(cat cid.txt | tr -d '\r')" \
	"$(chunk-put --only-hash zero.bin)"
on_tty dumb "chunk-put --only-hash zero.bin >cid.txt" >tty.txt
check_grep "TERM=dumb: the progress line" "hashed $bytes of 2\\.9 MiB" tty.txt
check_sh "  no escape byte" "! grep -q '$esc' tty.txt"
on_tty xterm "chunk-put -q --only-hash zero.bin >cid.txt" >tty.txt
check_eq "-q: nothing on the terminal" "$(cat tty.txt)" ""
on_tty xterm "cat zero.bin | chunk-put --only-hash >cid.txt" >tty.txt
check_grep "a pipe: bytes hashed so far, no ETA" "hashed $bytes, $rate, elapsed $clock" tty.txt
check_sh "  no ETA" "! grep -q ETA tty.txt"
