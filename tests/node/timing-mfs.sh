# ipfs-time-cat --via mfs: reads through the filesystem API (files/read of
# a copy in a scratch MFS folder), verified, every read warm on one node,
# the scratch folder removed afterwards, also after SIGINT.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
scratch() { curl -sf -X POST "$IPFS_API/api/v0/files/ls?arg=/" | jq -r '.Entries[]?.Name' | grep -c '^ipfsperf-'; }
ipfs-time-add -q -n 3 -s 1k,64k >add.tsv
ipfs-time-cat -q -n 3 --via rpc,gateway,mfs --verify add.tsv >cat.tsv; rc=$?
check_eq "rpc,gateway,mfs --verify: exit 0" "$rc" 0
check_eq "  every read ok" "$(col_where cat.tsv ok!=1 ok | wc -l) $(col cat.tsv ok | wc -l)" "0 54"
check_eq "  bytes read equal the sizes" "$(col_where cat.tsv via=mfs size bytes_down | awk '$1 != $2' | wc -l)" 0
check_eq "  on one node every read is warm, checked, the first ones too" \
	"$(col_where cat.tsv access=warm via | sort | uniq -c | awk '{print $1 $2}' | tr '\n' ' ')" "18gateway 18mfs 18rpc "
check_eq "  the scratch folder is gone" "$(scratch)" 0
ipfs-time-cat -q -n 100000 -r 20 --via mfs add.tsv >int.tsv 2>/dev/null &
pid=$!
first() { [ "$(col int.tsv ok 2>/dev/null | wc -l)" -ge 1 ]; }
wait_for "a first mfs read" first
kill -INT $pid; wait $pid; rc=$?
check_eq "SIGINT: exit 130" "$rc" 130
check_eq "  and the scratch folder is gone too" "$(scratch)" 0
check_exit "--via mfs,mfs: usage error" 2 ipfs-time-cat --via mfs,mfs add.tsv
check_exit "--via ftp: usage error" 2 ipfs-time-cat --via ftp add.tsv
