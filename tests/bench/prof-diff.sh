# prof-diff: summarizing 1,000,000 timing records, against sort -n of the
# same t_total column in the same run. Wall time and peak RSS, medians of
# BENCH_REPEAT runs. Ratios, not verdicts.
. "$(dirname "$0")/../lib.sh"
N=${BENCH_RECORDS:-1000000}
R=${BENCH_REPEAT:-5}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# measure NAME CMD: append "seconds kilobytes" of one run to $T/NAME
measure() {
	local name=$1; shift
	/usr/bin/time -f '%e %M' -o "$T/one" "$@" >/dev/null 2>&1
	tail -1 "$T/one" >>"$T/$name"
}

# N ipfs-time-cat-like records: 4 sizes x 2 ways, exponential latencies,
# one failure in 997; 20 columns as ipfs-time-cat writes them.
awk -v n="$N" 'BEGIN {
	OFS = "\t"; srand(7); split("1024 65536 262144 1048576", S, " ")
	print "ts", "op", "via", "label", "size", "iter", "access", "warmup", "code", "ok", "cid",
	    "bytes_up", "bytes_down", "t_sched", "t_start", "t_dns", "t_connect", "t_ttfb", "t_total", "error"
	for (i = 0; i < n; i++) {
		s = S[i % 4 + 1]; v = int(i / 4) % 2 ? "gateway" : "rpc"; ok = i % 997 != 996
		t = 0.002 + s / 2e8 - 0.01 * log(1 - rand())
		printf "%.6f\tcat\t%s\t-\t%d\t%d\t%s\t0\t%d\t%d\tQmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco\t0\t%d\t%.6f\t%.6f\t0.000020\t0.000100\t%.6f\t%.6f\t%s\n",
		    1.7e9 + i * 0.01, v, s, int(i / 8), i < 8 ? "cold" : "warm", ok ? 200 : 0, ok,
		    ok ? s : 0, i * 0.01, i * 0.01, t * 0.8, t, ok ? "-" : "timeout"
	}
}' >"$T/big.tsv"
tc=$(head -1 "$T/big.tsv" | tr '\t' '\n' | grep -n '^t_total$' | cut -d: -f1)
cut -f "$tc" "$T/big.tsv" | tail -n +2 >"$T/col.txt"
export LC_ALL=C

for i in $(seq "$R"); do
	measure pd prof-diff "$T/big.tsv"
	measure pd1 prof-diff -m t_total "$T/big.tsv"
	measure cutsort sh -c "cut -f $tc '$T/big.tsv' | sort -n"
	measure sort sort -n "$T/col.txt"
done
pt=$(cut -d' ' -f1 "$T/pd" | median); pm=$(cut -d' ' -f2 "$T/pd" | median)
qt=$(cut -d' ' -f1 "$T/pd1" | median); qm=$(cut -d' ' -f2 "$T/pd1" | median)
ct=$(cut -d' ' -f1 "$T/cutsort" | median); cm=$(cut -d' ' -f2 "$T/cutsort" | median)
st=$(cut -d' ' -f1 "$T/sort" | median); sm=$(cut -d' ' -f2 "$T/sort" | median)
printf 'input: %d records, %d MB of TSV, 16 groups; medians of %d runs\n' \
	"$N" "$(($(stat -c %s "$T/big.tsv") / 1000000))" "$R"
printf 'prof-diff (t_total, mb_per_s): %.2f s, peak RSS %.1f MiB\n' "$pt" "$(echo "$pm / 1024" | bc -l)"
printf 'prof-diff -m t_total:          %.2f s, peak RSS %.1f MiB\n' "$qt" "$(echo "$qm / 1024" | bc -l)"
printf 'cut -f t_total | sort -n:      %.2f s, peak RSS %.1f MiB (the larger process)\n' "$ct" "$(echo "$cm / 1024" | bc -l)"
printf 'sort -n t_total.txt:           %.2f s, peak RSS %.1f MiB\n' "$st" "$(echo "$sm / 1024" | bc -l)"
printf 'ratio prof-diff / (cut | sort -n): time %.2f, RSS %.2f; prof-diff -m t_total / sort -n column: time %.2f, RSS %.2f\n' \
	"$(echo "$pt / $ct" | bc -l)" "$(echo "$pm / $cm" | bc -l)" "$(echo "$qt / $st" | bc -l)" "$(echo "$qm / $sm" | bc -l)"
