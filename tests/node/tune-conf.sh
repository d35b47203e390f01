# tune-conf against the real node: a chunker sweep gives a chunker
# recommendation; a dry run leaves config/show byte-identical; --apply
# changes exactly the patch's keys and writes a 0600 backup of only them;
# --revert restores config/show exactly; a key the node rejects, or a value
# that reads back different, leaves the node as it was (exit 1); a kill -9
# between a set and its read-back leaves a backup that --revert uses. The
# node is shared with other tests: its config is put back when this ends.
. "$(dirname "$0")/../lib.sh"
. "$top/tests/node/proxy.inc"

show() { curl -sf -X POST "$IPFS_API/api/v0/config/show"; }
setkey() { curl -sf -X POST "$IPFS_API/api/v0/config?arg=$1&arg=$2&json=true" >/dev/null; }
replace() { curl -sf -X POST -F "file=@$1" "$IPFS_API/api/v0/config/replace" >/dev/null; }
ipfs_id() { curl -sf -X POST "$IPFS_API/api/v0/id" | jq -r .ID; }

show >"$T/orig.json" || { notok "config/show answers"; exit 1; }
HOLD_PID=
cleanup() {
	[ -n "$HOLD_PID" ] && kill "$HOLD_PID" 2>/dev/null
	proxy_stop
	replace "$T/orig.json"
	rm -rf "$T"
}
trap cleanup EXIT

# hold.js MODE PORTFILE MARKER: a proxy in front of $IPFS_API that lets the
# first config set through and then, at its read-back (config with one
# arg), either holds it unanswered after creating MARKER (hold: the tool is
# then between set and read-back, and the test kills it there), holds it
# after creating MARKER until MARKER.release exists (release: the test
# signals the tool there, then lets it go on), or changes the Value read
# back (mangle); reject: a set of Datastore.StorageGCWatermark is answered
# HTTP 400 as a node refusing it. Every other request passes unchanged.
cat >"$T/hold.js" <<'JS'
'use strict';
const http = require('http');
const fs = require('fs');
const [mode, portfile, marker] = process.argv.slice(2);
const api = new URL(process.env.IPFS_API);
let sets = 0;
const server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  const args = u.pathname === '/api/v0/config' ? u.searchParams.getAll('arg') : [];
  if (args.length >= 2) sets++;
  const readback = args.length === 1 && sets > 0;
  if (mode === 'hold' && readback) {
    fs.writeFileSync(marker, req.url);
    return;
  }
  if (mode === 'reject' && args.length >= 2 && args[0] === 'Datastore.StorageGCWatermark') {
    res.writeHead(400, { 'Content-Type': 'application/json' });
    res.end('{"Message":"failed to set config value","Code":0,"Type":"error"}\n');
    return;
  }
  if (mode === 'release' && readback && !fs.existsSync(marker + '.release')) {
    fs.writeFileSync(marker, req.url);
    const t = setInterval(() => {
      if (fs.existsSync(marker + '.release')) { clearInterval(t); pass(); }
    }, 20);
    return;
  }
  pass();
  function pass() {
  const body = [];
  req.on('data', (b) => body.push(b));
  req.on('end', () => {
    const up = http.request({ host: api.hostname, port: api.port, method: req.method,
      path: req.url, headers: { ...req.headers, host: api.host } }, (ur) => {
      const parts = [];
      ur.on('data', (b) => parts.push(b));
      ur.on('end', () => {
        let out = Buffer.concat(parts);
        if (mode === 'mangle' && readback && ur.statusCode === 200) {
          const o = JSON.parse(out);
          o.Value = 'mangled';
          out = Buffer.from(JSON.stringify(o));
        }
        const h = { ...ur.headers };
        delete h['transfer-encoding'];
        h['content-length'] = out.length;
        res.writeHead(ur.statusCode, h);
        res.end(out);
      });
    });
    up.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
    up.end(Buffer.concat(body));
  });
  }
});
server.listen(0, '127.0.0.1', () => fs.writeFileSync(portfile, String(server.address().port)));
JS
hold_start() {
	rm -f "$T/hold.port" "$T/hold.marker" "$T/hold.marker.release"
	node "$T/hold.js" "$1" "$T/hold.port" "$T/hold.marker" 2>"$T/hold.err" &
	HOLD_PID=$!
	wait_for "the holding proxy's port" test -s "$T/hold.port" || exit 1
	HOLD=http://127.0.0.1:$(cat "$T/hold.port")
}
hold_stop() { kill "$HOLD_PID" 2>/dev/null; wait "$HOLD_PID" 2>/dev/null; HOLD_PID=; }

