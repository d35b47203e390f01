# bash completion for the ipfsperf tools (make install puts it in
# share/bash-completion/completions/ under every tool's name). Options come
# from the tool's own --help, so they are always the tool's; values of
# options that take files, and operands, complete as file names; a few
# options with fixed values complete those.
_ipfsperf() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} tool=${COMP_WORDS[0]}
	case $prev in
	--via) COMPREPLY=($(compgen -W "rpc gateway rpc,gateway chunked" -- "$cur")); return ;;
	-o|--output) [ "${tool##*/}" = prof-diff ] &&
		{ COMPREPLY=($(compgen -W "text tsv json" -- "$cur")); return; } ;;
	-m|--mode|--chunk-mode) COMPREPLY=($(compgen -W "block car" -- "$cur")); return ;;
	--cid-version) COMPREPLY=($(compgen -W "0 1" -- "$cur")); return ;;
	-u) COMPREPLY=($(compgen -W "objects bytes" -- "$cur")); return ;;
	esac
	# ipfs-plot's first word is a picture
	if [ "${tool##*/}" = ipfs-plot ] && [ "$COMP_CWORD" -eq 1 ] && [[ $cur != -* ]]; then
		COMPREPLY=($(compgen -W "$("$tool" --help 2>/dev/null | sed -n 's/^NAME: //p')" -- "$cur"))
		return
	fi
	if [[ $cur == -* ]]; then
		local opts
		opts=$("$tool" --help 2>/dev/null |
			grep -oE -- '--[a-z][a-z0-9-]*|(^|[][ ,|])-[a-zA-Z]\>' | tr -d '][ ,|' | sort -u)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _ipfsperf ipfs-time-add ipfs-time-cat cache-sim chunk-put prof-diff tune-conf \
	ipfs-profile ipfs-plot ipfs-compare ipfs-optimize
