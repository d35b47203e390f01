# Credentials go only where they belong: the RPC API's to the RPC API, the
# gateway's (--gateway-auth-file, $IPFS_GATEWAY_AUTH) to the gateway, never
# one to the other, nor to wherever a server redirects; never printed.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
serve() {	# serve NAME [REDIRECT]: a recording server; its URL in $URL_NAME
	node "$top/tests/mock/authlog.js" "$T/$1.log" ${2:+"$2"} >"$T/$1.port" 2>/dev/null &
	pids="${pids:-} $!"
	wait_for "the $1 server's port" test -s "$T/$1.port" || exit 1
	eval "URL_$1=http://127.0.0.1:$(cat "$T/$1.port")"
}
trap 'kill $pids 2>/dev/null; rm -rf "$T"' EXIT
serve api; serve gw; serve lure; serve redir "$URL_lure"
cid=QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN
basic=$(printf alice:S3CRETPW | base64)
# every request the RPC API got carried the credentials: "yes N" (N >= 1;
# the read, and the untimed calls around it: bitswap/stat, refs/local)
all_basic() {
	local n=$(grep -c . api.log) k=$(grep -c "Basic $basic" api.log)
	[ "$n" -ge 1 ] && [ "$k" -eq "$n" ] && echo yes || echo "no: $k of $n"
}

IPFS_API=$URL_api IPFS_API_AUTH=basic:alice:S3CRETPW ipfs-time-cat -q -n 1 --via rpc,gateway --gateway "$URL_gw" $cid >out.tsv 2>err
check_eq "IPFS_API_AUTH: the RPC API gets it, on every request" "$(all_basic)" yes
check_eq "  the gateway gets no credentials" "$(cut -d' ' -f3- gw.log | sort -u)" "-"
check_eq "  and nothing prints it" "$(cat out.tsv err | grep -c 'S3CRETPW\|'"$basic")" 0
: >api.log; : >gw.log
printf 'basic:alice:S3CRETPW\n' >auth
ipfs-time-cat -q -n 1 --via rpc,gateway --api-auth-file auth --api "$URL_api" --gateway "$URL_gw" $cid >/dev/null 2>&1
check_eq "--api-auth-file: the RPC API only" "$(all_basic) $(cut -d' ' -f3- gw.log | sort -u)" "yes -"
: >api.log; : >gw.log
IPFS_API=$URL_api IPFS_GATEWAY=$URL_gw IPFS_API_AUTH=basic:alice:S3CRETPW IPFS_GATEWAY_AUTH=bearer:gwtoken \
	ipfs-time-cat -q -n 1 --via rpc,gateway $cid >/dev/null 2>&1
check_eq "each its own: the gateway gets \$IPFS_GATEWAY_AUTH" "$(cut -d' ' -f3- gw.log | sort -u)" "Bearer gwtoken"
check_eq "  and the RPC API its own, not the gateway's" "$(grep -c gwtoken api.log) $(all_basic)" "0 yes"
: >api.log; : >gw.log
printf 'bearer:fromfile\n' >gwauth
ipfs-time-cat -q -n 1 --via gateway --gateway-auth-file gwauth --gateway "$URL_gw" $cid >/dev/null 2>&1
check_eq "--gateway-auth-file" "$(cut -d' ' -f3- gw.log | sort -u)" "Bearer fromfile"
# a gateway that redirects elsewhere: not followed, no credential goes on
IPFS_API_AUTH=basic:alice:S3CRETPW IPFS_GATEWAY=$URL_redir IPFS_GATEWAY_AUTH=bearer:gwtoken \
	ipfs-time-cat -q -n 1 -w 0 --via gateway $cid >r.tsv 2>/dev/null; rc=$?
check_eq "a redirect is not followed: a failed record, exit 1" "$rc $(col r.tsv ok) $(col r.tsv code)" "1 0 302"
check_eq "  the other server never hears of it" "$(cat lure.log 2>/dev/null | wc -l)" 0
check_exit "bad gateway credentials: a usage error naming the variable" 2 \
	env IPFS_GATEWAY=$URL_gw IPFS_GATEWAY_AUTH=nonsense ipfs-time-cat --via gateway $cid
check_grep "  named" "IPFS_GATEWAY_AUTH: credentials must be" "$T/err"
# a credential is bound to the origin it was given for (issue 20, 3): the
# environment's to the server found without the flag, not to another --api
: >api.log; : >lure.log
IPFS_API=$URL_api IPFS_API_AUTH=basic:alice:S3CRETPW ipfs-time-cat -q --call version -n 1 \
	--api "$URL_lure" >/dev/null 2>origin.err
check_eq "IPFS_API_AUTH and another --api: that server gets no credentials" \
	"$(grep -c . lure.log) $(cut -d' ' -f3- lure.log | sort -u)" "2 -"
check_grep "  said, naming both origins and the way on" \
	"IPFS_API_AUTH is for $URL_api, not sent to $URL_lure: give that server's credentials with --api-auth-file" origin.err
check_eq "  and never printed" "$(grep -c 'S3CRETPW' origin.err)" 0
: >lure.log
IPFS_API=$URL_api IPFS_API_AUTH=basic:alice:S3CRETPW ipfs-time-cat -q --call version -n 1 \
	--api "$URL_lure" --api-auth-file auth >/dev/null 2>&1
check_eq "  --api-auth-file goes with that --api" "$(cut -d' ' -f3- lure.log | sort -u)" "Basic $basic"
: >lure.log
IPFS_GATEWAY=$URL_gw IPFS_GATEWAY_AUTH=bearer:gwtoken ipfs-time-cat -q -n 1 --via gateway \
	--gateway "$URL_lure" $cid >/dev/null 2>&1
check_eq "IPFS_GATEWAY_AUTH and another --gateway: that server gets none" "$(cut -d' ' -f3- lure.log | sort -u)" "-"
: >lure.log
IPFS_API=$URL_api IPFS_API_AUTH=basic:alice:S3CRETPW ipfs-time-add -q -n 1 -s 1k --api "$URL_lure" >/dev/null 2>&1
check_eq "ipfs-time-add: IPFS_API_AUTH not sent to another --api" "$(grep -c Basic lure.log) $(grep -c . lure.log)" \
	"0 $(grep -c . lure.log)"
check_eq "  (it was asked)" "$(grep -c . lure.log | awk '{print ($1 > 0)}')" 1
