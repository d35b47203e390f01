# prof-diff: usage, summaries and comparisons of hand-made and generated
# profiles, checked against values computed by hand (tests/unit/stats.c
# checks the statistics themselves), output formats, notes, errors, exit codes.
. "$(dirname "$0")/../lib.sh"
D=$top/tests/data

# with_cols FILE HEAD PROGRAM: the awk PROGRAM over the records of FILE
# (tab-separated in and out), $k("NAME") being column NAME, found by header
# (a name the header lacks is an error); with HEAD 1 the comments and the
# header are printed as they are, with HEAD 0 left out.
with_cols() {
	awk -F'\t' -v OFS='\t' -v head="$2" '
	function k(name) {
		if (!(name in c)) { print "with_cols: no column " name >"/dev/stderr"; exit 1 }
		return c[name]
	}
	/^#/ { if (head) print; next }
	!h { for (i = 1; i <= NF; i++) c[$i] = i; h = 1; if (head) print; next }
	'"$3" "$1"
}

# get FILE 'col=value ...' COLUMN: COLUMN of the one record matching all col=value.
get() {
	awk -F'\t' -v want="$2" -v c="$3" '
	/^#/ {next}
	!h {for (i = 1; i <= NF; i++) k[$i] = i; h = 1; n = split(want, w, " "); next}
	{ok = 1; for (j = 1; j <= n; j++) {split(w[j], kv, "="); if ($k[kv[1]] != kv[2]) ok = 0}
	 if (ok) {print $k[c]; found++}}
	END {if (found != 1) print "(" found + 0 " matches)"}' "$1"
}

# --- usage
check "-h prints the usage" prof-diff -h
check_grep "usage names the synopsis" '^usage: prof-diff \[-j\] \[-a alpha\] \[-c key' "$T/out"
check_grep "usage ends with the files" ' file \[file\]$' "$T/out"
check "-V" prof-diff -V
check_grep "-V names the tool" '^prof-diff ipfsperf [0-9]' "$T/out"
check_exit "no file is a usage error" 2 prof-diff
check_exit "three files are a usage error" 2 prof-diff "$D/old.tsv" "$D/old.tsv" "$D/old.tsv"
check_exit "unknown option" 2 prof-diff --nope "$D/old.tsv"
check_exit "-c with two files" 2 prof-diff -c via "$D/old.tsv" "$D/new.tsv"
check_exit "--fail-slower without a comparison" 2 prof-diff --fail-slower 5 "$D/old.tsv"
check_exit "bad -o" 2 prof-diff -o xml "$D/old.tsv"
check_exit "bad alpha" 2 prof-diff -a 1.5 "$D/old.tsv"
check_exit "bad --fail-slower" 2 prof-diff --fail-slower ten "$D/old.tsv" "$D/new.tsv"
check_exit "stdin twice" 2 prof-diff - - </dev/null
check_grep "usage errors say how to get help" "Try 'prof-diff --help'" "$T/err"

# --- one profile: cat/rpc t_total is 10..19 ms, step 1 ms
prof-diff -o tsv "$D/old.tsv" >"$T/s.tsv" 2>"$T/err"
check_eq "summary exits 0" "$?" 0
r='metric=t_total op=cat via=rpc'
check_eq "summary n" "$(get "$T/s.tsv" "$r" n)" 10
check_eq "median of 10..19 ms is 14.5 ms" "$(get "$T/s.tsv" "$r" median)" 0.014500
check_eq "95% median interval is x(2)..x(9)" \
	"$(get "$T/s.tsv" "$r" ci_lo) $(get "$T/s.tsv" "$r" ci_hi) $(get "$T/s.tsv" "$r" ci_level)" \
	"0.011000 0.018000 0.9785"
check_eq "p90 and p99 interpolate (R type 7)" \
	"$(get "$T/s.tsv" "$r" p90) $(get "$T/s.tsv" "$r" p99)" "0.018100 0.018910"
