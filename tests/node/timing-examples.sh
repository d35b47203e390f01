# The EXAMPLES of the timing tools' and ipfs-profile's man pages run as
# written against the node, and the gate example can fire.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ipfsd.sh"
check_man_examples "$top/man/ipfs-time-add.1"
# ipfs-time-cat's cold-read example needs two nodes: A ($IPFS_API_A,
# $IPFS_SWARM_A) holds the content, B ($IPFS_API_B) reads it
ipfsd2_test && check_man_examples "$top/man/ipfs-time-cat.1"
check_man_examples "$top/man/ipfs-profile.1"

# the gate examples can fire: with their sample counts no group is too
# small to ever reach significance (prof-diff names any such group)
ipfs-profile -q -n 10 -s 1k --test add,api --no-plots -l base -o "$T/gb.tsv" --output-dir "$T/gb" >/dev/null 2>&1
ipfs-profile -q -n 10 -s 1k --test add,api --no-plots -l new -o "$T/gn.tsv" --output-dir "$T/gn" >/dev/null 2>&1
prof-diff --fail-slower 50 "$T/gb.tsv" "$T/gn.tsv" >"$T/gate.txt" 2>"$T/gate.err"
check_eq "gate example: every group can reach significance" "$(grep -c 'cannot fire' "$T/gate.err")" 0
check_eq "gate example: the groups match across the two labels" "$(grep -c 'on one side only\|no group in common' "$T/gate.txt" "$T/gate.err" | awk -F: '{n += $2} END {print n}')" 0

# the README's open-loop jq line, as written but for its count (issue 21:
# 13): it skips the metadata line and prints one latency, a number
readme_jq=$(sed -n '/ipfs-time-cat -j -n 2000 -r 200 --call version/{N;p}' "$top/README.md" | sed 's/-n 2000/-n 20/')
check_sh "README: the open-loop jq line runs" "$readme_jq"
check_grep "README: it prints one latency in seconds" '^[0-9]+\.[0-9]+$' "$T/out"
