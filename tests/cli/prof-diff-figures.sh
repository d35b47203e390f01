# prof-diff: the figures it prints are right whatever the values (issue 21):
# any double in the column's unit, times that are not times refused, p at
# full precision, intervals that are not symmetric, sizes that differ.
. "$(dirname "$0")/../lib.sh"

# rows FILE OP VALUE...: a timing file of op OP with t_total VALUEs
rows() {
	local f=$1 op=$2; shift 2
	printf 'op\tok\tt_total\n' >"$f"
	for v in "$@"; do printf '%s\t1\t%s\n' "$op" "$v" >>"$f"; done
}

# --- 1. any double, in the column's unit
rows "$T/big.tsv" cat 1e40 1e40 1e40 1e70 1e100 1e308
check "huge values: summary exits 0" prof-diff -j "$T/big.tsv"
check_sh "-j: max, mean, sd and min read back as the values" \
	"prof-diff -j '$T/big.tsv' | jq -e 'select(.metric == \"t_total\") |
		.max == 1e308 and .min == 1e40 and .median == 5e69 and
		(.mean / (1e308 / 6 + 1e70 / 6) | . > 0.999999 and . < 1.000001) and
		(.sd > 4.08e307 and .sd < 4.09e307)'"
check_sh "-o tsv: the same numbers" \
	"prof-diff -o tsv '$T/big.tsv' | col_where - metric=t_total max min | grep -qx '1e+308	1e+40'"
prof-diff "$T/big.tsv" >"$T/text" 2>"$T/err"
check_grep "text: 1e40 in seconds" '  1e\+40s  ' "$T/text"
check_grep "text: max 1e308 in seconds" ' 1e\+308s ' "$T/text"
check_grep "text: mean ± sd, neither -" '1\.667e\+307s ± 4\.082e\+307s' "$T/text"
check_sh "text: no run of 16 digits" "! grep -E '[0-9]{16}' '$T/text'"
rows "$T/tiny.tsv" cat 2.5e-16 2.5e-16 2.5e-16
prof-diff "$T/tiny.tsv" >"$T/text" 2>"$T/err"
check_grep "text: 2.5e-16 s in ns, not 0.000ns" '  2\.5e-07ns  ' "$T/text"

# --- 2. a time is a non-negative decimal number, or the line is an error
printf 'op\tok\tt_total\tt_ttfb\n' >"$T/neg.tsv"
printf 'cat\t1\t%s\t0.001\n' 0.010 0.011 0.012 -0.5 0x10 inf +1 1e-3 .5 2. >>"$T/neg.tsv"
printf 'cat\t1\t0.013\t-1\n' >>"$T/neg.tsv"
check_exit "negative, hexadecimal, inf, + times: exit 1" 1 prof-diff -o tsv -m t_total,t_ttfb "$T/neg.tsv"
check_grep "-0.5 named by file:line" "neg\.tsv:5: t_total: not a time \(a non-negative decimal number of seconds\): '-0\.5'" "$T/err"
check_grep "0x10 named by file:line" "neg\.tsv:6: t_total: not a time .*: '0x10'" "$T/err"
check_grep "inf named by file:line" "neg\.tsv:7: t_total: not a time .*: 'inf'" "$T/err"
check_grep "+1 named by file:line" "neg\.tsv:8: t_total: not a time .*: '\+1'" "$T/err"
check_grep "a negative t_ttfb too" "neg\.tsv:12: t_ttfb: not a time .*: '-1'" "$T/err"
check_grep "the others are counted" "5 malformed records skipped" "$T/err"
check_eq "decimals with an exponent or a bare point are read; min is not negative" \
	"$(col_where "$T/out" metric=t_total n min max)" "$(printf '6\t0.001000\t2.000000')"

# --- 3. p at full precision: 15 against 15 disjoint samples, no ties, exact
# test: p = 2 / C(30, 15) = 2 / 155117520 = 1.289e-08
rows "$T/a.tsv" cat $(seq -f '0.0%02g' 10 24)
rows "$T/b.tsv" cat $(seq -f '0.0%02g' 50 64)
check_sh "-j: p is 2 / C(30, 15), not 0" \
	"prof-diff -j '$T/a.tsv' '$T/b.tsv' | jq -e 'select(.metric == \"t_total\") |
		.test == \"exact\" and (.p / (2 / 155117520) - 1 | fabs < 1e-12)'"
