# ipfs-time-cat --evict on a node that holds user data (issue 20, 2), on two
# js-ipfs nodes: A provides, B is read and evicted. What a cold read of B
# removes is only what that read fetches (for CID/path: the folders above
# and the target's DAG), never a block reachable from B's MFS or from a pin
# of B, and it says how many blocks and bytes go, and from where, before
# the first removal; without --provider it is refused. Every claim is
# checked on B's store (refs/local).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/ipfsd.sh"

ipfsd2_test || exit 1
cd "$T" || exit 1
A=$IPFS_API_A/api/v0 B=$IPFS_API_B/api/v0
# blocks by multihash (refs/local names each as a raw CIDv1), sorted
mh() { xargs node "$top/tests/node/cidhex.mjs" -m | sort; }
refs() { curl -sf -m 60 -X POST "$B/refs/local" | jq -r .Ref | mh; }
# blocks of a DAG on A (the provider holds it all), root included
dag_a() { { echo "$1"; curl -sf -m 60 -X POST "$A/refs?arg=$1&recursive=true&unique=true" | jq -r .Ref; } | mh; }
# add on a node: the last Hash (the folder with wrap-with-directory)
add() {
	local api=$1 q=$2 f; shift 2
	set -- $(for f in "$@"; do printf -- '-F file=@%s ' "$f"; done)
	curl -sf -m 60 -X POST "$@" "$api/add?cid-version=1&raw-leaves=true&$q" | jq -r .Hash | tail -n 1
}
chunk() { head -c 262144 /dev/urandom >"$1"; }

# B's user data: an MFS folder of two files, and a pinned file P = X+Y
head -c 300000 /dev/urandom >a.bin
head -c 300000 /dev/urandom >b.bin
curl -sf -X POST "$B/files/mkdir?arg=/docs&parents=true" >/dev/null
curl -sf -X POST -F file=@a.bin "$B/files/write?arg=/docs/a.bin&create=true&raw-leaves=true" >/dev/null
curl -sf -X POST -F file=@b.bin "$B/files/write?arg=/docs/b.bin&create=true&raw-leaves=true" >/dev/null
root=$(curl -sf -X POST "$B/files/stat?arg=/docs" | jq -r .Hash)
chunk x; chunk y; chunk z
cat x y >p.bin
cat x z >t.bin	# T shares its first 256 KiB leaf with the pinned P
p=$(add "$B" pin=true p.bin)
add "$A" pin=true p.bin >/dev/null
t=$(add "$A" pin=true t.bin)
# U: 1 MiB on A only, shared with nothing
head -c 1048576 /dev/urandom >u.bin
u=$(add "$A" pin=true u.bin)
dag_a "$u" >u.dag
check_eq "set up: U's DAG on A is a root and four leaves" "$(wc -l <u.dag)" 5
ubytes=$({ echo "$u"; curl -sf -m 60 -X POST "$A/refs?arg=$u&recursive=true" | jq -r .Ref; } |
	while read -r c; do curl -sf -X POST "$A/block/stat?arg=$c" | jq -r .Size; done | awk '{ s += $1 } END { print s }')
refs >before.txt

# without --provider, refused before any block is removed
ipfs-time-cat --api "$IPFS_API_B" -n 1 --evict "$root/a.bin" >refused.tsv 2>refused.err; rc=$?
check_eq "--evict without --provider: usage error (exit 2)" "$rc" 2
check_grep "  says why and the ways on" "give --provider MULTIADDR of a node holding the content, or --evict-anyway" refused.err
check_eq "  no block removed (refs/local before and after)" "$(refs | comm -3 before.txt - | wc -l)" 0

ipfs-time-cat --api "$IPFS_API_B" --gateway "$IPFS_GATEWAY_B" -n 2 --evict --provider "$IPFS_SWARM_A" \
	"$root/a.bin" "$t" "$u" >run.tsv 2>run.err; rc=$?
check_eq "--evict over MFS, shared and plain content: exit 0, 12 records, all ok" \
	"$rc $(col run.tsv ok | wc -l) $(col_where run.tsv ok=1 ok | wc -l)" "0 12 12"
