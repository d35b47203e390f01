# The fuzz targets (tests/fuzz/NAME.c) without libFuzzer: every seed input
# and every kept crash input (tests/fuzz/corpus/NAME, tests/fuzz/regress/NAME)
# goes through its target, built by make units into the build under test
# (with the sanitizers under make check SAN=1); each must return.
. "$(dirname "$0")/../lib.sh"
cd "$top" || exit 1
R=${IPFSPERF_BUILD:-$top/build}/fuzz/replay
n=0
for src in tests/fuzz/*.c; do
	t=$(basename "$src" .c)
	[ "$t" = replay ] && continue
	n=$((n + 1))
	if [ ! -x "$R/$t" ]; then
		notok "fuzz target $t is built" "no $R/$t: run make units"
		continue
	fi
	dirs=$(ls -d "tests/fuzz/corpus/$t" "tests/fuzz/regress/$t" 2>/dev/null)
	if [ -z "$dirs" ]; then
		notok "fuzz target $t has seed inputs" "add tests/fuzz/corpus/$t"
		continue
	fi
	# shellcheck disable=SC2086
	"$R/$t" $dirs >"$T/out" 2>"$T/err"; rc=$?
	if [ $rc -eq 0 ]; then
		ok "fuzz $t: $(cat "$T/out") replayed"
	else
		notok "fuzz $t: every input returns" "exit $rc after $(grep '^replay: ' "$T/err" | tail -n 1)" \
		    "$(grep -v '^replay: ' "$T/err" | grep -E 'ERROR|runtime error|SUMMARY|#[0-9] ' | head -n 12)"
	fi
done
check_eq "every fuzz target replayed" "$([ $n -ge 8 ] && echo yes)" yes
