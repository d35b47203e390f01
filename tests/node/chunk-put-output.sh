# chunk-put against the real node, on a terminal (script(1) gives it a
# pseudo-terminal): progress lines with bytes of the file, rate, elapsed
# and ETA, no escape sequence with TERM=dumb, nothing but errors with -q
# (issue 10, points 11 and 14); the README tour's upload-and-read-back.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1

# on_tty TERM CMD: CMD's output to the terminal under a pseudo-terminal
on_tty() { local term=$1; shift; TERM=$term script -qec "$*" /dev/null; }
esc=$(printf '\033')
bytes='[0-9.]+ (B|KiB|MiB)'
rate="([0-9.]+ (B|KiB|MiB|GiB)/s|-)"
clock='[0-9]+:[0-9]{2}'
# screen FILE: what a terminal shows of FILE: of each line the text after
# its last carriage return (the terminal's own before the newline aside),
# without the erase-line sequence
screen() { sed -e "s/$esc\[K//g" -e 's/\r$//' "$1" | awk -F'\r' '{ print $NF }'; }

head -c 3000000 /dev/urandom >big.iso
want=$(sha256sum <big.iso)

# --- upload ---------------------------------------------------------------------------
on_tty xterm "chunk-put big.iso >up.tsv" >tty.txt
check_eq "upload on a terminal: ok" "$(col up.tsv ok)" 1
check_grep "  progress: bytes hashed of the file's size, rate, elapsed, ETA, blocks stored" \
	"chunk-put: hashed $bytes of 2\\.9 MiB \\([0-9]+%\\), $rate, elapsed $clock, ETA ($clock|-), [0-9]+ blocks stored" tty.txt
on_tty dumb "chunk-put -m car big.iso >up.tsv" >tty.txt
check_grep "TERM=dumb: the progress line" "hashed $bytes of 2\\.9 MiB" tty.txt
check_sh "  no escape byte" "! grep -q '$esc' tty.txt"
on_tty xterm "chunk-put -q big.iso >up.tsv" >tty.txt
check_eq "-q: nothing on the terminal" "$(cat tty.txt)" ""

# --- read back ------------------------------------------------------------------------
cid=$(col up.tsv cid)
on_tty xterm "chunk-put -g $cid -o back.bin >get.tsv" >tty.txt
check_eq "-g on a terminal: the file" "$(sha256sum <back.bin)" "$want"
check_grep "  progress: bytes of the file's size, rate, elapsed, ETA" \
	"chunk-put: $bytes of 2\\.9 MiB \\([0-9]+%\\), $rate, elapsed $clock, ETA ($clock|-), [0-9]+ blocks" tty.txt
on_tty dumb "chunk-put -g $cid -o back.bin >get.tsv" >tty.txt
check_sh "TERM=dumb: no escape byte" "! grep -q '$esc' tty.txt"
on_tty xterm "chunk-put -q -g $cid | sha256sum" >tty.txt
check_eq "-q -g | sha256sum on a terminal: the hash and nothing else" \
	"$(tr -d '\r' <tty.txt)" "$want"
chunk-put -q -g "$cid" 2>rec.tsv | sha256sum >sum.txt
check_eq "-q, stderr to a file: the record is kept" "$(col rec.tsv op) $(col rec.tsv ok)" "chunk-get 1"
check_eq "  and the file is whole" "$(cat sum.txt)" "$want"

# --- the README tour, as corrected: $cid set before it is read back ------------------
rm -f big.journal
on_tty xterm "set -e
cid=\$(chunk-put --only-hash big.iso)
chunk-put -q -m car -P 4 --pin --resume big.journal big.iso >tour.tsv
chunk-put -q -g \"\$cid\" | sha256sum" >tty.txt
check_eq "README tour: the read-back hashes as the file" "$(screen tty.txt)" "$want"
check_eq "  the upload stored that root" "$(col tour.tsv ok) $(col tour.tsv cid)" \
	"1 $(chunk-put --only-hash big.iso)"
