# Cold and warm reads for real, on two js-ipfs nodes (ipfsd2_start): content
# added on A, read on B. A first read B has to fetch is cold; --evict makes
# pairs (B's copy removed and checked gone, a cold read, a warm one);
# bitswap's counters explain the cold reads; a provider without the content
# is an ok=0 record; ipfs-profile --provider verifies its cold reads.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ipfsd.sh"

ipfsd2_test || exit 1
cd "$T" || exit 1
B="--api $IPFS_API_B --gateway $IPFS_GATEWAY_B"

# 1 MiB on A: CIDv1 with raw leaves, four leaves of 256 KiB under one root
ipfs-time-add -q --api "$IPFS_API_A" -n 1 -s 1M --cid-version 1 --raw-leaves >add.tsv
cid=$(col add.tsv cid)
nblocks=5

# without --evict: B lacks the root, so the first read is cold, later ones warm
# shellcheck disable=SC2086
ipfs-time-cat -q $B -n 3 --verify add.tsv >first.tsv; rc=$?
check_eq "first read on B: exit 0, every read verified" "$rc $(col_where first.tsv ok=1 ok | wc -l)" "0 3"
check_eq "  cold first, then warm" "$(col_where first.tsv iter access | sort -n | tr '\t\n' '= ')" "1=cold 2=warm 3=warm "
check_eq "  the cold read: bitswap received the DAG's $nblocks blocks" \
	"$(col_where first.tsv access=cold bitswap_blocks)" $nblocks
check_sh "  and at least its 1 MiB" "[ $(col_where first.tsv access=cold bitswap_bytes) -ge 1048576 ]"
check_eq "  the warm reads: nothing received" "$(col_where first.tsv access=warm bitswap_blocks bitswap_bytes | sort -u | tr '\t' ' ')" "0 0"

# --evict: pairs over both ways, each cold read after B's copy is gone
# shellcheck disable=SC2086
ipfs-time-cat $B -n 6 --evict --provider "$IPFS_SWARM_A" --via rpc,gateway --verify add.tsv \
	>pairs.tsv 2>pairs.err; rc=$?
check_eq "--evict -n 6, two ways: exit 0, 24 records, all verified" \
	"$rc $(col pairs.tsv ok | wc -l) $(col_where pairs.tsv ok=1 ok | wc -l)" "0 24 24"
check_eq "  6 cold and 6 warm a way" \
	"$(col_where pairs.tsv via access | sort | uniq -c | awk '{print $1 $2 $3}' | tr '\n' ' ')" \
	"6gatewaycold 6gatewaywarm 6rpccold 6rpcwarm "
check_eq "  each pair: cold then warm, in one iteration of one way" \
	"$(col_where pairs.tsv via iter access | sort | uniq -c | awk '{print $1}' | sort -u)" 1
check_eq "  every cold read received the $nblocks blocks over bitswap" \
	"$(col_where pairs.tsv access=cold bitswap_blocks | sort -u)" $nblocks
check_eq "  every warm read received none" "$(col_where pairs.tsv access=warm bitswap_blocks | sort -u)" 0
check_grep "  the summary counts them" \
	"access: 12 cold, 12 warm, 0 unchecked \(-\)" pairs.err
check_eq "  the metadata says --evict" "$(sed -n 's/^# .*evict \([01]\).*/\1/p' pairs.tsv)" 1

# the cold reads are slower than the warm ones by prof-diff's test, on each way
prof-diff -o tsv -c access=warm,cold -g via -m t_total pairs.tsv >diff.tsv
check_eq "prof-diff: cold slower than warm on both ways, 6 reads a side" \
	"$(col_where diff.tsv n_old=6 n_new=6 verdict=slower via | sort | tr '\n' ' ')" "gateway rpc "
check_eq "  with p < 0.05 on both" "$(col_where diff.tsv 'p~^0\.0[0-4]' via | sort | tr '\n' ' ')" "gateway rpc "

# two spellings of one CID (js-ipfs prints CIDv1 in base58btc; then base32):
# the first read is cold; the second, after it, cannot be called cold: "-"
printf 'spelled twice %s\n' "$(date +%s%N)" >twice
one=$(curl -sf -m 30 -X POST -F "file=@twice;type=application/octet-stream" \
	"$IPFS_API_A/api/v0/add?cid-version=1" | jq -r .Hash)
