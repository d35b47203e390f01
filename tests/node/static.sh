# The static tools' network jobs in an empty root against the real node:
# localhost and numeric addresses resolve with no /etc/hosts and no NSS;
# the records equal the dynamic build's for the same seeded run.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/static.inc"
if [ ! -x "$S/ipfs-time-cat" ]; then
	# cli/static builds them; without it here, CI must not pass quietly
	if [ -n "${CI:-}" ]; then notok "static build present (make static)"; else
		echo "ok - static network tools # SKIP no static build: make static"; fi
	exit 0
fi
port=${IPFS_API##*:}
api=http://localhost:$port
gw=http://localhost:${IPFS_GATEWAY##*:}

in_root ipfs-time-cat -q -n 3 --api "$api" --call version >"$T/v.tsv"
check_eq "ipfs-time-cat --call version via localhost in an empty root" "$(col "$T/v.tsv" ok | tr -d '\n')" 111
in_root ipfs-time-cat -q -n 1 --api "http://127.0.0.1:$port" --call id >"$T/id.tsv"
check_eq "  and via 127.0.0.1" "$(col "$T/id.tsv" ok)" 1

seed=$((RANDOM * 32768 + RANDOM))
in_root ipfs-time-add -q -n 2 -s 1k,64k --seed $seed --api "$api" >"$T/add.s"
ipfs-time-add -q -n 2 -s 1k,64k --seed $((seed + 1)) --api "$api" >"$T/add.d"
ipfs-time-add -q -n 2 -s 1k,64k --seed $seed --only-hash --api "$api" >"$T/add.h"
check_eq "ipfs-time-add in an empty root: the CIDs the dynamic build computes" \
	"$(col_where "$T/add.s" op size iter ok cid)" "$(col_where "$T/add.h" op size iter ok cid)"
check_eq "  and the same columns as the dynamic build" "$(head -n 5 "$T/add.s" | tail -n 1)" "$(head -n 5 "$T/add.d" | tail -n 1)"
mkdir -p "$T/root.in" && cp "$T/add.s" "$T/root.in/add.tsv"
in_root ipfs-time-cat -q -n 2 --via rpc,gateway --verify --api "$api" --gateway "$gw" add.tsv >"$T/cat.s"
check_eq "ipfs-time-cat --verify of those, both ways, in an empty root" "$(col_where "$T/cat.s" ok=1 ok | wc -l)" 16

head -c 700000 /dev/urandom >"$T/root.in/f"
in_root chunk-put -q --api "$api" f >"$T/up.s"
root=$(col_where "$T/up.s" op=chunk-put cid)
check_eq "chunk-put upload in an empty root: the root of --only-hash" "$(col_where "$T/up.s" op=chunk-put ok) $root" "1 $(chunk-put --only-hash "$T/root.in/f")"
in_root chunk-put -q --api "$api" -g "$root" >"$T/got"
check_sh "chunk-put -g in an empty root: the file, verified" "cmp '$T/got' '$T/root.in/f'"

cp "$T/add.s" "$T/root.in/p.tsv"
before=$(curl -sf -X POST "$IPFS_API/api/v0/config/show")
in_root tune-conf -q -p p.tsv --api "$api" >"$T/tune.out" 2>"$T/tune.err"; rc=$?
check_eq "tune-conf dry run in an empty root: exit 0" "$rc" 0
check_eq "  the node's config unchanged" "$(curl -sf -X POST "$IPFS_API/api/v0/config/show")" "$before"
