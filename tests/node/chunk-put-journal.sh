# chunk-put --resume: a journal says what was sent, not what the node has.
# Every journaled block is asked for (block/stat) and sent again when the
# node lacks it, so forged, stale and copied journals still end with the
# whole file on the node; lines that cannot be true are refused, naming
# the line, before anything is allocated for their numbers.
. "$(dirname "$0")/../lib.sh"

node_rm() { curl -sf -X POST "$IPFS_API/api/v0/block/rm?arg=$1" >/dev/null; }
node_cat() { curl -sf -m 60 -X POST "$IPFS_API/api/v0/cat?arg=$1"; }
export -f node_cat
# cids FILE ARGS...: the CIDs of FILE's blocks, in block number order
cids() { local f=$1; shift; chunk-put --only-hash -v "$@" "$f" | col_where - op=hash cid; }
puts() { col_where "$1" 'op~^(block/put|dag/import)$' ok=1 blocks | awk '{n += $1} END {print n + 0}'; }
stats() { col_where "$1" op=block/stat "ok=$2" op | wc -l; }

# a fresh file the node has never seen, and the journal header of its params
head -c 20000 /dev/urandom >"$T/f"
chunk-put --only-hash -v -s 1k "$T/f" >"$T/hash"
total=$(col_where "$T/hash" op=chunk-put blocks)
root=$(col_where "$T/hash" op=chunk-put cid)
cids "$T/f" -s 1k >"$T/cids"
printf x >"$T/x"
chunk-put -q -s 1k --resume "$T/j0" "$T/x" >/dev/null
head -n 2 "$T/j0" >"$T/header"

# the audit's forged journal: only 'r 0 LAST ROOT', the node has nothing
{ cat "$T/header"; echo "r 0 $((total - 1)) $root"; } >"$T/j"
chunk-put -q -v -s 1k --resume "$T/j" "$T/f" >"$T/rec" 2>"$T/err"
check_eq "forged journal: exit 0, ok=1, the file's root" \
	"$? $(col_where "$T/rec" op=chunk-put ok cid | tr '\t' ' ')" "0 1 $root"
check_eq "forged journal: every block asked for, none found ($total)" \
	"$(stats "$T/rec" 0) $(stats "$T/rec" 1)" "$total 0"
check_eq "forged journal: every block sent again" "$(puts "$T/rec")" "$total"
check_grep "forged journal: the stat's error says the block is sent again" \
	"the node lacks the journaled block: sent again" "$T/rec"
check_sh "forged journal: -g reads the file back" \
	"chunk-put -q -g $root | cmp -s - '$T/f'"
check_sh "forged journal: the node's own cat agrees" "node_cat $root | cmp -s - '$T/f'"

# a complete journal, but the node lost every block (a GC, another node)
while read -r c; do node_rm "$c"; done <"$T/cids"
check_sh "the node lost the blocks" "! curl -sf -m 5 -X POST '$IPFS_API/api/v0/block/stat?arg=$root&timeout=1s'"
check_grep "the journal is complete" "^root $root\$" "$T/j"
chunk-put -q -v -s 1k --resume "$T/j" "$T/f" >"$T/rec" 2>"$T/err"
check_eq "complete journal, empty node: exit 0, ok=1" \
	"$? $(col_where "$T/rec" op=chunk-put ok)" "0 1"
check_eq "complete journal, empty node: all $total blocks sent again" "$(puts "$T/rec")" "$total"
check_sh "complete journal, empty node: -g reads the file back" \
	"chunk-put -q -g $root | cmp -s - '$T/f'"

# some blocks lost: exactly those go again, the root last
sed -n '3p;7p;12p' "$T/cids" >"$T/lost"
while read -r c; do node_rm "$c"; done <"$T/lost"
chunk-put -q -v -s 1k --resume "$T/j" "$T/f" >"$T/rec" 2>"$T/err"
check_eq "three blocks lost: exit 0, ok=1, three sent, the rest found" \
	"$? $(col_where "$T/rec" op=chunk-put ok) $(puts "$T/rec") $(stats "$T/rec" 1)" \
	"0 1 3 $((total - 3))"
check_eq "three blocks lost: the ones sent are the lost ones" \
	"$(col_where "$T/rec" op=block/put ok=1 cid | sort)" "$(sort "$T/lost")"
chunk-put -q -v -s 1k --resume "$T/j" "$T/f" >"$T/rec"
check_eq "then a run sends nothing" "$(puts "$T/rec") $(col_where "$T/rec" op=chunk-put ok)" "0 1"

# -m car: the lost blocks go as block/put, the rest as before
while read -r c; do node_rm "$c"; done <"$T/lost"
chunk-put -q -v -s 1k -m car --car-size 4k --resume "$T/j" "$T/f" >"$T/rec" 2>"$T/err"
check_eq "-m car, three blocks lost: exit 0, ok=1, three sent again" \
	"$? $(col_where "$T/rec" op=chunk-put ok) $(puts "$T/rec")" "0 1 3"
check_sh "-m car: -g reads the file back" "chunk-put -q -g $root | cmp -s - '$T/f'"

