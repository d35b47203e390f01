# Two js-ipfs nodes on loopback: B reads what was added on A, over bitswap.
# The pair is its own (ipfsd2_start in ipfsd.sh): the shared test node runs
# offline. Every wait is a poll with a deadline, never a fixed sleep.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ipfsd.sh"

ipfsd2_test || exit 1

post() { curl -sf -m "${2:-10}" -X POST "$1"; }
stat_of() { post "$1/api/v0/bitswap/stat" | jq -r ".$2"; }
local_refs() { post "$1/api/v0/refs/local" 30 | jq -r .Ref | sort; }

check_sh "B knows A from identify: js-ipfs agent, bitswap 1.2.0" \
	'curl -sf -m 10 -X POST "$IPFS_API_B/api/v0/id?arg=$IPFS_PEER_A" |
		jq -e ".AgentVersion | startswith(\"js-ipfs/\")" >/dev/null &&
	curl -sf -m 10 -X POST "$IPFS_API_B/api/v0/id?arg=$IPFS_PEER_A" |
		jq -r ".Protocols[]" | grep -qx /ipfs/bitswap/1.2.0'
check_sh "A lists B among its swarm peers" \
	'curl -sf -m 10 -X POST "$IPFS_API_A/api/v0/swarm/peers" | jq -r ".Peers[]?.Peer" | grep -qx "$IPFS_PEER_B"'

# 1 MiB of random bytes on A: CIDv1, raw leaves of 256 KiB, one dag-pb root.
size=1048576
head -c $size /dev/urandom >"$T/data"
cid=$(curl -sf -m 60 -X POST -F "file=@$T/data;type=application/octet-stream" \
	"$IPFS_API_A/api/v0/add?cid-version=1" | jq -r .Hash)
post "$IPFS_API_A/api/v0/refs?arg=$cid&recursive=true" 30 | jq -r .Ref | sort -u >"$T/leaves"
nleaves=$(wc -l <"$T/leaves")
nblocks=$((nleaves + 1))
check_eq "A: 1 MiB added as four raw leaves under one root" "$nleaves $(grep -c '^bafkrei' "$T/leaves")" "4 4"

# refs/local names blocks by multihash as raw CIDv1 (bafkrei...), so the
# raw leaves appear under their own CIDs; the root counts in the total.
local_refs "$IPFS_API_B" >"$T/b-before"
check_eq "before: B holds none of the DAG's leaves" "$(comm -12 "$T/leaves" "$T/b-before" | wc -l)" 0
recv0=$(stat_of "$IPFS_API_B" BlocksReceived) data0=$(stat_of "$IPFS_API_B" DataReceived)
sent0=$(stat_of "$IPFS_API_A" BlocksSent)

# the cold read: B has to fetch every block from A
curl -sf -m 60 -X POST "$IPFS_API_B/api/v0/cat?arg=$cid" -o "$T/got"; rc=$?
check_eq "B cats A's content (exit 0 within 60 s)" "$rc" 0
check "B's bytes equal A's" cmp "$T/data" "$T/got"

# bitswap's counters are computed about a second after the fact: poll them
received() {
	[ $(($(stat_of "$IPFS_API_B" BlocksReceived) - recv0)) -ge $nblocks ] &&
		[ $(($(stat_of "$IPFS_API_B" DataReceived) - data0)) -ge $size ]
}
sent() { [ $(($(stat_of "$IPFS_API_A" BlocksSent) - sent0)) -ge $nblocks ]; }
WAIT_SECONDS=30 wait_for "B's bitswap/stat to count $nblocks blocks received" received &&
	ok "B's bitswap/stat: $nblocks blocks and $size bytes or more received"
WAIT_SECONDS=30 wait_for "A's bitswap/stat to count $nblocks blocks sent" sent &&
	ok "A's bitswap/stat: $nblocks blocks sent"
check_eq "B's bitswap/stat: no duplicate blocks" "$(stat_of "$IPFS_API_B" DupBlksReceived)" 0
check_sh "B's bitswap lists A as a peer" \
	'curl -sf -m 10 -X POST "$IPFS_API_B/api/v0/bitswap/stat" | jq -r ".Peers[]" | grep -qx "$IPFS_PEER_A"'

local_refs "$IPFS_API_B" >"$T/b-after"
check_eq "after: B holds every leaf" "$(comm -12 "$T/leaves" "$T/b-after" | wc -l)" "$nleaves"
check_eq "after: B's store grew by the DAG's blocks" \
	"$(($(wc -l <"$T/b-after") - $(wc -l <"$T/b-before")))" "$nblocks"

# the warm read: with A gone, B serves the content from its own store
kill "$IPFSD2_PID_A" 2>/dev/null
a_gone() { ! kill -0 "$IPFSD2_PID_A" 2>/dev/null; }
WAIT_SECONDS=30 wait_for "node A to exit" a_gone && ok "node A stopped"
curl -sf -m 30 -X POST "$IPFS_API_B/api/v0/cat?arg=$cid" -o "$T/warm"; rc=$?
check_eq "warm: B cats the content with A stopped (exit 0)" "$rc" 0
check "warm: bytes equal A's" cmp "$T/data" "$T/warm"
