# bash completion: options from each tool's --help, fixed values, files.
. "$(dirname "$0")/../lib.sh"
. "$top/scripts/completion.bash"
cd "$T" || exit 1
complete_words() {	# complete_words WORD...: COMPREPLY for the last word
	COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
	_ipfsperf
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
check_eq "ipfs-time-add --it" "$(complete_words ipfs-time-add --it)" "--iterations "
check_eq "ipfs-time-cat --ver" "$(complete_words ipfs-time-cat --ver)" "--verify --version "
check_eq "cache-sim --mr" "$(complete_words cache-sim --mr)" "--mrc "
check_eq "prof-diff -o t" "$(complete_words prof-diff -o t)" "text tsv "
check_eq "ipfs-time-add --via c" "$(complete_words ipfs-time-add --via c)" "chunked "
check_eq "ipfs-plot l (a picture)" "$(complete_words ipfs-plot latency-)" "latency-cdf latency-size latency-time "
check_eq "ipfs-profile --out" "$(complete_words ipfs-profile --out)" "--output --output-dir "
touch add.tsv
check_eq "ipfs-time-cat a (a file)" "$(complete_words ipfs-time-cat a)" "add.tsv "
for t in ipfs-time-add ipfs-time-cat cache-sim chunk-put prof-diff; do
	bad= n=0
	for o in $($t --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
		n=$((n + 1))
		case " $(complete_words $t "$o") " in *" $o "*) ;; *) bad="$bad $o" ;; esac
	done
	check_eq "$t: each of its $n long options completes" "${bad# }" ""
done