# sd: sqrt(82.5 / 9) ms = 3.0277 ms
check_eq "mean and sample sd" "$(get "$T/s.tsv" "$r" mean) $(get "$T/s.tsv" "$r" sd)" "0.014500 0.003028"
check_eq "min max outliers" \
	"$(get "$T/s.tsv" "$r" min) $(get "$T/s.tsv" "$r" max) $(get "$T/s.tsv" "$r" outliers)" \
	"0.010000 0.019000 0"
# mb_per_s: 1048576 B / t; the median of 10 is the mean of the 5th and 6th
check_eq "throughput median in MB/s" \
	"$(get "$T/s.tsv" 'metric=mb_per_s op=cat via=rpc' median)" \
	"$(awk 'BEGIN {printf "%.3f", (1048576/0.014 + 1048576/0.015) / 2 / 1e6}')"
check_eq "no throughput for groups without a size" "$(get "$T/s.tsv" 'metric=mb_per_s op=id' n)" "(0 matches)"
check_eq "3 samples give no interval, with a note" \
	"$(get "$T/s.tsv" 'metric=t_total op=id' ci_lo)|$(get "$T/s.tsv" 'metric=t_total op=id' note)" \
	"-|n < 6: no interval"
check_sh "json input gives the same summary" \
	"diff <(prof-diff -o tsv '$D/old.jsonl') '$T/s.tsv'"
check_sh "stdin gives the same summary" "prof-diff -o tsv - <'$D/old.tsv' | diff - '$T/s.tsv'"
check_sh "-j is JSON Lines with numbers" \
	"prof-diff -j '$D/old.tsv' | jq -e -s 'length == 5 and (map(select(.metric == \"t_total\" and .op == \"cat\" and .via == \"rpc\")) | length == 1 and .[0].median == 0.0145 and .[0].size == 1048576 and .[0].label == null)'"

prof-diff "$D/new.tsv" >"$T/text" 2>"$T/err"
check_grep "text: a title per metric" '^t_total \(seconds\): .*new.tsv$' "$T/text"
check_grep "text: failures counted apart from n" '^cat +gateway +1M +warm +10 +1 +35\.00ms' "$T/text"
check_grep "text: interval shown" '\[31\.50ms, 38\.50ms\]' "$T/text"
check_grep "text: footnote for too few samples" '^\[1\] need >= 6 samples for a 95% confidence interval' "$T/text"
check_grep "text: label column of only '-' is not shown" '^op +via +size +access +n ' "$T/text"
prof-diff -a 0.01 "$D/new.tsv" >"$T/text"
check_grep "-a 0.01 gives 99% intervals" '99% CI' "$T/text"
check_grep "-a 0.01 needs 8 samples" 'need >= 8 samples for a 99% confidence' "$T/text"

# --- two profiles: rpc 10..19 ms -> 20..29 ms; gateway 30..39 -> 30.5..39.5 ms
prof-diff -o tsv "$D/old.tsv" "$D/new.tsv" >"$T/c.tsv" 2>"$T/err"
check_eq "comparison exits 0 without a gate" "$?" 0
r='metric=t_total op=cat via=rpc'
check_eq "separated samples: U = 0, exact p = 2/C(20,10)" \
	"$(get "$T/c.tsv" "$r" u) $(get "$T/c.tsv" "$r" p) $(get "$T/c.tsv" "$r" test)" "0.0 1.082508822446903e-05 exact"
check_eq "delta of medians 14.5 -> 24.5 ms" "$(get "$T/c.tsv" "$r" delta_pct)" 68.9655
check_eq "slower" "$(get "$T/c.tsv" "$r" verdict)" slower
r='metric=t_total op=cat via=gateway'
# U = 0+1+...+9 = 45 pairs; P(U <= 45) by enumeration of the C(20,10) orderings
check_eq "interleaved samples: U = 45, p = 0.7393643508194592" \
	"$(get "$T/c.tsv" "$r" u) $(get "$T/c.tsv" "$r" p)" "45.0 0.7393643508194592"