# undo PATCH CONFIG: CONFIG with the patch's keys as the patch found them
# (removed where they were absent), keys sorted: equal to the config before
# exactly when nothing but the patch's keys changed.
undo() {
	jq -cS --slurpfile p "$1" 'reduce $p[] as $c (.; ($c.key | split(".")) as $k |
		if $c.current_state == "absent" then delpaths([$k]) else setpath($k; $c.current) end)' "$2"
}

# The node's current chunker is a slow one (4 KiB chunks): the sweep has
# something to beat. (js-ipfs stores Import.* without using it; the sweep
# names its chunkers explicitly, as every add of a sweep should.)
setkey Import.UnixFSChunker '%22size-4096%22' || notok "set the node's chunker"
show >"$T/base.json"

for c in size-4096 size-65536 size-1048576; do
	ipfs-time-add -q -n 8 -s 1M --chunker "$c" -l "chunker=$c" || notok "ipfs-time-add --chunker $c"
done >"$T/sweep.tsv"
check_eq "sweep: 3 chunkers x 8 adds" "$(col_where "$T/sweep.tsv" ok=1 warmup=0 label | sort | uniq -c | awk '{print $1}' | tr '\n' ' ')" \
	"8 8 8 "

# --- recommendations (a dry run: nothing is written)
tune-conf -j -p "$T/sweep.tsv" >"$T/recs.jsonl" 2>"$T/err"
check_eq "tune: exit 0" "$?" 0
check_eq "tune: the node is named" "$(jq -r .node "$T/recs.jsonl" | sort -u)" "js-ipfs 0.18.1"
check_eq "tune: a chunker recommendation away from size-4096" \
	"$(jq -r 'select(.status == "change" and .key == "Import.UnixFSChunker") |
		"\(.current) \(.proposed != "size-4096") \(.p < .alpha) \(.when)"' "$T/recs.jsonl")" \
	"size-4096 true true now"
check_grep "tune: the evidence names the speed-up at 1M" '"evidence":"add at 1M \(100% of the bytes added\): [0-9.]+x faster' \
	"$T/recs.jsonl"
check_grep "tune: js-ipfs ignores Import.*, and says so" 'js-ipfs: stored, but js-ipfs. add does not read Import' "$T/recs.jsonl"
check_eq "tune: the repo's blocks size a bloom filter" \
	"$(jq -r 'select(.key == "Datastore.BloomFilterSize") | "\(.status) \(.current_state) \(.when)"' "$T/recs.jsonl")" \
	"change absent restart"
check_eq "dry run: config/show byte-identical" "$(show | cmp - "$T/base.json" && echo same)" "same"
tune-conf -p "$T/sweep.tsv" >"$T/recs.txt"
check_grep "text: the node and its repo" '^node: js-ipfs 0\.18\.1 at http://127\.0\.0\.1:[0-9]+; repo/stat: [0-9]+ blocks' "$T/recs.txt"

# low memory: lowpower, with the node's own dry run of it
tune-conf -j -m 1G -p "$T/sweep.tsv" >"$T/low.jsonl"
check_eq "low memory: the lowpower profile" \
	"$(jq -r 'select(.rule == "profile") | "\(.status) \(.proposed)"' "$T/low.jsonl")" \
	"advice ipfs config profile apply lowpower"
check_grep "low memory: the node's dry-run diff" 'dry run \(config/profile/apply\?dry-run=true\) changes: Swarm\.ConnMgr\.LowWater: 50 -> 20; Swarm\.ConnMgr\.HighWater: 200 -> 40' \
	"$T/low.jsonl"
check_eq "profile dry run: config/show byte-identical" "$(show | cmp - "$T/base.json" && echo same)" "same"
check_eq "no secret printed" "$(grep -c PrivKey "$T/recs.jsonl" "$T/low.jsonl" "$T/recs.txt" | awk -F: '{s += $2} END {print s}')" 0

# --- the patch, applied: only keys that take effect now without --restart-ok
tune-conf -j --patch -p "$T/sweep.tsv" >"$T/patch.jsonl"
check_eq "patch: the chunker and the bloom filter" "$(jq -r .key "$T/patch.jsonl" | sort | tr '\n' ' ')" \
	"Datastore.BloomFilterSize Import.UnixFSChunker "
