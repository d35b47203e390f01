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

# node tests: two workers, each with a node of its own (a stand-in
# ipfsd.sh here: node N's API is its worker's number); every test runs
# once, the reports come in name order whatever ends first; a failing
# node test brings its node's last log lines; a worker whose node does not
# start is a failure, and the other worker runs every test
mkdir -p "$T/tree/tests/node"
cat >"$T/tree/tests/node/ipfsd.sh" <<'T'
ipfsd_start() {
	[ -e "$FAKE/down" ] && mkdir "$FAKE/down.taken" 2>/dev/null && return 1
	mkdir "$FAKE/n.1" 2>/dev/null && IPFS_API=1 || { mkdir "$FAKE/n.2" && IPFS_API=2; }
	export IPFS_API
}
ipfsd_stop() { echo "$IPFS_API" >>"$FAKE/stopped"; }
ipfsd_log_tail() { echo "  the log of node $IPFS_API"; }
T
for n in a b c d; do
	cat >"$T/tree/tests/node/$n.sh" <<T
echo "$n \$IPFS_API" >>"\$FAKE/ran"
[ $n = a ] && [ -e "\$FAKE/hold" ] && until [ "\$(wc -l <"\$FAKE/ran")" -ge 4 ]; do sleep 0.1; done
[ $n = c ] && { echo "not ok - c failed"; exit 0; }
echo "ok - $n"
T
done
rm -f "$T/tree/tests/cli/"*.sh
mkdir -p "$T/fake" && : >"$T/fake/hold"
FAKE=$T/fake TESTS_JOBS=2 run node/; rc=$?
check_eq "2 workers: exit 1 (c failed), the last line counts" "$rc $(tail -n 1 "$T/out")" "1 3 passed, 1 failed"
check_eq "  every test ran once" "$(cut -d' ' -f1 "$T/fake/ran" | sort | tr '\n' ' ')" "a b c d "
check_eq "  on both nodes (a held one worker until the rest were done)" "$(cut -d' ' -f2 "$T/fake/ran" | sort -u | tr '\n' ' ')" "1 2 "
check_eq "  reports in name order" "$(grep -o '^node/[a-d]' "$T/out" | uniq | tr '\n' ' ')" "node/a node/b node/c node/d "
check_grep "  c's failure with the end of its node's log" "^  the log of node [12]$" "$T/out"
check_eq "  both nodes stopped" "$(sort "$T/fake/stopped" | tr '\n' ' ')" "1 2 "
rm -rf "$T/fake" && mkdir -p "$T/fake" && : >"$T/fake/down"
FAKE=$T/fake TESTS_JOBS=2 run node/; rc=$?
check_eq "a node that does not start: a failure; the other worker runs all 4" \
	"$rc $(tail -n 1 "$T/out") $(wc -l <"$T/fake/ran")" "1 3 passed, 2 failed 4"
check_grep "  and it is named" "^node: not ok - the js-ipfs test node of worker [12] did not start" "$T/out"