check_eq "not significant: ~" "$(get "$T/c.tsv" "$r" verdict)" "~"
check_eq "failure counted on its side" \
	"$(get "$T/c.tsv" "$r" fail_old) $(get "$T/c.tsv" "$r" fail_new) $(get "$T/c.tsv" "$r" n_new)" "0 1 10"
check_eq "throughput falls: slower" "$(get "$T/c.tsv" 'metric=mb_per_s op=cat via=rpc' verdict)" slower
check_eq "group only in old is listed" \
	"$(get "$T/c.tsv" 'metric=t_total op=id via=rpc' note)" "old: n < 6: no interval; only in $D/old.tsv"
check_eq "group only in new is listed" \
	"$(get "$T/c.tsv" 'metric=t_total op=version via=rpc' note)" "only in $D/new.tsv; new: n < 6: no interval"

prof-diff -o tsv "$D/new.tsv" "$D/old.tsv" >"$T/r.tsv"
# each row pairs c.tsv's selection with r.tsv's (h columns a side): the
# metric and keys, then delta_pct (column d) and p (column h)
sel='metric op via size access delta_pct p'
check_sh "swapping old and new flips every delta and keeps every p" "
	paste <(col_where '$T/c.tsv' $sel | sort) <(col_where '$T/r.tsv' $sel | sort) | awk -F'\t' '
	{h = NF / 2; d = h - 1}
	\$d == \"-\" {next}
	{n++; for (i = 1; i < d; i++) if (\$i != \$(i + h)) bad++
	 if (\$h != \$(2 * h) || \$d * \$(d + h) >= 0) bad++}
	END {exit !(n == 4 && !bad)}'"
check_eq "swapping: U becomes n1*n2 - U" "$(get "$T/r.tsv" 'metric=t_total op=cat via=gateway' u)" 55.0

prof-diff "$D/old.tsv" "$D/new.tsv" >"$T/text"
check_grep "text: benchstat-like row" '^cat +rpc +1M +warm +14\.50ms ± 24% +24\.50ms ± 14% +\+68\.97% +0\.000 +10/10 +0/0 +slower$' "$T/text"
check_grep "text: ~ when not significant" '^cat +gateway .* \+1\.45% +0\.739 +10/10 +0/1 +~$' "$T/text"
check_grep "text: geomean row" '^geomean +22\.37ms +29\.28ms +\+30\.93%$' "$T/text"
check_grep "text: one-sided group noted" '^\[2\] this group is on one side only' "$T/text"
check_grep "text: no interval shown as infinite" '2\.100ms ± ∞' "$T/text"

check_exit "--fail-slower 10 trips on +69%" 1 prof-diff --fail-slower 10 "$D/old.tsv" "$D/new.tsv"
check_grep "--fail-slower names the group" 'prof-diff: t_total op=cat via=rpc size=1048576 access=warm: .*\+68\.97%, slower' "$T/err"
check_exit "--fail-slower 100 passes" 0 prof-diff --fail-slower 100 "$D/old.tsv" "$D/new.tsv"
check_exit "--fail-slower ignores faster groups" 0 prof-diff --fail-slower 0 "$D/new.tsv" "$D/old.tsv"

# too few samples to reach alpha: 3 vs 3, fully separated (smallest p = 0.1)
with_cols "$D/old.tsv" 1 '$k("iter") < 3' >"$T/o3.tsv"
with_cols "$D/new.tsv" 1 '$k("iter") < 3' >"$T/n3.tsv"
prof-diff -o tsv "$T/o3.tsv" "$T/n3.tsv" >"$T/out"
check_eq "3 vs 3: smallest p is 0.1, so ~" \
	"$(get "$T/out" 'metric=t_total op=cat via=rpc' p) $(get "$T/out" 'metric=t_total op=cat via=rpc' verdict)" "0.1 ~"
