# One record, one meaning: ok, warmup and size are read alike by every tool
# that reads records (rec/fields.h). Three JSON records of one CID, two of
# them failed, are one access for cache-sim, one sample and two failures for
# prof-diff, and one CID to read for ipfs-time-cat.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
cid=bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy
for ok in 1 false false; do
	printf '{"op":"cat","via":"rpc","cid":"%s","size":5,"ok":%s,"t_total":0.01,"bytes_down":5}\n' "$cid" "$ok"
done >three.jsonl
jq -r '[.op, .via, .cid, .size, (if .ok == false then 0 else .ok end), .t_total, .bytes_down] | @tsv' three.jsonl |
	{ printf 'op\tvia\tcid\tsize\tok\tt_total\tbytes_down\n'; cat; } >three.tsv

for f in three.jsonl three.tsv; do
	check "cache-sim reads $f" cache-sim -p lru -u objects -s 2 "$f"
	check_eq "  one request: the failed ones are not accesses" "$(col out requests) $(col out hits)" "1 0"
	check "prof-diff reads $f" prof-diff -o tsv "$f"
	check_eq "  one sample and two failures" "$(col_where out metric=t_total n fail)" "$(printf '1\t2')"
	ipfs-time-cat -q -n 1 -w 0 --api http://127.0.0.1:1 - <"$f" >cat.tsv 2>err
	check_eq "ipfs-time-cat reads one CID of $f" "$(col cat.tsv cid)" "$cid"
done

# a warm-up is not a sample, and it is still an access
printf 'cid\tok\twarmup\tt_total\n%s\t1\t1\t0.5\n%s\t1\t0\t0.01\n' "$cid" "$cid" >warm.tsv
check "prof-diff: warm-ups are not samples" prof-diff -o tsv warm.tsv
check_eq "  one sample" "$(col_where out metric=t_total n)" 1
check "cache-sim: a warm-up read is an access" cache-sim -p lru -u objects -s 2 warm.tsv
check_eq "  two requests, one hit" "$(col out requests) $(col out hits)" "2 1"

# anything but 1/0/true/false is an error naming the line, in every tool
printf 'cid\tok\tt_total\n%s\t1\t0.01\n%s\tyes\t0.01\n' "$cid" "$cid" >bad.tsv
check_exit "cache-sim: a bad ok is an error" 1 cache-sim -p lru -u objects -s 2 bad.tsv
check_grep "  naming the line and the value" "bad.tsv:3: ok: expected 1 or 0, found 'yes'" err
check_exit "prof-diff: a bad ok is an error" 1 prof-diff bad.tsv
check_grep "  naming the line and the value" "bad.tsv:3: ok: expected 1 or 0, found 'yes'" err
check_exit "ipfs-time-cat: a bad ok is an error" 1 sh -c "ipfs-time-cat -q -n 1 --api http://127.0.0.1:1 - <bad.tsv"
check_grep "  naming the line and the value" "<stdin>:3: ok: expected 1 or 0, found 'yes'" err
check "cache-sim --skip-bad passes it over" cache-sim --skip-bad -p lru -u objects -s 2 bad.tsv
check_eq "  and reads the good line" "$(col out requests)" 1

# concatenated outputs of tools whose columns differ (cat a.tsv b.tsv):
# each block's header maps its fields by name
printf '# ipfs-time-add\nop\tsize\tok\tcid\tt_total\tdedup\nadd\t5\t1\t%s\t0.02\t0\nadd\t5\t0\t-\t0.03\t0\n' "$cid" >a.tsv
printf '# ipfs-time-cat\nop\tcid\tok\tt_total\tsize\ncat\t%s\t1\t0.01\t5\ncat\t%s\t1\t0.011\t5\n' "$cid" "$cid" >b.tsv
cat a.tsv b.tsv >ab.tsv
check "prof-diff reads two concatenated outputs with other columns" prof-diff -o tsv -g op ab.tsv
check_eq "  every record, in its own group" "$(col_where out metric=t_total op n fail | tr '\n' ' ')" "add	1	1 cat	2	0 "
check "cache-sim too: the CIDs of both blocks" cache-sim -p lru -u objects -s 2 ab.tsv
check_eq "  three requests of the cid (the failed add is none)" "$(col out requests) $(col out hits)" "3 2"
# a comment between records does not make the next record a header
printf 'op\tok\tt_total\nid\t1\t0.1\n# a note\nid\t1\t0.2\n' >note.tsv
check "a comment between records" prof-diff -o tsv note.tsv
check_eq "  both records read" "$(col_where out metric=t_total n)" 2

# -j stays JSON with invalid UTF-8 in a label or CID: each byte of an
# invalid sequence is U+FFFD, valid sequences pass as they are
ipfs-time-cat -q -j -n 1 -w 0 -l "$(printf 'x\377y\303\251\355\240\200')" --api http://127.0.0.1:1 --call id >u.jsonl 2>/dev/null
check_eq "invalid UTF-8 in a label: jq reads the line, bytes replaced one by one" \
	"$(jq -r 'select(.meta|not) | .label' u.jsonl)" "$(printf 'x\357\277\275y\303\251\357\277\275\357\277\275\357\277\275')"
printf 'op\tlabel\tok\tt_total\ncat\t\360\237\230\200\300\257\t1\t0.1\n' >u.tsv
check_eq "  prof-diff -j too: an emoji kept, an overlong form replaced" \
	"$(prof-diff -j -g label u.tsv | jq -r 'select(.metric == "t_total") | .label')" "$(printf '\360\237\230\200\357\277\275\357\277\275')"
