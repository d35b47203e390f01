# ipfs-time-add and ipfs-time-cat against the real js-ipfs node.
. "$(dirname "$0")/../lib.sh"

# every default size is added, once each, with a CID
ipfs-time-add -q -n 1 -w 0 >"$T/add.tsv" 2>"$T/add.err"; rc=$?
check_eq "add exits 0" "$rc" 0
check_eq "add: one record per default size" "$(col "$T/add.tsv" size | sort -n | tr '\n' ,)" "1024,10240,102400,1048576,"
check_eq "add: every record ok" "$(col "$T/add.tsv" ok | sort -u)" 1
check_eq "add: every record has a CID" "$(col "$T/add.tsv" cid | grep -c '^Qm')" 4
check_eq "add: bytes_up covers the payload" \
	"$(paste <(col "$T/add.tsv" size) <(col "$T/add.tsv" bytes_up) | awk '$2 < $1' | wc -l)" 0
check_eq "add: t_ttfb <= t_total" \
	"$(paste <(col "$T/add.tsv" t_ttfb) <(col "$T/add.tsv" t_total) | awk '$1 > $2' | wc -l)" 0
check_grep "add: header comments name the seed" '^# seed [0-9]+' "$T/add.tsv"

# the same bytes come back through the RPC API and the gateway
ipfs-time-cat -q --via rpc,gateway --verify -n 2 <"$T/add.tsv" >"$T/cat.tsv"; rc=$?
check_eq "cat --verify exits 0" "$rc" 0
check_eq "cat: two ways x two rounds x four CIDs" "$(col "$T/cat.tsv" ok | grep -c 1)" 16
check_eq "cat: bytes read equal the sizes added" \
	"$(paste <(col "$T/cat.tsv" size) <(col "$T/cat.tsv" bytes_down) | awk '$1 != $2' | wc -l)" 0
check_eq "cat: both ways present" "$(col "$T/cat.tsv" via | sort | uniq -c | awk '{print $1 $2}' | tr '\n' ' ')" "8gateway 8rpc "
check_eq "cat: on one node every read is warm, the first of each CID too (checked)" \
	"$(col "$T/cat.tsv" access | sort | uniq -c | awk '{print $1 $2}')" 16warm
check_eq "cat: bitswap received nothing for them" \
	"$(col_where "$T/cat.tsv" bitswap_blocks bitswap_bytes | sort -u | tr '\t' ' ')" "0 0"

# the pipeline as users write it
check_sh "add | cat --via rpc,gateway --verify" \
	'ipfs-time-add -q -n 1 | ipfs-time-cat -q --via rpc,gateway --verify >/dev/null'

# a wrong expected size is caught by --verify
printf 'cid\tsize\n%s\t999\n' "$(col_where "$T/add.tsv" size=1024 cid)" >"$T/wrong.tsv"
ipfs-time-cat -q -n 1 --verify <"$T/wrong.tsv" >"$T/w.tsv"; rc=$?
check_eq "verify mismatch exits 1" "$rc" 1
check_grep "verify mismatch is ok=0 with the reason" 'verify: read 1024 bytes, expected 999' "$T/w.tsv"

# --verify asks the node for sizes of bare CIDs
cid=$(col_where "$T/add.tsv" size=10240 cid)
check_sh "verify a bare CID (size from files/stat)" "ipfs-time-cat -q -n 1 --verify $cid | grep -q '	10240	'"

# bare RPC calls
for call in id version; do
	ipfs-time-cat -q -n 3 --call $call >"$T/call.tsv"; rc=$?
	check_eq "--call $call exits 0" "$rc" 0
	check_eq "--call $call: three ok records" "$(col "$T/call.tsv" ok | grep -c 1) $(col "$T/call.tsv" op | sort -u)" "3 $call"
done

# uniqueness: default payloads differ, --same repeats them
ipfs-time-add -q -n 3 -s 1k >"$T/u.tsv"
check_eq "payloads unique per iteration" "$(col "$T/u.tsv" cid | sort -u | wc -l)" 3
ipfs-time-add -q -n 3 -s 1k --same >"$T/s.tsv"
check_eq "--same repeats the payload" "$(col "$T/s.tsv" cid | sort -u | wc -l)" 1
a=$(ipfs-time-add -q -n 1 -s 1k --seed 42 --only-hash | col /dev/stdin cid)
b=$(ipfs-time-add -q -n 1 -s 1k --seed 42 --only-hash | col /dev/stdin cid)
check_eq "--seed repeats a run" "$a" "$b"