tune-conf --apply --from "$T/patch.jsonl" --backup "$T/b1.json" >"$T/applied.sh" 2>"$T/err"
check_eq "apply: exit 0" "$?" 0
check_grep "apply: a restart-only key is left out, and said so" 'Datastore\.BloomFilterSize: takes effect after the daemon restarts: left out' "$T/err"
show >"$T/after1.json"
check_eq "apply: only the chunker changed" "$(undo <(jq -c 'select(.key == "Import.UnixFSChunker")' "$T/patch.jsonl") "$T/after1.json")" \
	"$(jq -cS . "$T/base.json")"
check_eq "apply: to the proposed value" "$(jq -r .Import.UnixFSChunker "$T/after1.json")" \
	"$(jq -r 'select(.key == "Import.UnixFSChunker") | .value' "$T/patch.jsonl")"
check_grep "apply: prints what it set" "^ipfs config --json 'Import\.UnixFSChunker' '\"size-" "$T/applied.sh"
check_eq "backup: mode 0600" "$(stat -c %a "$T/b1.json")" 600
check_eq "backup: exactly the changed key, its old value" \
	"$(jq -c '[.keys[] | [.key, .value]]' "$T/b1.json")" '[["Import.UnixFSChunker","size-4096"]]'
check_eq "backup: no identity, no private key" "$(grep -c -e PrivKey -e Identity -e "$(jq -r .Identity.PrivKey "$T/base.json")" "$T/b1.json")" 0
check_eq "backup: no temporary file left" "$(ls -A "$T" | grep -c '^\.tune-conf-backup')" 0
check_exit "backup: never overwritten" 1 tune-conf --apply --restart-ok --from "$T/patch.jsonl" --backup "$T/b1.json"
check_eq "a refused backup changes nothing" "$(show | cmp - "$T/after1.json" && echo same)" "same"
check_eq "backup: the node's peer ID" "$(jq -r .peer_id "$T/b1.json")" "$(ipfs_id)"
# a backup of another node (another peer ID) is not reverted here, unless --other-node
jq '.peer_id = "12D3KooWAnotherNodeAltogether"' "$T/b1.json" >"$T/b1other.json"
check_exit "revert: another node's backup refused" 1 tune-conf --revert "$T/b1other.json"
check_grep "says which node it was made on" 'b1other\.json was made on the node with peer ID 12D3KooWAnotherNodeAltogether, not on the node at http://127\.0\.0\.1:[0-9]+ \(peer ID ' "$T/err"
check_grep "and names the override" 'not reverting: --other-node reverts' "$T/err"
check_eq "a refused revert changes nothing" "$(show | cmp - "$T/after1.json" && echo same)" "same"
jq 'del(.peer_id) | .api = "http://127.0.0.1:1"' "$T/b1.json" >"$T/b1api.json"
check_exit "revert: a backup without a peer ID, of another API URL, refused" 1 tune-conf --revert "$T/b1api.json"
check "revert" tune-conf --revert "$T/b1.json"
check_eq "revert: config/show byte-identical" "$(show | cmp - "$T/base.json" && echo same)" "same"
tune-conf -q --apply --from "$T/patch.jsonl" --backup "$T/b1o.json" >/dev/null 2>&1
jq '.peer_id = "12D3KooWAnotherNodeAltogether"' "$T/b1o.json" >"$T/b1oo.json"
check "revert --other-node: reverts anyway" tune-conf --revert "$T/b1oo.json" --other-node
check_grep "and says so" 'reverting anyway \(--other-node\)' "$T/err"
check_eq "revert --other-node: config/show byte-identical" "$(show | cmp - "$T/base.json" && echo same)" "same"

# every key of the patch, with --restart-ok
tune-conf -j --apply --restart-ok --from "$T/patch.jsonl" --backup "$T/b2.json" >"$T/applied2.jsonl" 2>"$T/err"
check_eq "apply --restart-ok: exit 0" "$?" 0
show >"$T/after2.json"
check_eq "apply: exactly the patch's keys changed" "$(undo "$T/patch.jsonl" "$T/after2.json")" "$(jq -cS . "$T/base.json")"
check_eq "apply: each to its value" \
	"$(jq -c '[.Import.UnixFSChunker, .Datastore.BloomFilterSize]' "$T/after2.json")" \
	"$(jq -sc '[(.[] | select(.key == "Import.UnixFSChunker") | .value), (.[] | select(.key == "Datastore.BloomFilterSize") | .value)]' "$T/patch.jsonl")"
