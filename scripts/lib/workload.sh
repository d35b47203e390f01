# scripts/lib/workload.sh, sourced by ipfs-profile: custom workloads.
#
# A workload file has one step a line; '#' starts a comment; relative
# file names are relative to the workload file's folder:
#   sizes LIST          adds of payloads of these sizes (1k,64k,4M), then
#                       their verified reads through the RPC API and the gateway
#   cids FILE           verified reads of the CIDs (or records) in FILE
#   trace FILE          cache-sim of a trace: a memory tier over a disk tier,
#                       and the miss-ratio curve
#   ipfs-time-add ARGS  one of the tools with its own arguments, as written
#   ipfs-time-cat ARGS    (the profile's -n, --label and --gateway are
#   chunk-put ARGS        added where the tool takes them; the node is the
#   cache-sim ARGS        profile's, as $IPFS_API)
# Every line is checked before any runs; an error names file:line. A step
# names no server, credential, header or file to write, and nothing that
# may change the node beyond what a read does: the options below are
# refused (also as --opt=value, an abbreviation, or a short option
# combined with others); --call and --evict themselves are not
# abbreviations of --call-any and --evict-anyway.
wl_refused="api api-auth-file gateway gateway-auth-file provider header cacert output resume call-any evict-anyway"

# wl_refuse TOOL ARG: the refused option ARG is, or nothing
wl_refuse() {
	case $2 in
	--) return 0 ;;
	--?*)
		wr_o=${2#--}; wr_o=${wr_o%%=*}
		case $wr_o in call | evict) return 0 ;; esac
		for wr_r in $wl_refused; do
			case $wr_r in "$wr_o"*) echo "--$wr_r"; return 0 ;; esac
		done ;;
	-[!-]*)
		# short options, perhaps combined: -H (all but cache-sim), -o (chunk-put)
		case $1:$2 in
		cache-sim:*) ;;
		chunk-put:*[Ho]*) echo "-H or -o (--header, --output)" ;;
		*:*H*) echo "-H (--header)" ;;
		esac ;;
	esac
}

# workload_check FILE: 0, or 1 after naming each bad line on stderr
workload_check() {
	wf=$1 wdir=$(cd "$(dirname "$1")" && pwd) bad=0 lineno=0 steps=0
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		line=${line%%#*}
		set -f; set -- $line; set +f
		[ $# -eq 0 ] && continue
		steps=$((steps + 1))
		where="$wf:$lineno"
		case $1 in
		sizes)
			if [ $# -ne 2 ]; then echo "$prog: $where: sizes takes one list, as in sizes 1k,64k" >&2; bad=1; continue; fi
			for wl_s in $(echo "$2" | tr ',' ' '); do
				echo "$wl_s" | grep -Eq '^[0-9]*[1-9][0-9]*([kKmMgG](i?B)?|B)?$' ||
					{ echo "$prog: $where: bad size '$wl_s'" >&2; bad=1; }
			done ;;
		cids|trace)
			if [ $# -ne 2 ]; then echo "$prog: $where: $1 takes one file" >&2; bad=1; continue; fi
			wl_f=$2; case $wl_f in /*) ;; *) wl_f=$wdir/$wl_f ;; esac
			[ -r "$wl_f" ] || { echo "$prog: $where: $1: cannot read '$2'" >&2; bad=1; } ;;
		ipfs-time-add|ipfs-time-cat|chunk-put|cache-sim)
			wl_t=$1; shift
			for wl_a in "$@"; do
				case $wl_a in *['|;&<>$`']*) echo "$prog: $where: '$wl_a': no shell syntax in a step" >&2; bad=1; continue ;; esac
				[ "$wl_a" = -- ] && break
				wl_r=$(wl_refuse "$wl_t" "$wl_a")
				[ -z "$wl_r" ] || { echo "$prog: $where: '$wl_a': $wl_r is refused in a workload step: the profile's node is the only server, with its own credentials, and the records go to the profile's folder" >&2; bad=1; }
			done ;;
		*) echo "$prog: $where: unknown step '$1' (sizes, cids, trace, or ipfs-time-add, ipfs-time-cat, chunk-put, cache-sim)" >&2; bad=1 ;;
		esac
	done <"$wf"
	[ $steps -gt 0 ] || { echo "$prog: $wf: no steps" >&2; bad=1; }
	return $bad
}

# workload_run FILE: each step's records into workload-K*.tsv (timing) or
# cache-workload-K.tsv (cache-sim) in $dir
workload_run() {
	wf=$1 wdir=$(cd "$(dirname "$1")" && pwd) k=0
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%%#*}
		set -f; set -- $line; set +f
		[ $# -eq 0 ] && continue
		k=$((k + 1))
		say "workload step $k: $*"
		case $1 in
		sizes)
			adds added "workload-$k-add.tsv" own ipfs-time-add --show-warmup -q -n "$n" -s "$2"
			step "workload-$k-cat.tsv" own ipfs-time-cat -q -n "$n" --via rpc,gateway --verify \
				"$dir/workload-$k-add.tsv" ;;
		cids)
			wl_f=$2; case $wl_f in /*) ;; *) wl_f=$wdir/$wl_f ;; esac
			step "workload-$k-cat.tsv" own ipfs-time-cat -q -n "$n" --verify "$wl_f" ;;
		trace)
			wl_f=$2; case $wl_f in /*) ;; *) wl_f=$wdir/$wl_f ;; esac
			step "cache-workload-$k.tsv" cache-sim -q -p tiered:lru/lru,lru,arc,s3fifo -s 10% -D 50% "$wl_f"
			step "cache-mrc-$k.tsv" cache-sim -q --mrc -k 40 "$wl_f" ;;
		cache-sim)
			shift
			step "cache-workload-$k.tsv" cache-sim -q "$@" ;;
		chunk-put)
			shift
			step "workload-$k.tsv" own chunk-put -q "$@" ;;
		ipfs-time-add)
			shift
			adds added "workload-$k.tsv" own ipfs-time-add --show-warmup -q -n "$n" "$@" ;;
		*)
			wl_t=$1; shift
			step "workload-$k.tsv" own "$wl_t" -q -n "$n" "$@" ;;
		esac
	done <"$wf"
}
