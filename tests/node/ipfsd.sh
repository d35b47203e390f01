# tests/node/ipfsd.sh: start and stop the real js-ipfs test node on loopback.
# Source it, then: ipfsd_start (exports IPFS_API, IPFS_GATEWAY, IPFS_PATH,
# IPFSD_DIR, IPFSD_LOG) and ipfsd_stop. The repo lives in a temporary
# folder. The node listens on port 0 and its ports are read from what it
# prints, so no port is picked ahead and raced for. It runs offline: no
# swarm, no bootstrap, no MDNS.

ipfsd_nodedir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# ipfsd_port WHAT: the port of the listener whose log line starts with WHAT.
ipfsd_port() {
	sed -n "s|^$1 listening on /ip4/127\\.0\\.0\\.1/tcp/\\([0-9]*\\)/.*|\\1|p" "$IPFSD_LOG" | head -n 1
}

ipfsd_start() {
	local bin=$ipfsd_nodedir/node_modules/.bin/jsipfs api gw i
	if [ ! -x "$bin" ]; then
		echo "ipfsd: $bin is missing: run 'make deps'" >&2
		return 1
	fi
	IPFSD_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ipfsperf-node.XXXXXX")
	IPFSD_LOG=$IPFSD_DIR/daemon.log
	cat >"$IPFSD_DIR/init.json" <<JSON
{
  "Addresses": {
    "API": "/ip4/127.0.0.1/tcp/0",
    "Gateway": "/ip4/127.0.0.1/tcp/0",
    "RPC": "/ip4/127.0.0.1/tcp/0",
    "Swarm": [],
    "Delegates": []
  },
  "Bootstrap": [],
  "Discovery": { "MDNS": { "Enabled": false }, "webRTCStar": { "Enabled": false } }
}
JSON
	IPFS_PATH=$IPFSD_DIR/repo NODE_OPTIONS="--require $ipfsd_nodedir/polyfill.cjs" \
		"$bin" daemon --init-config "$IPFSD_DIR/init.json" --offline \
		>"$IPFSD_LOG" 2>&1 &
	IPFSD_PID=$!
	# Wait for the node to say it is ready (up to 180 s on a busy machine),
	# or to die.
	for i in $(seq 1 360); do
		if grep -q "Daemon is ready" "$IPFSD_LOG" 2>/dev/null; then
			api=$(ipfsd_port "HTTP API") gw=$(ipfsd_port "Gateway (read only)")
			[ -n "$api" ] && [ -n "$gw" ] || break
			export IPFSD_DIR IPFSD_PID IPFSD_LOG
			export IPFS_API="http://127.0.0.1:$api"
			export IPFS_GATEWAY="http://127.0.0.1:$gw"
			export IPFS_PATH="$IPFSD_DIR/repo"
			echo "ipfsd: js-ipfs up, api $IPFS_API, gateway $IPFS_GATEWAY" >&2
			return 0
		fi
		kill -0 "$IPFSD_PID" 2>/dev/null || break
		sleep 0.5
	done
	echo "ipfsd: the node did not start (or named no API and gateway port); its log:" >&2
	sed 's/^/  /' "$IPFSD_LOG" >&2
	ipfsd_stop
	return 1
}

# ipfsd_log_tail [N]: the last N (20) lines of the node's log, indented.
ipfsd_log_tail() {
	[ -n "${IPFSD_LOG:-}" ] && [ -f "$IPFSD_LOG" ] || return 0
	echo "  last lines of the node's log ($IPFSD_LOG):"
	tail -n "${1:-20}" "$IPFSD_LOG" | sed 's/^/  > /'
}

ipfsd_stop() {
	if [ -n "${IPFSD_PID:-}" ]; then
		kill "$IPFSD_PID" 2>/dev/null
		for _ in $(seq 1 20); do
			kill -0 "$IPFSD_PID" 2>/dev/null || break
			sleep 0.3
		done
		kill -9 "$IPFSD_PID" 2>/dev/null
		wait "$IPFSD_PID" 2>/dev/null
		IPFSD_PID=
	fi
	[ -n "${IPFSD_DIR:-}" ] && rm -rf "$IPFSD_DIR"
	IPFSD_DIR= IPFSD_LOG=
	return 0
}
