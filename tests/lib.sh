# tests/lib.sh: helpers for shell tests; source it, then call the checks.
# Every check prints one TAP line: "ok - name" or "not ok - name".
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/ipfsperf-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
top=${IPFSPERF_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
# the build under test (tests/run sets it), else the source tree's build
export PATH="${IPFSPERF_BUILD:-$top/build}/bin:$top/scripts:$PATH"

ok() { echo "ok - $1"; }
# notok NAME [DETAIL...]: a failure, with the details and the test's own
# source lines that made the check (the first caller outside this file), so
# that a failure can be understood without a rerun.
notok() {
	echo "not ok - $1"
	shift
	[ $# -gt 0 ] && printf '  %s\n' "$@"
	local i src line
	for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
		src=${BASH_SOURCE[$i]} line=${BASH_LINENO[$((i - 1))]}
		[ "$src" = "${BASH_SOURCE[0]}" ] && continue
		case $src in /*) ;; *) src=$top/$src ;; esac
		echo "  at ${src#"$top"/}:$line:"
		[ -f "$src" ] && awk -v l="$line" 'NR >= l && NR <= l + 3 {print "  | " $0; if ($0 !~ /\\$/) exit}' "$src"
		break
	done
	return 0
}

# The checks write the command's output to $T/out and $T/err (so a
# check's own command must not read $T/out: give its input another name).
# check NAME CMD...: the command exits 0.
check() {
	local name=$1; shift
	local rc
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ $rc -eq 0 ]; then ok "$name"; else
		notok "$name" "exit $rc: $*" "$(tail -n 5 "$T/err")"; fi
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

# col_where FILE [FILTER...] COLUMN...: the named columns (tab-separated)
# of the records in FILE ("-" or /dev/stdin for a pipe) whose columns pass
# every FILTER: NAME=VALUE (equal), NAME!=VALUE, NAME~REGEX. Columns are
# found by header name (the first line that is not a comment), never by
# position; a name the header lacks is an error on stderr and exit 1, so a
# test that asks for it fails instead of reading an empty column.
col_where() {
	local f=$1; shift
	awk -F'\t' -v OFS='\t' -v args="$(printf '%s\n' "$@")" -v file="$f" '
	BEGIN {
		n = split(args, a, "\n")
		for (i = 1; i <= n; i++) {
			if (a[i] == "") continue
			if (match(a[i], /!=|=|~/)) {
				nf++; fk[nf] = substr(a[i], 1, RSTART - 1)
				fo[nf] = substr(a[i], RSTART, RLENGTH); fv[nf] = substr(a[i], RSTART + RLENGTH)
			} else { no++; oc[no] = a[i] }
		}
	}
	/^#/ { next }
	!h {
		for (i = 1; i <= NF; i++) if (!($i in c)) c[$i] = i
		for (i = 1; i <= nf; i++) if (!(fk[i] in c)) missing = missing " " fk[i]
		for (i = 1; i <= no; i++) if (!(oc[i] in c)) missing = missing " " oc[i]
		if (missing != "") { printf "col_where: %s: no column%s\n", file, missing > "/dev/stderr"; bad = 1; exit 1 }
		h = 1; next
	}
	{
		for (i = 1; i <= nf; i++) {
			v = $(c[fk[i]])
			if (fo[i] == "=" && v != fv[i]) next
			if (fo[i] == "!=" && v == fv[i]) next
			if (fo[i] == "~" && v !~ fv[i]) next
		}
		line = ""
		for (i = 1; i <= no; i++) line = line (i > 1 ? OFS : "") $(c[oc[i]])
		print line
	}
	END { if (!h && !bad) { printf "col_where: %s: no header\n", file > "/dev/stderr"; exit 1 } }' "$([ "$f" = - ] && echo /dev/stdin || echo "$f")"
}

# col FILE NAME: column NAME of every record of FILE.
col() { col_where "$1" "$2"; }

export -f col_where col

# without FILE COLUMN...: FILE's header and records without the named
# columns (for comparing runs whose timing columns differ).
without() {
	local f=$1; shift
	awk -F'\t' -v OFS='\t' -v drop="$(printf '%s\n' "$@")" '
	BEGIN { n = split(drop, d, "\n"); for (i = 1; i <= n; i++) if (d[i] != "") skip[d[i]] = 1 }
	/^#/ { next }
	!h { for (i = 1; i <= NF; i++) if ($i in skip) gone[i] = 1; h = 1 }
	{ line = ""; s = ""; for (i = 1; i <= NF; i++) if (!(i in gone)) { line = line s $i; s = OFS }; print line }' "$f"
}
export -f without

# png FILE: a PNG image of some substance; svg FILE TEXT...: an SVG whose
# text has each TEXT (axis labels, legend entries, titles).
png() { file -b "$1" | grep -q '^PNG image data' && [ "$(wc -c <"$1")" -gt 3000 ]; }
svg() {
	local f=$1 t; shift
	file -b "$f" | grep -q 'SVG' && grep -q '</svg>' "$f" || { echo "$f: not an SVG" >&2; return 1; }
	for t in "$@"; do grep -qF -- "$t" "$f" || { echo "$f: no text '$t'" >&2; return 1; }; done
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
# -o pipefail in a scratch directory; each must exit 0, and its output must
# hold no "null" outside JSON (a jq filter that read a metadata line or a
# missing key; a JSON line may hold null fields) and no jq error (issue 21:
# 13).
check_man_examples() {
	local page=$1 n=0 block
	while IFS= read -r -d '' block; do
		n=$((n + 1))
		(cd "$T" && check_sh "$(basename "$page") example $n" "set -e
$block")
		if grep -v '^[[:space:]]*[{[]' "$T/out" | grep -qw null || grep -q '^jq: error' "$T/err"; then
			notok "$(basename "$page") example $n: output without null or jq errors" \
			    "$(grep -v '^[[:space:]]*[{[]' "$T/out" | grep -w null | head -n 3)" \
			    "$(grep '^jq: error' "$T/err" | head -n 3)"
		else ok "$(basename "$page") example $n: output without null or jq errors"; fi
	done < <(man_examples "$page")
	[ $n -gt 0 ] || notok "$(basename "$page") has EXAMPLES"
}

# wait_for WHAT CMD...: poll CMD until it succeeds, for up to
# $WAIT_SECONDS (120) seconds: a condition to wait for, never a fixed sleep.
# On time-out, a failure naming WHAT and status 1.
wait_for() {
	local what=$1 end=$((SECONDS + ${WAIT_SECONDS:-120})); shift
	until "$@" 2>/dev/null; do
		if [ $SECONDS -ge $end ]; then
			notok "waited ${WAIT_SECONDS:-120} s for $what"
			return 1
		fi
		sleep 0.05
	done
}

# faultd_start: start the fault-injecting mock server (tests/mock/faultd.js)
# and set FAULTD to its base URL; it is stopped when the test exits.
faultd_start() {
	node "$top/tests/mock/faultd.js" >"$T/faultd.port" 2>"$T/faultd.err" &
	FAULTD_PID=$!
	wait_for "the fault server's port" test -s "$T/faultd.port" || exit 1
	FAULTD="http://127.0.0.1:$(cat "$T/faultd.port")"
	trap 'kill $FAULTD_PID 2>/dev/null; rm -rf "$T"' EXIT
}
