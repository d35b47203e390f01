# cache-sim: a trace without a request is an error, never a row of '-'; a
# cache of size 0 is a usage error (issue 10, point 12).
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
printf 'a 100\nb 200\na 100\n' >sized.txt

# --- no requests: exit 1, naming the file ------------------------------------------
: >empty.txt
check_exit "an empty trace: exit 1" 1 cache-sim -s 1M empty.txt
check_grep "  names the file" '^cache-sim: empty.txt: no requests' err
check_eq "  no result row" "$(cat out)" ""
check_exit "--mrc of an empty trace: exit 1" 1 cache-sim --mrc empty.txt
check_grep "  names the file" '^cache-sim: empty.txt: no requests' err
check_exit "-s 5% of an empty trace (loaded first): exit 1" 1 cache-sim -s 5% empty.txt
check_grep "  names the file" '^cache-sim: empty.txt: no requests' err
check_exit "belady on an empty trace: exit 1" 1 cache-sim -p belady -s 10 empty.txt
printf '# a comment\n\n   \n# another\n' >comments.txt
check_exit "comments and blank lines only: exit 1" 1 cache-sim -s 1M comments.txt
check_grep "  names the file" '^cache-sim: comments.txt: no requests' err
check_exit "empty stdin: exit 1" 1 sh -c 'cache-sim -s 1M - </dev/null'
check_grep "  names it" '^cache-sim: <stdin>: no requests' err
printf 'op\tcid\tok\tt_total\tsize\ncat\tQmA\t0\t0.1\t10\ncat\t-\t1\t0.1\t10\n' >failed.tsv
check_exit "timing records of failed requests only: exit 1" 1 cache-sim -s 1M failed.tsv
check_grep "  says why" '^cache-sim: failed.tsv: no requests \(only records of failed requests' err
printf 'op\tcid\tok\tt_total\tsize\n' >header.tsv
check_exit "a header and no record: exit 1" 1 cache-sim -s 1M header.tsv
printf 'a b c\nd e f\n' >bad.txt
check_exit "--skip-bad of nothing but malformed lines: exit 1" 1 cache-sim --skip-bad -s 1M bad.txt
check_grep "  says why" 'bad.txt: no requests \(only malformed lines' err
check "one request is enough" cache-sim -s 1M sized.txt
check_eq "  a row" "$(col out requests)" 3

# --- a cache of size 0 holds nothing: usage error -----------------------------------
check_exit "-s 0: exit 2" 2 cache-sim -s 0 sized.txt
check_grep "  names the size" "^cache-sim: -s: '0' is a cache of size 0" err
check_exit "a 0 in a size list: exit 2" 2 cache-sim -s 1M,0,64k sized.txt
check_grep "  names the item" "^cache-sim: -s: '0' is a cache of size 0" err
check_exit "0k: exit 2" 2 cache-sim -s 64k,0k sized.txt
check_grep "  names the item" "'0k' is a cache of size 0" err
check_exit "0%: exit 2" 2 cache-sim -s 0% sized.txt
check_grep "  names it" "0%" err
check_exit "a share that rounds to 0 (0.00001%): exit 2" 2 cache-sim -s 0.00001% sized.txt
check_exit "--mrc -s 0: exit 2" 2 cache-sim --mrc -s 0 sized.txt
check_exit "-D 0: exit 2" 2 cache-sim -p tiered:lru/lru -s 1 -D 0 sized.txt
check_exit "--pattern -n 0: exit 2" 2 cache-sim --pattern random -n 0 -s 10
check_grep "  says why" 'at least one request' err
check "-s 1 is a cache" cache-sim -s 1 sized.txt

# format detection by content: a text with a stray NUL is text, and the NUL
# line is named; a header-led TSV without --id-col gets a hint, not "not a number"
printf 'a\nb\000c\nd\n' >"$T/nul.txt"
check_exit "a text trace with a NUL byte: exit 1" 1 cache-sim -s 2 "$T/nul.txt"
check_grep "  the line is named, with what to do if it is binary" "nul.txt:2: a NUL byte in a text line \(a binary oracleGeneral trace\? give -f oracle\)" "$T/err"
printf 'size\tfoo\n10\tx\n' >"$T/noid.tsv"
check_exit "a TSV with a header, as text: exit 1" 1 cache-sim -s 2 "$T/noid.tsv"
check_grep "  the field is quoted and --id-col suggested" "noid.tsv:1: 'foo' is not a size in bytes \(text lines are 'id \[size\]'; for TSV columns by name give --id-col NAME" "$T/err"
