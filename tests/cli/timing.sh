# Usage errors, exit codes and an unreachable node, for the timing tools.
. "$(dirname "$0")/../lib.sh"
unset IPFS_API IPFS_GATEWAY IPFS_API_AUTH
export IPFS_PATH="$T/norepo"
dead=http://127.0.0.1:1

for tool in ipfs-time-add ipfs-time-cat; do
	extra=; [ $tool = ipfs-time-cat ] && extra="--call version"
	check_exit "$tool --help exits 0" 0 $tool --help
	check_grep "$tool --help prints the synopsis" "^usage: $tool" "$T/out"
	check_exit "$tool -V exits 0" 0 $tool -V
	check_grep "$tool -V names the version" "^$tool ipfsperf [0-9]" "$T/out"
	check_exit "$tool: unknown option is a usage error" 2 $tool --bogus
	check_eq "$tool: one message for an unknown option" "$(grep -c . "$T/err")" 2
	check_exit "$tool: bad -n" 2 $tool -n zero $extra
	check_grep "$tool: bad -n is named" "iterations: expected a whole number" "$T/err"
	check_exit "$tool: bad --api" 2 $tool --api 'ftp:/nowhere' $extra
	check_grep "$tool: bad --api is named" "api: not a URL or" "$T/err"
	check_exit "$tool: bad -t" 2 $tool -t soon
done
check_exit "add: bad size" 2 ipfs-time-add -s 1k,huge
check_grep "add: the bad size is named" "bad size 'huge'" "$T/err"
check_exit "add: --cid-version 2" 2 ipfs-time-add --cid-version 2
check_exit "add: a missing file" 1 ipfs-time-add --api $dead "$T/nosuchfile"
check_grep "add: the missing file is named" "nosuchfile" "$T/err"
check_exit "cat: --via bogus" 2 ipfs-time-cat --via ftp QmX
check_exit "cat: --call with CIDs" 2 ipfs-time-cat --call id QmX
check_exit "cat: bad IPFS_API" 2 env IPFS_API=nonsense ipfs-time-cat --call id
cid=bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy
check_exit "cat: --evict with -c 2" 2 ipfs-time-cat --api $dead --evict -c 2 $cid
check_grep "  --evict reads one pair at a time: said" "evict reads in pairs, one request at a time: it takes neither -c above 1 nor -r" "$T/err"
check_exit "cat: --evict with -r" 2 ipfs-time-cat --api $dead --evict -r 5 $cid
check_exit "cat: --evict with --call" 2 ipfs-time-cat --api $dead --evict --call id
check_grep "  --evict is for reads: said" "evict and --provider are for reads" "$T/err"
check_exit "cat: --evict without --provider refused (its blocks may exist nowhere else)" 2 ipfs-time-cat --api $dead --evict $cid
check_grep "  said, with the ways on" "evict without --provider: .*give --provider MULTIADDR of a node holding the content, or --evict-anyway" "$T/err"
check_exit "cat: --evict-anyway alone" 2 ipfs-time-cat --api $dead --evict-anyway $cid
check_grep "  said" "evict-anyway goes with --evict" "$T/err"
check_exit "cat: --provider not a multiaddr" 2 ipfs-time-cat --api $dead --provider 127.0.0.1:4001 $cid
check_grep "  the address is named" "provider: expected a multiaddr such as /ip4/.*, got '127.0.0.1:4001'" "$T/err"
check_exit "cat: --provider empty" 2 ipfs-time-cat --api $dead --provider '' $cid

# a stopped node: one ok=0 record per request, exit 1, no crash
ipfs-time-add --api $dead -q -n 2 -w 0 -s 1k,2k >"$T/dead.tsv" 2>"$T/dead.err"; rc=$?
check_eq "stopped node: add exits 1" "$rc" 1
check_eq "stopped node: four records, all ok=0" "$(col "$T/dead.tsv" ok | tr -d '\n')" 0000
check_eq "stopped node: code 0" "$(col "$T/dead.tsv" code | sort -u)" 0
check_grep "stopped node: the error says why" "onnect" "$T/dead.tsv"
ipfs-time-cat --api $dead -q -n 3 --call version >"$T/dead2.tsv"; rc=$?
check_eq "stopped node: cat --call exits 1 with 3 records" "$rc $(col "$T/dead2.tsv" ok | wc -l)" "1 3"

# the api file and multiaddrs
mkdir -p "$T/repo" && echo /ip4/127.0.0.1/tcp/1 >"$T/repo/api"
IPFS_PATH="$T/repo" ipfs-time-cat -q -n 1 --call version >"$T/af.tsv"
check_grep "the api file in IPFS_PATH is used" "^# api http://127.0.0.1:1$" "$T/af.tsv"
IPFS_API=/ip4/127.0.0.1/tcp/1 ipfs-time-cat -q -n 1 --call version >"$T/ma.tsv"
check_grep "IPFS_API as a multiaddr" "^# api http://127.0.0.1:1$" "$T/ma.tsv"
IPFS_API_AUTH=basic:alice:s3cret IPFS_API=http://127.0.0.1:1 ipfs-time-cat -n 1 --call version >"$T/auth.tsv" 2>&1
check_eq "credentials are never printed" "$(grep -c s3cret "$T/auth.tsv")" 0

# bad input records
cid=QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN
printf 'cid\tsize\n%s\t1\n%s\t2\t3\n' $cid $cid >"$T/bad.tsv"
check_exit "cat: malformed input record" 1 ipfs-time-cat --api $dead -q - <"$T/bad.tsv"
check_grep "cat: malformed input names stdin:3" "<stdin>:3: expected 2" "$T/err"
printf 'op\tsize\nadd\t1\n' >"$T/nocid.tsv"
check_exit "cat: records without a cid column" 1 ipfs-time-cat --api $dead -q <"$T/nocid.tsv"
check_grep "cat: the missing column is named" "no cid column" "$T/err"
printf 'cid\tok\n-\t0\n' >"$T/failed.tsv"
check_exit "cat: only failed adds in the input" 1 ipfs-time-cat --api $dead -q <"$T/failed.tsv"
check_grep "cat: skipped records are reported" "skipped 1 input record" "$T/err"