# a journal from a pipe (size unknown) is checked the same way
while read -r c; do node_rm "$c"; done <"$T/lost"
cat "$T/f" | chunk-put -q -v -s 1k --resume "$T/j" - >"$T/rec" 2>"$T/err"
check_eq "pipe, three blocks lost: exit 0, ok=1, three sent again" \
	"$? $(col_where "$T/rec" op=chunk-put ok) $(puts "$T/rec")" "0 1 3"

# lines that cannot be true: refused, the line named (journal:LINE: ...)
journal() { { cat "$T/header"; printf '%s\n' "$@"; } >"$T/bad"; }
refused() {
	local name=$1 want=$2
	check_exit "$name: exit 1" 1 chunk-put -q -s 1k --resume "$T/bad" "$T/f"
	check_grep "$name: said with the line" "^chunk-put: $T/bad:$want" "$T/err"
}
other=$(sed -n 2p "$T/cids")
first=$(sed -n 1p "$T/cids")
journal "b 0 $first" "root $other"
refused "root of another DAG" "4: root $other is not this file's root \\($root\\)"
journal "b 0 $first junk"
refused "trailing junk" "3: junk after 'b SEQ CID'"
journal "root $root x"
refused "root with trailing junk" "3: junk after 'root CID'"
journal "b -1 $first"
refused "b -1" "3: block number '-1' is not a decimal number"
check_sh "b -1: not read as 18446744073709551615" "! grep -q 18446744073709551615 '$T/err'"
journal "b 0x1 $first"
refused "b 0x1" "3: block number '0x1' is not a decimal number"

# numbers bounded by the file's block count before anything is allocated:
# under a 1 GiB address space limit, gigabytes would not fit (a sanitized
# build reserves terabytes of address space: there, no limit)
limit="ulimit -v 1048576;"
ldd "$(command -v chunk-put)" 2>/dev/null | grep -q 'libasan' && limit=
journal "b 0 $first" "b 500000000 $first"
check_exit "b 500000000: exit 1 (within 1 GiB)" 1 \
	bash -c "$limit exec chunk-put -q -s 1k --resume '$T/bad' '$T/f'"
check_grep "b 500000000: beyond the file's blocks, the line named" \
	"^chunk-put: $T/bad:4: block 500000000 beyond the file's $total blocks" "$T/err"
journal "r 0 1099511627775 $root"
check_exit "r 0 1099511627775: exit 1 (within 1 GiB)" 1 \
	bash -c "$limit exec chunk-put -q -s 1k --resume '$T/bad' '$T/f'"
check_grep "r 0 1099511627775: beyond the file's blocks, the line named" \
	"^chunk-put: $T/bad:3: block 1099511627775 beyond the file's $total blocks" "$T/err"
# from a pipe the size is unknown: the line costs what it takes, and the
# end of the DAG names it, before the root is sent
journal "r 0 1099511627775 $root"
bash -c "$limit cat '$T/f' | chunk-put -q -v -s 1k --resume '$T/bad' -" >"$T/rec" 2>"$T/err"
check_eq "pipe, r 0 1099511627775: exit 1, ok=0, the root not sent" \
	"$? $(col_where "$T/rec" op=chunk-put ok) $(col_where "$T/rec" op=block/put cid | grep -c "^$root\$")" "1 0 0"
check_grep "pipe, r 0 1099511627775: the line named" \
	"^chunk-put: $T/bad:3: block 1099511627775 beyond the file's $total blocks" "$T/err"

# a corrupt line in an otherwise true journal: the line and what is wrong
rm -f "$T/k"
chunk-put -q -P 1 -s 1k --resume "$T/k" "$T/f" >/dev/null
sixth=$(sed -n 6p "$T/cids")
awk -v c="$sixth" '$1 == "b" && $2 == 4 {$3 = c} {print}' "$T/k" >"$T/bad"
line=$(grep -n "^b 4 " "$T/bad" | cut -d: -f1)
check_exit "a corrupt line: exit 1" 1 chunk-put -q -s 1k --resume "$T/bad" "$T/f"
check_grep "a corrupt line: named, the CIDs given, the line blamed" \
	"^chunk-put: $T/bad:$line: block 4 is $sixth in the journal but $(sed -n 5p "$T/cids") in the file, whose earlier blocks match the journal: the line is wrong" "$T/err"
awk -v c="$sixth" '$1 == "b" && $2 == 4 {$3 = c} {print}' "$T/k" | sed "/^b 4 /{p;s/ $sixth/ $(sed -n 5p "$T/cids")/}" >"$T/bad"
check_exit "block 4 named with two CIDs: exit 1" 1 chunk-put -q -s 1k --resume "$T/bad" "$T/f"
check_grep "block 4 named with two CIDs: both lines named" \
	"^chunk-put: $T/bad:[0-9]+: block 4 is .* here but .* on line [0-9]+" "$T/err"

# a deadline by default: a node that never answers ends the run after 60 s
# a request (one request here: the probe), as a failure with its record
faultd_start
chunk-put -q -s 1k --retries 0 --api "$FAULTD/stall" "$T/f" >"$T/rec" 2>"$T/err"
check_eq "no -t, a node that never answers: exit 1, ok=0" \
	"$? $(col "$T/rec" ok)" "1 0"
check_grep "no -t: the timeout said" "[Tt]imeout|timed out" "$T/err"
check_eq "-t 0 (no deadline) is taken: an upload to the real node" \
	"$(chunk-put -q -t 0 -s 1k "$T/x" | col - ok)" 1
