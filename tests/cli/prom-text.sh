# scripts/lib/report.sh's Prometheus textfile (ipfs-profile --prom): label
# values escaped once, as the text exposition format says (backslash \\,
# double quote \", newline \n), from the TSV-escaped history rows (issue 21: 9).
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
prog=prom-text-test started=1700000000 dir=$T work=$T
# shellcheck source=scripts/lib/report.sh
. "$top/scripts/lib/report.sh"

# labels x"y\z and a<newline>b\n, as a TSV record holds them (\\ and \n)
{
	printf 'op\tvia\tlabel\tsize\taccess\tok\tt_total\n'
	for t in 0.010 0.011 0.012; do
		printf 'cat\trpc\t%s\t1024\twarm\t1\t%s\n' 'x"y\\z' "$t" 'a\nb\\n' "$t"
	done
} >recs.tsv
history_rows recs.tsv >rows.tsv
check_eq "history rows from the records, one per label" "$(wc -l <rows.tsv)" 2
prom_text rows.tsv >node.prom
check_eq "prom_text: two request samples, no raw newline inside one" \
	"$(grep -c '^ipfsperf_requests{' node.prom)" 2
check_grep "the label x\"y\\z is x\\\"y\\\\z, escaped once" \
	'^ipfsperf_requests\{label="x\\"y\\\\z",op="cat",via="rpc",size="1024",access="warm"\} 3$' node.prom
check_grep "a newline is \\n, a backslash and n \\\\n" \
	'^ipfsperf_requests\{label="a\\nb\\\\n",op="cat",via="rpc",size="1024",access="warm"\} 3$' node.prom
if command -v promtool >/dev/null 2>&1; then
	check_sh "promtool check metrics accepts it" "promtool check metrics <'$T/node.prom'"
else
	ok "promtool check metrics accepts it # SKIP no promtool"
fi
