# tests/node/ipfsd.sh: start and stop the real js-ipfs test node on loopback.
# Source it, then: ipfsd_start (exports IPFS_API, IPFS_GATEWAY, IPFSD_DIR)
# and ipfsd_stop. The repo lives in a temporary folder; ports are free ones
# picked at start. The node runs offline: no swarm, no bootstrap, no MDNS.

ipfsd_nodedir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Print n free loopback TCP ports.
ipfsd_ports() {
	node -e '
		const net = require("net"); const n = +process.argv[1]; const out = [];
		(function next() {
			if (out.length === n) { console.log(out.join(" ")); return; }
			const s = net.createServer().listen(0, "127.0.0.1", () => {
				out.push(s.address().port); s.close(next);
			});
		})();' "$1"
}

ipfsd_start() {
	local bin=$ipfsd_nodedir/node_modules/.bin/jsipfs ports api gw rpc i
	if [ ! -x "$bin" ]; then
		echo "ipfsd: $bin is missing: run 'make deps'" >&2
		return 1
	fi
	IPFSD_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ipfsperf-node.XXXXXX")
	read -r api gw rpc <<<"$(ipfsd_ports 3)"
	cat >"$IPFSD_DIR/init.json" <<JSON
{
  "Addresses": {
    "API": "/ip4/127.0.0.1/tcp/$api",
    "Gateway": "/ip4/127.0.0.1/tcp/$gw",
    "RPC": "/ip4/127.0.0.1/tcp/$rpc",
    "Swarm": [],
    "Delegates": []
  },
  "Bootstrap": [],
  "Discovery": { "MDNS": { "Enabled": false }, "webRTCStar": { "Enabled": false } }
}
JSON
	IPFS_PATH=$IPFSD_DIR/repo NODE_OPTIONS="--require $ipfsd_nodedir/polyfill.cjs" \
		"$bin" daemon --init-config "$IPFSD_DIR/init.json" --offline \
		>"$IPFSD_DIR/daemon.log" 2>&1 &
	IPFSD_PID=$!
	for i in $(seq 1 120); do
		if grep -q "Daemon is ready" "$IPFSD_DIR/daemon.log" 2>/dev/null; then
			export IPFSD_DIR IPFSD_PID
			export IPFS_API="http://127.0.0.1:$api"
			export IPFS_GATEWAY="http://127.0.0.1:$gw"
			export IPFS_PATH="$IPFSD_DIR/repo"
			echo "ipfsd: js-ipfs up, api $IPFS_API, gateway $IPFS_GATEWAY" >&2
			return 0
		fi
		kill -0 "$IPFSD_PID" 2>/dev/null || break
		sleep 0.5
	done
	echo "ipfsd: the node did not start; its log:" >&2
	sed 's/^/  /' "$IPFSD_DIR/daemon.log" >&2
	ipfsd_stop
	return 1
}

ipfsd_stop() {
	if [ -n "${IPFSD_PID:-}" ]; then
		kill "$IPFSD_PID" 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$IPFSD_PID" 2>/dev/null || break
			sleep 0.3
		done
		kill -9 "$IPFSD_PID" 2>/dev/null
		wait "$IPFSD_PID" 2>/dev/null
		IPFSD_PID=
	fi
	[ -n "${IPFSD_DIR:-}" ] && rm -rf "$IPFSD_DIR"
	IPFSD_DIR=
	return 0
}
