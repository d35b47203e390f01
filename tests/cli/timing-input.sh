# What the timing tools take as input, checked before any request: files,
# directories, CIDs, garbage; what they say about a node that is not there.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
dead=http://127.0.0.1:1
cid=QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN

mkdir dir
check_exit "add: a directory is refused (exit 2)" 2 ipfs-time-add --api $dead -q -n 1 dir
check_grep "  and named, with what to do" "dir: is a directory: ipfs-time-add times files \(name its files, as in dir/\*\)" err
check_eq "  no record was written" "$(grep -vc '^#' out)" 0

# garbage is never sent to the node as CIDs: decided from the first line
head -c 5000 /dev/urandom >garbage 2>/dev/null
for i in 1 2 3 4 5; do
	head -c 5000 /dev/urandom >garbage
	check_exit "cat: random bytes on stdin ($i): exit 1" 1 sh -c "ipfs-time-cat -q -n 1 --api $dead - <garbage"
	check_eq "  no request was made" "$(grep -vc '^#' out)" 0
done
check_exit "cat: an operand that is neither a CID nor a file: exit 2" 2 ipfs-time-cat -q --api $dead notacid
check_grep "  named" "notacid: not a CID: 'notacid', nor a file" err
printf '%s\nnope\n' $cid >list
check_exit "cat: a bad CID in a list: exit 1" 1 ipfs-time-cat -q --api $dead list
check_grep "  named with file:line" "list:2: cid: not a CID: 'nope'" err
printf '%s\t1\n' "$(printf 'Qm\001\002')" | { printf 'cid\tsize\n'; cat; } >ctl.tsv
check_exit "cat: control bytes in a CID" 1 ipfs-time-cat -q --api $dead ctl.tsv
check_grep "  are shown escaped" "not a CID: 'Qm\\\\x01\\\\x02'" err
printf 'cid\tsize\tok\n%s\t5\t1\n' $cid >rec.tsv
ipfs-time-cat -q -n 1 --api $dead rec.tsv >out.tsv 2>/dev/null
check_eq "cat: a record file as an operand is read, not sent as a CID" "$(col out.tsv cid)" $cid
ipfs-time-cat -q -n 1 --api $dead rec.tsv list2 >/dev/null 2>&1; rc=$?
check_eq "cat: a missing file operand: usage error" "$rc" 2
ipfs-time-cat -q -n 1 --api $dead "/ipfs/$cid/a/b" "ipfs://$cid" >paths.tsv 2>/dev/null
check_eq "cat: /ipfs/ paths and ipfs:// URLs are CIDs" "$(col paths.tsv cid | tr '\n' ' ')" "$cid/a/b $cid "

# a node that is not there
ipfs-time-add --api $dead -n 3 -s 1k,2k >dead.tsv 2>dead.err; rc=$?
check_eq "add: a warm-up that reaches no node: exit 1" "$rc" 1
check_grep "  says so once" "the warm-up add reached no node at $dead: .*onnect.*nothing was measured" dead.err
check_eq "  and makes no more requests" "$(grep -vc '^#' dead.tsv) $(grep -c 'warm-up' dead.err)" "1 1"
ipfs-time-cat --api $dead -n 2 --call version >/dev/null 2>dead.err
check_grep "cat: the failures' kind and first message on stderr" \
	"failed: 2 x Couldn't connect to server, first: Failed to connect to 127.0.0.1 port 1" dead.err
check_grep "  the count says the warm-up apart" "^ipfs-time-cat: 2 requests in .*, 2 failed \(and 1 warm-up, 1 failed\)" dead.err
ipfs-time-cat -q --api $dead -n 2 --call version >/dev/null 2>quiet.err
check_eq "  -q: no summary" "$(cat quiet.err)" ""

check_exit "-t 1e300 is out of range: exit 2" 2 ipfs-time-cat -t 1e300 --api $dead --call id
check_exit "-t 1e300h too" 2 ipfs-time-add -t 1e300h --api $dead
check_exit "-t 0: no timeout, accepted" 1 ipfs-time-cat -q -t 0 -w 0 -n 1 --api $dead --call id

# an api file that is not text: said, not read as an empty address
mkdir -p nulrepo && printf '\000/ip4/127.0.0.1/tcp/5001\n' >nulrepo/api
check_exit "an api file with a NUL byte: exit 1" 1 env IPFS_PATH="$T/nulrepo" ipfs-time-cat --call version
check_grep "  naming it" "nulrepo/api: not a line of text \(it holds a NUL byte\)" err
