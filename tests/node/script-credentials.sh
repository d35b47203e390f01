# The scripts' credentials on the real node: with --api and
# $IPFS_API_AUTH every tool reaches that node as $IPFS_API (the tools send
# $IPFS_API_AUTH only to the API found without --api), and no command line
# holds the token; a --provider URL's user part goes to the provider only
# (a header-logging server, tests/mock/authlog.js), through 0600 files:
# stub tools and a stub curl beside a copy of the scripts record every
# command line, and no command line, record, summary or log holds the
# password.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 1
export IPFSPERF_STATE_DIR=$T/state TMPDIR=$T/tmp
mkdir -p "$TMPDIR"
node "$top/tests/mock/authlog.js" "$T/prov.log" >"$T/prov.port" 2>/dev/null &
ppid_=$!
trap 'kill $ppid_ 2>/dev/null; rm -rf "$T"' EXIT
wait_for "the provider server's port" test -s "$T/prov.port" || exit 1
: >prov.log
b64() { printf %s "$1" | base64; }

# --- --api and $IPFS_API_AUTH: every tool reaches the node given, with its
# credentials, and no command line holds them. A copy of the scripts with
# stub tools beside it (they log their arguments, then run the real ones).
mkdir -p inst/lib stubs
cp "$top/scripts/ipfs-profile" "$top/scripts/ipfs-optimize" "$top/scripts/ipfs-compare" "$top/scripts/ipfs-plot" inst/
cp "$top/scripts/lib/"*.sh inst/lib/
realbin=${IPFSPERF_BUILD:-$top/build}/bin
for t in ipfs-time-add ipfs-time-cat chunk-put cache-sim prof-diff tune-conf curl; do
	real=$(PATH=$realbin:$PATH command -v $t)
	printf '#!/bin/sh\nprintf "%%s\\n" "%s $*" >>"%s/argv.log"\nprintf "%%s\\n" "%s ${IPFS_API:-}" >>"%s/env.log"\n' "$t" "$T" "$t" "$T" >inst/$t
	if [ $t = curl ]; then
		# the provider's id: logged by the server (with what -K gives),
		# answered with a swarm address
		cat >>inst/$t <<EOF
case "\$*" in */api/v0/id*) "$real" "\$@" >/dev/null 2>&1
	echo '{"Addresses":["/ip4/127.0.0.1/tcp/1/p2p/QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN"]}'; exit 0 ;; esac
EOF
	fi
	printf 'exec "%s" "$@"\n' "$real" >>inst/$t
	chmod +x inst/$t
done
: >argv.log
: >env.log
node=$IPFS_API
IPFS_API_AUTH=bearer:NODETOKEN env -u IPFS_API inst/ipfs-profile -q -n 1 --test api --no-plots --api "$node" --output-dir api-run >/dev/null 2>api-run.err; rc=$?
check_eq "--api with \$IPFS_API_AUTH: exit 0" "$rc" 0
check_eq "  no command line names the token" "$(grep -c NODETOKEN argv.log)" 0
check_eq "  the tools got no --api" "$(grep -c -- '--api' argv.log)" 0
check_eq "  but \$IPFS_API, the node given" "$(grep -v '^curl ' env.log | cut -d' ' -f2 | sort -u)" "$node"

# --- --provider with a user part: to the provider only, never on a command line
: >argv.log
IPFS_API_AUTH=bearer:NODETOKEN inst/ipfs-profile -q -n 1 -s 1k --test cat --no-plots \
	--provider "http://alice:S3CRET%40pw@127.0.0.1:$(cat prov.port)" --output-dir prov-run >/dev/null 2>prov-run.err
basic=$(b64 'alice:S3CRET@pw')
check_grep "--provider http://USER:PASSWORD@...: the provider's id call carries its credentials" "^POST /api/v0/id Basic $basic$" prov.log
check_grep "  and the add on the provider" "^POST /api/v0/add Basic $basic$" prov.log
check_eq "  the provider never gets the node's token, nor a request without its own" "$(grep -vc "Basic $basic$" prov.log)" 0
check_grep "  the provider add ran with --api-auth-file" "^ipfs-time-add .*--api http://127\.0\.0\.1:[0-9]+ .*--api-auth-file " argv.log
check_grep "  and curl with -K" "^curl -K .*/api/v0/id" argv.log
check_eq "  no command line holds the password" "$(grep -c 'S3CRET' argv.log)" 0
check_eq "  nor the summary, records, JSON or log" "$(cat prov-run/* 2>/dev/null | grep -c 'S3CRET')" 0
check_grep "  the summary names the provider redacted" "provider http://\*\*\*@127\.0\.0\.1:" prov-run/summary.txt
check_eq "  no credential file is left behind" "$(ls -A "$TMPDIR")" ""
