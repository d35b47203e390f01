# The test node answers its RPC API and gateway (the other node tests rely on it).
. "$(dirname "$0")/../lib.sh"
check_sh "node answers /api/v0/version" 'curl -sf -X POST "$IPFS_API/api/v0/version" | grep -q "\"Version\""'
check_sh "node gateway serves what the API added" '
	cid=$(printf hello | curl -sf -X POST -F "file=@-;type=application/octet-stream" "$IPFS_API/api/v0/add" | jq -r .Hash) &&
	[ "$(curl -sf "$IPFS_GATEWAY/ipfs/$cid")" = hello ]'
