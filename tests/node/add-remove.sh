# ipfs-time-add --remove (issue 21: a profile removes what it added): on a
# node that holds user data (an MFS folder, a pinned file, a file the runs
# add again), what runs added is unpinned and its blocks removed, and the
# node's store and pins are then as they were before the runs; content the
# node held before (dedup=1), a file named to ipfs-time-add, and blocks MFS
# reaches are left, and said. Every claim is checked on the store
# (refs/local) and the pins (pin/ls). Bad records: exit 2, file:line.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
A=$IPFS_API/api/v0
# blocks by multihash (refs/local names each as a raw CIDv1), sorted
mh() { xargs node "$top/tests/node/cidhex.mjs" -m | sort -u; }
refs() { curl -sf -m 60 -X POST "$A/refs/local" | jq -r .Ref | mh; }
dag() { { echo "$1"; curl -sf -m 60 -X POST "$A/refs?arg=$1&recursive=true&unique=true" | jq -r .Ref; } | mh; }
pins() { curl -sf -m 60 -X POST "$A/pin/ls?type=recursive" | jq -r '.Keys | keys[]' | sort; }
add() { curl -sf -m 60 -X POST -F "file=@$1" "$A/add?$2" | jq -r .Hash | tail -n 1; }

# the user's data: an MFS folder, a pinned file, a file it will add again
head -c 300000 /dev/urandom >mfs.bin
head -c 300000 /dev/urandom >pinned.bin
m=$(add mfs.bin pin=false)
curl -sf -X POST "$A/files/mkdir?arg=/docs&parents=true" >/dev/null &&
	curl -sf -X POST "$A/files/cp?arg=/ipfs/$m&arg=/docs/mfs.bin" >/dev/null || notok "the MFS folder" ""
p=$(add pinned.bin pin=true)
# a seed's content the user holds already (pinned): a later run of that
# seed re-adds it (dedup=1)
ipfs-time-add -q -n 1 -w 0 -s 4k --seed 7 >seed-first.tsv 2>/dev/null || notok "the seed's first run" ""
refs >store0
pins >pins0

# --- the runs: plain and chunked adds, a warm-up recorded, the seed again,
# the pinned file named
ipfs-time-add -q -n 3 -s 1k,300k --show-warmup >plain.tsv 2>plain.err || notok "plain adds" "$(cat plain.err)"
ipfs-time-add -q -n 2 -s 600k --via chunked -c 2 --show-warmup >chunked.tsv 2>chunked.err || notok "chunked adds" "$(cat chunked.err)"
ipfs-time-add -q -n 1 -w 0 -s 4k --seed 7 >seed.tsv 2>seed.err
ipfs-time-add -q -n 1 -w 0 pinned.bin >file.tsv 2>file.err || notok "the file's add" "$(cat file.err)"
check_eq "the seed run is marked dedup=1" "$(col_where seed.tsv ok=1 dedup | sort -u)" 1
check_eq "a named file's records leave dedup unset" "$(col_where file.tsv ok=1 dedup | sort -u)" -
check_sh "the runs added blocks and pins" "[ $(refs | wc -l) -gt $(wc -l <store0) ] && [ $(pins | wc -l) -gt $(wc -l <pins0) ]"
# one of the runs' files the user copies into MFS meanwhile: its blocks stay
keep=$(col_where chunked.tsv ok=1 iter=1 cid | head -n 1)
curl -sf -X POST "$A/files/cp?arg=/ipfs/$keep&arg=/docs/kept.bin" >/dev/null || notok "files/cp of a run's file" ""
dag "$keep" >keepdag
keepblocks=$(wc -l <keepdag)

check "--remove: exit 0" ipfs-time-add --remove plain.tsv chunked.tsv seed.tsv file.tsv
check_grep "  says what went: roots, unpinned, blocks, bytes, checked" \
	"^ipfs-time-add: --remove at http://127\.0\.0\.1:[0-9]+: 11 added roots \(13 records\): 11 unpinned, [0-9]+ blocks removed \([0-9]+ bytes\) and checked gone$" "$T/err"
check_grep "  the seed's content, held before, is left, and said" \
	"^ipfs-time-add: --remove: left 1 added root the node held before the run \(dedup=1\): " "$T/err"
check_grep "  the named file is left, and said" \
	"^ipfs-time-add: --remove: left 1 added root not known to be the run's own .*: $p$" "$T/err"
check_grep "  the blocks MFS reaches are left, and said" \
	"^ipfs-time-add: --remove: left $keepblocks blocks that MFS or one of the node's [0-9]+ pins keeps$" "$T/err"
check_eq "  the pins are as before the runs" "$(pins | comm -3 - pins0)" ""
refs >store1
check_eq "  the copied file's blocks are all there" "$(comm -23 keepdag store1)" ""
# new since: the copied file's blocks, and MFS's new folders (files/cp)
dag "$(curl -sf -X POST "$A/files/stat?arg=/" | jq -r .Hash)" >mfsdag
check_eq "  the store is as before but for what MFS reaches now" "$(comm -13 store0 store1 | comm -23 - mfsdag)" ""
check_eq "  no block the node held before is gone" "$(comm -23 store0 store1)" ""
check_sh "  the MFS files read back whole" \
	"curl -sf -X POST '$A/files/read?arg=/docs/mfs.bin' | cmp -s - mfs.bin && curl -sf -X POST '$A/files/stat?arg=/docs/kept.bin' | jq -e '.Size == 614400' >/dev/null"
check_sh "  the pinned file reads back whole" "curl -sf -X POST '$A/cat?arg=$p' | cmp -s - pinned.bin"

check "again: nothing left to remove, exit 0" ipfs-time-add --remove plain.tsv
check_grep "  said: no block removed" "--remove at .*: 8 added roots \(8 records\): 0 unpinned, 0 blocks removed \(0 bytes\) and checked gone$" "$T/err"
check "-q: what was left only" ipfs-time-add -q --remove seed.tsv
check_eq "  one line, the root left" "$(wc -l <"$T/err")" 1
check "records on stdin" sh -c "ipfs-time-add --remove <plain.tsv"

# --- bad input: exit 2, the file and line named
printf 'op\tok\tcid\tdedup\nadd\t1\tnotacid\t0\n' >bad.tsv
check_exit "a cid that is not one: exit 2" 2 ipfs-time-add --remove bad.tsv
check_grep "  file:line and the field" "^ipfs-time-add: bad\.tsv:2: cid: 'notacid' is not a CID$" "$T/err"
printf 'op\tok\tcid\tdedup\nadd\t1\t%s\tmaybe\n' "$p" >bad2.tsv
check_exit "a bad dedup: exit 2" 2 ipfs-time-add --remove bad2.tsv
check_grep "  file:line" "^ipfs-time-add: bad2\.tsv:2: dedup: expected 0 or 1, got 'maybe'$" "$T/err"
ipfs-time-cat -q -n 1 --call version >calls.tsv 2>/dev/null
check_exit "records without a cid column: exit 2" 2 ipfs-time-add --remove calls.tsv
check_grep "  said" "^ipfs-time-add: calls\.tsv: no add records \(op=add\): not records of ipfs-time-add$" "$T/err"
check_exit "--remove with an add option: exit 2" 2 ipfs-time-add --remove -n 3 plain.tsv
check_exit "a file that is not there: exit 2" 2 ipfs-time-add --remove nosuch.tsv
check_eq "  the pins untouched by the failures" "$(pins | comm -3 - pins0)" ""
