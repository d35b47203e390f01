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

# ipfsd_reap PID: a node told to stop: give it 6 s to exit, then kill it.
ipfsd_reap() {
	for _ in $(seq 1 20); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.3
	done
	kill -9 "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

ipfsd_stop() {
	if [ -n "${IPFSD_PID:-}" ]; then
		kill "$IPFSD_PID" 2>/dev/null
		ipfsd_reap "$IPFSD_PID"
		IPFSD_PID=
	fi
	[ -n "${IPFSD_DIR:-}" ] && rm -rf "$IPFSD_DIR"
	IPFSD_DIR= IPFSD_LOG=
	return 0
}

# Two online nodes on loopback, for what needs blocks to travel between
# peers (bitswap). The shared node above runs --offline, so it cannot serve
# blocks: ipfsd2_start starts a pair of its own, A and B, each with a swarm
# listener on /ip4/127.0.0.1/tcp/0 (no bootstrap, no MDNS, no delegates,
# so no traffic leaves loopback), connects B to A with /api/v0/swarm/connect
# and waits until each has identified the other (its agent and its
# bitswap protocols known). It exports IPFS_API_A, IPFS_API_B, IPFS_GATEWAY_A, IPFS_GATEWAY_B,
# IPFS_PEER_A, IPFS_PEER_B (peer IDs), IPFS_SWARM_A, IPFS_SWARM_B (swarm
# multiaddrs with /p2p/), IPFSD2_DIR and IPFSD2_LOG_A, IPFSD2_LOG_B; and
# leaves the shared node's variables alone. ipfsd2_stop stops both.
# Identify (and so bitswap) between two js-ipfs nodes needs the libp2p 0.42
# set pinned by the overrides in package.json.

# ipfsd2_log_port LOG WHAT: as ipfsd_port, from the log LOG.
ipfsd2_log_port() {
	sed -n "s|^$2 listening on /ip4/127\\.0\\.0\\.1/tcp/\\([0-9]*\\)/.*|\\1|p" "$1" | head -n 1
}

# ipfsd2_json URL FILTER: POST to URL, print the jq FILTER of its answer.
ipfsd2_json() {
	curl -sf -m 10 -X POST "$1" | jq -r "$2"
}

# ipfsd2_node NAME: start one online node in $IPFSD2_DIR/NAME; its pid in
# IPFSD2_PID_NAME.
ipfsd2_node() {
	local n=$1 d=$IPFSD2_DIR/$1
	mkdir -p "$d"
	cat >"$d/init.json" <<JSON
{
  "Addresses": {
    "API": "/ip4/127.0.0.1/tcp/0",
    "Gateway": "/ip4/127.0.0.1/tcp/0",
    "RPC": "/ip4/127.0.0.1/tcp/0",
    "Swarm": ["/ip4/127.0.0.1/tcp/0"],
    "Delegates": []
  },
  "Bootstrap": [],
  "Discovery": { "MDNS": { "Enabled": false }, "webRTCStar": { "Enabled": false } }
}
JSON
	IPFS_PATH=$d/repo NODE_OPTIONS="--require $ipfsd_nodedir/polyfill.cjs" \
		"$ipfsd_nodedir/node_modules/.bin/jsipfs" daemon --init-config "$d/init.json" \
		>"$d/daemon.log" 2>&1 &
	printf -v "IPFSD2_PID_$n" %s $!
}

# ipfsd2_ready NAME: the node NAME said it is ready and named its ports;
# sets IPFS_API_NAME, IPFS_GATEWAY_NAME, IPFS_SWARM_NAME, IPFS_PEER_NAME.
ipfsd2_ready() {
	local n=$1 log=$IPFSD2_DIR/$1/daemon.log api gw sw
	grep -q "Daemon is ready" "$log" 2>/dev/null || return 1
	api=$(ipfsd2_log_port "$log" "HTTP API") gw=$(ipfsd2_log_port "$log" "Gateway (read only)")
	sw=$(sed -n 's|^Swarm listening on \(/ip4/127\.0\.0\.1/tcp/[0-9]*/p2p/[A-Za-z0-9]*\)$|\1|p' "$log" | head -n 1)
	[ -n "$api" ] && [ -n "$gw" ] && [ -n "$sw" ] || return 2
	printf -v "IPFS_API_$n" %s "http://127.0.0.1:$api"
	printf -v "IPFS_GATEWAY_$n" %s "http://127.0.0.1:$gw"
	printf -v "IPFS_SWARM_$n" %s "$sw"
	printf -v "IPFS_PEER_$n" %s "${sw##*/p2p/}"
}

# ipfsd2_identified FROM PEER: FROM's view of PEER came from identify: an
# agent, and bitswap among its protocols. (Bitswap's own peer list, in
# bitswap/stat, may stay empty until bitswap is first used.)
ipfsd2_identified() {
	ipfsd2_json "$1/api/v0/id?arg=$2" '.AgentVersion + " " + (.Protocols | join(" "))' |
		grep -q '^js-ipfs/.* /ipfs/bitswap/1\.2\.0'
}

# ipfsd2_start: start A and B, connect B to A, wait for identify both ways
# (up to 180 s to start, 30 s to connect and identify).
ipfsd2_start() {
	if [ ! -x "$ipfsd_nodedir/node_modules/.bin/jsipfs" ]; then
		echo "ipfsd2: jsipfs is missing: run 'make deps'" >&2
		return 1
	fi
	IPFSD2_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ipfsperf-node2.XXXXXX")
	IPFSD2_LOG_A=$IPFSD2_DIR/A/daemon.log IPFSD2_LOG_B=$IPFSD2_DIR/B/daemon.log
	ipfsd2_node A
	ipfsd2_node B
	local n what= end=$((SECONDS + 180)) rc
	for n in A B; do
		until ipfsd2_ready "$n"; do
			rc=$?
			if [ $rc -eq 2 ]; then what="node $n named no API, gateway or swarm address"; break 2; fi
			if grep -q "no valid addresses were provided for transports" "$IPFSD2_DIR/$n/daemon.log"; then
				what="node $n's transports refused its listen address (the libp2p set in package.json's overrides is not installed: make deps)"
				break 2
			fi
			local pid_var=IPFSD2_PID_$n
			if ! kill -0 "${!pid_var}" 2>/dev/null; then what="node $n died"; break 2; fi
			if [ $SECONDS -ge $end ]; then what="node $n did not start in 180 s"; break 2; fi
			sleep 0.2
		done
	done
	if [ -z "$what" ]; then
		if ! curl -sf -m 30 -X POST "$IPFS_API_B/api/v0/swarm/connect?arg=$IPFS_SWARM_A" >/dev/null; then
			what="B could not connect to A ($IPFS_SWARM_A)"
		else
			end=$((SECONDS + 30))
			until ipfsd2_identified "$IPFS_API_B" "$IPFS_PEER_A" &&
				ipfsd2_identified "$IPFS_API_A" "$IPFS_PEER_B"; do
				if [ $SECONDS -ge $end ]; then
					what="A and B connected but did not identify each other in 30 s (id: $(curl -s -m 10 -X POST "$IPFS_API_B/api/v0/id?arg=$IPFS_PEER_A"))"
					break
				fi
				sleep 0.2
			done
		fi
	fi
	if [ -n "$what" ]; then
		echo "ipfsd2: $what; the logs:" >&2
		for n in A B; do
			echo "  node $n:" >&2
			tail -n 30 "$IPFSD2_DIR/$n/daemon.log" 2>/dev/null | sed 's/^/  > /' >&2
		done
		ipfsd2_stop
		return 1
	fi
	export IPFSD2_DIR IPFSD2_LOG_A IPFSD2_LOG_B IPFSD2_PID_A IPFSD2_PID_B
	export IPFS_API_A IPFS_API_B IPFS_GATEWAY_A IPFS_GATEWAY_B
	export IPFS_PEER_A IPFS_PEER_B IPFS_SWARM_A IPFS_SWARM_B
	echo "ipfsd2: A $IPFS_API_A ($IPFS_SWARM_A), B $IPFS_API_B, connected and identified" >&2
	return 0
}

ipfsd2_stop() {
	local n pid_var pid
	for n in A B; do
		pid_var=IPFSD2_PID_$n pid=${!pid_var:-}
		[ -n "$pid" ] && kill "$pid" 2>/dev/null
	done
	for n in A B; do
		pid_var=IPFSD2_PID_$n pid=${!pid_var:-}
		[ -n "$pid" ] || continue
		ipfsd_reap "$pid"
		printf -v "$pid_var" %s ""
	done
	[ -n "${IPFSD2_DIR:-}" ] && rm -rf "$IPFSD2_DIR"
	IPFSD2_DIR= IPFSD2_LOG_A= IPFSD2_LOG_B=
	return 0
}

# ipfsd2_test: the pair for a test script: says "ok" when it is up (and
# stops it when the script exits), else "not ok" with the start's error
# and returns 1.
ipfsd2_test() {
	local what="two online nodes start, B connects to A, both identify"
	if ipfsd2_start 2>"$T/ipfsd2.err"; then
		ok "$what"
		trap 'ipfsd2_stop; rm -rf "$T"' EXIT
	else
		notok "$what" "$(tail -n 40 "$T/ipfsd2.err")"
		return 1
	fi
}
