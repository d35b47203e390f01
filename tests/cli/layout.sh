# lib/ is one folder per domain and dependencies point one way: each folder
# includes only itself and the folders listed for it here (lib/README).
# Includes name their folder.
. "$(dirname "$0")/../lib.sh"
cd "$top" || exit 1

declare -A may=(
	[base]="base"
	[rec]="base rec"
	[stats]="base rec stats"
	[unixfs]="base unixfs"
	[sim]="base rec sim"
	[net]="base rec unixfs net"
	[xfer]="base rec unixfs net xfer"
	[timing]="base rec stats unixfs net xfer timing"
	[tune]="base rec stats unixfs net tune"
)
for d in lib/*/; do
	d=$(basename "$d")
	if [ -z "${may[$d]+x}" ]; then
		notok "lib/$d is a known folder" "add it to tests/cli/layout.sh and lib/README"
		continue
	fi
	bad=
	while IFS=: read -r file inc; do
		dir=${inc%%/*}
		case " ${may[$d]} " in *" $dir "*) ;; *) bad="$bad $file:$inc" ;; esac
	done < <(grep -Ho '#include "[^"]*"' lib/"$d"/*.[ch] | sed 's/#include "\(.*\)"/\1/')
	check_eq "lib/$d includes only: ${may[$d]}" "${bad# }" ""
done
check_eq "every include names its folder" \
	"$(grep -Hn '#include "[^/"]*"' lib/*/*.[ch] cmd/*.c | grep -v '"tap.h"')" ""
check_eq "no source file outside a folder" "$(ls lib/*.[ch] 2>/dev/null)" ""
# build/bin holds the tools alone: dependency files go to build/dep (issue 21: 13)
check_eq "build/bin holds the tools alone, no .d files" \
	"$(cd "${IPFSPERF_BUILD:-$top/build}/bin" && ls | tr '\n' ' ')" "$(cd "$top/cmd" && ls *.c | sed 's/\.c$//' | tr '\n' ' ')"
