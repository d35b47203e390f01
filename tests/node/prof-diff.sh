# prof-diff on real records: ipfs-time-add and ipfs-time-cat against the
# node, piped into prof-diff; and the man page's EXAMPLES as written.
. "$(dirname "$0")/../lib.sh"

ipfs-time-add -q -n 1 -s 64k,1M >"$T/add.tsv" || notok "ipfs-time-add ran"
ipfs-time-cat -q -n 8 --via rpc,gateway <"$T/add.tsv" >"$T/cat.tsv" || notok "ipfs-time-cat ran"

# On one node the content just added is held: every read of it is warm,
# the first one too (checked against refs/local before the run), 8 a way.
prof-diff -o tsv "$T/cat.tsv" >"$T/s.tsv" 2>"$T/err"
check_eq "summary of real reads exits 0" "$?" 0
check_eq "summary: t_total rows: 2 sizes x (warm rpc + warm gateway)" \
	"$(col_where "$T/s.tsv" metric=t_total metric | wc -l)" 4
check_eq "summary: every read counted once" \
	"$(col_where "$T/s.tsv" metric=t_total n | awk '{n += $1} END {print n}')" 32
check_eq "summary: no cold read on one node, the first ones included" \
	"$(col_where "$T/s.tsv" metric=t_total access!=warm size | wc -l)" 0
check_eq "summary: throughput for every group" \
	"$(col_where "$T/s.tsv" metric=mb_per_s metric | wc -l)" 4
# (selected: 1 ci_lo, 2 median, 3 ci_hi, 4 min, 5 max)
check_sh "summary: median within its interval and within min..max" "
	col_where '$T/s.tsv' access=warm ci_lo median ci_hi min max | awk -F'\t' '
	!(\$1 <= \$2 && \$2 <= \$3 && \$4 <= \$2 && \$2 <= \$5) {bad++}
	END {exit bad > 0}'"

# ipfs-time-cat --via rpc,gateway | prof-diff -c via: the gateway's overhead
# (a row may end in footnote marks: real reads can have outliers)
ipfs-time-cat -q -n 8 --via rpc,gateway <"$T/add.tsv" | tee "$T/vr.tsv" | prof-diff -o tsv -c via - >"$T/v.tsv" 2>"$T/err"
check_eq "pipe into prof-diff -c via exits 0" "$?" 0
check_eq "-c via: rpc is the base, gateway the other side" \
	"$(col_where "$T/v.tsv" old new | tr '\t' ' ' | sort -u)" "rpc gateway"
# (the exact test without ties; real times in microseconds can tie, and a
# group with a tie takes the normal approximation with tie correction)
check_eq "-c via: warm groups: 16 reads, a p-value" \
	"$(col_where "$T/v.tsv" access=warm n_old n_new p |
		awk -F'\t' '{print $1 + $2, ($3 > 0 && $3 <= 1)}' | sort -u)" "16 1"
check_eq "-c via: the exact test where no two reads of the group tie, else the normal one" \
	"$(col_where "$T/v.tsv" metric=t_total access=warm size test | sort)" \
	"$(col_where "$T/vr.tsv" access=warm ok=1 size t_total |
		awk -F'\t' '{n[$1]++; if (++seen[$1 SUBSEP $2] == 2) tie[$1] = 1}
		END {for (s in n) printf "%s\t%s\n", s, (s in tie) ? "normal" : "exact"}' | sort)"
check_sh "-c via: text table with a verdict per warm group" "
	ipfs-time-cat -q -n 8 --via rpc,gateway <'$T/add.tsv' | prof-diff -c via=rpc,gateway -m t_total - |
	grep -Eq '^cat +64k +warm +[0-9.]+[mu]?s (± [0-9]+%|\[[0-9.]+[mu]?s, [0-9.]+[mu]?s\]) +[0-9.]+[mu]?s (± [0-9]+%|\[[0-9.]+[mu]?s, [0-9.]+[mu]?s\]) +[-+][0-9.]+% +[0-9.]+ +8/8 +0/0 +(faster|slower|~)( +(\[[0-9]\])+)?\$'"

# failed reads are counted as failures, never as samples
printf 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy\n' >"$T/missing"
ipfs-time-cat -q -n 2 -w 0 -t 1s <"$T/missing" >"$T/fail.tsv" 2>/dev/null
check_eq "failed reads: n 0, fail 2" \
	"$(prof-diff -o tsv "$T/fail.tsv" | col_where - metric=t_total n fail | awk '{n += $1; f += $2} END {print n, f}')" "0 2"

check_man_examples "$top/man/prof-diff.1"