check_grep "3 vs 3: note" 'too few samples for alpha 0.05' "$T/out"
prof-diff "$T/o3.tsv" "$T/n3.tsv" >"$T/out"
check_grep "3 vs 3: footnote" 'need >= 4 samples on each side to detect a difference at alpha 0.05' "$T/out"

# --- -c: values of one column inside one file
prof-diff -o tsv -c via "$D/old.tsv" >"$T/v.tsv"
check_eq "-c via: gateway against rpc" \
	"$(get "$T/v.tsv" 'metric=t_total op=cat' old) $(get "$T/v.tsv" 'metric=t_total op=cat' new) $(get "$T/v.tsv" 'metric=t_total op=cat' delta_pct)" \
	"rpc gateway 137.9310"
check_sh "-c via: via is no longer a key" "head -1 '$T/v.tsv' | grep -qv '	via	'"
prof-diff -o tsv -c via=gateway,rpc -m t_total "$D/old.tsv" >"$T/v2.tsv"
check_eq "-c via=gateway,rpc: base first" "$(get "$T/v2.tsv" 'metric=t_total op=cat' old)" gateway
check_exit "-c on a column with one value" 1 prof-diff -c access "$D/old.tsv"
check_grep "-c one value: says so" "only one value \(warm\)" "$T/err"
check_exit "-c value not in the file" 1 prof-diff -c via=rpc,ws "$D/old.tsv"
check_grep "-c missing value named" "no records with via=ws" "$T/err"
# before/after labels in one file compare exactly as the two files do
{ with_cols "$D/old.tsv" 1 '{$k("label") = "before"} 1'
  with_cols "$D/new.tsv" 0 '{$k("label") = "after"} 1'; } >"$T/ba.tsv"
prof-diff -o tsv -c label=before,after "$T/ba.tsv" >"$T/ba.out"
check_sh "-c label=before,after equals comparing the two files" "
	diff <(without '$T/ba.out' old new | grep -v only) <(without '$T/c.tsv' old new | grep -v only)"
check_exit "-c with a gate" 1 prof-diff --fail-slower 50 -c label=before,after "$T/ba.tsv"

# --- -g and -m
prof-diff -o tsv -g op -m t_total,t_ttfb "$D/old.tsv" >"$T/g.tsv"
check_eq "-g op: cat pools rpc and gateway" "$(get "$T/g.tsv" 'metric=t_total op=cat' n)" 20
check_eq "-m t_ttfb: another metric" "$(get "$T/g.tsv" 'metric=t_ttfb op=id' median)" 0.001680
prof-diff -o tsv -g '' "$D/old.tsv" >"$T/g.tsv"
check_eq "-g '': one group" "$(col_where "$T/g.tsv" metric=t_total n)" 23
check_exit "-m missing column" 1 prof-diff -m t_nope "$D/old.tsv"
check_grep "-m missing column named" "old.tsv: no column 't_nope'" "$T/err"
check_exit "-g missing column" 1 prof-diff -g op,nope "$D/old.tsv"
check_grep "-g missing column named" "no column 'nope'" "$T/err"

