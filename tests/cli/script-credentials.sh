# The scripts send credentials only where the user chose: header-logging
# servers (tests/mock/authlog.js) stand for the node and a lure. A
# workload step naming a server, credential, header or output is refused
# (file:line, exit 2, not one request); values read back from
# profiling_results.json are checked as the options they become (exit 1
# naming the file and field, not one request to the server they name).
# tests/node/script-credentials.sh: --api and --provider.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
export IPFSPERF_STATE_DIR=$T/state TMPDIR=$T/tmp
mkdir -p "$TMPDIR"
serve() {	# serve NAME: a recording server; its URL in $URL_NAME
	node "$top/tests/mock/authlog.js" "$T/$1.log" >"$T/$1.port" 2>/dev/null &
	pids="${pids:-} $!"
	wait_for "the $1 server's port" test -s "$T/$1.port" || exit 1
	eval "URL_$1=http://127.0.0.1:$(cat "$T/$1.port")"
}
trap 'kill $pids 2>/dev/null; rm -rf "$T"' EXIT
serve api; serve prov; serve lure
: >api.log; : >prov.log; : >lure.log
b64() { printf %s "$1" | base64; }

# --- workload steps: every connection, credential, header and output option
# of the tools, in every form, refused before any request
n=0
while IFS='|' read -r tool arg; do
	n=$((n + 1))
	printf 'sizes 1k\n%s %s\n' "$tool" "$arg" >"w$n.wl"
	IPFS_API_AUTH=bearer:NODETOKEN ipfs-profile -q --api "$URL_api" --workload "w$n.wl" --output-dir "o$n" >/dev/null 2>"w$n.err"; rc=$?
	check_eq "workload step '$tool $arg': exit 2" "$rc" 2
	check_grep "  names the file and line, and the option" "^ipfs-profile: w$n\.wl:2: '.*': .* is refused in a workload step" "w$n.err"
done <<EOF
ipfs-time-cat|--call version --api $URL_lure
ipfs-time-cat|--call version --api=$URL_lure
ipfs-time-cat|--call version --ap $URL_lure
ipfs-time-add|-s 1k --api-auth-file auth
ipfs-time-add|-s 1k --api-auth=auth
ipfs-time-cat|--via gateway --gateway $URL_lure QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN
ipfs-time-cat|--via gateway --gateway-auth-file auth QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN
ipfs-time-cat|--evict --provider /ip4/127.0.0.1/tcp/1/p2p/QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN x
ipfs-time-cat|--call version -H Authorization:x
ipfs-time-cat|--call version -HAuthorization:x
ipfs-time-cat|--call version -qH Authorization:x
ipfs-time-add|-s 1k --header=Authorization:x
ipfs-time-add|-s 1k --cacert ca.pem
ipfs-time-cat|--call repo/gc --call-any
ipfs-time-cat|--call-a --call repo/gc
ipfs-time-cat|--evict-anyway --evict x
chunk-put|-o out.bin -g QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN
chunk-put|-qo out.bin -g QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN
chunk-put|--output=out.bin -g QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN
chunk-put|--resume j.journal file.bin
chunk-put|--api $URL_lure file.bin
EOF
check_eq "  not one request reached any server" "$(cat api.log lure.log | wc -l)" 0
printf 'ipfs-time-cat --call version -- --api\n' >ok.wl
check "  an operand after -- is no option: the workload passes the check" sh -c '. "$1/scripts/lib/workload.sh"; prog=t; workload_check ok.wl' sh "$top"

# --- a crafted profiling_results.json: each value checked, not one request
# to the server it names
mkdir crafted
cp "$top/tests/data/compare/sweep.tsv" crafted/profile.tsv
for field in "iterations|\"1 --api $URL_lure\"" "iterations|0" "iterations|1.5" "iterations|[1]" \
    "file_sizes|[\"1k --api $URL_lure\"]" "file_sizes|\"1k\"" "file_sizes|[\"1k,--api\"]" \
    "workload|\"--api=$URL_lure\"" "workload|\"x\\ny\""; do
	f=${field%%|*} v=${field#*|}
	printf '{"tool":"ipfs-profile","parameters":{"%s":%s}}\n' "$f" "$v" >crafted/profiling_results.json
	IPFS_API_AUTH=bearer:NODETOKEN ipfs-optimize -q --api "$URL_api" --profile-results crafted --apply \
		--output-dir "opt-$f" >/dev/null 2>opt.err; rc=$?
	check_eq "profiling_results.json $f: $v: exit 1" "$rc" 1
	check_grep "  names the file and the field" "crafted/profiling_results.json: parameters\.$f: " opt.err
done
check_eq "  the lure got not one request" "$(wc -l <lure.log)" 0