# a real file gets the CID the node gives it
head -c 300000 /dev/urandom >"$T/file"
want=$(curl -sf -X POST -F "file=@$T/file;type=application/octet-stream" "$IPFS_API/api/v0/add?only-hash=true" | jq -r .Hash)
check_eq "file argument: same CID as the node's own add" "$(ipfs-time-add -q -n 1 "$T/file" | col /dev/stdin cid)" "$want"
check_sh "CIDv1 raw leaves" "ipfs-time-add -q -n 1 -s 1k --cid-version 1 --raw-leaves -j | jq -e 'select(.meta|not) | .cid | test(\"^[bz]\")'"

# concurrency and rate
ipfs-time-add -q -n 8 -s 1k -c 4 >"$T/c.tsv"
check_eq "-c 4: every request recorded" "$(col "$T/c.tsv" ok | grep -c 1)" 8
ipfs-time-cat -q -n 20 -w 0 -r 50 --call version >"$T/r.tsv"
# (records come in completion order: iter, not the line, says which request)
check_eq "-r 50: t_sched is on a 20 ms grid" \
	"$(col_where "$T/r.tsv" iter t_sched | awk '{d = $2 - ($1 - 1) * 0.02; if (d < -1e-6 || d > 1e-6) bad++} END {print bad + 0}')" 0
check_eq "-r 50: one record per iteration" "$(col "$T/r.tsv" iter | sort -n | uniq | wc -l)" 20
check_eq "-r 50: starts never precede the schedule" \
	"$(paste <(col "$T/r.tsv" t_sched) <(col "$T/r.tsv" t_start) | awk '$2 < $1 - 1e-6' | wc -l)" 0

# JSON Lines
check_sh "-j writes JSON Lines jq reads" 'ipfs-time-cat -q -j -n 2 --call version | jq -e -s "map(select(.meta|not)) | length == 2 and all(.ok == 1)"'
check_sh "-j starts with the run's metadata" \
	"ipfs-time-add -q -j -n 1 -s 1k --seed 4242 -c 1 | head -1 | jq -e '.meta | .tool == \"ipfs-time-add\" and .seed == 4242 and .concurrency == 1 and (.api | test(\"^http://127.0.0.1:\")) and (.start | test(\"^20\")) and (.version | type == \"string\")'"

# | head -1 ends quietly
out=$(ipfs-time-cat -q -n 2000 --call version 2>"$T/pipe.err" | head -1)
check_eq "| head -1 gives the first comment line" "$out" "# ipfs-time-cat ipfsperf 0.1.0"
check_eq "| head -1 prints no error" "$(cat "$T/pipe.err")" ""

# SIGINT flushes the finished records and exits 130
ipfs-time-add -q -n 100000 -s 1k >"$T/int.tsv" 2>/dev/null &
pid=$!
first_ok() { [ "$(col_where "$T/int.tsv" ok=1 ok 2>/dev/null | wc -l)" -ge 1 ]; }
wait_for "a first add record" first_ok
kill -INT $pid
wait $pid; rc=$?
check_eq "SIGINT exits 130" "$rc" 130
check_eq "SIGINT: records are whole lines" "$(awk -F'\t' '/^#/ {next} !h {h = NF; next} NF != h' "$T/int.tsv" | wc -l)" 0
check_eq "SIGINT: finished records were written" "$([ "$(col "$T/int.tsv" ok | grep -c 1)" -gt 0 ] && echo yes)" yes

# raw-block CIDs (js-ipfs prints them in base58btc) verify by their hash
check_sh "raw-leaves CIDv1 adds read back and verify by multihash" \
	"ipfs-time-add -q -n 1 -s 1k,100k --cid-version 1 --raw-leaves | ipfs-time-cat -q --verify --via rpc,gateway >'$T/raw.tsv' &&
	 [ \$(col '$T/raw.tsv' ok | wc -l) -ge 4 ] && [ -z \"\$(col_where '$T/raw.tsv' ok!=1 ok)\" ]"