# --- generated profiles with known distributions (awk, no randomness):
# n = 10001 exponential quantiles x_i = -m ln(1 - (i - 0.5)/n), m = 10 ms:
# median exactly m ln 2, p90 about m ln 10, mean about m
gen() { # gen N SCALE
	awk -v n="$1" -v s="$2" 'BEGIN {
		OFS = "\t"; print "op", "via", "ok", "t_total"
		for (i = 1; i <= n; i++)
			print "cat", "rpc", 1, sprintf("%.6f", -0.01 * s * log(1 - (i - 0.5) / n))
	}'
}
gen 10001 1 >"$T/e1.tsv"
gen 10001 1.05 >"$T/e2.tsv"
prof-diff -o tsv "$T/e1.tsv" >"$T/e1.out"	# (not out: check_sh writes its output there)
check_eq "exponential: median = m ln 2" "$(get "$T/e1.out" 'metric=t_total' median)" 0.006931
check_sh "exponential: p90 near m ln 10, mean near m" "
	col_where '$T/e1.out' metric=t_total p90 mean |
	awk -F'\t' '{n++; if (!(\$1 > 0.02300 && \$1 < 0.02305 && \$2 > 0.00999 && \$2 < 0.01001)) bad++} END {exit !(n == 1 && !bad)}'"
# (the median's 95% interval of n exponential samples is about
# +-1.96 / (ln 2 sqrt n) = +-2.83% for n = 10001: 0.00673 .. 0.00713)
check_sh "exponential: the interval holds m ln 2 and is about +-2.8%" "
	col_where '$T/e1.out' metric=t_total ci_lo ci_hi |
	awk -F'\t' '{n++; if (!(\$1 < 0.006931 && \$2 > 0.006931 && \$1 > 0.00670 && \$1 < 0.00677 && \$2 > 0.00709 && \$2 < 0.00716)) bad++} END {exit !(n == 1 && !bad)}'"
prof-diff -o tsv "$T/e1.tsv" "$T/e2.tsv" >"$T/out"
# (values rounded to microseconds: the medians are 6.931 and 7.278 ms)
check_eq "5% slower, 10001 vs 10001: the normal approximation finds it" \
	"$(get "$T/out" 'metric=t_total' delta_pct) $(get "$T/out" 'metric=t_total' test) $(get "$T/out" 'metric=t_total' verdict)" \
	"5.0065 normal slower"
prof-diff -o tsv "$T/e1.tsv" "$T/e1.tsv" >"$T/out"
check_eq "a profile against itself: p = 1, ~" \
	"$(get "$T/out" 'metric=t_total' p) $(get "$T/out" 'metric=t_total' verdict)" "1 ~"
check_exit "--fail-slower 4 trips on +5%" 1 prof-diff --fail-slower 4 "$T/e1.tsv" "$T/e2.tsv"
check_exit "--fail-slower 6 passes +5%" 0 prof-diff --fail-slower 6 "$T/e1.tsv" "$T/e2.tsv"
# uniform 1..100 ms has no outliers; one 10 s request among them is one
awk 'BEGIN {OFS = "\t"; print "op", "t_total"; for (i = 1; i <= 100; i++) print "cat", i / 1000}' >"$T/u.tsv"
check_eq "uniform: no outliers" "$(get <(prof-diff -o tsv "$T/u.tsv") 'op=cat' outliers)" 0
printf 'cat\t10\n' >>"$T/u.tsv"
check_eq "one 10 s request is an outlier" "$(get <(prof-diff -o tsv "$T/u.tsv") 'op=cat' outliers)" 1
prof-diff "$T/u.tsv" >"$T/out"
check_grep "outlier footnote with a hint" '^\[1\] outliers .*hyperfine.*warm-up' "$T/out"
# warm-up records are not measurements
printf 'op\twarmup\tt_total\ncat\t1\t9\ncat\t0\t1\ncat\t0\t2\n' >"$T/w.tsv"
check_eq "warm-up records are left out" "$(get <(prof-diff -o tsv "$T/w.tsv") 'op=cat' n)" 2

# --- cache-sim results
prof-diff -o tsv "$D/cache-old.tsv" "$D/cache-new.tsv" >"$T/k.tsv"
check_eq "cache: hit ratio difference in percentage points" \
	"$(get "$T/k.tsv" 'metric=hit_ratio policy=lru capacity=67108864' delta_pp)" 3.9000
check_eq "cache: byte hit ratio too" \
	"$(get "$T/k.tsv" 'metric=byte_hit_ratio policy=arc capacity=268435456' delta_pp)" 2.5000