check_grep "  the MFS file: none of its blocks removed, and it says so" \
	"^ipfs-time-cat: --evict: $root/a.bin: 4 of the 4 blocks its read fetches are reachable from MFS or a pin: none is removed; its reads say access=-" run.err
check_grep "  the file sharing a leaf with a pin: none removed, and said" \
	"^ipfs-time-cat: --evict: $t: 1 of the 3 blocks its read fetches are reachable from MFS or a pin: none is removed" run.err
check_grep "  before the first removal: how many blocks and bytes, from which node, fetched back from where" \
	"^ipfs-time-cat: --evict: before each cold read, the read's own blocks are removed \(block/rm\) from the node at $IPFS_API_B: 5 blocks, $ubytes bytes, of 1 target; they are fetched back from $IPFS_SWARM_A$" run.err
check_eq "  said once, after what is kept" \
	"$(grep -c 'blocks are removed' run.err) $(grep -n 'are kept\|blocks are removed' run.err | cut -d: -f1 | tr '\n' ' ')" \
	"1 1 $(grep -n 'blocks are removed' run.err | cut -d: -f1) "
check_eq "  only U's reads are cold: 2 cold and 2 warm; a.bin and T unchecked then warm" \
	"$(col_where run.tsv "cid=$u" access | sort | uniq -c | awk '{print $1 $2}' | tr '\n' ' ')" "2cold 2warm "
check_eq "  T: its pairs say - then warm" \
	"$(col_where run.tsv "cid=$t" access | sort | uniq -c | awk '{print $1 $2}' | tr '\n' ' ')" "2- 2warm "
refs >after.txt
check_eq "  B lost no block it held before (refs/local)" "$(comm -23 before.txt after.txt | wc -l)" 0
check_eq "  the pinned P and MFS's other file: every block of each still held" \
	"$(comm -23 <(dag_a "$p") after.txt | wc -l)" 0
check_eq "  b.bin reads back whole" "$(curl -sf -m 30 -X POST "$B/files/read?arg=/docs/b.bin" | cmp - b.bin && echo same)" same
check_eq "  files/ls /docs answers with both files" \
	"$(curl -sf -m 30 -X POST "$B/files/ls?arg=/docs" | jq -r '.Entries[].Name' | sort | tr '\n' ' ')" "a.bin b.bin "

# CID/path: only the folder above and the file's own DAG go, not its sibling
chunk f1; head -c 300000 /dev/urandom >f2
dir=$(add "$A" "pin=true&wrap-with-directory=true" f1 f2)
curl -sf -m 60 -X POST "$B/cat?arg=$dir/f2" | cmp - f2 && echo same >f2.read
check_eq "set up: B read the sibling f2 whole" "$(cat f2.read)" same
f2cid=$(curl -sf -X POST "$A/dag/resolve?arg=$dir/f2" | jq -r '.Cid["/"]')
dag_a "$f2cid" >f2.dag
ipfs-time-cat --api "$IPFS_API_B" -n 1 --evict --provider "$IPFS_SWARM_A" --verify "$dir/f1" >path.tsv 2>path.err; rc=$?
check_eq "CID/path: exit 0, one cold and one warm read, verified" \
	"$rc $(col_where path.tsv ok=1 access | sort | tr '\n' ' ')" "0 cold warm "
check_grep "  two blocks go: the folder's and the file's" "the node at $IPFS_API_B: 2 blocks," path.err
check_eq "  the sibling's blocks were never removed" "$(refs | comm -13 - f2.dag | wc -l)" 0

# --via mfs copies the target into the run's own MFS folder: that is not
# user data, so U's reads through it are cold too
ipfs-time-cat --api "$IPFS_API_B" -n 1 --evict --provider "$IPFS_SWARM_A" --via rpc,mfs "$u" >mfs.tsv 2>mfs.err; rc=$?
check_eq "--via rpc,mfs: exit 0, each way a cold and a warm read" \
	"$rc $(col_where mfs.tsv ok=1 via access | sort | tr '\t\n' '= ')" "0 mfs=cold mfs=warm rpc=cold rpc=warm "

