# make static builds all six tools as static musl executables that run
# alone, in an empty root, and print what the dynamic builds print.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/static.inc"
check "make static" make -s -C "$top" static
check_eq "build/static/bin holds the tools alone, no .d files (the README copies bin/*)" \
	"$(cd "$S" && ls | tr '\n' ' ')" "$(printf '%s ' $static_tools)"
for t in $static_tools; do
	check_eq "$t: no interpreter, no dynamic section" \
		"$(readelf -lW "$S/$t" | grep -c INTERP) $(readelf -d "$S/$t" | grep -c '(NEEDED)\|Dynamic section')" "0 0"
	check_eq "$t --version in an empty root" "$(in_root $t --version)" "$t ipfsperf $(sed -n 's/.*IPFSPERF_VERSION "\(.*\)"/\1/p' "$top/lib/base/version.h")"
done
check_eq "a second make static only links" "$(make -C "$top" static 2>&1 | grep -c 'building\|fetching')" 0

mkdir -p "$T/root.in"
cp "$top/tests/data/old.tsv" "$top/tests/data/new.tsv" "$T/root.in/"
in_root prof-diff old.tsv new.tsv >"$T/pd.s"
(cd "$T/root.in" && prof-diff old.tsv new.tsv) >"$T/pd.d"
check "prof-diff in an empty root prints what prof-diff prints" cmp "$T/pd.s" "$T/pd.d"
in_root cache-sim -q --pattern zipf:1 -N 1000 -n 20000 -p lru,arc,s3fifo -s 10,100 >"$T/s.tsv"
cache-sim -q --pattern zipf:1 -N 1000 -n 20000 -p lru,arc,s3fifo -s 10,100 >"$T/d.tsv"
check_eq "cache-sim in an empty root: the same rows (times aside)" \
	"$(without "$T/s.tsv" elapsed_s mreq_per_s)" "$(without "$T/d.tsv" elapsed_s mreq_per_s)"
check_eq "  and six of them" "$(col "$T/s.tsv" policy | wc -l)" 6
head -c 3000000 /dev/urandom >"$T/root.in/f"
check_eq "chunk-put --only-hash in an empty root: the dynamic build's CID" \
	"$(in_root chunk-put --only-hash f)" "$(chunk-put --only-hash "$T/root.in/f")"
check_eq "ipfs-time-add --only-hash payloads: the same CIDs" \
	"$(in_root ipfs-time-add -q -n 2 -w 0 --seed 7 --only-hash --api http://127.0.0.1:1 2>/dev/null | col - ok)" \
	"$(ipfs-time-add -q -n 2 -w 0 --seed 7 --only-hash --api http://127.0.0.1:1 2>/dev/null | col - ok)"
