# An interrupted ipfs-optimize, at each of its phases: before the apply
# (tune-conf working out the patch), during tune-conf --apply (before it
# sets a key, and once the node holds the change), while it profiles the
# rounds with the change (b1), during the revert for the round a2 (the
# revert runs to its end), in the round a2, and while it compares; and
# ipfs-optimize --revert BACKUP interrupted (its revert runs to its end). Each signal (SIGTERM, SIGINT, SIGHUP) leaves
# config/show byte for byte as before, no process of the run alive (its
# own process group and its step's, found by group id), the state file
# removed, and the exit status 128+N. A revert that fails keeps the state
# file and says so (exit 1); SIGKILL leaves the change and the state file,
# the watchdog ends the step's group, and a later run refuses (exit 1)
# until ipfs-optimize --revert BACKUP. No wait is a sleep: a hook program
# standing in for the step's tool writes a marker and blocks on a fifo, so
# the signal comes while that step runs; the test waits for the marker.
# The node is shared: its config is put back at the end.
. "$(dirname "$0")/../lib.sh"
data=$top/tests/data/compare
build=${IPFSPERF_BUILD:-$top/build}
export IPFSPERF_STATE_DIR=$T/state
show() { curl -sf -X POST "$IPFS_API/api/v0/config/show"; }
replace() { curl -sf -X POST -F "file=@$1" "$IPFS_API/api/v0/config/replace" >/dev/null; }
show >"$T/orig.json" || { notok "config/show answers"; exit 1; }
opid= hpgs=
cleanup() {
	[ -n "$opid" ] && kill -KILL -- "-$opid" 2>/dev/null
	for g in $hpgs; do kill -KILL -- "-$g" 2>/dev/null; done
	replace "$T/orig.json"; rm -rf "$T"
}
trap cleanup EXIT
cd "$T" || exit 1
same() { show | cmp -s - "$T/orig.json" && echo same || echo changed; }
statef() { ls "$IPFSPERF_STATE_DIR"/optimize-*.json 2>/dev/null; }
# live PGID: the processes of group PGID that are not zombies (this
# machine's init may never reap an orphan)
live() { ps -e -o pgid= -o pid= -o stat= -o args= | awk -v g="$1" '$1 == g && $3 !~ /^Z/'; }
group_gone() { [ -z "$(live "$1")" ]; }