other=$(cd "$top/tests/node" && node --input-type=module -e "
	import { CID } from 'multiformats/cid'; import { base32 } from 'multiformats/bases/base32'
	console.log(CID.parse('$one').toString(base32))")
ipfs-time-cat -q --api "$IPFS_API_B" -n 1 "$one" "$other" >spell.tsv; rc=$?
check_eq "one CID spelled twice: exit 0, the first read cold, the second unchecked (-)" \
	"$rc $(col_where spell.tsv "cid=$one" access) $(col_where spell.tsv "cid=$other" access)" "0 cold -"

# a provider that lacks the content: the cold read fails within its timeout
printf 'not on any node %s\n' "$(date +%s%N)" >absent
none=$(curl -sf -m 30 -X POST -F "file=@absent;type=application/octet-stream" \
	"$IPFS_API_A/api/v0/add?only-hash=true&cid-version=1" | jq -r .Hash)
ipfs-time-cat --api "$IPFS_API_B" -n 1 -t 3 --evict --provider "$IPFS_SWARM_A" "$none" >none.tsv 2>none.err; rc=$?
check_eq "a provider without the content: exit 1, both reads ok=0" \
	"$rc $(col none.tsv ok | sort -u)" "1 0"
check_eq "  the cold one is cold (nothing held), the warm one unchecked" \
	"$(col none.tsv access | sort | tr '\n' ' ')" "- cold "
check_grep "  its error: the timeout, and that bitswap received no block from the provider" \
	"timed out after 3000 milliseconds.*\(bitswap received no block: does $IPFS_SWARM_A hold it\?\)" \
	<(col_where none.tsv access=cold error)

# a provider that cannot be reached: that read's record is ok=0, and says why
bad=/ip4/127.0.0.1/tcp/1/p2p/$IPFS_PEER_B	# B itself: a peer cannot dial itself
# shellcheck disable=SC2086
ipfs-time-cat -q $B -n 1 --evict --provider "$bad" add.tsv >bad.tsv 2>/dev/null; rc=$?
check_eq "an unreachable --provider: exit 1, the cold read ok=0" "$rc $(col_where bad.tsv access=cold ok)" "1 0"
check_grep "  its error names the address and swarm/connect" "^--provider $bad: swarm/connect: " \
	<(col_where bad.tsv access=cold error)

# pinned on B: --evict keeps a pin's blocks, so no read claims to be cold
curl -sf -m 60 -X POST "$IPFS_API_B/api/v0/pin/add?arg=$cid" >/dev/null
curl -sf -X POST "$IPFS_API_B/api/v0/refs/local" | jq -r .Ref | sort >pinned.before
ipfs-time-cat --api "$IPFS_API_B" -n 1 --evict --evict-anyway "$cid" >pinned.tsv 2>pinned.err; rc=$?
check_eq "pinned content and --evict: exit 0, the cold read unchecked (-), the warm one warm" \
	"$rc $(col pinned.tsv access | sort | tr '\n' ' ')" "0 - warm "
check_grep "  and says why, once" "^ipfs-time-cat: --evict: $cid: $nblocks of the $nblocks blocks its read fetches are reachable from MFS or a pin: none is removed; its reads say access=-" pinned.err
check_eq "  no block was removed (refs/local before and after)" \
	"$(curl -sf -X POST "$IPFS_API_B/api/v0/refs/local" | jq -r .Ref | sort | comm -3 pinned.before - | wc -l)" 0
curl -sf -m 60 -X POST "$IPFS_API_B/api/v0/pin/rm?arg=$cid" >/dev/null

# ipfs-profile --provider: the cat section reads A's content on B, cold then warm
pinsof() { curl -sf -m 60 -X POST "$1/api/v0/pin/ls?type=recursive" | jq -r '.Keys | keys[]' | sort; }
storeof() { curl -sf -m 60 -X POST "$1/api/v0/refs/local" | jq -r .Ref | sort; }
pinsof "$IPFS_API_A" >pinsA0; storeof "$IPFS_API_A" >storeA0; storeof "$IPFS_API_B" >storeB0
ipfs-profile -q -n 2 -s 1k,64k --test cat --api "$IPFS_API_B" --gateway "$IPFS_GATEWAY_B" \
	--provider "$IPFS_API_A" --no-metrics --no-plots --output-dir prof >/dev/null 2>prof.err; rc=$?
check_eq "ipfs-profile --provider: exit 0" "$rc" 0
check_eq "  2 sizes x 3 ways x 2 pairs: 12 cold, 12 warm, all ok" \
	"$(col_where prof/cat.tsv ok=1 access | sort | uniq -c | awk '{print $1 $2}' | tr '\n' ' ')" "12cold 12warm "
check_grep "  the summary says the cold reads were verified, and from where" \
	"^cold reads: 12 verified \(12 ok\): before each, this node's copy was removed \(block/rm\) and checked gone, then fetched from $IPFS_SWARM_A over bitswap" \
	prof/summary.txt
check_sh "  profiling_results.json: 12 verified, the provider named" \
	"jq -e --arg p '$IPFS_SWARM_A' '.cold_reads.verified == 12 and .cold_reads.provider == \$p' prof/profiling_results.json"
check_sh "  the provider's adds are apart from the profile's records" \
	"[ -s prof/provider-add.tsv ] && [ \$(col_where prof/profile.tsv op=add op | wc -l) -eq 0 ]"
check_eq "  what it added on the provider, it removed: its pins as before" "$(pinsof "$IPFS_API_A" | comm -3 - pinsA0)" ""
check_eq "  and its store" "$(storeof "$IPFS_API_A" | comm -3 - storeA0)" ""
check_eq "  what the reads fetched here is removed too" "$(storeof "$IPFS_API_B" | comm -13 storeB0 -)" ""
check_eq "  nothing was left" "$(grep -c " left " prof/removed.txt)" 0
check_eq "  two lines, one a node" "$(grep -c -- '--remove at ' prof/removed.txt)" 2
