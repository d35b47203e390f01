# The timing tools' progress line on a terminal: there within the first
# tenth of a second, before any request completes; requests of the total,
# rate, elapsed time and ETA; no escape sequences with TERM=dumb; nothing
# with -q or when stderr is not a terminal. A fault server holds the
# request open, so the line must come before its reply.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
faultd_start
tty() { script -qec "$1" /dev/null | tr '\r' '\n'; }
tty "ipfs-time-cat -n 1 -w 0 -t 2s --api $FAULTD/stall --call version >/dev/null" >stall.out
check_grep "a progress line before the stalled request ends" \
	"^ipfs-time-cat: requests 0 of 1 \(0%\), .*elapsed 0:0[0-9], ETA .*, 0 failed" stall.out
TERM=dumb tty "ipfs-time-cat -n 20 -w 0 --api $FAULTD/ok --call version >/dev/null" >dumb.out
check_eq "TERM=dumb: no escape byte" "$(grep -c "$(printf '\033')" dumb.out)" 0
check_grep "TERM=dumb: the line is there" "requests [0-9]+ of 20" dumb.out
tty "ipfs-time-cat -q -n 2 -w 0 --api $FAULTD/ok --call version >/dev/null" >quiet.out
check_eq "-q: nothing on the terminal" "$(tr -d ' \n' <quiet.out)" ""
ipfs-time-cat -n 2 -w 0 --api "$FAULTD/ok" --call version 2>notty.err >/dev/null
check_eq "stderr not a terminal: no progress line" "$(grep -c 'requests [0-9]* of' notty.err)" 0
