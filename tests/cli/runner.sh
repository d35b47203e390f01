# tests/run itself: its last line counts, it exits non-zero on any failure,
# a test that exits non-zero without a "not ok" is a failure, and the
# summary carries what a failure said (the tail of a CI log is often all
# that is left of a run).
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/tree/tests/cli" "$T/build"
cp "$top/tests/run" "$T/tree/tests/run"
cat >"$T/tree/tests/cli/good.sh" <<'T'
echo "ok - one"
echo "ok - two # SKIP not here"
T
cat >"$T/tree/tests/cli/bad.sh" <<'T'
echo "ok - first"
echo "not ok - the answer"
echo "  want 42"
echo "  got 41"
echo "ok - after"
T
cat >"$T/tree/tests/cli/dies.sh" <<'T'
echo "ok - before dying"
exit 3
T
run() { IPFSPERF_BUILD=$T/build IPFSPERF_TOP= bash "$T/tree/tests/run" "$@" >"$T/out" 2>&1; }

run good; rc=$?
check_eq "all passing: exit 0, the last line counts passes and skips" \
	"$rc $(tail -n 1 "$T/out")" "0 1 passed, 0 failed, 1 skipped"
run; rc=$?
check_eq "a failure and a test that exits 3: exit 1, both counted" \
	"$rc $(tail -n 1 "$T/out")" "1 4 passed, 2 failed, 1 skipped"
check_eq "  the summary names them, with what the failure said" \
	"$(sed -n '/^Failed:$/,/passed/p' "$T/out" | sed '1d;$d')" \
	"$(printf '  %s\n' 'cli/bad: the answer' '      want 42' '      got 41' 'cli/dies: exited 3')"
check_grep "  the whole run is kept in the build's tests.log" "^4 passed, 2 failed, 1 skipped$" "$T/build/tests.log"
check_eq "  and every test's time in tests-took.txt, slowest first" \
	"$(awk '{print $2}' "$T/build/tests-took.txt" | sort | tr '\n' ' ')" "cli/bad cli/dies cli/good "