check_sh "-o tsv: p is not 0.000000" \
	"prof-diff -o tsv '$T/a.tsv' '$T/b.tsv' | col_where - metric=t_total p | grep -Eqx '1\.289[0-9]*e-08'"

# --- 4. an interval that is not symmetric is shown by both ends
# 9 samples: the 95% interval is x(2)..x(8) = [22.00, 50.71] ms around 24.29
rows "$T/asym.tsv" cat 0.02198 0.022 0.023 0.024 0.02429 0.025 0.03 0.05071 0.06
check_eq "the interval is x(2)..x(8)" \
	"$(prof-diff -o tsv "$T/asym.tsv" | col_where - metric=t_total median ci_lo ci_hi)" \
	"$(printf '0.024290\t0.022000\t0.050710')"
prof-diff "$T/asym.tsv" "$T/asym.tsv" >"$T/text" 2>"$T/err"
check_grep "text: both ends, not ± 109%" '^cat +24\.29ms \[22\.00ms, 50\.71ms\] +24\.29ms \[22\.00ms, 50\.71ms\] ' "$T/text"
check_sh "text: no ± for it" "! grep -q '24\.29ms ±' '$T/text'"
# 10..19 ms: [11, 18] around 14.5, symmetric: still ±
rows "$T/sym.tsv" cat $(seq -f '0.0%02g' 10 19)
prof-diff "$T/sym.tsv" "$T/sym.tsv" >"$T/text" 2>"$T/err"
check_grep "text: a symmetric interval keeps its ±" '^cat +14\.50ms ± 24% +14\.50ms ± 24% ' "$T/text"

# --- 8. sizes that differ print differently; exact multiples of 1024 short
printf 'op\tok\tsize\tt_total\n' >"$T/sizes.tsv"
for s in 262144 262145 262143 1048576 1187906 10240 1000; do
	printf 'cat\t1\t%s\t0.010\n' "$s" >>"$T/sizes.tsv"
done
prof-diff -m t_total "$T/sizes.tsv" >"$T/text" 2>"$T/err"
check_eq "text: each size its own label" \
	"$(awk '$1 == "cat" {print $2}' "$T/text" | tr '\n' ' ')" \
	"1000 10k 262143 256k 262145 1M 1187906 "

# --- 14. --fail-slower that can judge no group fails, with the reason
rows "$T/one-a.tsv" cat 0.010
rows "$T/one-b.tsv" cat 0.500
check_exit "--fail-slower, one sample a side: exit 1" 1 prof-diff --fail-slower 5 "$T/one-a.tsv" "$T/one-b.tsv"
check_grep "  the reason: the gate cannot judge" \
	'one-a\.tsv -> .*one-b\.tsv: no group has enough samples to reach p < 0\.05: --fail-slower cannot judge' "$T/err"
check_grep "  the table is still written" '^cat ' "$T/out"
check_exit "without the gate the same comparison exits 0" 0 prof-diff "$T/one-a.tsv" "$T/one-b.tsv"
rows "$T/three-a.tsv" cat 0.010 0.011 0.012
rows "$T/three-b.tsv" cat 0.010 0.011 0.012
check_exit "--fail-slower, 3 against 3 (p >= 0.1): exit 1" 1 prof-diff --fail-slower 5 "$T/three-a.tsv" "$T/three-b.tsv"
# one group that can be judged is enough: the others are named, no failure
printf 'op\tok\tt_total\n' >"$T/mix-a.tsv"; printf 'op\tok\tt_total\n' >"$T/mix-b.tsv"
for v in 0.010 0.011 0.012 0.013 0.014; do printf 'cat\t1\t%s\nadd\t1\t%s\n' $v $v >>"$T/mix-a.tsv"; printf 'cat\t1\t%s\n' $v >>"$T/mix-b.tsv"; done
printf 'add\t1\t0.010\n' >>"$T/mix-b.tsv"
check_exit "--fail-slower with one judged group and one not: exit 0" 0 prof-diff --fail-slower 5 "$T/mix-a.tsv" "$T/mix-b.tsv"
check_grep "  the unjudged group is named" 'op=add: 5 and 1 samples can never reach' "$T/err"
