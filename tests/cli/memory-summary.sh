# scripts/lib/memory.sh: the memory summary's operations are the profile's
# records, not its header too (issue 21: 10).
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
# shellcheck source=scripts/lib/memory.sh
. "$top/scripts/lib/memory.sh"

{
	printf '# ipfs-time-cat ipfsperf (comment)\n'
	printf 'op\tok\tt_total\n'
	for i in 1 2 3 4 5; do printf 'cat\t1\t0.01%s\n' "$i"; done
	printf 'op\tok\tt_total\n'	# a second file's header, concatenated
	printf 'add\t1\t0.02\n'
} >profile.tsv
check_eq "6 records are 6 operations: comments and headers are none" "$(memory_ops profile.tsv)" 6
printf 'op\tok\tt_total\n' >empty.tsv
check_eq "a header alone is no operation" "$(memory_ops empty.tsv)" 0
check_eq "no file: 0" "$(memory_ops nothing.tsv)" 0
# rss 1000 then 7000 bytes over the 6 operations: 1000 bytes an operation
printf 'ts\tt\tphase\trss_bytes\tcpu_s\tsource\n1\t0\tadd\t1000\t1.00\tproc:1\n2\t1\tadd\t7000\t1.50\tproc:1\n' >memory.tsv
check_eq "growth per operation over the records" \
	"$(memory_summary memory.tsv "$(memory_ops profile.tsv)")" "7000 4000 1000.0 0.50 2"
