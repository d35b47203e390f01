# Results the timing tools must not get wrong, against the real node: a
# pipe is added as what it gave, every time; a seed the node has seen is
# flagged; counts leave warm-ups apart; records reach a pipe while the run
# goes on.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1

want=$(printf 'hello\n' | curl -sf -X POST -F "file=@-;type=application/octet-stream" \
	"$IPFS_API/api/v0/add?only-hash=true" | jq -r .Hash)
ipfs-time-add -q -w 0 -n 2 <(printf 'hello\n') >pipe.tsv
check_eq "a pipe: both rounds add its 6 bytes" "$(col_where pipe.tsv ok=1 size cid | sort -u)" "$(printf '6\t%s' "$want")"
check_eq "  two records" "$(col pipe.tsv iter | sort | tr '\n' ' ')" "1 2 "
printf 'hello\n' | ipfs-time-add -q -n 2 - >stdin.tsv
check_eq "stdin (-): the same, after the warm-up too" "$(col_where stdin.tsv ok=1 size cid | sort -u)" "$(printf '6\t%s' "$want")"
head -c 3000 /dev/urandom >file
ipfs-time-add -q -n 1 --via chunked <file - >chunked.tsv
check_eq "stdin --via chunked: its 3000 bytes" "$(col_where chunked.tsv ok=1 size)" 3000

# deduplication: a seed the node already holds is flagged, a new one not
seed=$((RANDOM * 32768 + RANDOM))
ipfs-time-add -n 2 -s 64k --seed $seed >first.tsv 2>first.err
check_eq "a new seed: dedup 0 on every record" "$(col first.tsv dedup | sort -u)" 0
check_eq "  and no warning" "$(grep -c 'already holds' first.err)" 0
ipfs-time-add -n 2 -s 64k --seed $seed >again.tsv 2>again.err
check_eq "the same seed again: dedup 1 on every record" "$(col again.tsv dedup | sort -u)" 1
check_grep "  and a warning naming the seed" "warning: the node already holds the content of --seed $seed" again.err
ipfs-time-add -q -n 1 -s 64k --seed $seed --via chunked >again2.tsv 2>/dev/null
check_eq "  also --via chunked" "$(col again2.tsv dedup)" 1
ipfs-time-add -q -n 2 -s 64k >random.tsv
check_eq "no seed: a new one per run, never flagged" "$(col random.tsv dedup | sort -u)" 0

# the end-of-run line counts the records, warm-ups apart
ipfs-time-cat -n 40 --call version >calls.tsv 2>calls.err
check_eq "40 records" "$(col calls.tsv ok | wc -l)" 40
check_grep "the summary says 40, and the warm-up apart" "^ipfs-time-cat: 40 requests in [0-9.]+ s .*, 0 failed \(and 1 warm-up, 0 failed\)$" calls.err
check_grep "  with t_total's percentiles" "^ipfs-time-cat: t_total of the 40 that succeeded: p50 .*, p90 .*, p99 .*, max " calls.err
ipfs-time-add -n 3 -s 1k,2k >adds.tsv 2>adds.err
check_grep "add: 6 requests and 2 warm-ups" "^ipfs-time-add: 6 requests in .*, 0 failed \(and 2 warm-ups, 0 failed\)$" adds.err

# a live pipe: the first record is readable while the run still goes on
# (the run is ended by the reader, not by time)
mkfifo fifo
ipfs-time-cat -q -n 100000 -r 20 --call version >fifo &
pid=$!
{ read -r _; read -r _; read -r _; read -r _; read -r header; read -r first; } <fifo
running=$(kill -0 $pid 2>/dev/null && echo running)
kill $pid 2>/dev/null; wait $pid 2>/dev/null
check_eq "records reach a pipe while the run goes on" "$running $(printf '%s\n%s\n' "$header" "$first" | col - op)" "running version"
