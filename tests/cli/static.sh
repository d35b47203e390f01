# make static builds musl binaries of the curl-free tools (build/static/bin) that run on any
# Linux host and print exactly what the regular builds print.
. "$(dirname "$0")/../lib.sh"
check "make static" make -s -C "$top" static
for t in prof-diff cache-sim; do
	[ -f "$top/cmd/$t.c" ] || continue
	bin=$top/build/static/bin/$t
	check_sh "$t is statically linked" "file '$bin' | grep -q 'statically linked'"
done
check_sh "static prof-diff prints what prof-diff prints" \
	"cmp <('$top/build/static/bin/prof-diff' '$top/tests/data/old.tsv' '$top/tests/data/new.tsv') \
	     <(prof-diff '$top/tests/data/old.tsv' '$top/tests/data/new.tsv')"
