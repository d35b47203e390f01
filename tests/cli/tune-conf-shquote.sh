# tune-conf's output for sh (--patch, and what --apply prints, which
# ipfs-optimize keeps as applied.sh) with every byte 0x01-0x7f in every
# place an input can put text: a cache-sim policy name, a --from patch's
# rule, why, key and value, and the node's current value. Each output must
# parse (sh -n) and, run by sh with ipfs a recording stub first on PATH in
# an empty folder, run nothing but "ipfs config --json KEY VALUE" with
# exactly the keys and values of the same run's JSON form, and create no
# file (issue 20: 1).
. "$(dirname "$0")/../lib.sh"
unset IPFS_API IPFS_API_AUTH IPFS_PATH

# the stub: one line an argument, then a line "--end--"
mkdir "$T/bin"
cat >"$T/bin/ipfs" <<'EOF'
#!/bin/sh
for a in "$@"; do printf '%s\n' "$a"; done >>"$IPFS_LOG"
echo --end-- >>"$IPFS_LOG"
EOF
chmod +x "$T/bin/ipfs"

# A Kubo-shaped node: /SHAPE/api/v0/...; its StorageMax is the payload of
# the byte SHAPE names (hex) until a config set changes it; id, get, set.
cat >"$T/node.js" <<'JS'
'use strict';
const http = require('http');
const state = {};
function payload(b) { return 'x' + b + 'touch pwned' + b + '$(touch pwned2)`touch pwned3`\'"#'; }
const server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  const [, shape, ...rest] = u.pathname.split('/');
  const path = '/' + rest.join('/');
  const b = String.fromCharCode(parseInt(shape, 16));
  const cfg = state[shape] || (state[shape] = { Identity: { PeerID: '12D3KooWmock' },
    Datastore: { StorageMax: payload(b), StorageGCWatermark: 90 } });
  const args = u.searchParams.getAll('arg');
  let body;
  if (path === '/api/v0/version')
    body = { Version: '0.30.0', Commit: '', Repo: '16', System: 'amd64/linux', Golang: 'go1.22.0' };
  else if (path === '/api/v0/id')
    body = { ID: '12D3KooWmock' };
  else if (path === '/api/v0/config/show')
    body = cfg;
  else if (path === '/api/v0/config' && args.length === 2 && args[0] === 'Datastore.StorageMax') {
    cfg.Datastore.StorageMax = JSON.parse(args[1]);
    body = { Key: args[0], Value: cfg.Datastore.StorageMax };
  } else if (path === '/api/v0/config' && args.length === 1 && args[0] === 'Datastore.StorageMax')
    body = { Key: args[0], Value: cfg.Datastore.StorageMax };
  if (!body) { res.writeHead(500); res.end('{"Message":"not in the mock","Code":0,"Type":"error"}'); return; }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
JS
node "$T/node.js" >"$T/node.port" 2>"$T/node.err" &
NODE_PID=$!
trap 'kill $NODE_PID 2>/dev/null; rm -rf "$T"' EXIT
wait_for "the mock node's port" test -s "$T/node.port" || exit 1
NODE=http://127.0.0.1:$(cat "$T/node.port")

# runsh NAME OUT JSON: OUT parses; run in an empty folder it calls ipfs
# exactly as JSON (the same run's -j form) says and creates nothing.
bad=0
runsh() {
	local name=$1 out=$2 json=$3 dir
	dir=$(mktemp -d "$T/run.XXXXXX")
	if ! sh -n "$out" 2>"$T/sherr"; then
		notok "$name: sh -n" "$(head -n 3 "$T/sherr")"
		bad=$((bad + 1))
		return
	fi
	jq -r '"config\n--json\n\(.key)\n\(.value | tojson)\n--end--"' "$json" >"$T/want"
	: >"$T/log"
	(cd "$dir" && HOME=$dir IPFS_LOG=$T/log PATH="$T/bin:$PATH" sh "$out" >/dev/null 2>&1)
	if ! cmp -s "$T/log" "$T/want"; then
		notok "$name: only ipfs config --json KEY VALUE, exactly" "ran: $(head -c 300 "$T/log" | tr '\n' ' ')" \
		    "want: $(tr '\n' ' ' <"$T/want")"
		bad=$((bad + 1))
	elif [ -n "$(ls -A "$dir")" ]; then
		notok "$name: no file created" "$(ls -A "$dir" | head -n 5 | tr '\n' ' ')"
		bad=$((bad + 1))
	fi
	rm -rf "$dir"
}

