# needs: node
# chunk-put: hashing throughput against openssl, upload against the node's
# own add, retrieval against cat, and peak memory. Ratios, not verdicts.
# BENCH_HASH (1G), BENCH_UPLOAD (256M) and BENCH_REPEAT (3) scale it.
. "$(dirname "$0")/../lib.sh"
H=${BENCH_HASH:-1G}
U=${BENCH_UPLOAD:-256M}
R=${BENCH_REPEAT:-3}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
wall() {	# wall seconds of a command; a failure is reported, not timed
	local t0 t1
	t0=$(date +%s.%N)
	if ! "$@" >/dev/null 2>"$T/wall.err"; then
		echo "bench: failed: $*: $(tail -n 1 "$T/wall.err")" >&2
		echo nan
		return
	fi
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l
}
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }	# KiB
mib() { echo "$1 / 1024" | bc -l; }
bytes() { numfmt --from=iec "$1"; }
node_add() {
	curl -sf -X POST -F "file=@$1;type=application/octet-stream" \
		"$IPFS_API/api/v0/add?pin=false" | jq -e -r .Hash
}
node_cat() { curl -sf -X POST "$IPFS_API/api/v0/cat?arg=$1" -o /dev/null; }

# 1. --only-hash against openssl dgst -sha256 on the same file (in the
# page cache for both: the first read is not timed).
head -c "$H" /dev/urandom >"$T/h"
cat "$T/h" >/dev/null
for i in $(seq "$R"); do
	wall openssl dgst -sha256 "$T/h" >>"$T/ossl.t"
	wall chunk-put --only-hash "$T/h" >>"$T/oh.t"
done
o=$(median <"$T/ossl.t"); c=$(median <"$T/oh.t")
n=$(bytes "$H")
printf 'hash: %s, median of %d: openssl %.3f s (%.0f MB/s), chunk-put --only-hash %.3f s (%.0f MB/s, %s), throughput ratio %.3f (target >= 0.8)\n' \
	"$H" "$R" "$o" "$(echo "$n / $o / 1000000" | bc -l)" "$c" "$(echo "$n / $c / 1000000" | bc -l)" \
	"$(chunk-put -v --only-hash /dev/null | sed -n 's/^# sha256 //p')" \
	"$(echo "$o / $c" | bc -l)"
p=$(IPFSPERF_SHA256=portable wall chunk-put --only-hash "$T/h")
printf 'hash: portable SHA-256 (IPFSPERF_SHA256=portable), one run: %.3f s (%.0f MB/s)\n' \
	"$p" "$(echo "$n / $p / 1000000" | bc -l)"
k=$(rss chunk-put --only-hash "$T/h")
printf 'memory: chunk-put --only-hash %s: peak RSS %.1f MiB (target < 64)\n' "$H" "$(mib "$k")"
rm -f "$T/h"

# 2. Upload of U bytes: the node's /api/v0/add (pin=false, as chunk-put
# without --pin) against chunk-put -P 4 in block and CAR modes. Fresh
# bytes for every upload, so nothing is deduplicated (no repo gc between
# them: js-ipfs 0.66's /api/v0/repo/gc does not return).
# The order rotates: the node slows down as its repo grows.
for i in $(seq "$R"); do
	case $((i % 3)) in
	1) order="add block car" ;;
	2) order="block car add" ;;
	0) order="car add block" ;;
	esac
	for m in $order; do
		head -c "$U" /dev/urandom >"$T/u"
		case $m in
		add) wall node_add "$T/u" ;;
		*) wall chunk-put -q -P 4 -m $m "$T/u" ;;
		esac >>"$T/$m.t"
	done
done
a=$(median <"$T/add.t"); b=$(median <"$T/block.t"); c=$(median <"$T/car.t")
n=$(bytes "$U")
printf 'upload: %s, median of %d: add %.3f s (%.1f MB/s), chunk-put -P 4 block %.3f s (%.1f MB/s), car %.3f s (%.1f MB/s)\n' \
	"$U" "$R" "$a" "$(echo "$n / $a / 1000000" | bc -l)" "$b" "$(echo "$n / $b / 1000000" | bc -l)" \
	"$c" "$(echo "$n / $c / 1000000" | bc -l)"
printf 'upload: speed against add: block %.3f, car %.3f (target: the better >= 1)\n' \
	"$(echo "$a / $b" | bc -l)" "$(echo "$a / $c" | bc -l)"

# 3. Retrieval of one U-byte file: /api/v0/cat against chunk-put -g -P 4
# (every block verified), both to /dev/null.
head -c "$U" /dev/urandom >"$T/u"
root=$(chunk-put -q -m car "$T/u" | col /dev/stdin cid)
for i in $(seq "$R"); do
	wall node_cat "$root" >>"$T/cat.t"
	wall chunk-put -q -P 4 -g "$root" -o /dev/null >>"$T/get.t"
done
a=$(median <"$T/cat.t"); g=$(median <"$T/get.t")
printf 'retrieval: %s, median of %d: cat %.3f s (%.1f MB/s), chunk-put -g -P 4 %.3f s (%.1f MB/s), speed against cat %.3f\n' \
	"$U" "$R" "$a" "$(echo "$n / $a / 1000000" | bc -l)" "$g" "$(echo "$n / $g / 1000000" | bc -l)" \
	"$(echo "$a / $g" | bc -l)"

# 4. Peak memory of uploads and retrieval
for m in block car; do
	k=$(rss chunk-put -q -P 4 -m $m "$T/u")
	printf 'memory: chunk-put -P 4 -m %s %s: peak RSS %.1f MiB (target < 64)\n' "$m" "$U" "$(mib "$k")"
done
k=$(rss chunk-put -q -P 4 -g "$root" -o "$T/back")
printf 'memory: chunk-put -g -P 4 -o file, %s: peak RSS %.1f MiB (target < 64)\n' "$U" "$(mib "$k")"
k=$(rss sh -c "chunk-put -q -P 4 -g $root | cat >/dev/null")
printf 'memory: chunk-put -g -P 4 to a pipe, %s: peak RSS %.1f MiB (target < 64)\n' "$U" "$(mib "$k")"
cmp -s "$T/back" "$T/u" || echo "bench: retrieval gave other bytes" >&2