check_eq "apply -j: JSON lines of what it set" "$(jq -r .key "$T/applied2.jsonl" | sort | tr '\n' ' ')" \
	"Datastore.BloomFilterSize Import.UnixFSChunker "
check_eq "backup: the absent key is marked absent" \
	"$(jq -c '.keys[] | select(.key == "Datastore.BloomFilterSize") | [.absent, .absent_from]' "$T/b2.json")" \
	'[true,"Datastore.BloomFilterSize"]'
check "revert of both" tune-conf -q --revert "$T/b2.json"
check_eq "revert: the absent key removed, config/show byte-identical" "$(show | cmp - "$T/base.json" && echo same)" "same"
replace "$T/base.json"

# --apply straight from the evidence (no reviewed file): the same keys
tune-conf -q --apply -p "$T/sweep.tsv" --backup "$T/b2e.json" >"$T/applied3.sh"
check_eq "apply from the evidence: exit 0" "$?" 0
check_eq "apply from the evidence: the key that takes effect now" "$(jq -r '.keys[].key' "$T/b2e.json")" \
	"Import.UnixFSChunker"
check "apply from the evidence: revert" tune-conf -q --revert "$T/b2e.json"
check_eq "apply from the evidence: reverted" "$(show | cmp - "$T/base.json" && echo same)" "same"

# a patch made before the node changed is refused
jq -c 'select(.key == "Import.UnixFSChunker")' "$T/patch.jsonl" >"$T/chunker.jsonl"
setkey Import.UnixFSChunker '%22size-8192%22'
show >"$T/moved.json"
check_exit "a key changed since the patch: refused" 1 tune-conf --apply --from "$T/chunker.jsonl" --backup "$T/b3.json"
check_grep "says the node changed it" 'Import\.UnixFSChunker: the node changed it since the patch was made' "$T/err"
check_eq "and changes nothing" "$(show | cmp - "$T/moved.json" && echo same)" "same"
check_eq "and writes no backup" "$(ls "$T/b3.json" 2>/dev/null)" ""
replace "$T/base.json"

# --- a key the node rejects (the proxy answers its set HTTP 400, as a node
# refusing it): everything already set is restored
hold_start reject
printf '%s\n' '{"key":"Datastore.BloomFilterSize","value":1048576}' \
	'{"key":"Import.UnixFSChunker","value":"size-65536"}' \
	'{"key":"Datastore.StorageGCWatermark","value":80}' >"$T/reject.jsonl"
check_exit "a rejected key: exit 1" 1 tune-conf --api "$HOLD" --apply --restart-ok --from "$T/reject.jsonl" --backup "$T/b4.json"
check_grep "names the key and the node's answer" 'Datastore\.StorageGCWatermark: the node refused it: config: HTTP 400' "$T/err"
check_grep "restores what it set" 'the node is as it was' "$T/err"
check_eq "a rejected key: config/show byte-identical" "$(show | cmp - "$T/base.json" && echo same)" "same"
printf '%s\n' '{"key":"Datastore.StorageGCWatermark","value":80}' '{"key":"Datastore.BloomFilterSize","value":1}' >"$T/reject1.jsonl"
check_exit "rejected first: exit 1" 1 tune-conf --api "$HOLD" --apply --restart-ok --from "$T/reject1.jsonl" --backup "$T/b5.json"
check_eq "rejected first: config/show byte-identical" "$(show | cmp - "$T/base.json" && echo same)" "same"
hold_stop
# a key tune-conf does not know never reaches the node
printf '%s\n' '{"key":"Datastore.BloomFilterSize","value":1}' '{"key":"Swarm.ConnMgr.HighWater","value":1}' >"$T/unknown.jsonl"
check_exit "a key not in the table: exit 1" 1 tune-conf --apply --restart-ok --from "$T/unknown.jsonl" --backup "$T/b5u.json"
check_grep "says so" 'Swarm\.ConnMgr\.HighWater: not a key tune-conf knows' "$T/err"
check_eq "and writes no backup, changes nothing" "$(ls "$T/b5u.json" 2>/dev/null; show | cmp - "$T/base.json" && echo same)" "same"

