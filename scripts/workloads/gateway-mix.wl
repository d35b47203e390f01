# A gateway-like read mix: small objects read often, a few large ones,
# reads through the gateway as well as the API; then the cache a gateway
# would need for such a mix, from the reads themselves.
sizes 4k,16k,64k
sizes 1M
ipfs-time-cat --call version --call id