# --- the tools in a folder of their own: ipfs-optimize (a link to the
# script) runs the tools beside it, so that a hook there stands in for a step
bin=$T/bin
mkdir "$bin" && mkfifo "$T/go" || exit 1
for f in "$build"/bin/*; do ln -s "$f" "$bin/"; done
for f in ipfs-optimize ipfs-profile ipfs-compare ipfs-plot lib; do ln -sf "$top/scripts/$f" "$bin/$f"; done
# hook TOOL REAL: $bin/TOOL runs REAL, except on its first call with
# $HOOK_ARG among its arguments (any, when empty) while $HOOK_TOOL is TOOL: then it writes
# "PID PGID" to $T/at and blocks on the fifo $T/go, before REAL runs or
# (HOOK_WHEN=after) after it. With FAIL_REVERT set, tune-conf --revert fails.
hook() {
	rm -f "$bin/$1"
	cat >"$bin/$1" <<EOF
#!/bin/sh
case " \$* " in *" --revert "*) [ "$1" = tune-conf ] && [ -n "\${FAIL_REVERT:-}" ] &&
	{ echo "$1: the node refused it (the test's hook)" >&2; exit 1; } ;; esac
hit=
[ "\${HOOK_TOOL:-}" = "$1" ] && { [ -z "\${HOOK_ARG:-}" ] ||
	case " \$* " in *" \$HOOK_ARG "*) true ;; *) false ;; esac; } && mkdir "$T/hooked" 2>/dev/null && hit=1
[ -n "\$hit" ] || exec "$2" "\$@"
rc=
[ "\${HOOK_WHEN:-}" = after ] && { "$2" "\$@"; rc=\$?; }
echo "\$\$ \$(ps -o pgid= -p \$\$ | tr -d ' ')" >"$T/at.new" && mv "$T/at.new" "$T/at"
read -r _ <"$T/go"
[ -n "\$rc" ] && exit \$rc
exec "$2" "\$@"
EOF
	chmod +x "$bin/$1"
}
hook tune-conf "$build/bin/tune-conf"
ln -sf "$top/scripts/ipfs-profile" "$bin/.ipfs-profile"	# in $bin: it runs the hooks beside it
hook ipfs-profile "$bin/.ipfs-profile"
ln -sf "$top/scripts/ipfs-compare" "$bin/.ipfs-compare"
hook ipfs-compare "$bin/.ipfs-compare"
# release: the hook goes on (a hook that is gone, as it must not be, is
# said rather than waited for without end)
release() { timeout 120 sh -c 'echo go >"$1"' release "$T/go" || notok "the hook was still there to go on"; }

# ipfs-optimize is started with SIGHUP, SIGINT and SIGTERM at their
# defaults: a shell cannot trap a signal that was ignored when it started
# (under nohup, SIGHUP is), and this test is about the traps. env execs
# it: $! is ipfs-optimize's pid
# start DIR TOOL ARG [after]: ipfs-optimize --apply into DIR, in a process
# group of its own (job control: SIGINT is not ignored), until the hook of
# TOOL (called with ARG) is reached; its group in hpg
start() {
	rm -rf "$T/hooked" "$T/at"
	set -m
	HOOK_TOOL=$2 HOOK_ARG=$3 HOOK_WHEN=${4:-} env --default-signal=HUP,INT,TERM "$bin/ipfs-optimize" -q --profile-results "$data/sweep.tsv" \
		--apply -n 1 --no-plots --output-dir "$1" >"$1.out" 2>"$1.err" &
	opid=$!
	set +m
	wait_for "ipfs-optimize to reach $2 $3" reached || { cat "$1.err"; exit 1; }
	[ -s "$T/at" ] || { notok "ipfs-optimize reached $2 $3" "$(cat "$1.err")"; exit 1; }
	read -r _ hpg <"$T/at"
	hpgs="$hpgs $hpg"
}
reached() { [ -s "$T/at" ] || exited; }
# exited: ipfs-optimize has ended (a zombie until waited for)
exited() { case $(ps -o stat= -p "$opid") in '' | Z*) true ;; *) false ;; esac; }
# names_group: the state file names the step's group (written once the
# step is started, so perhaps after the hook is reached)
names_group() { [ "$(jq -r .child "$(statef)")" = "$hpg" ]; }
# stop SIG: SIG to ipfs-optimize alone, waited for: its status in rc, the
# time it took to exit in ms (a figure for the log, not a check)
stop() {
	local t0
	t0=$(date +%s%N)
	kill -"$1" "$opid"
	WAIT_SECONDS=30 wait_for "ipfs-optimize to end on SIG$1" exited || kill -KILL -- "-$opid"
	wait "$opid"; rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	echo "# SIG$1 $phase: ipfs-optimize exited after $ms ms"
}
# waited: ipfs-optimize, signalled already, waited for: its status in rc
waited() {
	WAIT_SECONDS=60 wait_for "ipfs-optimize to end" exited || kill -KILL -- "-$opid"
	wait "$opid"; rc=$?
}
# ended DIR: no process of the run left, the state file gone, config/show
# as before
ended() {
	check_eq "  no process of ipfs-optimize's group left" "$(live "$opid")" ""
	WAIT_SECONDS=20 wait_for "the step's process group ($hpg) to end" group_gone "$hpg" &&
		ok "  no process of the step's group left"
	opid=
	check_eq "  config/show byte-identical" "$(same)" same
	check_eq "  the state file removed" "$(statef)" ""
}

# --- before the apply: tune-conf working out the patch
phase="before the apply"
start pre tune-conf --patch
check_eq "$phase: no state file yet" "$(statef)" ""
stop TERM
check_eq "SIGTERM $phase: exit 143" "$rc" 143
check_grep "  said" "^ipfs-optimize: interrupted by SIGTERM: nothing was applied; the node is as it was$" pre.err
check_eq "  nothing applied: no backup" "$([ -e pre/backup.json ] && echo backup || echo none)" none
ended pre

# --- during tune-conf --apply, before it sets a key
phase="during tune-conf --apply, before a key"
start apply1 tune-conf --apply
wait_for "the state file to name the step's group" names_group && ok "$phase: the state file names the step's group"
stop HUP
check_eq "SIGHUP $phase: exit 129" "$rc" 129
check_grep "  said" "^ipfs-optimize: interrupted by SIGHUP before tune-conf had set a key \(no backup\): the node is as it was$" apply1.err
ended apply1

# --- during tune-conf --apply, the node changed (tune-conf not yet ended)
phase="during tune-conf --apply, the node changed"
start apply2 tune-conf --apply after
check_eq "$phase: the change is on the node" "$(show | jq -r .Import.UnixFSChunker)" size-65536
check_eq "  the state: applied, its backup" "$(jq -r '"\(.applied) \(.backup)"' "$(statef)")" "true $T/apply2/backup.json"
stop INT
check_eq "SIGINT $phase: exit 130" "$rc" 130
check_grep "  said" "^ipfs-optimize: reverted: interrupted by SIGINT$" apply2.err
ended apply2

# --- while it profiles the round b1 (with the change), and compares
for sig in TERM:143 HUP:129; do
	phase="in the round b1"
	start "prof-${sig%:*}" ipfs-profile "$T/prof-${sig%:*}/b1"
	check_eq "SIG${sig%:*} $phase: the step's group is ipfs-profile's" "$(ps -o args= -p "$hpg" | grep -c ipfs-profile)" 1
	wait_for "the state file to name the step's group" names_group && ok "  the state file names it"
	stop "${sig%:*}"
	check_eq "SIG${sig%:*} $phase: exit ${sig#*:}" "$rc" "${sig#*:}"
	check_grep "  said" "^ipfs-optimize: reverted: interrupted by SIG${sig%:*}$" "prof-${sig%:*}.err"
	ended "prof-${sig%:*}"
done
phase="while it compares"
start cmp ipfs-compare ""
stop TERM
check_eq "SIGTERM $phase: exit 143" "$rc" 143
check_grep "  said: the change was off the node already" "^ipfs-optimize: interrupted by SIGTERM: the change was reverted after its rounds \(b1, b2\); the node is as it was$" cmp.err
ended cmp

# --- a revert that fails: the state file kept, and said; exit 1
# --- during the revert for the round a2: the revert runs to its end
phase="during the revert for the round a2"
start mid tune-conf --revert
check_eq "$phase: the change on the node" "$(show | jq -r .Import.UnixFSChunker)" size-65536
kill -INT "$opid"
wait_for "ipfs-optimize to say the revert runs to its end" grep -q "^ipfs-optimize: interrupted by SIGINT while reverting: the revert runs to its end$" mid.err &&
	ok "SIGINT $phase: said, the revert going on"
release
waited
check_eq "SIGINT $phase: exit 130" "$rc" 130
check_grep "  the revert ended, said" "^ipfs-optimize: reverted: interrupted by SIGINT during the revert for the round a2$" mid.err
ended mid

# --- in the round a2 (the change reverted): nothing to undo
phase="in the round a2"
start a2run ipfs-profile "$T/a2run/a2"
check_eq "$phase: the change is off the node" "$(same)" same
stop TERM
check_eq "SIGTERM $phase: exit 143" "$rc" 143
check_grep "  said" "^ipfs-optimize: interrupted by SIGTERM: the change was reverted after its rounds \(b1, b2\); the node is as it was$" a2run.err
ended a2run

phase="in the round b1, the revert failing"
FAIL_REVERT=1 start fail ipfs-profile "$T/fail/b1"
stop TERM
check_eq "SIGTERM $phase: exit 1" "$rc" 1
check_grep "  said, naming the backup and the state file" \
	"^ipfs-optimize: revert failed \(interrupted by SIGTERM\): the node still holds the change; undo it with ipfs-optimize --revert $T/fail/backup.json \(the state file $(statef) is kept until then" fail.err
check_eq "  the state file kept" "$([ -n "$(statef)" ] && echo kept)" kept
check_eq "  the change still on the node" "$(show | jq -r .Import.UnixFSChunker)" size-65536
opid=
ipfs-optimize -q --revert fail/backup.json >/dev/null 2>rev.err; rc=$?
check_eq "ipfs-optimize --revert BACKUP: exit 0" "$rc" 0
check_eq "  config/show byte-identical" "$(same)" same
check_eq "  the state file removed" "$(statef)" ""

# --- SIGKILL while it profiles again: the change stays, the watchdog ends
# the step's group, and a later run refuses until --revert
phase="in the round b1 (SIGKILL)"
start k ipfs-profile "$T/k/b1"
kill -KILL "$opid"; wait "$opid" 2>/dev/null
WAIT_SECONDS=20 wait_for "the step's group to end" group_gone "$hpg" && ok "SIGKILL: the watchdog ends the step's group"
opid=
check_eq "  the change left on the node" "$(show | jq -r .Import.UnixFSChunker)" size-65536
check_eq "  the state file left" "$([ -n "$(statef)" ] && echo left)" left
ipfs-optimize -q --profile-results "$data/sweep.tsv" >dry.out 2>dry.err; rc=$?
check_eq "a later dry run: exit 1" "$rc" 1
check_grep "  names the unfinished run, its backup and the revert" \
	"unfinished ipfs-optimize .* its backup is $T/k/backup.json; undo it with ipfs-optimize --revert $T/k/backup.json" dry.err
ipfs-optimize -q --profile-results "$data/sweep.tsv" --apply -n 1 --no-plots --output-dir k2 >/dev/null 2>k2.err; rc=$?
check_eq "a later --apply: exit 1, nothing applied" "$rc $([ -e k2/backup.json ] && echo applied || echo none)" "1 none"
# --- ipfs-optimize --revert BACKUP interrupted: its revert runs to its end
phase="during ipfs-optimize --revert BACKUP"
rm -rf "$T/hooked" "$T/at"
set -m
HOOK_TOOL=tune-conf HOOK_ARG=--revert env --default-signal=HUP,INT,TERM "$bin/ipfs-optimize" -q --revert k/backup.json >rev.out 2>rev.err &
opid=$!
set +m
wait_for "ipfs-optimize --revert to reach tune-conf --revert" reached && [ -s "$T/at" ] ||
	{ notok "ipfs-optimize --revert reached tune-conf --revert" "$(cat rev.err)"; exit 1; }
read -r _ hpg <"$T/at"
hpgs="$hpgs $hpg"
kill -TERM "$opid"
wait_for "ipfs-optimize --revert to say its revert runs to its end" grep -q "^ipfs-optimize: interrupted by SIGTERM while reverting: the revert runs to its end$" rev.err &&
	ok "SIGTERM $phase: said, the revert going on"
release
waited
check_eq "SIGTERM $phase: exit 143" "$rc" 143
check_grep "  the revert ended, said" "^ipfs-optimize: .*: reverted by hand \(interrupted by SIGTERM\): Import\.UnixFSChunker restored from k/backup.json and read back$" rev.err
ended k
check "  a dry run goes on again" ipfs-optimize -q --profile-results "$data/sweep.tsv"