# --- a value that reads back different: restored, exit 1
hold_start mangle
check_exit "a different read-back: exit 1" 1 tune-conf --api "$HOLD" --apply --restart-ok --from "$T/patch.jsonl" --backup "$T/b6.json"
check_grep "names what it read back" 'set, but reads back as "mangled"' "$T/err"
check_eq "a different read-back: config/show byte-identical" "$(show | cmp - "$T/base.json" && echo same)" "same"
hold_stop

# --- kill -9 between a set and its read-back: the backup is whole and --revert uses it
hold_start hold
tune-conf --api "$HOLD" --apply --restart-ok --from "$T/patch.jsonl" --backup "$T/b7.json" >/dev/null 2>"$T/err7" &
tpid=$!
wait_for "tune-conf's first read-back" test -e "$T/hold.marker"
kill -9 "$tpid"
wait "$tpid" 2>/dev/null
check_eq "killed by SIGKILL" "$?" 137
hold_stop
check_eq "killed: the backup is there, mode 0600" "$(stat -c %a "$T/b7.json")" 600
check_eq "killed: the backup names the patch's keys" "$(jq -r '.keys[].key' "$T/b7.json" | sort | tr '\n' ' ')" \
	"Datastore.BloomFilterSize Import.UnixFSChunker "
check_eq "killed: the node is half-changed (the first key was set)" "$(show | cmp -s - "$T/base.json" || echo changed)" "changed"
check "killed: --revert with that backup" tune-conf --revert "$T/b7.json"
check_eq "killed: reverted, config/show byte-identical" "$(show | cmp - "$T/base.json" && echo same)" "same"

# --- SIGHUP (a closed terminal) between a set and its read-back: rolled
# back like SIGINT and SIGTERM, exit 130
hold_start release
tune-conf --api "$HOLD" --apply --restart-ok --from "$T/patch.jsonl" --backup "$T/b7h.json" >/dev/null 2>"$T/err7h" &
tpid=$!
wait_for "tune-conf's first read-back" test -e "$T/hold.marker"
kill -HUP "$tpid"
touch "$T/hold.marker.release"
wait "$tpid"
check_eq "SIGHUP during --apply: exit 130" "$?" 130
hold_stop
check_grep "SIGHUP: restored" 'the node is as it was' "$T/err7h"
check_eq "SIGHUP: config/show byte-identical" "$(show | cmp - "$T/base.json" && echo same)" "same"

# --- as on Kubo (the proxy answers version as Kubo does): an absent key is restored as null
proxy_start kubo
tune-conf --api "$PROXY" -q --apply --restart-ok --from <(jq -c 'select(.key == "Datastore.BloomFilterSize")' "$T/patch.jsonl") \
	--backup "$T/b8.json" >/dev/null 2>"$T/err"
check_eq "Kubo: applied" "$?" 0
check "Kubo: revert" tune-conf --api "$PROXY" -q --revert "$T/b8.json"
check_eq "Kubo: the absent key is null (Kubo's default) after revert" "$(show | jq -c .Datastore.BloomFilterSize)" null
proxy_stop
replace "$T/base.json"

# --- the default backup name, in the current folder
mkdir "$T/here"
(cd "$T/here" && tune-conf -q --apply --from "$T/chunker.jsonl") >/dev/null 2>"$T/err"
check_eq "default backup: tune-conf-backup-YYYYmmddTHHMMSS.json" \
	"$(ls "$T/here" | grep -cE '^tune-conf-backup-[0-9]{8}T[0-9]{6}\.json$')" 1
check "default backup: revert" tune-conf -q --revert "$T/here"/tune-conf-backup-*.json
check_eq "default backup: reverted" "$(show | cmp - "$T/base.json" && echo same)" "same"

# --- nothing to apply leaves the node alone
check "a patch that is already so" tune-conf --apply --from <(printf '{"key":"Import.UnixFSChunker","value":"size-4096"}\n') \
	--backup "$T/b9.json"
check_grep "says so" 'Import\.UnixFSChunker: already so, left alone' "$T/err"
check_eq "and writes no backup" "$(ls "$T/b9.json" 2>/dev/null)" ""

replace "$T/orig.json"
check_man_examples "$top/man/tune-conf.1"
check_eq "the node's config is as this test found it" "$(show | cmp - "$T/orig.json" && echo same)" "same"