n=0 applied=0 placed=
for i in $(seq 1 127); do
	# the byte (an x after it keeps a newline from being stripped), a payload around it
	b=$(printf "\\$(printf %03o "$i")x")
	b=${b%x}
	[ ${#b} -eq 1 ] || { notok "byte $i is one character" "got ${#b}"; bad=$((bad + 1)); }
	h=$(printf %02x "$i")
	p="x${b}touch pwned${b}\$(touch pwned2)\`touch pwned3\`'\"#"

	# a cache-sim result whose policy holds the byte, alone and in the payload
	for pol in "lru$b" "$p"; do
		jq -nc --arg p "$pol" '{policy: $p, unit: "objects", capacity: (100000, 200000), hit_ratio: (0.5, 0.95)} |
			select((.capacity == 100000) == (.hit_ratio == 0.5))' >"$T/res.jsonl"
		tune-conf -n --patch -c "$T/res.jsonl" >"$T/p.sh" 2>/dev/null
		tune-conf -n -j --patch -c "$T/res.jsonl" >"$T/p.jsonl" 2>/dev/null
		runsh "policy with byte $h" "$T/p.sh" "$T/p.jsonl"
		n=$((n + 1))
	done

	# a --from patch: the byte in rule, why, key, value; the node's current value holds it too
	for where in rule why key value; do
		case $where in
		rule) line=$(jq -nc --arg p "$p" '{key: "Datastore.StorageMax", value: "20GB", rule: $p}') ;;
		why) line=$(jq -nc --arg p "$p" '{key: "Datastore.StorageMax", value: "20GB", why: $p}') ;;
		key) line=$(jq -nc --arg p "$p" '{key: ("Datastore.StorageMax" + $p), value: "20GB"}') ;;
		value) line=$(jq -nc --arg b "$b" '{key: "Datastore.StorageMax", value: ("20GB" + $b)}') ;;
		esac
		printf '%s\n' "$line" >"$T/patch.jsonl"
		tune-conf --api "$NODE/$h$where" -q --apply --restart-ok --from "$T/patch.jsonl" \
			--backup "$T/b.$h.$where.json" >"$T/a.sh" 2>/dev/null
		rc=$?
		# what it set: the patch's key and value, or nothing when it refused
		if [ $rc -eq 0 ]; then
			applied=$((applied + 1)) placed="$placed $where"
			cp "$T/patch.jsonl" "$T/a.jsonl"
		else
			: >"$T/a.jsonl"
		fi
		runsh "--apply --from, byte $h in $where" "$T/a.sh" "$T/a.jsonl"
		n=$((n + 1))
	done
done
check_eq "every byte in every place: valid sh, only ipfs config --json KEY VALUE, no file ($n outputs)" "$bad" 0
# the checks above are not vacuous: with every byte in rule and why (and
# the node's old value in the comment) the patch is applied and printed; a
# key is never one of the table's; a value only as a size ("20GB ")
check_eq "applied with every byte in rule and why, never with one in the key" \
	"$(printf '%s\n' $placed | sort | uniq -c | awk '{printf "%s %s ", $2, $1}')" "rule 127 value 1 why 127 "
printf '%s\n' '{"policy":"lru\ntouch /tmp/PWNED #","unit":"objects","capacity":200000,"hit_ratio":0.95}' >"$T/inj.jsonl"
check_exit "issue 20's reproducer: a policy with a newline is refused" 1 tune-conf -n --patch -c "$T/inj.jsonl"
check_grep "names the file and the field" 'inj\.jsonl: policy or unit: expected a name' "$T/err"
check_eq "and prints nothing for sh" "$(cat "$T/out")" ""
printf '%s\n' '{"policy":"tiered:s3fifo/lru","unit":"objects","capacity":2000,"disk_capacity":100000,"hit_ratio":0.95}' >"$T/tier.jsonl"
check "cache-sim's own names pass (tiered:s3fifo/lru)" tune-conf -n -j -c "$T/tier.jsonl"
