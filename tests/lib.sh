# tests/lib.sh: helpers for shell tests; source it, then call the checks.
# Every check prints one TAP line: "ok - name" or "not ok - name".
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/ipfsperf-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
top=${IPFSPERF_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export PATH="$top/build/bin:$top/scripts:$PATH"

ok() { echo "ok - $1"; }
notok() {
	echo "not ok - $1"
	shift
	[ $# -gt 0 ] && printf '  %s\n' "$@"
	return 0
}

# check NAME CMD...: the command exits 0.
check() {
	local name=$1; shift
	if "$@" >"$T/out" 2>"$T/err"; then ok "$name"; else
		notok "$name" "exit $?: $*" "$(tail -n 5 "$T/err")"; fi
}

# check_exit NAME STATUS CMD...: the command exits with STATUS.
check_exit() {
	local name=$1 want=$2 rc; shift 2
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$name"; else
		notok "$name" "exit $rc, wanted $want: $*" "$(tail -n 5 "$T/err")"; fi
}

# check_sh NAME 'shell pipeline': the pipeline (run by bash -o pipefail) exits 0.
check_sh() {
	local name=$1 rc
	bash -o pipefail -c "$2" >"$T/out" 2>"$T/err"; rc=$?
	if [ $rc -eq 0 ]; then ok "$name"; else
		notok "$name" "exit $rc: $2" "$(tail -n 5 "$T/err")"; fi
}

# check_eq NAME GOT WANT
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else notok "$1" "got:  $2" "want: $3"; fi
}

# check_grep NAME REGEX FILE
check_grep() {
	if grep -Eq -- "$2" "$3"; then ok "$1"; else
		notok "$1" "no line matching /$2/ in $3:" "$(head -n 5 "$3")"; fi
}

# col FILE NAME: print column NAME of a TSV record file (header by name).
col() {
	awk -F'\t' -v c="$2" '/^#/ {next} !h {for (i = 1; i <= NF; i++) if ($i == c) k = i; h = 1; next} {print $k}' "$1"
}

# man_examples PAGE: print the EXAMPLES code blocks (.Bd -literal ... .Ed)
# of an mdoc page, mdoc escapes undone, each block ended by a NUL byte.
man_examples() {
	awk '/^\.Sh / {ex = ($2 == "EXAMPLES")} 
	     ex && /^\.Bd -literal/ {inb = 1; next}
	     ex && /^\.Ed/ {if (inb) printf "%c", 0; inb = 0; next}
	     inb {gsub(/\\e/, "\\"); gsub(/\\\(aq/, "'"'"'"); print}' "$1"
}

# check_man_examples PAGE: run every EXAMPLES block of PAGE under bash -e
# -o pipefail in a scratch directory; each must exit 0.
check_man_examples() {
	local page=$1 n=0 block
	while IFS= read -r -d '' block; do
		n=$((n + 1))
		(cd "$T" && check_sh "$(basename "$page") example $n" "set -e
$block")
	done < <(man_examples "$page")
	[ $n -gt 0 ] || notok "$(basename "$page") has EXAMPLES"
}

# faultd_start: start the fault-injecting mock server (tests/mock/faultd.js)
# and set FAULTD to its base URL; it is stopped when the test exits.
faultd_start() {
	node "$top/tests/mock/faultd.js" >"$T/faultd.port" 2>"$T/faultd.err" &
	FAULTD_PID=$!
	local i
	for i in $(seq 1 50); do
		[ -s "$T/faultd.port" ] && break
		sleep 0.1
	done
	FAULTD="http://127.0.0.1:$(cat "$T/faultd.port")"
	trap 'kill $FAULTD_PID 2>/dev/null; rm -rf "$T"' EXIT
}
