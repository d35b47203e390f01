# static builds: stripped sizes (targets: cache-sim and prof-diff under
# 150 KiB, the HTTP tools under 1 MiB without TLS) and the start-up time of
# --version against the dynamic build, medians of BENCH_REPEAT runs of
# BENCH_LOOPS starts each, in the same run. Ratios, not verdicts.
. "$(dirname "$0")/../lib.sh"
R=${BENCH_REPEAT:-5} L=${BENCH_LOOPS:-200}
make -s -C "$top" static >/dev/null || { echo "static: make static failed"; exit 1; }
S=$top/build/static/bin D=$top/build/bin
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# starts BIN: seconds for L starts of BIN --version, median of R
starts() {
	for _ in $(seq "$R"); do
		/usr/bin/time -f %e -o "$T/t" sh -c 'i=0; while [ $i -lt '"$L"' ]; do "$1" --version >/dev/null; i=$((i + 1)); done' _ "$1"
		cat "$T/t"
	done | median
}
printf '%-14s %10s %10s %8s %12s %12s %8s\n' tool static_KiB dyn_KiB target start_us dyn_start_us ratio
for t in $(cd "$top/cmd" && ls *.c | sed 's/\.c$//'); do
	case $t in cache-sim|prof-diff) target=150 ;; *) target=1024 ;; esac
	strip -o "$T/d.$t" "$D/$t"
	s=$(starts "$S/$t") d=$(starts "$D/$t")
	awk -v t=$t -v ss="$(stat -c %s "$S/$t")" -v ds="$(stat -c %s "$T/d.$t")" -v tg=$target -v s="$s" -v d="$d" -v l="$L" \
		'BEGIN {printf "%-14s %10.1f %10.1f %8d %12.0f %12.0f %8.3f\n", t, ss / 1024, ds / 1024, tg, s / l * 1e6, d / l * 1e6, s / d}'
done
echo "(dyn_KiB: the dynamic build stripped, without its shared libraries; ratio: static start-up / dynamic)"
