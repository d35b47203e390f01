# The EXAMPLES of the timing tools' and ipfs-profile's man pages run as
# written against the node; ipfs-profile keeps every record.
. "$(dirname "$0")/../lib.sh"
check_man_examples "$top/man/ipfs-time-add.1"
check_man_examples "$top/man/ipfs-time-cat.1"
check_man_examples "$top/man/ipfs-profile.1"

ipfs-profile -q -n 2 -s 1k -o "$T/p.tsv" >"$T/summary" 2>"$T/err"; rc=$?
check_eq "ipfs-profile exits 0" "$rc" 0
# 2 adds, 2 CIDs x 2 ways x 2 rounds of reads, 4 calls x 2
check_eq "ipfs-profile keeps every record" "$(col "$T/p.tsv" ok | grep -c 1)" 18
check_grep "ipfs-profile prints the summary" "^add +rpc +1k" "$T/summary"
check_exit "ipfs-profile: bad -n" 2 ipfs-profile -n x
check_exit "ipfs-profile: unknown argument" 2 ipfs-profile --bogus
ipfs-profile -q -n 1 -s 1k --api http://127.0.0.1:1 -o "$T/dead.tsv" >/dev/null 2>&1; rc=$?
check_eq "ipfs-profile against a stopped node exits 1" "$rc" 1

# the gate examples can fire: with their sample counts no group is too
# small to ever reach significance (prof-diff names any such group)
ipfs-profile -q -n 10 -s 1k -l base -o "$T/gb.tsv" >/dev/null 2>&1
ipfs-profile -q -n 10 -s 1k -l new -o "$T/gn.tsv" >/dev/null 2>&1
prof-diff --fail-slower 50 "$T/gb.tsv" "$T/gn.tsv" >"$T/gate.txt" 2>"$T/gate.err"
check_eq "gate example: every group can reach significance" "$(grep -c 'cannot fire' "$T/gate.err")" 0
check_eq "gate example: the groups match across the two labels" "$(grep -c 'on one side only\|no group in common' "$T/gate.txt" "$T/gate.err" | awk -F: '{n += $2} END {print n}')" 0
