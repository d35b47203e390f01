# ipfs-time-cat --evict on a node holding user data in MFS (issue 20, 2):
# without --provider it is refused before any block is removed, so a file
# sharing the read's root keeps every block and reads back whole.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
api=$IPFS_API/api/v0
dir=/evict-refused-$$
head -c 300000 /dev/urandom >a.bin
head -c 300000 /dev/urandom >b.bin
curl -sf -X POST "$api/files/mkdir?arg=$dir&parents=true" >/dev/null
curl -sf -X POST -F file=@a.bin "$api/files/write?arg=$dir/a.bin&create=true" >/dev/null
curl -sf -X POST -F file=@b.bin "$api/files/write?arg=$dir/b.bin&create=true" >/dev/null
root=$(curl -sf -X POST "$api/files/stat?arg=$dir" | jq -r .Hash)
check_eq "MFS folder with two files: its root CID" "$(printf %s "$root" | grep -c '^[bQ]')" 1
refs() { curl -sf -X POST "$api/refs/local" | jq -r .Ref | sort; }
refs >before.txt
ipfs-time-cat -n 1 --evict "$root/a.bin" >evict.tsv 2>evict.err; rc=$?
check_eq "--evict without --provider on MFS content: usage error" "$rc" 2
check_grep "  says why and the ways on" "give --provider MULTIADDR of a node holding the content, or --evict-anyway" evict.err
refs >after.txt
check_eq "  no block removed (refs/local before and after)" "$(comm -3 before.txt after.txt | wc -l) $(wc -l <before.txt)" \
	"0 $(wc -l <before.txt)"
check_eq "  the other file reads back whole" \
	"$(curl -sf -X POST "$api/files/read?arg=$dir/b.bin" | cmp - b.bin && echo same)" same
curl -sf -X POST "$api/files/rm?arg=$dir&recursive=true" >/dev/null