# an MFS file copied in by the user during the run is kept: with U in MFS
# before the run, no read of it is cold and nothing of it goes
curl -sf -X POST "$B/files/cp?arg=/ipfs/$u&arg=/docs/u.bin" >/dev/null
ipfs-time-cat --api "$IPFS_API_B" -n 1 --evict --provider "$IPFS_SWARM_A" "$u" >inmfs.tsv 2>inmfs.err; rc=$?
check_eq "U copied into MFS: exit 0, no read cold" "$rc $(col inmfs.tsv access | sort | tr '\n' ' ')" "0 - warm "
check_eq "  every block of U still held" "$(refs | comm -13 - u.dag | wc -l)" 0
check_grep "  and it says no block is removed" "^ipfs-time-cat: --evict: no block is removed: no target's read fetches only blocks of its own$" inmfs.err
curl -sf -X POST "$B/files/rm?arg=/docs&recursive=true" >/dev/null

# CID/path through a HAMT-sharded folder (js-ipfs shards from the first
# entry with shard-split-threshold=1). The names h1, f323 and f424 hash
# (murmur3-x64-64) to the same first byte, 0x17: they sit in a sub-shard
# named 17. A read of h1 fetches the root shard, that sub-shard and h1's
# block: those three go, never the siblings' blocks
chunk h1; head -c 300000 /dev/urandom >f323; head -c 1000 /dev/urandom >f424
hdir=$(add "$A" "pin=true&wrap-with-directory=true&shard-split-threshold=1" h1 f323 f424)
check_eq "set up: the folder is a HAMT shard (UnixFS type 5) with a sub-shard named 17" \
	"$(curl -sf -X POST "$A/block/get?arg=$hdir" | od -An -tx1 -v | tr -d ' \n' | grep -o '0805\|12023137' | sort -u | tr '\n' ' ')" "0805 12023137 "
for f in f323 f424; do curl -sf -m 60 -X POST "$B/cat?arg=$hdir/$f" | cmp - $f && echo same; done >sib.read
check_eq "set up: B read the siblings f323 and f424 whole" "$(cat sib.read | tr '\n' ' ')" "same same "
for f in f323 f424; do dag_a "$(curl -sf -X POST "$A/dag/resolve?arg=$hdir/$f" | jq -r '.Cid["/"]')"; done | sort >sib.dag
ipfs-time-cat --api "$IPFS_API_B" -n 1 --evict --provider "$IPFS_SWARM_A" --verify "$hdir/h1" >hamt.tsv 2>hamt.err; rc=$?
check_eq "CID/path through a HAMT's sub-shard: exit 0, one cold and one warm read, verified" \
	"$rc $(col_where hamt.tsv ok=1 access | sort | tr '\n' ' ')" "0 cold warm "
check_grep "  three blocks go: the root shard's, the sub-shard's and the file's" "the node at $IPFS_API_B: 3 blocks," hamt.err
check_eq "  the siblings' blocks were never removed" "$(refs | comm -13 - sib.dag | wc -l)" 0
check_eq "  the siblings read back whole" \
	"$(for f in f323 f424; do curl -sf -m 60 -X POST "$B/cat?arg=$hdir/$f" | cmp - $f && echo same; done | tr '\n' ' ')" "same same "
ipfs-time-cat --api "$IPFS_API_B" -n 1 --evict --provider "$IPFS_SWARM_A" "$hdir/nosuch" >hno.tsv 2>hno.err; rc=$?
check_grep "a name not in the shard: said, nothing evicted" "^ipfs-time-cat: --evict: $hdir/nosuch: cannot list the blocks its read fetches" hno.err
check_grep "  naming the shard searched" "no entry named 'nosuch' in the HAMT shard" hno.err

# an identity CID: its data is in the CID, no block to remove, said
printf 'inline' >id.txt
idc=$(add "$A" "hash=identity" id.txt)
refs >id-before.txt
ipfs-time-cat --api "$IPFS_API_B" -n 1 --evict --provider "$IPFS_SWARM_A" "$idc" >id.tsv 2>id.err; rc=$?
check_eq "an identity CID: exit 0, both reads ok, neither said cold" "$rc $(col_where id.tsv ok=1 access | sort | tr '\n' ' ')" "0 - - "
check_grep "  says its data is inline: nothing to evict" "$idc: its data is inline in its CID: nothing to evict" id.err
check_eq "  no block removed" "$(refs | comm -23 id-before.txt - | wc -l)" 0