check_eq "cache: policy only in new is listed" \
	"$(get "$T/k.tsv" 'metric=hit_ratio policy=lfu' note)" "only in $D/cache-new.tsv"
prof-diff "$D/cache-old.tsv" "$D/cache-new.tsv" >"$T/out"
check_grep "cache text: pp" '^lru +bytes +64M +41\.20% +45\.10% +\+3\.90pp' "$T/out"
prof-diff -c policy=lru,arc "$D/cache-new.tsv" >"$T/out"
check_grep "cache -c policy: lru against arc per capacity" '^bytes +256M +60\.00% +65\.00% +\+5\.00pp' "$T/out"
check_sh "cache summary" "prof-diff '$D/cache-old.tsv' | grep -Eq '^arc +bytes +256M +1 +63\.00% +52\.50%$'"
check_exit "timing against cache-sim results" 1 prof-diff "$D/old.tsv" "$D/cache-old.tsv"
check_grep "different kinds named" "hold different kinds of records" "$T/err"

# --- bad input (old.tsv has 25 lines)
{ cat "$D/old.tsv"
  printf '1\tcat\trpc\t-\t1048576\t9\twarm\t200\t1\tx\t0\t0\t0\t0\t0\tabc\t-\n'
  printf 'short\tline\n'
  printf '1\tcat\trpc\t-\t1048576\t9\twarm\t200\tmaybe\tx\t0\t0\t0\t0\t0\t0.1\t-\n'; } >"$T/bad.tsv"
check_exit "malformed records: exit 1" 1 prof-diff "$T/bad.tsv"
check_grep "bad number named with file:line" "bad.tsv:26: t_total: not a time \(a non-negative decimal number of seconds\): 'abc'" "$T/err"
check_grep "wrong field count with file:line" "bad.tsv:27: expected 17 tab-separated fields, found 2" "$T/err"
check_grep "bad ok value" "bad.tsv:28: ok: expected 1 or 0, found 'maybe'" "$T/err"
check_grep "malformed records counted" "3 malformed records skipped" "$T/err"
check_grep "the rest is still reported" '^cat +rpc +1M +warm +10 +0 +14\.50ms' "$T/out"
printf '# nothing\n' >"$T/empty.tsv"
check_exit "no records" 1 prof-diff "$T/empty.tsv"
check_grep "no records: said" "empty.tsv: no records" "$T/err"
printf 'a\tb\n1\t2\n' >"$T/other.tsv"
check_exit "neither kind" 1 prof-diff "$T/other.tsv"
check_grep "neither kind: says what is missing" "no column t_total" "$T/err"
check_exit "missing file" 1 prof-diff "$T/nope.tsv"
printf 'op\tt_total\tsize\ncat\t0.1\tbig\n' >"$T/size.tsv"
check_exit "bad size for throughput" 1 prof-diff "$T/size.tsv"
check_grep "bad size named" "size.tsv:2: size: not a number: 'big'" "$T/err"
printf 'op\tok\tt_total\ncat\t1\t-\ncat\t1\t0.5\n' >"$T/miss.tsv"
check_eq "a successful record without a value is counted as missing" \
	"$(get <(prof-diff -o tsv "$T/miss.tsv") 'op=cat' n) $(get <(prof-diff -o tsv "$T/miss.tsv") 'op=cat' missing)" "1 1"

# --- pipes
gen 200000 1 >"$T/big.tsv"
prof-diff -m t_total -g '' "$T/big.tsv" 2>"$T/err" | head -1 >/dev/null
check_eq "| head: nothing on stderr" "$(cat "$T/err")" ""
check_sh "concatenated profiles (a repeated header) are one" "
	cat '$D/old.tsv' '$D/old.tsv' | prof-diff -o tsv - | col_where - metric=t_total op=cat via=rpc n | grep -qx 20"
